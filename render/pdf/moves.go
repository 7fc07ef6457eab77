package pdf

import (
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// moves lays out an item's 区ごとの変化 pages (charts.Item.Moves) after its own: what the
// tables mean and the lists, then a transition table per row where some unit moved.
func (t typesetter) moves(pages *[]*page, it *charts.Item) error {
	f := t.headedFlow(pages, movesPage, it.MovesHeading)
	for _, m := range it.Moves {
		if err := f.add(t.movesChunk(m, contentW)); err != nil {
			return err
		}
	}
	return nil
}

// movesChunk is one block of a 区ごとの変化 page: paragraphs, or a ruled transition table
// with the previous answers down and this period's across, the units that stayed on a band.
func (t typesetter) movesChunk(m *charts.Moves, w float64) *chunk {
	if len(m.Rows) == 0 {
		p := &piece{}
		y := 0.0
		for _, l := range m.Lines {
			y = t.para(p, l, 0, y, w, sizeBody, false, colText) + 3
		}
		p.h = y
		p.part = &charts.PagePart{Blocks: []charts.Block{{Moves: m}}}
		return fixedChunk("moves "+m.ID, p)
	}
	size := sizeSmall
	tb := &table{name: "moves " + m.ID, size: size, padX: 5, padY: 4, header: true, minRows: 2}
	labelW := t.width(m.Corner, size, true)
	for _, r := range m.Rows {
		labelW = max(labelW, t.width(r.Label, size, false))
	}
	labelW = min(labelW+2*tb.padX, w*0.3)
	tb.cols = append(tb.cols, tcol{title: m.Corner, w: labelW})
	colW := (w - labelW) / float64(max(len(m.Columns), 1))
	for _, c := range m.Columns {
		tb.cols = append(tb.cols, tcol{title: c, w: colW})
	}
	for i, r := range m.Rows {
		cells := []string{r.Label}
		for _, c := range r.Cells {
			cells = append(cells, t.nameLines(c, size, colW-2*tb.padX))
		}
		row := t.newRow(tb, cells, false, 0)
		row.src = i
		if r.Same >= 0 {
			row.cellFill = map[int]charts.Color{r.Same + 1: colBand}
		}
		tb.rows = append(tb.rows, row)
	}
	tb.part = func(rows []trow, cont bool) *charts.PagePart { return movesPart(m, rows, cont) }
	head := t.headingPiece(m.Heading, w, func(p *piece, y float64) float64 {
		for _, l := range m.Lines {
			y = t.para(p, l, 0, y, w, sizeSmall, false, colAccent)
		}
		return y
	})
	c := t.tableChunk(tb, head, false)
	// A table that fits on a page moves on whole rather than leave a row behind.
	c.flows = false
	return c
}

// nameLines breaks a cell's names (「北区、都島区、…」) between names, never inside one,
// so that each line fits w.
func (t typesetter) nameLines(s string, size, w float64) string {
	names := strings.Split(s, "、")
	var lines []string
	cur := ""
	for i, n := range names {
		tok := n
		if i < len(names)-1 {
			tok += "、"
		}
		if cur != "" && t.width(cur+tok, size, false) > w {
			lines = append(lines, cur)
			cur = ""
		}
		cur += tok
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// movesPart is rows of a transition table; its lines head its first part.
func movesPart(m *charts.Moves, rows []trow, cont bool) *charts.PagePart {
	p := *m
	p.Heading = continued(m.Heading, cont)
	if cont {
		p.Lines = nil
	}
	p.Rows = nil
	for _, r := range rows {
		row := m.Rows[r.src]
		if r.cut {
			cells := cellTexts(r, nil)
			row.Label, row.Cells = cells[0], cells[1:]
		}
		p.Rows = append(p.Rows, row)
	}
	return &charts.PagePart{Blocks: []charts.Block{{Moves: &p}}}
}
