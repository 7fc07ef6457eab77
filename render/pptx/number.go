package pptx

import "github.com/osaka-city/zaitaku/charts"

// numberHeading is a number question's line as a count chart's heading is set: the
// heading, then the total (with its range) in the accent colour, 「（１）窓口開設日数
// 1,709 日（123 日 ～ 180 日）」; no chart, as in the PDF.
func numberHeading(nl *charts.NumberLine) para {
	return para{Align: "l", Runs: []run{{Text: nl.Title, Size: sizeLabel, Bold: true}, {Text: nl.TitleTotal, Size: sizeLabel, Bold: true, Color: charts.AccentColor}}}
}

// numberNotes are a number question's earlier totals and note under its line, in the box
// left under the heading.
func numberNotes(nl *charts.NumberLine, r box) []shape {
	ps := noteParas(nl.Note, nl.EarlierLines)
	if len(ps) == 0 {
		return nil
	}
	t := textAt(box{r.X, r.Y, r.W, min(r.H, mm(4.5*float64(len(ps))))}, "注記", ps...)
	t.text.Flat = true
	return []shape{t}
}

// numberHeight is the height in mm a number question needs without a page plan.
func numberHeight(nl *charts.NumberLine) float64 {
	return blockHeadH + 4.5*float64(len(noteParas(nl.Note, nl.EarlierLines)))
}
