package pptx

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// Slide geometry in millimetres on the A4 landscape slide.
const (
	marginX    = 14.0
	contentW   = 297 - 2*marginX
	headerY    = 5.0
	headingY   = 12.0
	contentTop = 27.0
	contentBot = 194.0
	footerY    = 197.0
	blockGap   = 3.0
)

// Text sizes in points, close to the PDF's.
const (
	sizeTiny    = 8.0
	sizeSmall   = 9.0
	sizeBody    = 10.5
	sizeLabel   = 11.0
	sizeHeading = 17.0
	// sizeList is the lists of texts, as the PDF sets them.
	sizeList = 10.0
)

func (s *slide) add(sh ...shape) { s.shapes = append(s.shapes, sh...) }

// mark records text the slide shows that a reader looks for (headings, totals, wards):
// the tests find it again in LibreOffice's rendering of the slide.
func (s *slide) mark(texts ...string) { s.marks = append(s.marks, texts...) }

// textAt is a text box at b.
func textAt(b box, name string, ps ...para) shape {
	return shape{text: &textBox{box: b, Name: name, Paras: ps}}
}

// rule is a thin filled bar: the accent mark beside a heading, the rule under it.
func rule(b box, c charts.Color, name string) shape {
	return shape{text: &textBox{box: b, Name: name, Fill: c, Paras: []para{{}}}}
}

// chrome is the running header (period, title, 資料番号), the page number as a slide-number
// field, and the submission line while returns are missing.
func chrome(rep *charts.Report, n int) []shape {
	hdr := strings.TrimSpace(rep.PeriodLabel + "　" + rep.Title)
	out := []shape{textAt(box{mm(marginX), mm(headerY), mm(contentW - 40), mm(6)}, "ヘッダー", line(hdr, sizeTiny, false, charts.MutedColor, "l"))}
	if rep.DocLabel != "" {
		out = append(out, textAt(box{mm(297 - marginX - 40), mm(headerY), mm(40), mm(6)}, "資料番号", line(rep.DocLabel, sizeTiny, true, charts.MutedColor, "r")))
	}
	num := para{Align: "ctr", Runs: []run{{Text: "- ", Size: sizeSmall}, {Text: fmt.Sprint(n), Size: sizeSmall, SlideNumber: true}, {Text: " -", Size: sizeSmall}}}
	out = append(out, textAt(box{mm(297/2 - 20), mm(footerY), mm(40), mm(7)}, "スライド番号", num))
	if !rep.Complete && rep.Summary != "" {
		out = append(out, textAt(box{mm(marginX), mm(footerY), mm(297/2 - 25 - marginX), mm(7)}, "回答状況", line(rep.Summary, sizeSmall, true, charts.AlertColor, "l")))
	}
	return out
}

// coverSlide is the title page: the 資料番号 box top right, period and title large, the
// notice of an incomplete report.
func coverSlide(rep *charts.Report) *slide {
	s := &slide{}
	if rep.DocLabel != "" {
		s.add(shape{text: &textBox{box: box{mm(297 - marginX - 40), mm(14), mm(40), mm(14)}, Name: "資料番号", Line: charts.InkColor, Anchor: "ctr",
			Paras: []para{line(rep.DocLabel, 18, true, charts.InkColor, "ctr")}}})
	}
	x, w := marginX+14, contentW-28
	if rep.PeriodLabel != "" {
		s.add(textAt(box{mm(x), mm(62), mm(w), mm(14)}, "期間", line(rep.PeriodLabel, 26, false, charts.AccentColor, "l")))
	}
	// A title of two lines breaks between its phrases, where the PDF's cover breaks it
	// (charts.WrapTitle), measured for the box less its margins; a longer one is left whole
	// for fitText to set smaller, where breaks measured at 36 pt would no longer fall.
	title := rep.Title
	if lines := charts.WrapTitle(rep.Title, w-4, func(r rune) float64 { return charMM(r, 36) }); len(lines) == 2 {
		title = strings.Join(lines, "\n")
	}
	s.add(textAt(box{mm(x), mm(78), mm(w), mm(36)}, "タイトル", line(title, 36, true, charts.InkColor, "l")))
	s.mark(rep.Title, rep.PeriodLabel, rep.DocLabel)
	s.add(rule(box{mm(x + 2), mm(116), mm(50), mm(1.4)}, charts.AccentColor, "下線"))
	if rep.Notice != "" {
		// As tall as its lines (it names the missing units), up to the slide's content.
		p := line(rep.Notice, 15, true, charts.AlertColor, "l")
		h := min(max(p.height(w-4)+2, 20), contentBot-126)
		s.add(shape{text: &textBox{box: box{mm(x), mm(126), mm(w), mm(h)}, Name: "注意", Fill: charts.AlertFill, Line: charts.AlertColor, Anchor: "ctr",
			Paras: []para{p}}})
	}
	return s
}

// sectionSlide is a section's title with its items listed under it.
func sectionSlide(sec *charts.Section) *slide {
	s := &slide{}
	s.add(textAt(box{mm(marginX), mm(60), mm(contentW), mm(16)}, "セクション", line(sec.Title, 30, true, charts.AccentColor, "ctr")))
	s.mark(sec.Title)
	s.add(rule(box{mm(297/2 - 42), mm(78), mm(84), mm(0.7)}, charts.AccentColor, "下線"))
	// The items as a left-aligned list, centred as a block, spaced as in the PDF.
	var ps []para
	listW := 0.0
	for _, it := range sec.Items {
		if it != nil {
			p := line(it.Heading, 13, false, charts.InkColor, "l")
			p.LineSpacing, p.SpaceBefore = 13*listLeading, 4
			ps = append(ps, p)
			s.mark(it.Heading)
			listW = max(listW, float64(displayWidth(it.Heading))*13*25.4/72/2)
		}
	}
	listW = min(listW*1.1+6, contentW-40)
	s.add(textAt(box{mm((297 - listW) / 2), mm(86), mm(listW), mm(90)}, "項目", ps...))
	return s
}

// headed is a slide that opens with a page heading: an accent mark, the heading and a rule.
func headed(h string) *slide {
	s := &slide{}
	s.mark(h)
	s.add(rule(box{mm(marginX), mm(headingY + 1.5), mm(1.8), mm(8)}, charts.AccentColor, "見出しマーク"))
	s.add(textAt(box{mm(marginX + 3), mm(headingY), mm(contentW - 3), mm(11)}, "見出し", line(h, sizeHeading, true, charts.AccentColor, "l")))
	s.add(rule(box{mm(marginX), mm(headingY + 12), mm(contentW), mm(0.35)}, charts.AccentColor, "見出し下線"))
	return s
}

// block places one block in the box (x, y, w, h) mm: its heading and note, then the chart
// or the text.
func block(b charts.Block, x, y, w, h float64) []shape {
	headH := blockHeadH
	var out []shape
	heading := func(ps ...para) {
		out = append(out, textAt(box{mm(x), mm(y), mm(w), mm(headH)}, "見出し", ps...))
	}
	rest := func() box { return box{mm(x), mm(y + headH), mm(w), mm(max(h-headH, 5))} }
	switch {
	case b.Stacked != nil:
		sb := b.Stacked
		heading(line(sb.Heading, sizeLabel, true, charts.InkColor, "l"))
		r, above := notesAbove(rest(), sb.Note, nil)
		r, below := footNotes(r, "", sb.EarlierLines)
		spec := stackedSpec(sb)
		out = append(out, above...)
		// The chart, its rows' labels and the earlier periods' figures beside it are one
		// group: moved or resized in PowerPoint, they stay level with each other.
		members := earlierBeside(sb, &r, spec)
		if sb.Single() {
			singleBarLabels(spec, sb, float64(r.W)/emuPerMM)
		} else {
			var labels []string
			for _, bar := range sb.Bars {
				labels = append(labels, bar.Label)
			}
			members = append(members, labelsBeside(spec, r, labels, nil)...)
		}
		members = append(members, shape{chart: &chartFrame{box: r, Name: sb.Heading, chart: spec}})
		out = append(out, grouped(sb.Heading, members...))
		out = append(out, below...)
	case b.Counts != nil:
		cb := b.Counts
		heading(para{Align: "l", Runs: []run{{Text: cb.Title, Size: sizeLabel, Bold: true}, {Text: cb.TitleTotal, Size: sizeLabel, Bold: true, Color: charts.AccentColor}}})
		r, above := notesAbove(rest(), cb.Note, cb.EarlierLines)
		spec := countSpec(cb)
		var labels []string
		var repeat []bool
		for _, bar := range cb.Bars {
			labels = append(labels, bar.Label)
			repeat = append(repeat, bar.Repeat)
		}
		placePlot(spec, labels, cb.Axis, float64(r.W)/emuPerMM, float64(r.H)/emuPerMM, 2)
		rangedLabels(spec, r, cb.Bars, labels)
		out = append(out, above...)
		members := append(labelsBeside(spec, r, labels, repeat), shape{chart: &chartFrame{box: r, Name: cb.Heading, chart: spec}})
		out = append(out, grouped(cb.Heading, members...))
	case b.Periods != nil:
		pt := b.Periods
		heading(line(pt.Heading+pt.Unit, sizeLabel, true, charts.InkColor, "l"))
		out = append(out, shape{table: periodTable(pt, rest())})
	case b.Texts != nil:
		tl := b.Texts
		heading(line(tl.Heading, sizeLabel, true, charts.InkColor, "l"))
		if len(tl.Columns) > 0 {
			out = append(out, textColumns(tl.Columns, rest())...)
			break
		}
		var ps []para
		for _, e := range tl.Entries {
			ps = append(ps, line(e.Ward, sizeSmall, true, charts.AccentColor, "l"))
			for _, l := range e.Lines {
				ps = append(ps, line("・"+l, sizeSmall, false, charts.InkColor, "l"))
			}
		}
		out = append(out, shape{text: &textBox{box: rest(), Name: "一覧", Columns: listColumns, ColumnGap: mm(listGap), Paras: ps}})
	case b.Cases != nil:
		ct := b.Cases
		heading(line(ct.Heading, sizeLabel, true, charts.InkColor, "l"))
		out = append(out, shape{table: caseTable(ct, rest())})
	case b.Number != nil:
		heading(numberHeading(b.Number))
		out = append(out, numberNotes(b.Number, rest())...)
	case b.Moves != nil:
		out = append(out, movesBlock(b.Moves, x, y, w, h)...)
	}
	return out
}

// notesAbove keeps room over a chart for its earlier-period lines and its note, in the
// PDF's order (the note under the heading, above the bars), returning the chart's box and
// the text over it.
func notesAbove(r box, note string, earlier []string) (box, []shape) {
	ps := noteParas(note, earlier)
	if len(ps) == 0 {
		return r, nil
	}
	th := min(mm(4.5*float64(len(ps))), r.H/3)
	t := textAt(box{r.X, r.Y, r.W, th}, "注記", ps...)
	t.text.Flat = true
	r.Y += th
	r.H -= th
	return r, []shape{t}
}

// noteParas are a chart's earlier-period lines and note as small paragraphs, a line
// each (a note written on two lines is two).
func noteParas(note string, earlier []string) []para {
	var ps []para
	for _, e := range earlier {
		ps = append(ps, line(e, sizeTiny, false, charts.AccentColor, "l"))
	}
	if note != "" {
		ps = append(ps, line(note, sizeTiny, false, charts.MutedColor, "l"))
	}
	return lineBreaks(ps)
}

// footNotes keeps room under a chart for its note and earlier-period lines, returning the
// chart's box and the text under it.
func footNotes(r box, note string, earlier []string) (box, []shape) {
	ps := noteParas(note, earlier)
	if len(ps) == 0 {
		return r, nil
	}
	th := mm(4.5 * float64(len(ps)))
	th = min(th, r.H/3)
	r.H -= th
	t := textAt(box{r.X, r.Y + r.H, r.W, th}, "注記", ps...)
	t.text.Flat = true
	return r, []shape{t}
}

// periodTable is a count question over periods: a row per figure, a column per period.
func periodTable(pt *charts.PeriodTable, b box) *table {
	t := &table{box: b, Name: pt.Heading, Size: sizeSmall}
	head := tableRow{Header: true, Cells: []tableCell{{}}}
	for _, c := range pt.Columns {
		head.Cells = append(head.Cells, tableCell{Text: c, Center: true})
	}
	t.Rows = append(t.Rows, head)
	labelW := 0.0
	for _, r := range pt.Rows {
		label := r.Label
		row := tableRow{}
		if r.Indent {
			label = "　" + label
		} else {
			// A total stands out from its parts, on a band, as in the PDF.
			row.Bold, row.Fill = true, band
		}
		labelW = max(labelW, float64(displayWidth(label))*sizeSmall*25.4/72/2+6)
		row.Cells = cells(append([]string{label}, r.Cells...), true)
		t.Rows = append(t.Rows, row)
	}
	// As the PDF: the label column at least 70 mm, the periods 39 mm each, narrower
	// only when they must be.
	w := float64(b.W) / emuPerMM
	labelW = min(max(labelW, 70), w*0.45)
	colW := 39.0
	if n := float64(len(pt.Columns)); n > 0 && labelW+colW*n > w {
		colW = (w - labelW) / n
	}
	t.Cols = []float64{labelW}
	for range pt.Columns {
		t.Cols = append(t.Cols, colW)
	}
	return t
}

// caseTable is the case records of one 場面, a row per record.
func caseTable(ct *charts.CaseTable, b box) *table {
	head := append([]string{ct.Unit}, ct.Columns...)
	t := &table{box: b, Name: ct.Heading, Size: sizeTiny}
	t.Rows = append(t.Rows, tableRow{Header: true, Cells: cells(head, false)})
	for _, r := range ct.Rows {
		t.Rows = append(t.Rows, tableRow{Cells: cells(append([]string{r.Ward}, r.Cells...), false)})
	}
	var hs []float64
	t.Cols, hs = caseLayout(ct, float64(b.W)/emuPerMM)
	// The rows share the box's height in proportion to the lines they hold.
	total := 0.0
	for _, h := range hs {
		total += h
	}
	for _, h := range hs {
		t.Heights = append(t.Heights, int(float64(b.H)*h/max(total, 1)))
	}
	return t
}

// zebra is the fill of every other row of a long table, band the fill of a total's row.
const (
	zebra charts.Color = "F2F2F2"
	band  charts.Color = "F2F2F2"
)

// cells makes a row's cells, figures aligned right when numbers is set.
func cells(texts []string, numbers bool) []tableCell {
	out := make([]tableCell, len(texts))
	for i, s := range texts {
		out[i] = tableCell{Text: s, Right: numbers && i > 0 && charts.IsFigure(s)}
	}
	return out
}

// Where a stacked chart's bars lie, in mm from the chart's top and bottom edges: the
// legend above, the value axis below.
const (
	plotTop    = 9.0
	plotBottom = 7.0
	earlierW   = 26.0 // one earlier period's column beside the bars
	// unitDrop is how far under the bars the axis unit's box starts, level with the tick
	// labels (Impress sets a title's text at the top of its box).
	unitDrop = 1.55
	// figureWidth is how much wider BIZ UDPゴシック's figures are than half a column
	// («1,741» at 9 pt is 28.2 pt wide in Impress), titleInset how far right of its box's
	// edge a chart title's text starts (mm): the figure at the axis' end is centred on it.
	figureWidth = 1.25
	titleInset  = 0.55
)

// placePlot places a chart's plot area in its w×h mm box: the row labels' width on the
// left, top mm above (the legend), room on the right for the last tick label and the axis
// unit, which it places after that label, level with the tick labels, as the PDF draws it.
func placePlot(spec *chartSpec, labels []string, a charts.Axis, w, h, top float64) {
	labelW := 0.0
	for _, l := range labels {
		labelW = max(labelW, float64(displayWidth(l))*sizeSmall*25.4/72/2)
	}
	labelW = min(labelW+4, w*0.45)
	plotW := max(w-labelW-3-unitReserve(a), 1)
	spec.Plot = &plotLayout{X: labelW / w, Y: top / h, W: plotW / w, H: max(h-top-plotBottom, 1) / h}
	if spec.Legend && top > 2 {
		// As wide as its entries: Impress spreads them over the whole width given.
		legW := 0.0
		for _, sr := range spec.Series {
			legW += float64(displayWidth(sr.Label))*sizeSmall*25.4/72/2 + 7
		}
		spec.LegendAt = &plotLayout{X: labelW / w, Y: 0.5 / h, W: min(legW, plotW) / w, H: (top - 1.5) / h}
	}
	end := labelW + plotW
	switch prev, ok := endLabel(a, plotW); {
	case ok:
		// The axis' end, which the chart's ticks miss, printed as the PDF prints it:
		// centred under the bars' end, the unit after it.
		spec.EndLabel = charts.Thousands(a.Max)
		spec.UnitAt = &plotLayout{X: (end - tickHalf(a.Max)*figureWidth - titleInset) / w, Y: (h - plotBottom + unitDrop) / h}
	case spec.Unit != "" && prev >= 0:
		// The end's label would run into the one before, which the PDF then keeps: the
		// unit follows that one.
		x := labelW + plotW*float64(prev)/float64(a.Max)
		spec.UnitAt = &plotLayout{X: (x + tickHalf(prev) + 0.5) / w, Y: (h - plotBottom + unitDrop) / h}
	case spec.Unit != "":
		spec.UnitAt = &plotLayout{X: (end + lastTickHalf(a) + 0.5) / w, Y: (h - plotBottom + unitDrop) / h}
	}
}

// endLabel reports whether the axis ends on a tick of the model that the chart's step
// does not reach (1,741 after 1,500), which then needs a label of its own; prev is the
// last tick the chart draws when that label is left out because it would run into that
// tick's (as the PDF leaves it out: 4 pt apart at least), else -1.
func endLabel(a charts.Axis, plotW float64) (prev int64, ok bool) {
	step := majorUnit(a)
	if step <= 0 || a.Max <= 0 || a.Max%step == 0 || len(a.Ticks) < 2 || a.Ticks[len(a.Ticks)-1] != a.Max {
		return -1, false
	}
	prev = a.Max / step * step
	gap := plotW * float64(a.Max-prev) / float64(a.Max)
	if gap < tickHalf(prev)+tickHalf(a.Max)+4*mmPerPt {
		return prev, false
	}
	return -1, true
}

// tickHalf is half the width (mm) of a tick label of the value axis.
func tickHalf(v int64) float64 {
	return float64(displayWidth(charts.Thousands(v))) * sizeSmall * 25.4 / 72 / 4
}

// lastTickHalf is half the width of the value axis' last label (mm), which sits centred
// on the bars' right end.
func lastTickHalf(a charts.Axis) float64 {
	if len(a.Ticks) == 0 {
		return 0
	}
	return tickHalf(a.Ticks[len(a.Ticks)-1])
}

// unitReserve is the room (mm) right of the bars that the last tick label and the axis
// unit after it need.
func unitReserve(a charts.Axis) float64 {
	if a.Unit == "" {
		return 0
	}
	return lastTickHalf(a) + float64(displayWidth(a.Unit))*sizeSmall*25.4/72/2 + 2
}

// earlierBeside makes room right of a stacked chart for the earlier periods' figures, one
// column each, and places the plot area exactly so that the figures stand level with their
// bars. It narrows r and sets spec.Plot; with no earlier columns it only places the plot.
func earlierBeside(sb *charts.StackedBars, r *box, spec *chartSpec) []shape {
	n := len(sb.Earlier)
	cols := float64(n) * earlierW
	r.W -= mm(cols)
	w := float64(r.W) / emuPerMM
	h := float64(r.H) / emuPerMM
	var labels []string
	if !sb.Single() {
		for _, b := range sb.Bars {
			labels = append(labels, b.Label)
		}
	}
	placePlot(spec, labels, sb.Axis, w, h, plotTop)
	if n == 0 || len(sb.Bars) == 0 {
		return nil
	}
	rowH := max(h-plotTop-plotBottom, 1) / float64(len(sb.Bars))
	x := float64(r.X)/emuPerMM + w
	y := float64(r.Y) / emuPerMM
	t := &table{box: box{mm(x), mm(y), mm(cols), mm(plotTop + rowH*float64(len(sb.Bars)))}, Name: "過去の値", Size: sizeTiny}
	head := tableRow{Header: true}
	for _, e := range sb.Earlier {
		head.Cells = append(head.Cells, tableCell{Text: strings.Join(e.Header, " ")})
		t.Cols = append(t.Cols, earlierW)
	}
	t.Rows = append(t.Rows, head)
	t.Heights = append(t.Heights, mm(plotTop))
	for i := range sb.Bars {
		row := tableRow{Color: charts.AccentColor}
		for _, e := range sb.Earlier {
			cell := ""
			if i < len(e.Cells) {
				cell = e.Cells[i]
			}
			row.Cells = append(row.Cells, tableCell{Text: cell, Right: true})
		}
		t.Rows = append(t.Rows, row)
		t.Heights = append(t.Heights, mm(rowH))
	}
	return []shape{{table: t}}
}
