package pdf

import "github.com/osaka-city/zaitaku/charts"

// The appendix grid's sizes: text, header codes, row height, and the key's smallest size
// and its gap from the grid.
const (
	gridSize     = sizeSmall
	gridHeadSize = sizeSmall - 0.5
	gridRowH     = 13.5
	keyMinSize   = sizeTiny
	keyGap       = 20.0
)

// appendix lays out one page of the ward × question grid: ward names down the left, the
// short codes across, the codes' key beside the grid (or under it when there is no room)
// and the legend of the answer numbers at the foot.
func (t typesetter) appendix(pages *[]*page, mx *charts.Matrix) error {
	f := t.headedFlow(pages, appendixPage, mx.Title)
	g := t.matrixLayout(mx)
	grid := &piece{}
	t.matrixHeader(g, grid)
	t.matrixBody(g, grid)
	gridW := g.gridW

	keyX := gridW + keyGap
	beside := contentW - keyX
	// The key beside the grid in the largest gridSize that fits its height.
	var key *piece
	for _, ks := range []float64{sizeSmall, 8.5, keyMinSize} {
		key = t.matrixKey(mx.Columns, beside, ks)
		if key.h <= grid.h {
			break
		}
	}
	if beside >= 200 && key.h <= grid.h {
		p := &piece{}
		p.addAt(grid, 0, 0)
		p.addAt(key, keyX, 0)
		p.h = grid.h
		p.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true, Key: true}}
		if err := f.add(fixedChunk("grid "+mx.Title, p)); err != nil {
			return err
		}
	} else {
		grid.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true}}
		if err := f.add(fixedChunk("grid "+mx.Title, grid)); err != nil {
			return err
		}
		key = t.matrixKey(mx.Columns, contentW, keyMinSize)
		key.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Key: true}}
		if err := f.add(fixedChunk("key "+mx.Title, key)); err != nil {
			return err
		}
	}
	if len(mx.Legend) > 0 {
		p := &piece{}
		y := 0.0
		for _, l := range mx.Legend {
			y = t.para(p, l, 0, y, contentW, sizeSmall, false, colText)
		}
		p.h = y
		p.part = &charts.PagePart{Matrix: &charts.MatrixPart{Matrix: mx, Legend: true}}
		return f.add(fixedChunk("legend "+mx.Title, p))
	}
	return nil
}

// matrixGeom is the appendix grid's columns: the ward column, then one column per
// question row, those of one question under a shared header cell.
type matrixGeom struct {
	mx *charts.Matrix
	n  int
	// groups are the columns' question codes (empty for a one-row question), subs their
	// header texts.
	groups, subs        []string
	wardW, codeW, gridW float64
	subH, headH         float64
}

// matrixLayout measures the grid's columns and header.
func (t typesetter) matrixLayout(mx *charts.Matrix) *matrixGeom {
	wardW := 0.0
	for _, r := range mx.Rows {
		wardW = max(wardW, t.width(r.Ward, gridSize, true))
	}
	wardW += 14
	// Codes of one question's rows (イ2-1 … イ2-10) share a header cell with the question's
	// code over their row numbers, so that the columns can stay narrow.
	n := len(mx.Columns)
	groups := make([]string, n)
	subs := make([]string, n)
	grouped := false
	codeW := 22.0
	for i, c := range mx.Columns {
		groups[i] = c.Group
		subs[i] = c.Short
		if groups[i] != "" {
			subs[i] = c.Sub
			grouped = true
		}
		codeW = max(codeW, t.width(subs[i], gridHeadSize, true)+8)
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && groups[i] != "" && groups[j] == groups[i] {
			j++
		}
		if groups[i] != "" {
			codeW = max(codeW, (t.width(groups[i], gridHeadSize, true)+6)/float64(j-i))
		}
		i = j
	}
	if wardW+codeW*float64(n) > contentW {
		codeW = (contentW - wardW) / float64(max(n, 1))
	}
	gridW := wardW + codeW*float64(n)
	subH := 15.0
	headH := subH
	if grouped {
		headH = 2 * subH
	}
	return &matrixGeom{mx: mx, n: n, groups: groups, subs: subs, wardW: wardW, codeW: codeW, gridW: gridW, subH: subH, headH: headH}
}

// matrixHeader draws the header row of the grid: the codes, a question's code over its
// rows' numbers.
func (t typesetter) matrixHeader(g *matrixGeom, grid *piece) {
	n, groups, subs, wardW, codeW, gridW, subH, headH := g.n, g.groups, g.subs, g.wardW, g.codeW, g.gridW, g.subH, g.headH
	grid.add(rectEl{r: rect{0, 0, gridW, headH}, fill: colHeaderFill})
	for i := 0; i < n; {
		x := wardW + codeW*float64(i)
		if groups[i] == "" {
			grid.add(t.text(subs[i], x+codeW/2, (headH-gridHeadSize)/2, gridHeadSize, true, colText, center))
			i++
			continue
		}
		j := i + 1
		for j < n && groups[j] == groups[i] {
			j++
		}
		spanW := codeW * float64(j-i)
		grid.add(t.text(groups[i], x+spanW/2, (subH-gridHeadSize)/2, gridHeadSize, true, colText, center))
		grid.add(lineEl{x1: x, y1: subH, x2: x + spanW, y2: subH, lw: 0.3, color: colRule})
		for k := i; k < j; k++ {
			xk := wardW + codeW*float64(k)
			grid.add(t.text(subs[k], xk+codeW/2, subH+(subH-gridHeadSize)/2, gridHeadSize, true, colText, center))
			if k > i {
				grid.add(lineEl{x1: xk, y1: subH, x2: xk, y2: headH, lw: 0.3, color: colGrid})
			}
		}
		i = j
	}
}

// matrixBody draws the wards' rows, the column rules and the frame, and sets the grid's
// height.
func (t typesetter) matrixBody(g *matrixGeom, grid *piece) {
	mx, n, groups, wardW, codeW, gridW, headH := g.mx, g.n, g.groups, g.wardW, g.codeW, g.gridW, g.headH
	y := headH
	bodyTop := y
	var overlay []element
	for ri, r := range mx.Rows {
		switch {
		case r.Missing:
			grid.add(rectEl{r: rect{0, y, gridW, gridRowH}, fill: colBand})
		case ri%2 == 1:
			grid.add(rectEl{r: rect{0, y, gridW, gridRowH}, fill: colZebra})
		}
		c := colText
		if r.Missing {
			c = colMuted
		}
		grid.add(t.text(r.Ward, 7, y+(gridRowH-gridSize)/2, gridSize, true, c, left))
		if r.Missing {
			// Drawn after the column rules, so that the status reads across the row.
			overlay = append(overlay,
				rectEl{r: rect{wardW + 0.5, y + 0.3, gridW - wardW - 1, gridRowH - 0.6}, fill: colBand},
				t.text(r.Status, wardW+(gridW-wardW)/2, y+(gridRowH-gridSize)/2, gridSize, false, colMuted, center))
		} else {
			for i, cell := range r.Cells {
				if i >= n {
					break
				}
				x := wardW + codeW*float64(i)
				grid.add(t.text(cell, x+codeW/2, y+(gridRowH-gridSize)/2, gridSize, false, colText, center))
			}
		}
		y += gridRowH
		if ri < len(mx.Rows)-1 {
			grid.add(lineEl{x1: 0, y1: y, x2: gridW, y2: y, lw: 0.3, color: colGrid})
		}
	}
	// Column rules: light inside a question, darker between questions and heavier where
	// the item (ア, イ, …) changes.
	for i := range mx.Columns {
		x := wardW + codeW*float64(i)
		switch {
		case i == 0 || mx.Columns[i].Item != mx.Columns[i-1].Item:
			grid.add(lineEl{x1: x, y1: 0, x2: x, y2: y, lw: 0.9, color: colRule})
		case groups[i] == "" || groups[i] != groups[i-1]:
			grid.add(lineEl{x1: x, y1: 0, x2: x, y2: y, lw: 0.5, color: colRule})
		default:
			grid.add(lineEl{x1: x, y1: bodyTop, x2: x, y2: y, lw: 0.3, color: colGrid})
		}
	}
	grid.add(overlay...)
	grid.add(lineEl{x1: 0, y1: headH, x2: gridW, y2: headH, lw: 0.75, color: colRule})
	grid.add(rectEl{r: rect{0, 0, gridW, y}, stroke: colRule, lw: 0.75})
	grid.h = y

}

// matrixKey lists the short codes with their questions, 「ア-1　１．…」, under the
// question's heading once for the rows of a group.
func (t typesetter) matrixKey(cols []charts.MatrixColumn, w, size float64) *piece {
	p := &piece{}
	codeW := 0.0
	for _, c := range cols {
		codeW = max(codeW, t.width(c.Short, size, true))
	}
	codeW += 6
	y := 0.0
	lh := lineH(size)
	for i := 0; i < len(cols); {
		grp := cols[i].Group
		j := i + 1
		for j < len(cols) && grp != "" && cols[j].Group == grp {
			j++
		}
		heading := cols[i].GroupHeading
		if y > 0 {
			y += 3
		}
		if heading != "" {
			for _, l := range wrapStrings(t.m, heading, size, true, w) {
				p.add(t.text(l, 0, y, size, true, colText, left))
				y += lh
			}
		}
		for _, c := range cols[i:j] {
			label := c.Label
			if c.Group != "" {
				label = c.RowLabel
			}
			x := 0.0
			if heading != "" {
				x = size
			}
			p.add(t.text(c.Short, x, y, size, true, colAccent, left))
			for _, l := range wrapText(t.m, label, size, false, w-x-codeW) {
				p.add(t.text(l.s, x+codeW+l.dx, y, size, false, colText, left))
				y += lh
			}
		}
		i = j
	}
	p.h = y
	return p
}
