package pptx

import (
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// labelsBeside sets the bars' labels left of the plot area as text boxes, left-aligned as
// the PDF sets them and each level with its bar; the chart keeps the labels as its
// categories (「データの編集」 shows them) but does not draw them. A chart's own category
// labels are right-aligned against the axis in Impress whatever the chart asks for
// (LibreOffice ignores c:txPr algn and c:lblAlgn on a category axis); text boxes read the
// same in PowerPoint and Impress. indent marks 再掲 rows, set in by one character.
func labelsBeside(spec *chartSpec, r box, labels []string, indent []bool) []shape {
	if spec.Plot == nil || len(labels) == 0 {
		return nil
	}
	spec.NoCategoryLabels = true
	top := float64(r.Y) + spec.Plot.Y*float64(r.H)
	rowH := spec.Plot.H * float64(r.H) / float64(len(labels))
	w := int(spec.Plot.X*float64(r.W)) - mm(1)
	var out []shape
	for i, l := range labels {
		if i < len(indent) && indent[i] {
			l = "　" + l
		}
		b := box{r.X, int(top + float64(i)*rowH), w, int(rowH)}
		out = append(out, shape{text: &textBox{box: b, Name: "項目名", Anchor: "ctr", Tight: true,
			Paras: []para{line(l, sizeSmall, false, charts.InkColor, "l")}}})
	}
	return out
}

// singleBarLabels names the options inside a single question's one bar, 「開催している 18」,
// where the segment is wide enough, as the PDF does; else the count alone.
func singleBarLabels(spec *chartSpec, sb *charts.StackedBars, w float64) {
	spec.GapWidth, spec.NoCategoryLabels = singleGap, true
	if spec.Plot == nil || sb.Axis.Max <= 0 || len(sb.Bars) == 0 {
		return
	}
	plotW := spec.Plot.W * w
	for i := range spec.Series {
		s := &spec.Series[i]
		s.LabelSize = sizeBody
		v := 0
		if i < len(sb.Bars[0].Values) {
			v = sb.Bars[0].Values[i]
		}
		seg := plotW * float64(v) / float64(sb.Axis.Max)
		text := s.Label + " " + charts.Thousands(int64(v))
		s.ShowName = float64(displayWidth(text))*sizeBody*25.4/72/2+3 <= seg
	}
}

// Gaps between bars, as a percentage of a bar's thickness: the single question's bar is
// thick as in the PDF.
const (
	barGap    = 50
	singleGap = 25
)

// rangedLabels breaks the labels of bars that carry their per-unit range (show_range,
// 「①医療関係者（5 件 ～ 242 件）」) at the width of the deck's own label boxes, keeping the
// range whole on a line, as the PDF does; left to itself, PowerPoint would break inside the
// parentheses. Other labels are left for the text box to wrap.
func rangedLabels(spec *chartSpec, r box, bars []charts.CountBar, labels []string) {
	if spec.Plot == nil {
		return
	}
	w := (spec.Plot.X*float64(r.W)-float64(mm(1)))/emuPerMM - 1 // labelsBeside's box, less its tight margin
	for i, b := range bars {
		if b.Name == "" || b.Name == b.Label || !strings.HasPrefix(b.Label, b.Name) {
			continue
		}
		room := w
		if b.Repeat {
			room -= charMM('　', sizeSmall) // labelsBeside sets a 再掲 row in by one character
		}
		lines := charts.RangedLinesFunc(b.Name, strings.TrimPrefix(b.Label, b.Name), room, func(r rune) float64 { return charMM(r, sizeSmall) })
		labels[i] = strings.Join(lines, "\n")
	}
}
