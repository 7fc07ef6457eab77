package xlsxread

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Cell is one cell as stored.
type Cell struct {
	// Type is the cell's t attribute: "s", "str", "inlineStr", "b", "e", "d", "n" or "".
	Type string
	// Value is the stored value: a shared or inline string's text, a number as written,
	// 1 or 0 for a boolean, an error value, a formula's saved result.
	Value string
	// Formula reports a formula in the cell (its own or a share of another cell's).
	Formula bool
	// Style is the cell's style index (0, the default, when it has none).
	Style int
}

// Range is a rectangle of cells, 1-based and inclusive.
type Range struct {
	Col1, Row1, Col2, Row2 int
}

// Contains reports whether the cell at col, row lies inside r.
func (r Range) Contains(col, row int) bool {
	return col >= r.Col1 && col <= r.Col2 && row >= r.Row1 && row <= r.Row2
}

// String is the range in A1 notation: "C5:D6".
func (r Range) String() string {
	a, _ := excelize.CoordinatesToCellName(r.Col1, r.Row1)
	b, _ := excelize.CoordinatesToCellName(r.Col2, r.Row2)
	return a + ":" + b
}

type coord struct{ col, row int }

// Sheet is one worksheet's cells and merged ranges.
type Sheet struct {
	cells  map[coord]Cell
	merges []Range
	maxRow int
}

// Sheet parses a worksheet, once; later calls return the same Sheet or error. A sheet the
// workbook lists without a part, or whose XML does not parse, is an ErrCorrupt error.
func (w *Workbook) Sheet(name string) (*Sheet, error) {
	if s, ok := w.parsed[name]; ok {
		return s, nil
	}
	if err, ok := w.failed[name]; ok {
		return nil, err
	}
	s, err := w.parseSheet(name)
	if err != nil {
		w.failed[name] = err
		return nil, err
	}
	w.parsed[name] = s
	return s, nil
}

// SheetErr is the error an earlier Sheet call gave for the sheet: nil when it parsed or
// was never asked for.
func (w *Workbook) SheetErr(name string) error { return w.failed[name] }

func (w *Workbook) parseSheet(name string) (*Sheet, error) {
	part := ""
	found := false
	for _, e := range w.sheets {
		if e.name == name {
			part, found = e.part, true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("xlsxread: no sheet %q", name)
	}
	data, err := w.part(part)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, corrupt("sheet %q has no part %q", name, part)
	}
	s := &Sheet{cells: map[coord]Cell{}}
	sc := newScanner(data, part)
	if sc.next() != tokStart || !sc.is("worksheet") {
		if sc.err != nil {
			return nil, sc.err
		}
		return nil, corrupt("sheet %q: not a worksheet", name)
	}
	var row, col int
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok != tokStart:
		case sc.is("row") && sc.in("sheetData"):
			if r, err := strconv.Atoi(sc.attr("r")); err == nil && r > 0 && r <= excelize.TotalRows {
				row = r
			} else {
				row++
			}
			col = 0
		case sc.is("c") && sc.in("row"):
			at := coord{col + 1, max(row, 1)}
			if ref := sc.attr("r"); ref != "" {
				if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
					at = coord{c, r}
				}
			}
			col = at.col
			c := readCell(sc, w.sst)
			// A cell with only a style (most of a formatted form) holds nothing to read.
			if c.Type == "" && c.Value == "" && !c.Formula {
				continue
			}
			if len(s.cells) >= maxCells {
				return nil, fmt.Errorf("%w: sheet %q has more than %d cells", ErrTooLarge, name, maxCells)
			}
			s.cells[at] = c
			s.maxRow = max(s.maxRow, at.row)
		case sc.is("mergeCell") && sc.in("mergeCells"):
			if r, ok := parseRange(sc.attr("ref")); ok {
				if len(s.merges) >= maxMerges {
					return nil, fmt.Errorf("%w: sheet %q has more than %d merged ranges", ErrTooLarge, name, maxMerges)
				}
				s.merges = append(s.merges, r)
			}
		}
	}
	if sc.err != nil {
		return nil, sc.err
	}
	return s, nil
}

// A return has about a thousand cells and a few dozen merged ranges per answer sheet, a
// few hundred shared strings and defined names; a workbook with hundreds of times more is
// not a return, and would cost memory (a 32 MB part of empty-looking cells held a gigabyte
// in a cell map) and time (every read looks through the merges).
const (
	maxCells   = 200_000
	maxMerges  = 10_000
	maxStrings = 200_000
	maxNames   = 50_000
)

// readCell reads a <c> element the scanner has just started, up to its end, with its
// value as read: a shared string's text, an inline string's, or what <v> holds.
func readCell(sc *scanner, sst []string) Cell {
	style, _ := strconv.Atoi(sc.attr("s"))
	c := Cell{Type: sc.attr("t"), Style: style}
	var v, inline string
	hasInline := false
	depth := sc.depth()
	for tok := sc.next(); tok != tokEOF && sc.depth() >= depth; tok = sc.next() {
		switch {
		case tok != tokStart || !sc.in("c"):
		case sc.is("v"):
			v = textOf(sc)
		case sc.is("f"):
			shared := sc.attr("t") == "shared"
			text := textOf(sc)
			c.Formula = c.Formula || shared || text != ""
		case sc.is("is"):
			inline, hasInline = richText(sc), true
		}
	}
	switch {
	case c.Type == "s":
		// An index that is not a number or out of range reads as nothing; excelize reads
		// a non-number as string 0, which would invent an answer.
		if i, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && i >= 0 && i < len(sst) {
			c.Value = sst[i]
		}
	case c.Type == "inlineStr" && hasInline:
		c.Value = inline
	default:
		c.Value = v
	}
	return c
}

func parseRange(ref string) (Range, bool) {
	a, b, ok := strings.Cut(ref, ":")
	if !ok {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return Range{}, false
	}
	return Range{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}

// Merges is the sheet's merged ranges in file order.
func (s *Sheet) Merges() []Range { return s.merges }

// MergeAt returns the first merged range containing the cell.
func (s *Sheet) MergeAt(col, row int) (Range, bool) {
	for _, m := range s.merges {
		if m.Contains(col, row) {
			return m, true
		}
	}
	return Range{}, false
}

// Cell is the cell at col, row; a cell inside a merged range is the range's top-left cell,
// the only one Excel keeps a value for.
func (s *Sheet) Cell(col, row int) Cell {
	if m, ok := s.MergeAt(col, row); ok {
		col, row = m.Col1, m.Row1
	}
	return s.cells[coord{col, row}]
}

// CellRef is Cell by A1 reference; a malformed reference is an empty cell.
func (s *Sheet) CellRef(ref string) Cell {
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return Cell{}
	}
	return s.Cell(col, row)
}

// Column is the values of one column from row 1 to the sheet's last row with a cell, as
// stored (merged ranges are not resolved: an id column holds one id per row).
func (s *Sheet) Column(col int) []string {
	out := make([]string, s.maxRow)
	for at, c := range s.cells {
		if at.col == col {
			out[at.row-1] = c.Value
		}
	}
	return out
}
