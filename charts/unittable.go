package charts

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// UnitTable is the table of each unit's counts of one counts question (the schema's
// unit_table), as a monthly report (月報) shows its figures by ward: the units down in
// official order, the categories across under short numbered codes (Columns, with a key),
// then the units' total; under the units the 合計, 最少 and 最大 rows (Foot). The HTML page
// shows it whole; Pages is it cut into appendix pages for the paged outputs.
type UnitTable struct {
	ID string
	// Title heads the table: 「付表　区別の件数：（２）相談者内訳」 (UnitTableTitle).
	Title string
	// Unit heads the column of the units (区); FigureUnit is the figures' unit (件).
	Unit       string
	FigureUnit string
	Columns    []MatrixColumn
	// Rows are the units, a unit not counted marked Missing with its status; Foot are
	// the 合計, 最少 and 最大 rows over the counted units.
	Rows []MatrixRow
	Foot []MatrixRow
	// Legend is what the codes and cells do not say: the figures' unit, and that the
	// 再掲 columns are not in the total.
	Legend []string
	// Pages are the appendix pages of the table, each a Numeric Matrix: as many columns
	// as fit across beside the key, unitTableRows units down, the Foot on the pages of
	// the last units.
	Pages []*Matrix
}

// The words of the unit tables' foot rows and their total column.
const (
	UnitTableSum = "合計"
	UnitTableMin = "最少"
	UnitTableMax = "最大"
	// UnitTableSumLabel names the total column in the key when the question has no 再掲.
	UnitTableSumLabel = "各区分の合計"
)

// UnitTableTitle heads the table of each unit's counts of a question: 「付表　区別の件数：
// （２）相談者内訳」, 「付表　相談支援室別の回数：…」 in the figures' unit.
func UnitTableTitle(unitLabel, figureUnit, heading string) string {
	return "付表　" + unitLabel + "別の" + figureWord(figureUnit) + "：" + heading
}

// figureWord names the figures by their unit: 件 → 件数, 回 → 回数, 人 → 人数; 「集計」
// for a unit of more than one character or none, which no such word fits.
func figureWord(unit string) string {
	if r := []rune(unit); len(r) == 1 && unicode.Is(unicode.Han, r[0]) {
		return unit + "数"
	}
	return "集計"
}

// unitTableRows is how many units one page of a unit table holds: its 合計, 最少 and
// 最大 rows fit under them, as the choice 付表 holds matrixRows units.
const unitTableRows = matrixRows

// unitTableWidth is how wide the grid of a unit table may be, in half-width columns of
// its type size, so that the key of its codes fits beside it on an A4 landscape page;
// unitCellPad is what a column adds to its widest text.
const (
	unitTableWidth = 116.0
	unitCellPad    = 2.5
)

// unitTables builds the table of every counts question that asks for one.
func (b *builder) unitTables() []*UnitTable {
	var out []*UnitTable
	for _, q := range b.res.Questions {
		if q.Type == schema.Counts && q.UnitTable {
			out = append(out, b.unitTable(q))
		}
	}
	return out
}

func (b *builder) unitTable(q *aggregate.Question) *UnitTable {
	ut := &UnitTable{ID: q.ID, Title: UnitTableTitle(b.res.Units.Label, q.Unit, QuestionHeading(q)), Unit: b.res.Units.Label, FigureUnit: q.Unit}
	figures := make([]*aggregate.Figure, 0, len(q.Categories)+1)
	for i, code := range categoryCodes(q) {
		c := q.Categories[i]
		ut.Columns = append(ut.Columns, MatrixColumn{Key: c.Key, Short: code, Label: c.Label, Repeat: c.Repeat})
		figures = append(figures, &c.Figure)
	}
	total := q.Total
	if total == nil {
		total = &aggregate.Figure{}
	}
	// The key names the 合計 column by what it adds up; 「合計　合計」 would say nothing.
	sumLabel := TotalLabel(q)
	if sumLabel == UnitTableSum {
		sumLabel = UnitTableSumLabel
	}
	ut.Columns = append(ut.Columns, MatrixColumn{Key: q.ID, Short: UnitTableSum, Label: sumLabel, Total: true})
	figures = append(figures, total)

	values := make([]map[string]int64, len(figures))
	for i, f := range figures {
		values[i] = f.Values()
	}
	for _, ws := range b.res.Submission.Wards {
		row := MatrixRow{Ward: ws.Ward, Missing: ws.Status != aggregate.StatusCounted, Status: aggregate.StatusLabel(ws.Status)}
		row.Cells = make([]string, len(figures))
		if !row.Missing {
			for i := range figures {
				if v, ok := values[i][ws.Ward]; ok {
					row.Cells[i] = Thousands(v)
				}
			}
		}
		ut.Rows = append(ut.Rows, row)
	}
	sum, lo, hi := MatrixRow{Ward: UnitTableSum}, MatrixRow{Ward: UnitTableMin}, MatrixRow{Ward: UnitTableMax}
	for _, f := range figures {
		s, l, h := "", "", ""
		if f.Wards > 0 {
			s = Thousands(f.Sum)
		}
		if f.Min != nil && f.Max != nil {
			l, h = Thousands(f.Min.Value), Thousands(f.Max.Value)
		}
		sum.Cells, lo.Cells, hi.Cells = append(sum.Cells, s), append(lo.Cells, l), append(hi.Cells, h)
	}
	ut.Foot = []MatrixRow{sum, lo, hi}
	ut.Legend = unitLegend(ut.Columns, q.Unit)
	ut.Pages = ut.pages()
	return ut
}

// categoryCodes are the short codes heading a question's categories: a category's number
// (「1」 for １．医科), 「再」 and the number of what a 再掲 re-lists (「再1」), or 「再」
// alone for a 再掲 of something outside the question; a code that would repeat one before
// it gets its position after a hyphen.
func categoryCodes(q *aggregate.Question) []string {
	numbers := map[string]int{}
	n := 0
	for _, c := range q.Categories {
		if !c.Repeat {
			n++
			numbers[c.Key] = n
		}
	}
	seen := map[string]bool{}
	var out []string
	for i, c := range q.Categories {
		code := fmt.Sprint(numbers[c.Key])
		if c.Repeat {
			code = "再"
			if p := numbers[c.RepeatOf]; p > 0 {
				code += fmt.Sprint(p)
			}
		}
		if seen[code] {
			code = fmt.Sprintf("%s-%d", code, i+1)
		}
		seen[code] = true
		out = append(out, code)
	}
	return out
}

// unitLegend is what a page of a unit table says under its key: the figures' unit and
// which of its columns are 再掲, left out of the total.
func unitLegend(cols []MatrixColumn, unit string) []string {
	var out []string
	if unit != "" {
		out = append(out, "単位："+unit)
	}
	var repeats []string
	for _, c := range cols {
		if c.Repeat {
			repeats = append(repeats, c.Short)
		}
	}
	if len(repeats) > 0 {
		out = append(out, strings.Join(repeats, "・")+" は"+RepeatNotInTotal)
	}
	return out
}

// pages cuts the table into appendix pages: the columns into as few runs as fit across
// (evened out, so that no page holds a stub), the units into runs of unitTableRows, the
// foot rows under the last.
func (ut *UnitTable) pages() []*Matrix {
	runs := columnRuns(ut.columnWidths(), unitTableWidth-ut.unitWidth())
	rowPages := max(1, (len(ut.Rows)+unitTableRows-1)/unitTableRows)
	of := len(runs) * rowPages
	var out []*Matrix
	for _, run := range runs {
		from, to := run[0], run[1]
		for first := 0; first < len(ut.Rows) || first == 0; first += unitTableRows {
			last := min(first+unitTableRows, len(ut.Rows))
			m := &Matrix{Title: ut.Title, Numeric: true, Columns: ut.Columns[from:to], Legend: unitLegend(ut.Columns[from:to], ut.FigureUnit)}
			if of > 1 {
				m.Title += fmt.Sprintf("（%d／%d）", len(out)+1, of)
			}
			for _, r := range ut.Rows[first:last] {
				r.Cells = r.Cells[from:to]
				m.Rows = append(m.Rows, r)
			}
			if last == len(ut.Rows) {
				for _, r := range ut.Foot {
					r.Cells = r.Cells[from:to]
					m.Foot = append(m.Foot, r)
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// unitWidth estimates the width of the units' column, with the foot rows' labels.
func (ut *UnitTable) unitWidth() float64 {
	w := 0.0
	for _, r := range append(ut.Rows[:len(ut.Rows):len(ut.Rows)], ut.Foot...) {
		w = max(w, float64(Width(r.Ward)))
	}
	return w + 3
}

// columnWidths estimates each column's width: its code or widest figure, the categories'
// columns all as wide as the widest of them, as the renderers set them.
func (ut *UnitTable) columnWidths() []float64 {
	out := make([]float64, len(ut.Columns))
	widest := 0.0
	for i, c := range ut.Columns {
		w := figureWidth(c.Short)
		for _, r := range ut.Rows {
			w = max(w, figureWidth(r.Cells[i]))
		}
		for _, r := range ut.Foot {
			w = max(w, figureWidth(r.Cells[i]))
		}
		out[i] = w + unitCellPad
		if !c.Total {
			widest = max(widest, out[i])
		}
	}
	for i, c := range ut.Columns {
		if !c.Total {
			out[i] = widest
		}
	}
	return out
}

// figureWidth estimates a figure's width in half-width columns: the report's font sets
// digits wider than half a full-width character (0.63–0.76 em), commas narrower.
func figureWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			w += 1.55
		case r == ',':
			w += 0.65
		default:
			w += float64(runeWidth(r))
		}
	}
	return w
}

// columnRuns splits columns of the given widths into as few runs [from, to) as fit in
// room each, as even in count as they can be; a column wider than room alone is a run.
func columnRuns(widths []float64, room float64) [][2]int {
	n := len(widths)
	for pages := 1; pages < n; pages++ {
		per := (n + pages - 1) / pages
		var runs [][2]int
		fits := true
		for from := 0; from < n; from += per {
			to := min(from+per, n)
			w := 0.0
			for _, x := range widths[from:to] {
				w += x
			}
			fits = fits && (w <= room || to-from == 1)
			runs = append(runs, [2]int{from, to})
		}
		if fits {
			return runs
		}
	}
	runs := make([][2]int, n)
	for i := range runs {
		runs[i] = [2]int{i, i + 1}
	}
	return runs
}
