package pptx

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// manyUnitsMissing is the sample aggregate as if it had 1,741 units of which 580 sent
// nothing: the submission line names them all, as `zaitaku aggregate --allow-incomplete`
// writes it, and the cover's notice, every footer and the 提出状況 page say it.
func manyUnitsMissing(t *testing.T) *aggregate.Result {
	t.Helper()
	res := sampleWithout(t, manyMissing...)
	var names []string
	for i := range 580 {
		names = append(names, fmt.Sprintf("市町村%04d", 3*i+3))
	}
	res.Submission.Summary = aggregate.SummaryLine(res.Units.Label, 1161, 1741, names, nil)
	return res
}

// longTitle is a --title longer than the cover has room for at its size.
const longTitle = "令和６年度　在宅医療・介護連携推進事業に係る各区の取組状況及び相談支援の実施状況に関する調査結果（速報版・関係機関配付用）"

// TestTextFitsItsBox draws the deck of an aggregate with 580 of 1,741 units missing and
// a long title: every text box's text, as the deck sets it, is estimated to fit its box
// (PowerPoint does not shrink it on opening), every shape lies on the slide, the footer's
// submission line is one line cut with 「…」 as the PDF's, and the 提出状況 table starts
// under the submission line over it, which wraps.
func TestTextFitsItsBox(t *testing.T) {
	res := manyUnitsMissing(t)
	sum := res.Submission.Summary
	rep := charts.Build(res, charts.Options{DocLabel: "資料１", Title: longTitle, AggregateID: "TEST-ID", IncludeCases: true})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	boxes, tables, status := 0, 0, false
	for i, s := range slides {
		for _, sh := range flat(s.shapes) {
			b, name := shapeBox(sh)
			if b.X < 0 || b.Y < 0 || b.X+b.W > slideW+1 || b.Y+b.H > slideH+1 {
				t.Errorf("slide %d: %s at %v is off the slide", i+1, name, b)
			}
			if sh.table != nil {
				tables++
				if bottom := float64(b.Y)/emuPerMM + tableExtent(sh.table); bottom > footerY {
					t.Errorf("slide %d: table %s grows to %.1f mm with its text, into the footer", i+1, name, bottom)
				}
			}
			if sh.text == nil || !sh.text.hasText() {
				continue
			}
			boxes++
			w, h := sh.text.inner()
			if need := textHeight(sh.text.Paras, w, sh.text.Columns); need > h+0.01 {
				t.Errorf("slide %d: %s %q needs %.1f mm, its box has %.1f", i+1, name, shortText(paraText(sh.text)), need, h)
			}
		}
		if i == 0 {
			continue
		}
		foot := footerLine(s)
		if !isSummaryLine(foot, sum) || !strings.HasSuffix(foot, ellipsis) {
			t.Errorf("slide %d: footer %q, want the submission line cut with 「…」", i+1, shortText(foot))
		}
		if status || s.marks[0] != rep.Status.Title {
			continue
		}
		status = true
		var line *textBox
		var table box
		for _, sh := range flat(s.shapes) {
			switch {
			case sh.text != nil && sh.text.Name == "回答状況" && sh.text.Y != mm(footerY):
				line = sh.text
			case sh.table != nil && table.H == 0:
				table = sh.table.box
			}
		}
		if line == nil || table.H == 0 {
			t.Fatalf("提出状況 slide %d: submission line %v, table %v", i+1, line, table)
		}
		if w, _ := line.inner(); line.Paras[0].lines(w) < 2 || line.H <= mm(summaryMinH) {
			t.Errorf("提出状況: the submission line is not wrapped: %d mm high", line.H/emuPerMM)
		}
		if table.Y < line.Y+line.H {
			t.Errorf("提出状況: the table starts at %d mm, inside the submission line (to %d mm)", table.Y/emuPerMM, (line.Y+line.H)/emuPerMM)
		}
	}
	if !status || boxes < 100 || tables < 5 || !hasCases(rep) {
		t.Fatalf("提出状況 slide found %v, %d text boxes and %d tables checked, case tables %v", status, boxes, tables, hasCases(rep))
	}
	for _, sh := range flat(slides[0].shapes) {
		if tb := sh.text; tb != nil && tb.Name == "タイトル" {
			if got, size := paraText(tb), tb.Paras[0].Runs[0].Size; got != longTitle || size >= 36 {
				t.Errorf("cover title %q at %.1f pt, want the whole title smaller than 36 pt", got, size)
			}
		}
	}
}

// tableExtent is the estimated height in mm of a table as PowerPoint sets it: a row
// grows to the lines of its fullest cell (the cell's margins 1.5 mm each side, 0.5 mm
// above and below), never under the height the deck gives it.
func tableExtent(tb *table) float64 {
	total := 0.0
	for i, r := range tb.Rows {
		h := float64(tb.H) / float64(max(len(tb.Rows), 1)) / emuPerMM
		if i < len(tb.Heights) {
			h = float64(tb.Heights[i]) / emuPerMM
		}
		for j, c := range r.Cells {
			if j >= len(tb.Cols) || c.Span > 1 || c.Merged || c.Under {
				continue
			}
			need := 0.0
			for _, l := range splitLines(c.Text) {
				need += line(l, tb.Size, false, "", "l").height(tb.Cols[j] - 3)
			}
			h = max(h, need+1)
		}
		total += h
	}
	return total
}

// shapeBox is where a shape lies and its name; a table is as wide as its columns.
func shapeBox(sh shape) (box, string) {
	switch {
	case sh.text != nil:
		return sh.text.box, sh.text.Name
	case sh.chart != nil:
		return sh.chart.box, sh.chart.Name
	default:
		b := sh.table.box
		b.W = 0
		for _, c := range sh.table.Cols {
			b.W += mm(c)
		}
		return b, sh.table.Name
	}
}

// paraText is a text box's text, its paragraphs joined by newlines.
func paraText(t *textBox) string {
	var ps []string
	for _, p := range t.Paras {
		var b strings.Builder
		for _, r := range p.Runs {
			b.WriteString(r.Text)
		}
		ps = append(ps, b.String())
	}
	return strings.Join(ps, "\n")
}

// TestFitText holds fitText to the PDF's rule for one line: a text that fits stays as it
// is, one a little too long is set smaller, and one too long at 6 pt is cut with 「…」.
func TestFitText(t *testing.T) {
	for _, tc := range []struct {
		text     string
		size     float64
		cut      bool
		smallest bool
	}{
		{"回答 22／24区", sizeSmall, false, false},
		{strings.Repeat("都島区、", 9), sizeSmall, false, false},
		{strings.Repeat("都島区、", 40), sizeSmall, true, true},
	} {
		tb := &textBox{box: box{0, 0, mm(109.5), mm(7)}, Paras: []para{line(tc.text, tc.size, true, "", "l")}}
		before := tb.overflows()
		fitText(tb)
		got, size := paraText(tb), tb.Paras[0].Runs[0].Size
		switch {
		case tb.overflows():
			t.Errorf("%q still overflows at %.1f pt", got, size)
		case strings.HasSuffix(got, ellipsis) != tc.cut:
			t.Errorf("%q: cut %v, want %v", shortText(got), !tc.cut, tc.cut)
		case !before && (got != tc.text || size != tc.size):
			t.Errorf("a text that fits was changed to %q at %.1f pt", got, size)
		case before && size >= tc.size:
			t.Errorf("%q overflowed and was not set smaller (%.1f pt)", shortText(got), size)
		case tc.smallest && size != minTextSize:
			t.Errorf("cut at %.1f pt, not at the smallest %.1f", size, minTextSize)
		}
		if w, _ := tb.inner(); tb.Paras[0].lines(w) != 1 {
			t.Errorf("%q takes %d lines in a one-line box", shortText(got), tb.Paras[0].lines(w))
		}
	}
}

// TestLineBreaksAreParagraphs puts case records written on several lines (LF, CR LF, a
// lone CR) in the deck and a note with a line break: no a:t of any slide holds a line
// break, each line is a paragraph of its own, and every part stays valid.
func TestLineBreaksAreParagraphs(t *testing.T) {
	xmllint := formtest.Tool(t, "libxml2-utils", "xmllint")
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１", IncludeCases: true})
	var ct *charts.CaseTable
	var sb *charts.StackedBars
	for _, sec := range rep.Sections {
		for _, it := range sec.Items {
			for _, b := range it.Blocks {
				if b.Cases != nil && ct == nil && len(b.Cases.Rows) > 0 && len(b.Cases.Rows[0].Cells) > 0 {
					ct = b.Cases
				}
				if b.Stacked != nil && sb == nil {
					sb = b.Stacked
				}
			}
		}
	}
	if ct == nil || sb == nil {
		t.Fatal("no case table or choice chart in the sample's report")
	}
	ct.Rows[0].Cells[0] = "一行目LF\n二行目CRLF\r\n三行目CR\r四行目"
	sb.Note = "※注記の一行目\n注記の二行目"
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	files := unzip(t, buf.Bytes())
	validate(t, xmllint, files)
	breakRE := regexp.MustCompile(`<a:t>[^<]*(\n|\r|&#xA;|&#xD;|&#10;|&#13;)[^<]*</a:t>`)
	for name, data := range files {
		if strings.HasPrefix(name, "ppt/slides/slide") && breakRE.Match(data) {
			t.Errorf("%s: a:t holds a line break: %q", name, breakRE.Find(data))
		}
	}
	var all []string
	for _, ps := range slideParagraphs(t, files) {
		all = append(all, ps...)
	}
	for _, want := range []string{"一行目LF", "二行目CRLF", "三行目CR", "四行目", "※注記の一行目", "注記の二行目"} {
		found := false
		for _, p := range all {
			found = found || p == want
		}
		if !found {
			t.Errorf("no paragraph %q of its own", want)
		}
	}
}

// TestAxisEndLabel: an axis that ends at 1,741 units with ticks 500 apart gets 「1,741」
// at its end, centred under the bars' end, the unit after it, as the PDF prints it; an
// axis whose ticks reach its end (24 units) gets none, and one too narrow for the end's
// label next to 1,500's leaves it out as the PDF does, the unit after 1,500.
func TestAxisEndLabel(t *testing.T) {
	for _, tc := range []struct {
		units int
		w     float64
		want  string
	}{
		{1741, 200, "1,741"},
		{24, 200, ""},
		{1741, 40, ""},
	} {
		a := charts.UnitAxis(tc.units, "（区）")
		spec := &chartSpec{Unit: a.Unit, MajorUnit: majorUnit(a), Max: a.Max}
		placePlot(spec, []string{"北区"}, a, tc.w, 60, plotTop)
		if spec.EndLabel != tc.want {
			t.Errorf("%d units, %.0f mm: end label %q, want %q", tc.units, tc.w, spec.EndLabel, tc.want)
			continue
		}
		end := spec.Plot.X + spec.Plot.W
		switch {
		case tc.want != "" && (spec.UnitAt.X >= end || spec.UnitAt.X < end-10/tc.w):
			t.Errorf("%d units: the end label starts at %.3f, not just before the bars' end %.3f", tc.units, spec.UnitAt.X, end)
		case tc.want == "" && tc.units == 24 && spec.UnitAt.X <= end:
			t.Errorf("%d units: the unit at %.3f, inside the bars (end %.3f)", tc.units, spec.UnitAt.X, end)
		case tc.want == "" && tc.units == 1741 && spec.UnitAt.X >= end+(tickHalf(1741)+0.5)/tc.w-1e-9:
			t.Errorf("%d units, narrow: the unit at %.3f, not after 1,500 but beyond the end %.3f", tc.units, spec.UnitAt.X, end)
		}
		xml := string(mustExec("chart", chartXMLView(spec, "rId1")))
		if got := strings.Contains(xml, "<a:t>1,741 </a:t>"); got != (tc.want != "") {
			t.Errorf("%d units, %.0f mm: the chart's axis title has 1,741: %v", tc.units, tc.w, got)
		}
	}
}
