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
)

// buildSlides turns the report into slides in the PDF's order: the cover, each section's
// title slide and its items, the 提出状況 slide and the appendix; then the running header
// and footer with the page number on every slide but the cover.
func buildSlides(rep *charts.Report) ([]*slide, error) {
	slides := []*slide{coverSlide(rep)}
	for _, sec := range rep.Sections {
		if sec == nil {
			continue
		}
		slides = append(slides, sectionSlide(sec))
		for _, it := range sec.Items {
			if it != nil {
				slides = append(slides, itemSlides(it)...)
			}
		}
	}
	if rep.Status != nil {
		slides = append(slides, statusSlide(rep.Status, rep.Complete))
	}
	for _, mx := range rep.Appendix {
		if mx != nil {
			slides = append(slides, appendixSlide(mx))
		}
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
	}
	return slides, nil
}

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
	s.add(textAt(box{mm(x), mm(78), mm(w), mm(36)}, "タイトル", line(rep.Title, 36, true, charts.InkColor, "l")))
	s.mark(rep.Title, rep.PeriodLabel, rep.DocLabel)
	s.add(rule(box{mm(x + 2), mm(116), mm(50), mm(1.4)}, charts.AccentColor, "下線"))
	if rep.Notice != "" {
		s.add(shape{text: &textBox{box: box{mm(x), mm(126), mm(w), mm(20)}, Name: "注意", Fill: charts.AlertFill, Line: charts.AlertColor, Anchor: "ctr",
			Paras: []para{line(rep.Notice, 15, true, charts.AlertColor, "l")}}})
	}
	return s
}

// sectionSlide is a section's title with its items listed under it.
func sectionSlide(sec *charts.Section) *slide {
	s := &slide{}
	s.add(textAt(box{mm(marginX), mm(60), mm(contentW), mm(16)}, "セクション", line(sec.Title, 30, true, charts.AccentColor, "ctr")))
	s.mark(sec.Title)
	s.add(rule(box{mm(297/2 - 42), mm(78), mm(84), mm(0.7)}, charts.AccentColor, "下線"))
	var ps []para
	for _, it := range sec.Items {
		if it != nil {
			ps = append(ps, line(it.Heading, 13, false, charts.InkColor, "l"))
			s.mark(it.Heading)
		}
	}
	s.add(textAt(box{mm(marginX + 40), mm(86), mm(contentW - 80), mm(90)}, "項目", ps...))
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
		r := rest()
		r, notes := footNotes(r, sb.Note, sb.EarlierLines)
		out = append(out, shape{chart: &chartFrame{box: r, Name: sb.Heading, chart: stackedSpec(sb)}})
		out = append(out, notes...)
	case b.Counts != nil:
		cb := b.Counts
		heading(para{Align: "l", Runs: []run{{Text: cb.Title, Size: sizeLabel, Bold: true}, {Text: cb.TitleTotal, Size: sizeLabel, Bold: true, Color: charts.AccentColor}}})
		r, notes := footNotes(rest(), cb.Note, cb.EarlierLines)
		out = append(out, shape{chart: &chartFrame{box: r, Name: cb.Heading, chart: countSpec(cb)}})
		out = append(out, notes...)
	case b.Periods != nil:
		pt := b.Periods
		heading(line(pt.Heading+pt.Unit, sizeLabel, true, charts.InkColor, "l"))
		ps := []para{line("　　"+strings.Join(pt.Columns, "　／　"), sizeSmall, true, charts.InkColor, "l")}
		for _, r := range pt.Rows {
			ind := ""
			if r.Indent {
				ind = "　"
			}
			ps = append(ps, line(ind+r.Label+"：　"+strings.Join(r.Cells, "　／　"), sizeSmall, false, charts.InkColor, "l"))
		}
		out = append(out, textAt(rest(), "表", ps...))
	case b.Texts != nil:
		tl := b.Texts
		heading(line(tl.Heading, sizeLabel, true, charts.InkColor, "l"))
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
		ps := []para{line(strings.Join(ct.Columns, "｜"), sizeTiny, true, charts.InkColor, "l")}
		for _, r := range ct.Rows {
			ps = append(ps, line(r.Ward+"｜"+strings.Join(r.Cells, "｜"), sizeTiny, false, charts.InkColor, "l"))
		}
		out = append(out, textAt(rest(), "事例", ps...))
	}
	return out
}

// footNotes keeps room under a chart for its note and earlier-period lines, returning the
// chart's box and the text under it.
func footNotes(r box, note string, earlier []string) (box, []shape) {
	var ps []para
	if note != "" {
		ps = append(ps, line(note, sizeTiny, false, charts.MutedColor, "l"))
	}
	for _, e := range earlier {
		ps = append(ps, line(e, sizeTiny, false, charts.AccentColor, "l"))
	}
	if len(ps) == 0 {
		return r, nil
	}
	th := mm(4.5 * float64(len(ps)))
	th = min(th, r.H/3)
	r.H -= th
	return r, []shape{textAt(box{r.X, r.Y + r.H, r.W, th}, "注記", ps...)}
}

// statusSlide is the 提出状況 page: the submission line, the wards' rows, the earlier
// aggregates used for comparison.
func statusSlide(st *charts.StatusTable, complete bool) *slide {
	s := headed(st.Title)
	c := charts.InkColor
	if !complete {
		c = charts.AlertColor
	}
	s.add(textAt(box{mm(marginX), mm(contentTop), mm(contentW), mm(10)}, "回答状況", line(st.Summary, 18, true, c, "l")))
	s.mark(st.Summary)
	ps := []para{line(strings.Join(st.Columns, "　"), sizeTiny, true, charts.InkColor, "l")}
	for i, r := range st.Rows {
		rc := charts.InkColor
		if i < len(st.Bad) && st.Bad[i] {
			rc = charts.AlertColor
		}
		ps = append(ps, line(strings.Join(r, "　"), sizeTiny, false, rc, "l"))
	}
	s.add(textAt(box{mm(marginX), mm(contentTop + 12), mm(contentW), mm(120)}, "提出状況", ps...))
	if len(st.Earlier) > 0 {
		eps := []para{line(st.EarlierTitle, sizeSmall, true, charts.InkColor, "l")}
		for _, e := range st.Earlier {
			eps = append(eps, line("・"+e, sizeTiny, false, charts.InkColor, "l"))
		}
		s.add(textAt(box{mm(marginX), mm(contentTop + 134), mm(contentW), mm(contentBot - contentTop - 134)}, "比較", eps...))
	}
	return s
}

// appendixSlide is one page of the ward × question appendix.
func appendixSlide(mx *charts.Matrix) *slide {
	s := headed(mx.Title)
	var head []string
	for _, c := range mx.Columns {
		head = append(head, c.Short)
	}
	ps := []para{line("　　　　"+strings.Join(head, " "), sizeTiny, true, charts.InkColor, "l")}
	for _, r := range mx.Rows {
		cells := strings.Join(r.Cells, " ")
		c := charts.InkColor
		if r.Missing {
			cells, c = r.Status, charts.AlertColor
		}
		ps = append(ps, line(r.Ward+"　"+cells, sizeTiny, false, c, "l"))
		s.mark(r.Ward)
	}
	s.add(textAt(box{mm(marginX), mm(contentTop), mm(contentW), mm(140)}, "付表", ps...))
	var lps []para
	for _, l := range mx.Legend {
		lps = append(lps, line(l, sizeTiny, false, charts.MutedColor, "l"))
	}
	s.add(textAt(box{mm(marginX), mm(contentTop + 142), mm(contentW), mm(contentBot - contentTop - 142)}, "凡例", lps...))
	return s
}
