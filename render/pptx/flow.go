package pptx

import (
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Heights in mm the deck plans with when the report has no page plan: a block's heading,
// a line of list text, a chart row.
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

// itemSlides lays an item out over as many slides as it needs when the report has no
// page plan (charts.Report.Pages), as the PDF does: its rows
// of blocks one under another while they fit, then a new slide whose heading says
// 「（続き）」. A list of texts or cases that does not fit is cut between lines and goes
// on, under its heading with 「（続き）」, on the next slide; a chart is never cut, and a
// chart taller than a whole slide is squeezed onto one.
func itemSlides(it *charts.Item) []*slide {
	var out []*slide
	var cur *slide
	y := 0.0
	fresh := func() {
		h := it.Heading
		if len(out) > 0 {
			h += charts.Continued
		}
		cur = headed(h)
		out = append(out, cur)
		y = contentTop
	}
	fresh()
	rows := it.Rows()
	for len(rows) > 0 {
		row := rows[0]
		h := rowHeight(row)
		avail := contentBot - y
		switch {
		case h <= avail+0.01:
			cur.add(placeRow(row, y, h)...)
			cur.mark(rowMarks(row)...)
			y += h + blockGap
			rows = rows[1:]
		case len(row) == 1 && splittable(row[0]) && (y > contentTop || fits(row[0], avail)):
			first, rest := splitBlock(row[0], avail)
			if first != nil {
				cur.add(placeRow([]charts.Block{*first}, y, blockHeight(*first))...)
				cur.mark(rowMarks([]charts.Block{*first})...)
			}
			rows[0] = []charts.Block{rest}
			fresh()
		case y > contentTop:
			fresh()
		default:
			cur.add(placeRow(row, y, avail)...)
			cur.mark(rowMarks(row)...)
			y = contentBot
			rows = rows[1:]
		}
	}
	return out
}

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
		case b.Number != nil:
			out = append(out, b.Number.Title, b.Number.Total)
		case b.Moves != nil:
			out = append(out, b.Moves.Heading)
		}
	}
	return out
}

// rowHeight is the height of the tallest block in a row.
func rowHeight(row []charts.Block) float64 {
	h := 0.0
	for _, b := range row {
		h = max(h, blockHeight(b))
	}
	return h
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

// blockHeight is the height in mm a block needs.
func blockHeight(b charts.Block) float64 {
	switch {
	case b.Stacked != nil:
		return blockHeadH + noteH(b.Stacked.Note) + 18 + 8*float64(len(b.Stacked.Bars)) + 4.5*float64(len(b.Stacked.EarlierLines))
	case b.Counts != nil:
		return blockHeadH + noteH(b.Counts.Note) + 12 + 5.5*float64(len(b.Counts.Bars)) + 4.5*float64(len(b.Counts.EarlierLines))
	case b.Periods != nil:
		return blockHeadH + 5.5*float64(len(b.Periods.Rows)+1)
	case b.Texts != nil:
		n := 0
		for _, e := range b.Texts.Entries {
			n += entryLines(e)
		}
		return blockHeadH + listLineH*float64(columnLines(n)) + 2
	case b.Number != nil:
		return numberHeight(b.Number)
	case b.Cases != nil:
		_, hs := caseLayout(b.Cases, contentW)
		h := blockHeadH + 2
		for _, x := range hs {
			h += x
		}
		return h
	}
	return 0
}

func noteH(note string) float64 {
	if note == "" {
		return 0
	}
	return 4.5
}

// listCols is how many half-width columns a line of list text holds at sizeSmall in one
// of the list's columns.
var (
	listWidth = (contentW - listGap*(listColumns-1)) / listColumns / (sizeSmall * 25.4 / 72) * 2
	listCols  = int(listWidth)
)

// columnLines is the lines of the longest column when n lines are set in listColumns
// columns: the text box breaks columns between any two lines, so an entry may be cut,
// and one line of slack per column is kept for where it breaks.
func columnLines(n int) int { return (n+listColumns-1)/listColumns + 1 }

// entryLines is the lines one ward's entry takes: its name, then each text wrapped.
func entryLines(e charts.WardLines) int {
	n := 1
	for _, l := range e.Lines {
		n += max(1, (textfmt.Width("・"+l)+listCols-1)/listCols)
	}
	return n
}

// fits reports whether some of a list fits in avail mm, so that cutting it makes
// progress; a list none of which fits on a whole slide is squeezed instead.
func fits(b charts.Block, avail float64) bool {
	first, _ := splitBlock(b, avail)
	return first != nil
}

func splittable(b charts.Block) bool { return b.Texts != nil || b.Cases != nil }

// splitBlock cuts a list so that its first part fits in avail mm: the part that fits (nil
// when not even one line does) and the rest, headed as continued.
func splitBlock(b charts.Block, avail float64) (*charts.Block, charts.Block) {
	if b.Cases != nil {
		ct := b.Cases
		_, hs := caseLayout(ct, contentW)
		used, n := blockHeadH+2+hs[0], 0
		for n < len(ct.Rows) && used+hs[n+1] <= avail {
			used += hs[n+1]
			n++
		}
		if n < 1 {
			return nil, b
		}
		first, rest := *ct, *ct
		first.Rows, rest.Rows = ct.Rows[:n], ct.Rows[n:]
		rest.Heading = continued(ct.Heading)
		return &charts.Block{Cases: &first}, charts.Block{Cases: &rest}
	}
	tl := b.Texts
	room := (int((avail-blockHeadH-2)/listLineH) - 1) * listColumns
	var took []charts.WardLines
	rest := tl.Entries
	for len(rest) > 0 && room >= 2 {
		e := rest[0]
		if n := entryLines(e); n <= room {
			took, rest, room = append(took, e), rest[1:], room-n
			continue
		}
		// Cut inside the entry: its name and the lines that fit here, the rest under its
		// name again, continued.
		part := charts.WardLines{Ward: e.Ward}
		room--
		i := 0
		for ; i < len(e.Lines); i++ {
			n := entryLines(charts.WardLines{Lines: e.Lines[i : i+1]}) - 1
			if n > room {
				break
			}
			room -= n
		}
		if i == 0 {
			break
		}
		part.Lines = e.Lines[:i]
		took = append(took, part)
		rest = append([]charts.WardLines{{Ward: continued(e.Ward), Lines: e.Lines[i:]}}, rest[1:]...)
		break
	}
	if len(took) == 0 {
		return nil, b
	}
	first, next := *tl, *tl
	first.Entries, next.Entries = took, rest
	next.Heading = continued(tl.Heading)
	return &charts.Block{Texts: &first}, charts.Block{Texts: &next}
}

// continued marks a heading that goes on from the slide before, once.
func continued(h string) string {
	if len(h) >= len(charts.Continued) && h[len(h)-len(charts.Continued):] == charts.Continued {
		return h
	}
	return h + charts.Continued
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
