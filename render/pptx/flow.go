package pptx

import (
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Heights in mm inside a block: its heading, a line of list text.
const (
	blockHeadH = 7.0
	listLineH  = 4.2
	// listColumns is how many columns a list of texts without a page plan is set in (one
	// text box with columns), listGap the space between columns.
	listColumns = 3
	listGap     = 6.0
	// caseLineH is a line of a case table's cell text (sizeTiny), casePad a cell's
	// margins above and below.
	caseLineH = 3.4
	casePad   = 1.6
)

// rowMarks are the headings of a row's blocks and the totals of its count charts.
func rowMarks(row []charts.Block) []string {
	var out []string
	for _, b := range row {
		switch {
		case b.Stacked != nil:
			out = append(out, b.Stacked.Heading)
		case b.Counts != nil:
			out = append(out, b.Counts.Title, charts.Thousands(b.Counts.Total))
		case b.Periods != nil:
			out = append(out, b.Periods.Heading)
		case b.Texts != nil:
			out = append(out, b.Texts.Heading)
		case b.Cases != nil:
			out = append(out, b.Cases.Heading)
		}
	}
	return out
}

// placeRow places a row's blocks side by side across the content width.
func placeRow(row []charts.Block, y, h float64) []shape {
	var out []shape
	w := (contentW - blockGap*float64(len(row)-1)) / float64(len(row))
	for j, b := range row {
		out = append(out, block(b, marginX+float64(j)*(w+blockGap), y, w, h)...)
	}
	return out
}

// displayWidth is a text's width in half-width columns.
func displayWidth(s string) int { return textfmt.Width(s) }

// caseLayout decides a case table's column widths in mm for a table w mm wide (the ward
// column narrow, the others in proportion to their text, none under 20 mm) and the height
// of each row, the header first, from the lines its fullest cell wraps to.
func caseLayout(ct *charts.CaseTable, w float64) (cols, heights []float64) {
	const wardW, minW = 18.0, 20.0
	need := make([]float64, len(ct.Columns))
	for i, c := range ct.Columns {
		need[i] = float64(displayWidth(c))
	}
	for _, r := range ct.Rows {
		for i, c := range r.Cells {
			if i < len(need) {
				need[i] = max(need[i], float64(min(displayWidth(c), 400)))
			}
		}
	}
	total := 0.0
	for _, n := range need {
		total += n
	}
	rest := w - wardW - minW*float64(len(need))
	cols = []float64{wardW}
	for _, n := range need {
		cols = append(cols, minW+rest*n/max(total, 1))
	}
	perMM := 2 / (sizeTiny * 25.4 / 72) // half-width columns per mm
	rowH := func(texts []string) float64 {
		lines := 1
		for i, s := range texts {
			if i < len(cols) {
				fit := max(1, int((cols[i]-3)*perMM))
				lines = max(lines, (displayWidth(s)+fit-1)/fit)
			}
		}
		return float64(lines)*caseLineH + casePad
	}
	heights = append(heights, rowH(append([]string{""}, ct.Columns...)))
	for _, r := range ct.Rows {
		heights = append(heights, rowH(append([]string{r.Ward}, r.Cells...)))
	}
	return cols, heights
}
