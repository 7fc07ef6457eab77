package xlsxread

import (
	"fmt"
	"slices"
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
	i, found := w.sheetAt[name]
	if !found {
		return nil, fmt.Errorf("xlsxread: no sheet %q", name)
	}
	part := w.sheets[i].part
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
			if _, twice := s.cells[at]; twice {
				// Readers differ on which of the two is the cell (this map kept the last).
				return nil, corrupt("sheet %q: cell %s given twice", name, sc.attr("r"))
			}
			if w.cells+len(s.cells) >= maxCells {
				return nil, fmt.Errorf("%w: sheet %q: more than %d cells in the workbook", ErrTooLarge, name, maxCells)
			}
			s.cells[at] = c
		case sc.is("mergeCell") && sc.in("mergeCells"):
			if r, ok := parseRange(sc.attr("ref")); ok {
				if w.merges+len(s.merges) >= maxMerges {
					return nil, fmt.Errorf("%w: sheet %q: more than %d merged ranges in the workbook", ErrTooLarge, name, maxMerges)
				}
				s.merges = append(s.merges, r)
			}
		}
	}
	if sc.err != nil {
		return nil, sc.err
	}
	w.cells += len(s.cells)
	w.merges += len(s.merges)
	return s, nil
}

// A return has four sheets of about a thousand cells and a few dozen merged ranges, a few
// hundred shared strings and defined names, a dozen relationships and twenty parts; a
// workbook with hundreds of times more is not a return, and would cost memory (a 32 MB
// part of empty-looking cells held a gigabyte in a cell map) and time (every read looks
// through the merges; without names, every sheet is read). Cells and merged ranges are
// counted over all sheets read.
const (
	maxCells   = 200_000
	maxMerges  = 10_000
	maxStrings = 200_000
	maxNames   = 50_000
	maxSheets  = 1_000
	maxRels    = 10_000
	maxParts   = 10_000
	// Excel keeps at most 32,767 characters in a cell, so no more runs of formatting.
	maxRuns = 32_767
)

// readCell reads a <c> element the scanner has just started, up to its end, with its
// value as read: a shared string's text, an inline string's, or what <v> holds.
func readCell(sc *scanner, sst []string) Cell {
	style, _ := strconv.Atoi(sc.attr("s"))
	c := Cell{Type: sc.attr("t"), Style: style}
	var v, inline string
	hasInline := false
	depth := sc.depth()
	var seen [3]bool // v, f, is: each at most once, or readers differ on which counts
	once := func(i int) {
		if seen[i] {
			sc.fail("a cell with two <" + string(sc.local) + ">")
		}
		seen[i] = true
	}
	for tok := sc.next(); tok != tokEOF && sc.depth() >= depth; tok = sc.next() {
		switch {
		case tok != tokStart || !sc.in("c"):
		case sc.is("v"):
			once(0)
			v = textOf(sc)
		case sc.is("f"):
			once(1)
			shared := sc.attr("t") == "shared"
			text := textOf(sc)
			c.Formula = c.Formula || shared || text != ""
		case sc.is("is"):
			once(2)
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

// RowValue is a cell's value and its row.
type RowValue struct {
	Row   int
	Value string
}

// Column is the cells of one column that hold a value, by row, as stored (merged ranges
// are not resolved: an id column holds one id per row). It holds only those cells: one
// cell in the last row of a sheet must not cost a million entries.
func (s *Sheet) Column(col int) []RowValue {
	var out []RowValue
	for at, c := range s.cells {
		if at.col == col {
			out = append(out, RowValue{at.row, c.Value})
		}
	}
	slices.SortFunc(out, func(a, b RowValue) int { return a.Row - b.Row })
	return out
}
