package form

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Where the live checks live on every sheet. The box sits beside the header in the note
// column, rows 2–4, which every sheet leaves free (the header's labels and answers are in
// C and D, the 【記入上の注意】 starts at row 5 or 6); its rows grow, no cell moves. The
// flags, one column per LiveKind, are hidden outside the print area.
const (
	BoxCol      = NoteCol
	BoxFirstRow = 2
	BoxLastRow  = 4
	// FlagCol is the first hidden column of flags (LiveMissing); the kinds follow it.
	FlagCol = "G"
	// BoxHeading and BoxNote open and close the box; the counts stand between them.
	BoxHeading = "【入力の確認（自動）】"
	BoxNote    = "※目安です。提出前に zaitaku validate または回答票チェックで確認してください"
	// BoxDone is what the box says when nothing is left to do.
	BoxDone = "入力漏れはありません"
	// boxRowHeight makes the three rows hold the box's lines at its 9-point font.
	boxRowHeight = 30
)

// BoxName and FlagsName are the defined names of a sheet's box and flag columns (the
// sheet's position in the schema, from 1).
func BoxName(sheet int) string   { return fmt.Sprintf("%sbox_%d", HelperPrefix, sheet) }
func FlagsName(sheet int) string { return fmt.Sprintf("%sflags_%d", HelperPrefix, sheet) }

// FlagColumn is the hidden column holding a kind's flags.
func FlagColumn(k LiveKind) string {
	first, _ := excelize.ColumnNameToNumber(FlagCol)
	name, _ := excelize.ColumnNumberToName(first + int(k))
	return name
}

// flagSum is the sum of every kind's flags on rows from to to: above 0 when a check there
// fails.
func flagSum(from, to int) string {
	return fmt.Sprintf("SUM($%s$%d:$%s$%d)", FlagColumn(0), from, FlagColumn(liveKinds-1), to)
}

// placed is where a defined name (or a 合計 row) was written.
type placed struct {
	sheet, col string
	row, rows  int
}

// placements remembers, while the sheets are written, every named cell and 合計 row and
// each sheet's last row, for the live checks written after them.
type placements struct {
	at   map[string]placed
	rows map[string]int
}

func (p *placements) last(sheet string, row int) {
	if p.rows == nil {
		p.rows = map[string]int{}
	}
	p.rows[sheet] = row
}

// place records where name (or a 合計 row's key) stands: the current row of col.
func (w *sheetWriter) place(name, col string, rows int) {
	if w.placed.at == nil {
		w.placed.at = map[string]placed{}
	}
	w.placed.at[name] = placed{sheet: w.name, col: col, row: w.row, rows: rows}
}

// cellOf is where a check's At stands on the form.
func (p *placements) cellOf(at string) (placed, bool) {
	name := at
	switch {
	case at == MetaWard:
		name = NameWard
	case at == MetaPeriod:
		name = NamePeriod
	case !strings.HasPrefix(at, TotalRowPrefix):
		name = DefinedName(at)
	}
	c, ok := p.at[name]
	return c, ok
}

// flagCell is one hidden flag: the checks of one kind on one marked row.
type flagCell struct {
	sheet    string
	row      int
	kind     LiveKind
	formulas []string
	mark     string // the cells its fill marks: D12, or C30:E34 for a list
}

// writeLive writes the live checks: a flag per check in the hidden columns, a light red
// fill on the cells they mark, and the 確認 box of every sheet.
func (b *builder) writeLive() {
	if b.err != nil {
		return
	}
	var flags []*flagCell
	index := map[string]*flagCell{}
	for _, c := range LiveChecks(b.sc) {
		at, ok := b.placed.cellOf(c.At)
		if !ok {
			continue // the header of a later sheet: its 区名 is the first sheet's
		}
		key := fmt.Sprintf("%s\x00%d\x00%d", at.sheet, at.row, c.Kind)
		fc := index[key]
		if fc == nil {
			fc = &flagCell{sheet: at.sheet, row: at.row, kind: c.Kind, mark: fmt.Sprintf("%s%d", at.col, at.row)}
			if at.col == LabelCol {
				fc.mark = fmt.Sprintf("%s%d:%s%d", LabelCol, at.row, NoteCol, at.row+at.rows-1)
			}
			index[key] = fc
			flags = append(flags, fc)
		}
		fc.formulas = append(fc.formulas, c.Formula)
	}
	st := b.liveStyles()
	marked := map[string]bool{}
	for _, fc := range flags {
		terms := make([]string, len(fc.formulas))
		for i, f := range fc.formulas {
			terms[i] = "IFERROR(IF(" + f + ",1,0),0)"
		}
		b.check(b.f.SetCellFormula(fc.sheet, fmt.Sprintf("%s%d", FlagColumn(fc.kind), fc.row), strings.Join(terms, "+")))
		if mk := fc.sheet + "!" + fc.mark; !marked[mk] {
			marked[mk] = true
			rule := flagSum(fc.row, fc.row) + ">0"
			for _, ref := range columnRanges(fc.mark) {
				b.check(b.f.SetConditionalFormat(fc.sheet, ref, []excelize.ConditionalFormatOptions{{Type: "formula", Criteria: rule, Format: &st.mark}}))
			}
		}
	}
	for i, sh := range b.sc.Sheets {
		b.writeBox(sh.Name, i+1, st)
	}
}

type liveStyles struct{ box, mark, open, done int }

func (b *builder) liveStyles() liveStyles {
	cs := func(color string) int {
		id, err := b.f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}})
		b.check(err)
		return id
	}
	box, err := b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Size: 9},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Border: []excelize.Border{
			{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
			{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
		},
	})
	b.check(err)
	return liveStyles{box: box, mark: cs("FFD9D9"), open: cs("FFE9E0"), done: cs("E2EFDA")}
}

// BoxFormula is the formula of a sheet's 確認 box (without "="): its heading, then either
// BoxDone or the count of each kind found on rows 1 to last, 「・」-separated
// (「未記入 3件・内訳の不一致 1件」), then its note; one line each.
func BoxFormula(last int) string {
	count := func(k LiveKind) string {
		c := FlagColumn(k)
		return fmt.Sprintf("SUM($%s$1:$%s$%d)", c, c, last)
	}
	var parts []string
	for _, k := range LiveKinds() {
		parts = append(parts, fmt.Sprintf(`IF(%s>0,"・%s "&%s&"件","")`, count(k), k.Label(), count(k)))
	}
	all := flagSum(1, last)
	status := fmt.Sprintf(`IF(%s=0,"%s",MID(%s,2,200))`, all, BoxDone, strings.Join(parts, "&"))
	return fmt.Sprintf(`"%s"&CHAR(10)&IFERROR(%s,"（計算できません）")&CHAR(10)&"%s"`, BoxHeading, status, BoxNote)
}

// writeBox writes a sheet's 確認 box and names it and the flag columns for the reader.
func (b *builder) writeBox(sheet string, index int, st liveStyles) {
	f := b.f
	last := b.placed.rows[sheet]
	first, end := fmt.Sprintf("%s%d", BoxCol, BoxFirstRow), fmt.Sprintf("%s%d", BoxCol, BoxLastRow)
	b.check(f.MergeCell(sheet, first, end))
	b.check(f.SetCellFormula(sheet, first, BoxFormula(last)))
	b.check(f.SetCellStyle(sheet, first, end, st.box))
	for row := BoxFirstRow; row <= BoxLastRow; row++ {
		b.check(f.SetRowHeight(sheet, row, boxRowHeight))
	}
	all := flagSum(1, last)
	b.check(f.SetConditionalFormat(sheet, first+":"+end, []excelize.ConditionalFormatOptions{
		{Type: "formula", Criteria: all + ">0", Format: &st.open},
		{Type: "formula", Criteria: all + "=0", Format: &st.done},
	}))
	flagsFrom, flagsTo := FlagColumn(0), FlagColumn(liveKinds-1)
	b.check(f.SetColWidth(sheet, flagsFrom, flagsTo, 4))
	b.check(f.SetColVisible(sheet, flagsFrom+":"+flagsTo, false))
	b.check(f.SetDefinedName(&excelize.DefinedName{Name: BoxName(index),
		RefersTo: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, BoxCol, BoxFirstRow, BoxCol, BoxLastRow)}))
	b.check(f.SetDefinedName(&excelize.DefinedName{Name: FlagsName(index),
		RefersTo: fmt.Sprintf("'%s'!$%s$1:$%s$%d", sheet, flagsFrom, flagsTo, last)}))
}

// columnRanges splits a marked range into one range per column (C30:E34 → C30:C34,
// D30:D34, E30:E34); a single cell stays as it is. The rule's references are absolute, so
// each part marks what the whole did; and excelize, when the marked copy takes a cell out
// of the conditional formats (Annotate), rewrites a range of several columns in map order,
// which would make the copy differ from run to run.
func columnRanges(ref string) []string {
	from, to, ok := strings.Cut(ref, ":")
	if !ok {
		return []string{ref}
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 == c2 {
		return []string{ref}
	}
	var out []string
	for c := c1; c <= c2; c++ {
		a, _ := excelize.CoordinatesToCellName(c, r1)
		b, _ := excelize.CoordinatesToCellName(c, r2)
		out = append(out, a+":"+b)
	}
	return out
}
