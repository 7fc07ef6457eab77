package summary

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

func (b *book) makeStyles() {
	ns := func(s *excelize.Style) int {
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		s.Font = withFont(*s.Font)
		id, err := b.f.NewStyle(s)
		b.check(err)
		return id
	}
	thin := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	centre := &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}
	b.st = styles{
		title:        ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		sub:          ns(&excelize.Style{Font: &excelize.Font{Size: 11}}),
		summary:      ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}}),
		summaryBad:   ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: string(charts.AlertColor)}, Fill: fill(string(charts.AlertFill))}),
		section:      ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "FFFFFF"}, Fill: fill(accent), Alignment: &excelize.Alignment{Vertical: "center"}}),
		item:         ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Vertical: "center"}}),
		question:     ns(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		note:         ns(&excelize.Style{Font: &excelize.Font{Size: 9, Color: string(charts.MutedColor)}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		head:         ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10}, Fill: fill("F2F2F2"), Border: thin, Alignment: centre}),
		headLeft:     ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10}, Fill: fill("F2F2F2"), Border: thin, Alignment: wrap}),
		key:          ns(&excelize.Style{Font: &excelize.Font{Size: 8, Color: "808080"}, Fill: fill("F2F2F2"), Border: thin, Alignment: centre}),
		label:        ns(&excelize.Style{Border: thin, Alignment: wrap}),
		repeatLabel:  ns(&excelize.Style{Border: thin, Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Indent: 2}}),
		number:       ns(&excelize.Style{Border: thin, NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}),
		repeatNumber: ns(&excelize.Style{Border: thin, NumFmt: 3, Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		text:         ns(&excelize.Style{Border: thin, Alignment: wrap}),
		centre:       ns(&excelize.Style{Border: thin, Alignment: centre}),
		dash:         ns(&excelize.Style{Border: thin, Font: &excelize.Font{Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}),
		totalLabel:   ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true}, Fill: fill("EDEDED"), Alignment: wrap}),
		totalNumber:  ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true}, Fill: fill("EDEDED"), NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}),
		grey:         ns(&excelize.Style{Border: thin, Fill: fill("D9D9D9"), Font: &excelize.Font{Color: "595959"}, Alignment: wrap}),
		noReply:      ns(&excelize.Style{Border: thin, Font: &excelize.Font{Italic: true, Color: "808080"}, Alignment: centre}),
		bad:          ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true, Color: string(charts.AlertColor)}, Alignment: wrap}),
		sha:          ns(&excelize.Style{Border: thin, Font: &excelize.Font{Size: 8, Family: monoFont}, Alignment: wrap}),
		wrapTop:      ns(&excelize.Style{Border: thin, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
}

// withFont names the workbook's font (and size and charset) in a cell font that leaves
// them out.
func withFont(f excelize.Font) *excelize.Font {
	if f.Family == "" {
		f.Family = font
	}
	if f.Size == 0 {
		f.Size = fontSize
	}
	if f.Charset == nil {
		cs := charsetShiftJIS
		f.Charset = &cs
	}
	return &f
}

// sheet lays out one worksheet and remembers how tall each row must be: Excel does not
// grow rows on open, so wrapped text would otherwise be cut off on screen and in print.
type sheet struct {
	*book
	name    string
	widths  map[int]float64
	lines   map[int]int
	lastCol int
	// keeps and spans are the blocks of rows and columns a page break must not cut.
	keeps []keep
	spans []span
	// decimals are the decimal places of the figures num writes: a number question's
	// while its row or column is written (number.go), else 0.
	decimals int
}

func (b *book) sheet(name string, widths map[int]float64, defWidth float64, lastCol int) *sheet {
	s := &sheet{book: b, name: name, widths: widths, lines: map[int]int{}}
	s.lastCol = lastCol
	for c := 1; c <= lastCol; c++ {
		if _, ok := widths[c]; !ok {
			widths[c] = defWidth
		}
		n := colName(c)
		b.check(b.f.SetColWidth(name, n, n, widths[c]))
	}
	return s
}

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// str writes text as a string cell, never a formula, whatever it starts with.
func (s *sheet) str(col, row int, v string, style int) {
	c := cellName(col, row)
	s.check(s.f.SetCellStr(s.name, c, v))
	if style != 0 {
		s.check(s.f.SetCellStyle(s.name, c, c, style))
	}
}

// text writes a wrapped string and makes its row tall enough for it.
func (s *sheet) text(col, row int, v string, style int) {
	s.str(col, row, v, style)
	s.need(row, v, s.widths[col])
}

// textSpan writes wrapped text merged over cols col..last.
func (s *sheet) textSpan(col, last, row int, v string, style int) {
	s.str(col, row, v, style)
	w := 0.0
	for c := col; c <= last; c++ {
		w += s.widths[c]
	}
	if last > col {
		s.check(s.f.MergeCell(s.name, cellName(col, row), cellName(last, row)))
		s.check(s.f.SetCellStyle(s.name, cellName(col, row), cellName(last, row), style))
	}
	s.need(row, v, w)
}

func (s *sheet) num(col, row int, v int64, style int) {
	if s.decimals > 0 {
		s.fixed(col, row, v, s.decimals, style)
		return
	}
	c := cellName(col, row)
	s.check(s.f.SetCellInt(s.name, c, v))
	s.check(s.f.SetCellStyle(s.name, c, c, style))
}

func (s *sheet) style(col, row, last int, style int) {
	s.check(s.f.SetCellStyle(s.name, cellName(col, row), cellName(last, row), style))
}

func (s *sheet) need(row int, v string, colWidth float64) {
	if n := textfmt.CellLines(v, colWidth); n > s.lines[row] {
		s.lines[row] = n
	}
}

// maxRowHeight is Excel's tallest row (409 points). A longer cell — the wards tied for a
// minimum among 1,741 municipalities — keeps all its text but shows only the first lines.
const maxRowHeight = 409

// finish sets the row heights the wrapped text needs.
func (s *sheet) finish() {
	rows := make([]int, 0, len(s.lines))
	for row := range s.lines {
		rows = append(rows, row)
	}
	sort.Ints(rows)
	for _, row := range rows {
		if n := s.lines[row]; n > 1 {
			s.check(s.f.SetRowHeight(s.name, row, min(float64(n)*15+4, maxRowHeight)))
		}
	}
}

// How a sheet is scaled to A4 landscape paper.
type fit int

const (
	// fitWidth shrinks the sheet to one page wide: tables read top to bottom.
	fitWidth fit = iota
	// fitHeight shrinks the ward matrices to one page tall, so every page shows all wards
	// and the questions run across pages; one page wide would make them illegibly small.
	fitHeight
	// fitNone prints at a fixed scale (chartScale): Excel ignores manual page breaks under
	// fit-to-page, and the chart sheet needs them so no chart is cut in two.
	fitNone
)

// page sets A4 landscape printing with the period in the header and page numbers in the
// footer; titleRows and titleCols repeat on every page.
func (s *sheet) page(mode fit, titleRows int, titleCols int) {
	f := s.f
	size, orient := 9, "landscape"
	opts := &excelize.PageLayoutOptions{Size: &size, Orientation: &orient}
	if mode == fitNone {
		scale := uint(chartScale)
		opts.AdjustTo = &scale
	} else {
		fw, fh := 1, 0
		if mode == fitHeight {
			fw, fh = 0, 1
		}
		opts.FitToWidth, opts.FitToHeight = &fw, &fh
		t := true
		s.check(f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &t}))
	}
	s.check(f.SetPageLayout(s.name, opts))
	side, edge, hf := marginSide, marginEdge, marginHF
	s.check(f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}))
	header := "&L&9" + s.res.PeriodLabel + "　" + s.res.Survey.ReportTitle + "&R&9&A"
	s.check(f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: "&C&9&P / &N"}))
	if mode == fitWidth {
		// Before the print titles are named: the rows it inserts make excelize rewrite
		// the sheet's defined names.
		s.rowBreaks(titleRows)
	}
	var refs []string
	quoted := "'" + s.name + "'!"
	if titleCols > 0 {
		refs = append(refs, fmt.Sprintf("%s$A:$%s", quoted, colName(titleCols)))
	}
	if titleRows > 0 {
		refs = append(refs, fmt.Sprintf("%s$1:$%d", quoted, titleRows))
	}
	if len(refs) > 0 {
		s.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name, RefersTo: strings.Join(refs, ",")}))
	}
}

func (s *sheet) freeze(cols, rows int) {
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	s.check(s.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cellName(cols+1, rows+1), ActivePane: pane,
	}))
}

// header writes the title, period and submission lines every sheet starts with, and returns
// the next free row. An incomplete aggregate is flagged in red: figures from 22 wards must
// not pass for the city's total.
func (s *sheet) header(title string, span int) int {
	res := s.res
	s.str(1, 1, title, s.st.title)
	s.check(s.f.SetRowHeight(s.name, 1, 22))
	s.str(1, 2, res.PeriodLabel, s.st.sub)
	st := s.st.summary
	if !res.Submission.Complete {
		st = s.st.summaryBad
	}
	s.str(1, 3, res.Submission.Summary, st)
	if !res.Submission.Complete && span > 1 {
		s.style(2, 3, span, st)
	}
	return 4
}
