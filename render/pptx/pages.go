package pptx

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// buildSlides turns the report into slides, one for each page of report.pdf: the page
// plan (charts.Report.Pages, which render/report sets from pdf.Pages) says what each page
// holds and where, and the deck follows it, so that the two have the same pages in the
// same order under the same headings. A report without a plan is paginated by the deck
// itself (ownSlides). Then the running header and footer with the page number go on every
// slide but the cover, and every text box's text is set to fit its box (fitText).
func buildSlides(rep *charts.Report) ([]*slide, error) {
	var slides []*slide
	for _, pg := range rep.Pages {
		switch pg.Kind {
		case charts.CoverPage:
			slides = append(slides, coverSlide(rep))
		case charts.SectionPage:
			slides = append(slides, sectionSlide(pg.Section))
		default:
			slides = append(slides, plannedSlide(pg, rep))
		}
	}
	if len(rep.Pages) == 0 {
		slides = ownSlides(rep)
	}
	for i, s := range slides {
		if i > 0 {
			s.shapes = append(s.shapes, chrome(rep, i+1)...)
			s.mark(fmt.Sprintf("- %d -", i+1))
		}
		if rep.AggregateID != "" && i == len(slides)-1 {
			s.add(textAt(box{mm(297 - marginX - 80), mm(footerY), mm(80), mm(7)}, "集計ID",
				line(charts.AggregateIDLabel+" "+rep.AggregateID, sizeTiny, false, charts.MutedColor, "r")))
		}
		for _, sh := range flat(s.shapes) {
			if sh.text != nil {
				sh.text.Paras = lineBreaks(sh.text.Paras)
				fitText(sh.text)
			}
		}
	}
	return slides, nil
}

// plannedSlide is an item, 提出状況 or appendix page as a slide: the page's heading, then
// each of its parts where the plan puts it, in the height under the heading.
func plannedSlide(pg charts.Page, rep *charts.Report) *slide {
	s := headed(pg.Heading)
	span := contentBot - contentTop
	for _, p := range pg.Parts {
		y, h := contentTop+p.Top*span, max(p.Height*span, 5)
		switch {
		case len(p.Blocks) > 0:
			s.add(placeRow(p.Blocks, y, h)...)
			s.mark(rowMarks(p.Blocks)...)
		case p.Status != nil && rep.Status != nil:
			statusPart(s, rep.Status, p.Status, rep.Complete, y, h)
		case p.Matrix != nil:
			matrixPart(s, p.Matrix, y, h)
		}
	}
	return s
}

// statusGap is the space between the halves of the 提出状況 table.
const statusGap = 8.0

// The submission line over the 提出状況 table is set large, on as many lines as it needs
// when many units are missing, up to summaryMaxH mm (then smaller, then cut: fitText).
const (
	sizeSummary = 18.0
	summaryMinH = 10.0
	summaryMaxH = 45.0
)

// summaryHeight is the height in mm of the submission line's box when the deck places
// it itself: its lines at sizeSummary across the content width.
func summaryHeight(s string) float64 {
	p := line(s, sizeSummary, true, "", "l")
	return min(max(p.height(contentW-4)+2, summaryMinH), summaryMaxH)
}

// statusPart is one part of the 提出状況 page: the submission line, the wards' table
// (in two halves side by side when the PDF sets it so) or the earlier aggregates.
func statusPart(s *slide, st *charts.StatusTable, sp *charts.StatusPart, complete bool, y, h float64) {
	switch {
	case sp.Summary:
		c := charts.InkColor
		if !complete {
			c = charts.AlertColor
		}
		s.add(textAt(box{mm(marginX), mm(y), mm(contentW), mm(h)}, "回答状況", line(st.Summary, sizeSummary, true, c, "l")))
		s.mark(st.Summary)
	case sp.Earlier:
		ps := []para{line(st.EarlierTitle, sizeSmall, true, charts.InkColor, "l")}
		for _, e := range st.Earlier {
			ps = append(ps, line("・"+e, sizeTiny, false, charts.InkColor, "l"))
		}
		s.add(textAt(box{mm(marginX), mm(y), mm(contentW), mm(h)}, "比較", ps...))
	case len(sp.Notices) > 0:
		var ps []para
		if sp.NoticesHead {
			ps = append(ps, line(st.NoticesTitle, sizeSmall, true, charts.InkColor, "l"))
		}
		for _, sn := range sp.Notices {
			ps = append(ps, line(sn.Unit+"　"+sn.Notice.Line(), sizeTiny, false, charts.InkColor, "l"))
		}
		s.add(textAt(box{mm(marginX), mm(y), mm(contentW), mm(h)}, "確認事項", ps...))
	case sp.Halves:
		n := len(sp.Rows)
		half := (contentW - statusGap) / 2
		top := (n + 1) / 2
		s.add(shape{table: statusTable(st, sp, 0, top, box{mm(marginX), mm(y), mm(half), mm(h)})})
		rows := float64(n-top+1) / float64(top+1)
		s.add(shape{table: statusTable(st, sp, top, n, box{mm(marginX + half + statusGap), mm(y), mm(half), mm(h * rows)})})
	default:
		s.add(shape{table: statusTable(st, sp, 0, len(sp.Rows), box{mm(marginX), mm(y), mm(contentW), mm(h)})})
	}
}

// statusTable is rows [from, to) of a part of the wards' submission table, returns not
// counted in the alert colours; the columns are sized over all the table's rows, so every
// slide's part of it looks the same.
func statusTable(st *charts.StatusTable, sp *charts.StatusPart, from, to int, b box) *table {
	t := &table{box: b, Name: st.Title, Size: sizeTiny}
	t.Rows = append(t.Rows, tableRow{Header: true, Cells: cells(st.Columns, false)})
	for i := from; i < to; i++ {
		row := tableRow{Cells: cells(sp.Rows[i], true)}
		switch {
		case i < len(sp.Bad) && sp.Bad[i]:
			row.Fill, row.Color = charts.AlertFill, charts.AlertColor
		case (sp.First+i)%2 == 1:
			row.Fill = zebra
		}
		t.Rows = append(t.Rows, row)
	}
	t.Cols = naturalCols(append([][]string{st.Columns}, st.Rows...), float64(b.W)/emuPerMM, sizeTiny)
	return t
}

// naturalCols are column widths (mm) as wide as their longest text at size, as the PDF
// sizes the 提出状況 table; in proportion to their text over w when that is too wide.
func naturalCols(rows [][]string, w, size float64) []float64 {
	var out []float64
	for _, r := range rows {
		for i, c := range r {
			for len(out) <= i {
				out = append(out, 0)
			}
			out[i] = max(out[i], float64(displayWidth(c))*size*25.4/72/2*1.15+5)
		}
	}
	total := 0.0
	for _, c := range out {
		total += c
	}
	if total > w {
		return textCols(rows, w, 6)
	}
	return out
}

// keyGap is the space between the appendix grid and the key of its codes beside it.
const keyGap = 7.0

// matrixPart is one part of an appendix page: the grid (with the key of its codes beside
// it), the key alone, or the legend of the answer numbers; a unit table's page is drawn
// by unitPart.
func matrixPart(s *slide, mp *charts.MatrixPart, y, h float64) {
	mx := mp.Matrix
	if mx.Numeric {
		unitPart(s, mp, y, h)
		return
	}
	x := marginX
	if mp.Grid {
		x = gridAt(s, mx, matrixTable(mx, box{mm(marginX), mm(y), mm(contentW), mm(h)}))
	}
	if mp.Key {
		if !mp.Grid {
			x = marginX
		}
		s.add(textAt(box{mm(x), mm(y), mm(marginX + contentW - x), mm(h)}, "略号", matrixKey(mx.Columns)...))
	}
	if mp.Legend {
		var ps []para
		for _, l := range mx.Legend {
			ps = append(ps, line(l, sizeSmall, false, charts.InkColor, "l"))
		}
		s.add(textAt(box{mm(marginX), mm(y), mm(contentW), mm(h)}, "凡例", ps...))
	}
}

// gridAt sets an appendix grid on the slide with its units marked, and gives where the
// key beside it starts (the grid's width and keyGap from the left margin).
func gridAt(s *slide, mx *charts.Matrix, t *table) float64 {
	s.add(shape{table: t})
	for _, r := range mx.Rows {
		s.mark(r.Ward)
	}
	x := marginX
	for _, c := range t.Cols {
		x += c
	}
	return x + keyGap
}

// matrixKey lists the codes of the appendix with their questions, 「ア1　…」, under the
// question's heading once for the rows of a group, as the PDF's key does.
func matrixKey(cols []charts.MatrixColumn) []para {
	var ps []para
	for i, c := range cols {
		label := c.Label
		if c.Group != "" {
			if i == 0 || cols[i-1].Group != c.Group {
				ps = append(ps, line(c.GroupHeading, sizeSmall, true, charts.InkColor, "l"))
			}
			label = c.RowLabel
		}
		indent := ""
		if c.Group != "" {
			indent = "　"
		}
		ps = append(ps, para{Align: "l", Runs: []run{
			{Text: indent + c.Short + "　", Size: sizeSmall, Bold: true, Color: charts.AccentColor},
			{Text: label, Size: sizeSmall, Color: charts.InkColor},
		}})
	}
	return ps
}

// matrixTable is the grid of one appendix page: units down, questions across, codes in
// the cells, the rows of one question under its code (「イ2」 over 1 … 10) as in the PDF;
// the code columns as narrow as their codes, so that the key fits beside.
func matrixTable(mx *charts.Matrix, b box) *table {
	t := &table{box: b, Name: mx.Title, Size: sizeTiny}
	t.Rows = matrixHeader(mx.Columns)
	wardW := 12.0
	for i, r := range mx.Rows {
		// The cell's margins (3 mm) and room for a wider fallback font: a unit's
		// name must not wrap, or the grid outgrows its part of the slide.
		wardW = max(wardW, float64(displayWidth(r.Ward))*sizeTiny*25.4/72/2*1.15+5)
		row := tableRow{Cells: []tableCell{{Text: r.Ward}}}
		if r.Missing {
			row.Cells = append(row.Cells, tableCell{Text: r.Status, Center: true, Span: len(mx.Columns)})
			for range max(len(mx.Columns)-1, 0) {
				row.Cells = append(row.Cells, tableCell{Merged: true})
			}
			row.Fill, row.Color = charts.AlertFill, charts.AlertColor
		} else {
			for _, c := range r.Cells {
				row.Cells = append(row.Cells, tableCell{Text: c, Center: true})
			}
			if i%2 == 1 {
				row.Fill = zebra
			}
		}
		t.Rows = append(t.Rows, row)
	}
	codeW := 7.5
	for _, c := range mx.Columns {
		sub := c.Short
		if c.Group != "" {
			sub = c.Sub
		}
		codeW = max(codeW, float64(displayWidth(sub))*sizeTiny*25.4/72/2+3.5)
	}
	if n := len(mx.Columns); n > 0 {
		codeW = min(codeW, (float64(b.W)/emuPerMM-wardW)/float64(n))
	}
	t.Cols = []float64{wardW}
	for range mx.Columns {
		t.Cols = append(t.Cols, codeW)
	}
	return t
}

// matrixHeader is the grid's header: one row of codes, or, when some questions have
// several rows, two: the question's code over its rows' numbers, a one-row question's
// code over both.
func matrixHeader(cols []charts.MatrixColumn) []tableRow {
	grouped := false
	for _, c := range cols {
		grouped = grouped || c.Group != ""
	}
	if !grouped {
		head := tableRow{Header: true, Cells: []tableCell{{}}}
		for _, c := range cols {
			head.Cells = append(head.Cells, tableCell{Text: c.Short, Center: true})
		}
		return []tableRow{head}
	}
	top := tableRow{Header: true, Cells: []tableCell{{RowSpan: 2}}}
	under := tableRow{Header: true, Cells: []tableCell{{Under: true}}}
	for i, c := range cols {
		switch {
		case c.Group == "":
			top.Cells = append(top.Cells, tableCell{Text: c.Short, Center: true, RowSpan: 2})
			under.Cells = append(under.Cells, tableCell{Under: true})
			continue
		case i > 0 && cols[i-1].Group == c.Group:
			top.Cells = append(top.Cells, tableCell{Merged: true})
		default:
			n := 1
			for n < len(cols)-i && cols[i+n].Group == c.Group {
				n++
			}
			top.Cells = append(top.Cells, tableCell{Text: c.Group, Center: true, Span: n})
		}
		under.Cells = append(under.Cells, tableCell{Text: c.Sub, Center: true})
	}
	return []tableRow{top, under}
}

// A list's lines as the PDF sets them: 1.45 times the type size apart, 6 pt more above a
// ward's name that follows another ward's entries.
const (
	listLeading = 1.45
	listWardGap = 6.0
	emuPerPt    = 12700
)

// textColumns sets a list's columns as the plan has them, one text box each across the
// box b: ward names in the accent colour, the lines as printed.
func textColumns(cols [][]charts.WardLines, b box) []shape {
	k := len(cols)
	gap := mm(listGap)
	w := (b.W - gap*(k-1)) / k
	var out []shape
	for i, col := range cols {
		var ps []para
		for j, e := range col {
			p := line(e.Ward, sizeList, true, charts.AccentColor, "l")
			if j > 0 {
				p.SpaceBefore = listWardGap
			}
			ps = append(ps, p)
			for _, l := range e.Lines {
				p := line(l, sizeList, false, charts.InkColor, "l")
				if strings.HasPrefix(l, "・") {
					p.Hang = int(sizeList * emuPerPt)
				}
				ps = append(ps, p)
			}
		}
		for i := range ps {
			ps[i].LineSpacing = sizeList * listLeading
		}
		out = append(out, textAt(box{b.X + i*(w+gap), b.Y, w, b.H}, fmt.Sprintf("一覧 %d", i+1), ps...))
	}
	return out
}
