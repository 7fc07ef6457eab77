package pdf

import (
	"github.com/osaka-city/zaitaku/charts"
)

// Chart geometry shared by the stacked and the count charts.
const (
	barGap = 10.0 // between the label column and the bars
	// rowPad is above and below a bar row; rows with wrapped labels get more, so that
	// one label's lines do not run into the next one's.
	rowPad      = 3.0
	rowPadWrap  = 5.0
	stackBarH   = 16.0
	singleBarH  = 28.0
	countBarH   = 10.5
	countPad    = 2.5 // count rows are many (21) and single-line: kept tight
	swatch      = 9.0
	tickLen     = 3.0
	earlierColW = 64.0
)

// contSuffix marks a heading repeated on the next page.
const contSuffix = charts.Continued

// labelLines is a bar's label wrapped to the label column. The model's lines are kept
// when they fit and are no more than the measured wrap needs: the model counts half-width
// columns, and in a proportional face its breaks can leave a needless orphan (「…現状把／握」).
func (t typesetter) labelLines(lines []string, label string, size, w float64) []string {
	if label == "" {
		return lines
	}
	measured := wrapStrings(t.m, label, size, false, w)
	if len(lines) == 0 || len(measured) < len(lines) {
		return measured
	}
	for _, l := range lines {
		if t.width(l, size, false) > w+eps {
			return measured
		}
	}
	return lines
}

// labelColumn wraps every label to at most maxW and returns the lines with the width the
// widest line needs, so that the bars get the rest.
func (t typesetter) labelColumn(bars [][]string, labels []string, size float64, indents []float64, maxW float64) ([][]string, float64) {
	out := make([][]string, len(labels))
	w := 0.0
	for i := range labels {
		out[i] = t.labelLines(bars[i], labels[i], size, maxW-indents[i])
		for _, l := range out[i] {
			w = max(w, t.width(l, size, false)+indents[i])
		}
	}
	return out, w
}

// axisFoot draws the value axis under bars from x0 over w points: ticks, labels and the
// unit after the last label. It returns the piece and the x where the unit ends.
func (t typesetter) axisFoot(ax charts.Axis, x0, w float64) *piece {
	p := &piece{}
	p.add(lineEl{x1: x0, y1: 0, x2: x0 + w, y2: 0, lw: 0.75, color: colRule})
	var last textEl
	for i, v := range ax.Ticks {
		x := x0 + scale(v, ax.Max, w)
		p.add(lineEl{x1: x, y1: 0, x2: x, y2: tickLen, lw: 0.75, color: colRule})
		// A label that would run into the previous one is left out.
		l := t.text(charts.Thousands(v), x, tickLen+2, sizeSmall, false, colMuted, center)
		if i == 0 || l.x >= last.x+last.w+4 {
			p.add(l)
			last = l
		}
	}
	if ax.Unit != "" {
		p.add(t.text(ax.Unit, last.x+last.w+2, tickLen+2, sizeSmall, false, colMuted, left))
	}
	p.h = tickLen + 2 + sizeSmall + 2
	return p
}

// axisReserve is the room right of the bars that the last tick label and the unit need.
func (t typesetter) axisReserve(ax charts.Axis) float64 {
	last := int64(0)
	if len(ax.Ticks) > 0 {
		last = ax.Ticks[len(ax.Ticks)-1]
	}
	return t.width(charts.Thousands(last), sizeSmall, false)/2 + 2 + t.width(ax.Unit, sizeSmall, false) + 2
}

// gridLines are the light verticals at the ticks behind the bars.
func gridLines(ax charts.Axis, x0, w, top, h float64) []element {
	var out []element
	for _, v := range ax.Ticks {
		x := x0 + scale(v, ax.Max, w)
		out = append(out, lineEl{x1: x, y1: top, x2: x, y2: top + h, lw: 0.5, color: colGrid})
	}
	return out
}

func scale(v, max int64, w float64) float64 {
	if max <= 0 {
		return 0
	}
	return float64(v) / float64(max) * w
}

// legend lays the series out in rows from x0 within w; it returns the piece.
func (t typesetter) legend(series []charts.Series, x0, w float64) *piece {
	p := &piece{}
	x, y := x0, 0.0
	rowH := lineH(sizeSmall)
	for _, s := range series {
		iw := swatch + 4 + t.width(s.Label, sizeSmall, false)
		if x > x0 && x+iw > x0+w {
			x, y = x0, y+rowH
		}
		sy := y + (sizeSmall-swatch)/2
		p.add(rectEl{r: rect{x, sy, swatch, swatch}, fill: s.Color, stroke: colRule, lw: 0.3})
		p.add(t.text(s.Label, x+swatch+4, y, sizeSmall, false, colText, left))
		x += iw + 14
	}
	p.h = y + rowH
	return p
}

// stackedGeom is where the parts of a stacked chart go across its width w: the label
// column, the bars, and the earlier columns with the band above the first bar that the
// legend and their headers share.
type stackedGeom struct {
	sb *charts.StackedBars
	w  float64
	// single is a one-bar chart without a label column (a single choice question).
	single   bool
	labels   [][]string
	colW     []float64
	earlierW float64
	barX     float64
	barW     float64
	earlierX float64
	leg      *piece
	bandH    float64
	// bandTop is the y of the band in the head, for the earlier columns' shading; set
	// when the head is laid out.
	bandTop float64
}

// stackedLayout measures the label column and the earlier columns and gives the bars the
// rest of w.
func (t typesetter) stackedLayout(sb *charts.StackedBars, w float64) *stackedGeom {
	g := &stackedGeom{sb: sb, w: w, single: sb.Single()}
	labelW := 0.0
	if !g.single {
		var given [][]string
		var texts []string
		for _, b := range sb.Bars {
			given = append(given, b.Lines)
			texts = append(texts, b.Label)
		}
		g.labels, labelW = t.labelColumn(given, texts, sizeLabel, make([]float64, len(texts)), min(float64(charts.ChoiceLabelWidth)*sizeLabel/2, 0.42*w))
	}
	// Earlier columns: as wide as their header lines need.
	g.colW = make([]float64, len(sb.Earlier))
	for i, e := range sb.Earlier {
		g.colW[i] = earlierColW
		for _, h := range e.Header {
			g.colW[i] = max(g.colW[i], t.width(h, sizeTiny, false)+10)
		}
		g.earlierW += g.colW[i]
	}
	// Without a label column the first tick label still needs half its width on the left.
	g.barX = t.width("0", sizeSmall, false)/2 + 1
	if labelW > 0 {
		g.barX = labelW + barGap
	}
	reserve := t.axisReserve(sb.Axis) + 6
	if g.earlierW > 0 {
		reserve = max(reserve, 12)
	}
	g.barW = w - g.barX - g.earlierW - reserve
	g.earlierX = w - g.earlierW

	// The legend and the earlier columns' headers share a band above the first bar.
	g.leg = t.legend(sb.Series, g.barX, g.barW)
	var hdrH float64
	for _, e := range sb.Earlier {
		hdrH = max(hdrH, float64(len(e.Header))*lineH(sizeTiny))
	}
	g.bandH = g.leg.h
	if hdrH > 0 {
		g.bandH = max(g.bandH, hdrH+4)
	}
	return g
}

// stackedHead is the heading with the note, the legend and the earlier columns' headers;
// cont marks the head repeated on the next page.
func (t typesetter) stackedHead(g *stackedGeom, cont bool) *piece {
	sb := g.sb
	p := &piece{}
	h := sb.Heading
	if cont {
		h += contSuffix
	}
	y := t.para(p, h, 0, 0, g.w, sizeBlock, true, colText)
	if sb.Note != "" && !cont {
		y = t.para(p, sb.Note, 0, y, g.w, sizeSmall, false, colMuted)
	}
	y += 3
	g.bandTop = y
	p.addAt(g.leg, 0, y+g.bandH-g.leg.h)
	x := g.earlierX
	for i, e := range sb.Earlier {
		hy := y + g.bandH - float64(len(e.Header))*lineH(sizeTiny)
		for _, hl := range e.Header {
			p.add(t.text(hl, x+g.colW[i]/2, hy, sizeTiny, false, colText, center))
			hy += lineH(sizeTiny)
		}
		x += g.colW[i]
	}
	p.h = y + g.bandH + 4
	return p
}

// stackedRow is bar i: its label lines, its segments with their counts, and the earlier
// figures level with it.
func (t typesetter) stackedRow(g *stackedGeom, i int) *piece {
	sb, b := g.sb, g.sb.Bars[i]
	p := &piece{}
	barH := stackBarH
	if g.single {
		barH = singleBarH
	}
	var lines []string
	if !g.single {
		lines = g.labels[i]
	}
	textH := float64(len(lines))*lineH(sizeLabel) - (lineH(sizeLabel) - sizeLabel)
	inner := max(barH, textH)
	pad := rowPad
	if len(lines) > 1 {
		pad = rowPadWrap
	}
	p.h = inner + 2*pad
	ly := pad + (inner-textH)/2
	for _, l := range lines {
		p.add(t.text(l, 0, ly, sizeLabel, false, colText, left))
		ly += lineH(sizeLabel)
	}
	by := pad + (inner-barH)/2
	cum := 0
	for si, v := range b.Values {
		if v <= 0 || si >= len(sb.Series) {
			cum += max(v, 0)
			continue
		}
		// Counts beyond the axis (more answers than units) are cut at its end.
		x0 := g.barX + min(scale(int64(cum), sb.Axis.Max, g.barW), g.barW)
		x1 := g.barX + min(scale(int64(cum+v), sb.Axis.Max, g.barW), g.barW)
		cum += v
		if x1-x0 > 0 {
			t.segment(p, g.single, sb.Series[si], v, x0, x1, by, barH)
		}
	}
	x := g.earlierX
	for ci, e := range sb.Earlier {
		v := charts.Dash
		if i < len(e.Cells) {
			v = e.Cells[i]
		}
		p.add(t.text(v, x+g.colW[ci]/2, by+(barH-sizeBody)/2, sizeBody, false, colText, center))
		x += g.colW[ci]
	}
	return p
}

// segment draws one option's segment of a bar, from x0 to x1 at y and barH high, with
// its count v inside when it fits; the appendix has the detail of segments too narrow to
// carry one.
func (t typesetter) segment(p *piece, single bool, s charts.Series, v int, x0, x1, y, barH float64) {
	p.add(rectEl{r: rect{x0, y, x1 - x0, barH}, fill: s.Color, stroke: colWhite, lw: 0.5})
	size, bold := sizeSmall, false
	if single {
		size, bold = sizeBody, true
	}
	label := itoa(v)
	if single && t.width(s.Label+" "+label, size, bold)+8 <= x1-x0 {
		label = s.Label + " " + label
	}
	if t.width(label, size, bold)+4 <= x1-x0 {
		p.add(t.text(label, (x0+x1)/2, y+(barH-size)/2, size, bold, s.TextColor, center))
	}
}

// stackedChart lays out a choice question: label column, stacked bars on the unit axis,
// legend above the bars, earlier columns to the right, earlier lines under the axis.
func (t typesetter) stackedChart(sb *charts.StackedBars, w float64) *chunk {
	g := t.stackedLayout(sb, w)
	var rows []*piece
	for i := range sb.Bars {
		rows = append(rows, t.stackedRow(g, i))
	}
	axis := t.axisFoot(sb.Axis, g.barX, g.barW)
	var earlier *piece
	if len(sb.EarlierLines) > 0 {
		earlier = &piece{}
		y := 8.0
		for _, l := range sb.EarlierLines {
			y = t.para(earlier, l, g.barX, y, w-g.barX, sizeLabel, false, colText)
		}
		earlier.h = y
	}
	rp := &rowPlan{
		name: "stacked " + sb.ID,
		part: func(from, to int) charts.Block { return charts.Block{Stacked: stackedPart(sb, from, to)} },
		head: func(cont bool) *piece { return t.stackedHead(g, cont) },
		rows: rows,
		under: func(top, h float64) []element {
			out := gridLines(sb.Axis, g.barX, g.barW, top, h)
			if g.earlierW > 0 {
				out = append([]element{rectEl{r: rect{g.earlierX, g.bandTop, g.earlierW, top + h - g.bandTop}, fill: colBand}}, out...)
			}
			return out
		},
		foot: func(last bool) *piece {
			if !last || earlier == nil {
				return axis
			}
			p := &piece{}
			p.addAt(axis, 0, 0)
			p.addAt(earlier, 0, axis.h)
			p.h = axis.h + earlier.h
			return p
		},
	}
	return rp.chunk(0, false)
}

// countChart lays out a counts question: one bar per category with its value at the end,
// 再掲 rows indented and hatched, the total in the heading.
func (t typesetter) countChart(cb *charts.CountBars, w float64) *chunk {
	labelSize := sizeLabel
	// The label column is as wide as the longest label needs, up to a third of the chart
	// (more than the model's CountLabelWidth: a proportional face fits more in it).
	maxLabelW := max(float64(charts.CountLabelWidth)*labelSize/2, 0.36*w)
	headSize := sizeBlock
	heading := cb.Title + cb.TitleTotal
	if cb.Breakdown {
		labelSize = sizeSmall
		maxLabelW = min(float64(charts.BreakdownLabelWidth)*labelSize/2, 0.42*w)
		headSize = 11.5
	}
	// 再掲 rows are indented by one character under the row they re-list.
	indent := labelSize
	var given [][]string
	var texts []string
	indents := make([]float64, len(cb.Bars))
	for i, b := range cb.Bars {
		given = append(given, b.Lines)
		texts = append(texts, b.Label)
		if b.Repeat {
			indents[i] = indent
		}
	}
	labels, labelW := t.labelColumn(given, texts, labelSize, indents, maxLabelW)
	var maxV int64
	for _, b := range cb.Bars {
		maxV = max(maxV, b.Value)
	}
	valueW := t.width(charts.Thousands(maxV), sizeSmall, false) + 4
	barX := labelW + barGap
	barW := w - barX - max(t.axisReserve(cb.Axis), 0) - 4
	// The value printed at the end of the longest bar must stay inside the block; a bar
	// beyond the axis is cut at its end.
	if cb.Axis.Max > 0 {
		frac := float64(min(max(maxV, 0), cb.Axis.Max)) / float64(cb.Axis.Max)
		if frac > 0 && barW*frac+valueW+3 > w-barX {
			barW = (w - barX - valueW - 3) / frac
		}
	}

	head := func(cont bool) *piece {
		p := &piece{}
		h := heading
		if cont {
			h += contSuffix
		}
		y := t.para(p, h, 0, 0, w, headSize, true, colText)
		if !cont {
			for _, l := range cb.EarlierLines {
				y = t.para(p, l, 0, y, w, sizeLabel, false, colText)
			}
			if cb.Note != "" {
				y = t.para(p, cb.Note, 0, y, w, sizeSmall, false, colMuted)
			}
		}
		p.h = y + 4
		return p
	}
	var rows []*piece
	for i, b := range cb.Bars {
		p := &piece{}
		lx := indents[i]
		lines := labels[i]
		textH := float64(len(lines))*lineH(labelSize) - (lineH(labelSize) - labelSize)
		inner := max(countBarH, textH)
		p.h = inner + 2*countPad
		ly := countPad + (inner-textH)/2
		for _, l := range lines {
			p.add(t.text(l, lx, ly, labelSize, false, colText, left))
			ly += lineH(labelSize)
		}
		by := countPad + (inner-countBarH)/2
		bw := min(max(scale(b.Value, cb.Axis.Max, barW), 0), barW)
		if bw > 0 {
			if b.Repeat {
				p.add(rectEl{r: rect{barX, by, bw, countBarH}, fill: charts.RepeatColor})
				p.add(hatch(rect{barX, by, bw, countBarH}, 3.5, colWhite)...)
			} else {
				p.add(rectEl{r: rect{barX, by, bw, countBarH}, fill: cb.Color})
			}
		}
		p.add(t.text(charts.Thousands(b.Value), barX+bw+3, by+(countBarH-sizeSmall)/2, sizeSmall, false, colText, left))
		rows = append(rows, p)
	}
	axis := t.axisFoot(cb.Axis, barX, barW)
	rp := &rowPlan{
		name:  "counts " + cb.ID,
		part:  func(from, to int) charts.Block { return charts.Block{Counts: countPart(cb, from, to)} },
		head:  head,
		rows:  rows,
		under: func(top, h float64) []element { return gridLines(cb.Axis, barX, barW, top, h) },
		foot:  func(bool) *piece { return axis },
	}
	return rp.chunk(0, false)
}

// hatch is the diagonal white hatching of a 再掲 bar, clipped to r by hand (the PDF has
// no clipping path here), so that the bar reads as a part even in greyscale.
func hatch(r rect, step float64, c charts.Color) []element {
	var out []element
	// Lines x - y = k run up to the right; k from r.x - r.h to r.right().
	for k := r.x - r.h + step; k < r.right(); k += step {
		// Line through (k, r.bottom()) going up-right: x = k + (r.bottom() - y).
		x1, y1 := k, r.bottom()
		x2, y2 := k+r.h, r.y
		if x1 < r.x {
			y1 -= r.x - x1
			x1 = r.x
		}
		if x2 > r.right() {
			y2 += x2 - r.right()
			x2 = r.right()
		}
		if x2-x1 > 0.5 {
			out = append(out, lineEl{x1: x1, y1: y1, x2: x2, y2: y2, lw: 0.8, color: c})
		}
	}
	return out
}

// pairChunk draws two 内訳 charts side by side; if the pair is taller than a page, they
// go one under the other at full width instead.
func (t typesetter) pairChunk(a, b *charts.CountBars, w float64) *chunk {
	const gap = 28.0
	half := (w - gap) / 2
	pa := whole(t.countChart(a, half))
	var pb *piece
	if b != nil {
		pb = whole(t.countChart(b, half))
	}
	p := &piece{part: &charts.PagePart{Blocks: []charts.Block{{Counts: a}}}}
	p.addAt(pa, 0, 0)
	p.h = pa.h
	if pb != nil {
		p.addAt(pb, half+gap, 0)
		p.h = max(pa.h, pb.h)
		p.part.Blocks = append(p.part.Blocks, charts.Block{Counts: b})
	}
	name := "breakdown " + a.ID
	c := &chunk{name: name}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		if p.h <= avail+eps {
			return p, nil
		}
		if !fresh {
			return nil, c
		}
		// Taller than a page: fall back to full-width charts, one after the other.
		first := t.countChart(a, w)
		if b == nil {
			return first.layout(avail, fresh)
		}
		return then(first, t.countChart(b, w)).layout(avail, fresh)
	}
	return c
}

// whole lays a chunk out with no height limit: the piece of a block that is never split.
func whole(c *chunk) *piece {
	p, _ := c.layout(1e9, true)
	if p == nil {
		return emptyPiece()
	}
	return p
}

// then is a followed by b in the flow, b starting on the page after a ends.
func then(a, b *chunk) *chunk {
	c := &chunk{name: a.name, flows: a.flows}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		p, rest := a.layout(avail, fresh)
		if p == nil {
			return nil, c
		}
		if rest == nil {
			return p, b
		}
		return p, then(rest, b)
	}
	return c
}

func itoa(n int) string { return charts.Thousands(int64(n)) }
