package pptx

import "github.com/osaka-city/zaitaku/charts"

// movesBlock is a part of an item's 区ごとの変化 page in the box (x, y, w, h) mm, where the
// plan puts it: the paragraphs, or a transition table under its heading and lines, the
// previous answers down, this period's across, the units that stayed on a band.
func movesBlock(m *charts.Moves, x, y, w, h float64) []shape {
	if len(m.Rows) == 0 {
		var ps []para
		for _, l := range m.Lines {
			ps = append(ps, line(l, sizeSmall, false, charts.InkColor, "l"))
		}
		t := textAt(box{mm(x), mm(y), mm(w), mm(h)}, "区ごとの変化", ps...)
		t.text.Flat = true
		return []shape{t}
	}
	var out []shape
	headH := blockHeadH
	if m.Heading != "" {
		out = append(out, textAt(box{mm(x), mm(y), mm(w), mm(headH)}, "見出し", line(m.Heading, sizeLabel, true, charts.InkColor, "l")))
	} else {
		headH = 0
	}
	r, above := notesAbove(box{mm(x), mm(y + headH), mm(w), mm(max(h-headH, 5))}, "", m.Lines)
	out = append(out, above...)
	t := &table{box: r, Name: m.Heading, Size: sizeTiny}
	t.Rows = append(t.Rows, tableRow{Header: true, Cells: cells(append([]string{m.Corner}, m.Columns...), false)})
	label := 45.0
	t.Cols = []float64{label}
	for range m.Columns {
		t.Cols = append(t.Cols, (w-label)/float64(max(len(m.Columns), 1)))
	}
	lines := []float64{1}
	total := 1.0
	perMM := 2 / (sizeTiny * 25.4 / 72) // half-width columns per mm
	for _, row := range m.Rows {
		tr := tableRow{Cells: cells(append([]string{row.Label}, row.Cells...), false)}
		if row.Same >= 0 && row.Same+1 < len(tr.Cells) {
			tr.Cells[row.Same+1].Fill = "F2F2F2"
		}
		n := 1
		for _, c := range row.Cells {
			fit := max(1, int((t.Cols[1]-3)*perMM))
			n = max(n, (displayWidth(c)+fit-1)/fit)
		}
		t.Rows = append(t.Rows, tr)
		lines = append(lines, float64(n))
		total += float64(n)
	}
	for _, n := range lines {
		t.Heights = append(t.Heights, int(float64(r.H)*n/total))
	}
	return append(out, shape{table: t})
}

// movesSlides are an item's 区ごとの変化 when the deck paginates itself (no plan): a slide
// per block, under the item's 区ごとの変化 heading.
func movesSlides(it *charts.Item) []*slide {
	var out []*slide
	for i, m := range it.Moves {
		h := it.MovesHeading
		if i > 0 {
			h += charts.Continued
		}
		s := headed(h)
		s.add(movesBlock(m, marginX, contentTop, contentW, contentBot-contentTop)...)
		if m.Heading != "" {
			s.mark(m.Heading)
		}
		out = append(out, s)
	}
	return out
}
