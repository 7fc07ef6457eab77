package pdf

import "github.com/osaka-city/zaitaku/charts"

// unitCellPad is the space between a figure and the right edge of its cell, and the
// least width of a column of a unit table beyond its widest text.
const (
	unitCellPad = 5.0
	unitColPad  = 10.0
)

// unitTable lays out one page of a unit table (charts.UnitTable.Pages): the units and
// their figures right-aligned under the categories' codes, the 合計, 最少 and 最大 rows
// under them on the page of the last units, and beside the grid the key of the codes
// with the legend under it (under the grid when there is no room beside).
func (t typesetter) unitTable(pages *[]*page, mx *charts.Matrix) error {
	f := t.headedFlow(pages, appendixPage, mx.Title)
	g := t.unitLayout(mx)
	grid := t.unitGrid(g)
	keyX := g.gridW + keyGap
	beside := contentW - keyX
	var key *piece
	for _, ks := range []float64{sizeSmall, 8.5, keyMinSize} {
		key = t.unitKey(mx, beside, ks)
		if key.h <= grid.h {
			break
		}
	}
	if beside >= 160 && key.h <= grid.h {
		p := &piece{}
		p.addAt(grid, 0, 0)
		p.addAt(key, keyX, 0)
		p.h = grid.h
		p.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true, Key: true, Legend: len(mx.Legend) > 0}}
		return f.add(fixedChunk("grid "+mx.Title, p))
	}
	grid.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true}}
	if err := f.add(fixedChunk("grid "+mx.Title, grid)); err != nil {
		return err
	}
	key = t.unitKey(mx, contentW, keyMinSize)
	key.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Key: true, Legend: len(mx.Legend) > 0}}
	return f.add(fixedChunk("key "+mx.Title, key))
}

// unitKey is the key of a unit table's codes, 「1　１．医科」, with the legend under it.
func (t typesetter) unitKey(mx *charts.Matrix, w, size float64) *piece {
	p := t.matrixKey(mx.Columns, w, size)
	y := p.h
	if len(mx.Legend) > 0 {
		y += 6
	}
	for _, l := range mx.Legend {
		y = t.para(p, l, 0, y, w, size, false, colText)
	}
	p.h = y
	return p
}

// unitGeom is a unit table's columns: the units' column, then one column per code, the
// categories' as wide as the widest of them, the total's as its own.
type unitGeom struct {
	mx    *charts.Matrix
	wardW float64
	// colX and colW are each figure column's left edge and width.
	colX, colW   []float64
	gridW, headH float64
}

// unitLayout measures the grid's columns.
func (t typesetter) unitLayout(mx *charts.Matrix) *unitGeom {
	g := &unitGeom{mx: mx, headH: 15}
	for _, r := range mx.Rows {
		g.wardW = max(g.wardW, t.width(r.Ward, gridSize, true))
	}
	for _, r := range mx.Foot {
		g.wardW = max(g.wardW, t.width(r.Ward, gridSize, true))
	}
	g.wardW += 14
	for i, c := range mx.Columns {
		w := t.width(c.Short, gridHeadSize, true) + 8
		for _, r := range mx.Rows {
			if !r.Missing && i < len(r.Cells) {
				w = max(w, t.width(r.Cells[i], gridSize, c.Total)+unitColPad)
			}
		}
		for _, r := range mx.Foot {
			if i < len(r.Cells) {
				w = max(w, t.width(r.Cells[i], gridSize, true)+unitColPad)
			}
		}
		g.colW = append(g.colW, max(w, 22))
	}
	// The categories' columns are as wide as the widest of them: a grid of figures reads
	// down and across more easily in even columns.
	widest := 0.0
	for i, c := range mx.Columns {
		if !c.Total {
			widest = max(widest, g.colW[i])
		}
	}
	for i, c := range mx.Columns {
		if !c.Total {
			g.colW[i] = widest
		}
	}
	if total := g.wardW + sum(g.colW); total > contentW {
		// The model cuts the columns to fit; a font wider than it reckons is squeezed.
		k := (contentW - g.wardW) / sum(g.colW)
		for i := range g.colW {
			g.colW[i] *= k
		}
	}
	x := g.wardW
	for _, w := range g.colW {
		g.colX = append(g.colX, x)
		x += w
	}
	g.gridW = x
	return g
}

// unitGrid draws the grid: the header of codes, the units' rows (a unit not counted
// banded, its status across), the foot rows on the header's fill, and the rules, heavier
// before the total column and above the foot.
func (t typesetter) unitGrid(g *unitGeom) *piece {
	mx := g.mx
	grid := &piece{}
	grid.add(rectEl{r: rect{0, 0, g.gridW, g.headH}, fill: colHeaderFill})
	for i, c := range mx.Columns {
		grid.add(t.text(c.Short, g.colX[i]+g.colW[i]/2, (g.headH-gridHeadSize)/2, gridHeadSize, true, colText, center))
	}
	y := g.headH
	var overlay []element
	row := func(r charts.MatrixRow, fill charts.Color, bold bool) {
		if fill != "" {
			grid.add(rectEl{r: rect{0, y, g.gridW, gridRowH}, fill: fill})
		}
		ty := y + (gridRowH-gridSize)/2
		c := colText
		if r.Missing {
			c = colMuted
		}
		grid.add(t.text(r.Ward, 7, ty, gridSize, true, c, left))
		if r.Missing {
			// Drawn after the column rules, so that the status reads across the row.
			overlay = append(overlay,
				rectEl{r: rect{g.wardW + 0.5, y + 0.3, g.gridW - g.wardW - 1, gridRowH - 0.6}, fill: colBand},
				t.text(r.Status, g.wardW+(g.gridW-g.wardW)/2, ty, gridSize, false, colMuted, center))
			return
		}
		for i, cell := range r.Cells {
			if i < len(g.colW) {
				grid.add(t.text(cell, g.colX[i]+g.colW[i]-unitCellPad, ty, gridSize, bold || mx.Columns[i].Total, colText, right))
			}
		}
	}
	for ri, r := range mx.Rows {
		fill := charts.Color("")
		switch {
		case r.Missing:
			fill = colBand
		case ri%2 == 1:
			fill = colZebra
		}
		row(r, fill, false)
		y += gridRowH
		if ri < len(mx.Rows)-1 {
			grid.add(lineEl{x1: 0, y1: y, x2: g.gridW, y2: y, lw: 0.3, color: colGrid})
		}
	}
	footTop := y
	for ri, r := range mx.Foot {
		row(r, colHeaderFill, true)
		y += gridRowH
		if ri < len(mx.Foot)-1 {
			grid.add(lineEl{x1: 0, y1: y, x2: g.gridW, y2: y, lw: 0.3, color: colGrid})
		}
	}
	for i, c := range mx.Columns {
		lw, col := 0.3, colGrid
		switch {
		case i == 0:
			lw, col = 0.9, colRule
		case c.Total:
			lw, col = 0.75, colRule
		}
		grid.add(lineEl{x1: g.colX[i], y1: 0, x2: g.colX[i], y2: y, lw: lw, color: col})
	}
	grid.add(overlay...)
	grid.add(lineEl{x1: 0, y1: g.headH, x2: g.gridW, y2: g.headH, lw: 0.75, color: colRule})
	if len(mx.Foot) > 0 {
		grid.add(lineEl{x1: 0, y1: footTop, x2: g.gridW, y2: footTop, lw: 0.75, color: colRule})
	}
	grid.add(rectEl{r: rect{0, 0, g.gridW, y}, stroke: colRule, lw: 0.75})
	grid.h = y
	return grid
}
