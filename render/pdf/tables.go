package pdf

import (
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// table is a ruled table whose cells are wrapped to their column, split between rows
// across pages and, when a row is taller than what is left of a page, inside the row.
type table struct {
	name    string
	cols    []tcol
	size    float64
	padX    float64
	padY    float64
	rows    []trow
	minRows int // lines a split row part must keep
	header  bool
	// part is the model's table cut to rows, for the page plan.
	part func(rows []trow, cont bool) *charts.PagePart
}

type tcol struct {
	title string
	w     float64
	align align
}

type trow struct {
	cells  [][]wline
	fill   charts.Color
	color  charts.Color
	bold   bool
	indent float64 // first column only
	// cellFill fills single cells by column (a transition table's diagonal).
	cellFill map[int]charts.Color
	// src is the row's index in the model's table; cut marks a part of a row split over
	// pages, whose text is then what its cells hold.
	src int
	cut bool
}

func (tb *table) lh() float64 { return lineH(tb.size) }

func (tb *table) width() float64 {
	w := 0.0
	for _, c := range tb.cols {
		w += c.w
	}
	return w
}

func (tb *table) headerH() float64 {
	if !tb.header {
		return 0
	}
	return tb.size + 2*tb.padY + 2
}

func (tb *table) rowLines(r trow) int {
	n := 1
	for _, c := range r.cells {
		n = max(n, len(c))
	}
	return n
}

func (tb *table) rowH(r trow) float64 {
	return float64(tb.rowLines(r))*tb.lh() - (tb.lh() - tb.size) + 2*tb.padY
}

// newRow wraps the texts of a row to the columns.
func (t typesetter) newRow(tb *table, cells []string, bold bool, indent float64) trow {
	r := trow{bold: bold, indent: indent}
	for i, s := range cells {
		if i >= len(tb.cols) {
			break
		}
		w := tb.cols[i].w - 2*tb.padX
		if i == 0 {
			w -= indent
		}
		r.cells = append(r.cells, wrapText(t.m, s, tb.size, bold, w))
	}
	return r
}

// drawTable draws the header and rows at y and returns the y below the table.
func (t typesetter) drawTable(p *piece, tb *table, rows []trow, y float64) float64 {
	x0, w := 0.0, tb.width()
	top := y
	if tb.header {
		h := tb.headerH()
		p.add(rectEl{r: rect{x0, y, w, h}, fill: colHeaderFill})
		x := x0
		for _, c := range tb.cols {
			p.add(t.text(c.title, x+c.w/2, y+(h-tb.size)/2, tb.size, true, colText, center))
			x += c.w
		}
		y += h
		p.add(lineEl{x1: x0, y1: y, x2: x0 + w, y2: y, lw: 0.75, color: colRule})
	}
	for ri, r := range rows {
		h := tb.rowH(r)
		if r.fill != "" {
			p.add(rectEl{r: rect{x0, y, w, h}, fill: r.fill})
		}
		if len(r.cellFill) > 0 {
			cx := x0
			for ci, c := range tb.cols {
				if f, ok := r.cellFill[ci]; ok {
					p.add(rectEl{r: rect{cx, y, c.w, h}, fill: f})
				}
				cx += c.w
			}
		}
		color := r.color
		if color == "" {
			color = colText
		}
		x := x0
		for ci, c := range tb.cols {
			if ci < len(r.cells) {
				ly := y + tb.padY
				for _, l := range r.cells[ci] {
					lx := x + tb.padX + l.dx
					a := left
					switch c.align {
					case right:
						lx, a = x+c.w-tb.padX, right
					case center:
						lx, a = x+c.w/2, center
					}
					if ci == 0 {
						lx += r.indent
					}
					p.add(t.text(l.s, lx, ly, tb.size, r.bold, color, a))
					ly += tb.lh()
				}
			}
			x += c.w
		}
		y += h
		if ri < len(rows)-1 {
			p.add(lineEl{x1: x0, y1: y, x2: x0 + w, y2: y, lw: 0.4, color: colGrid})
		}
	}
	// Outer frame and column rules last, over the fills.
	x := x0
	for i, c := range tb.cols {
		if i > 0 {
			p.add(lineEl{x1: x, y1: top, x2: x, y2: y, lw: 0.4, color: colGrid})
		}
		x += c.w
	}
	p.add(rectEl{r: rect{x0, top, w, y - top}, stroke: colRule, lw: 0.75})
	return y
}

// tableChunk places a heading and a table, splitting between rows, or inside a row when
// it is the first on a page or at least minRows of its lines fit.
func (t typesetter) tableChunk(tb *table, head func(cont bool) *piece, cont bool) *chunk {
	c := &chunk{name: tb.name, flows: true}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		hp := head(cont)
		y := hp.h + tb.headerH()
		var placed []trow
		var rest []trow
		for i, r := range tb.rows {
			h := tb.rowH(r)
			if y+h <= avail+eps {
				placed = append(placed, r)
				y += h
				continue
			}
			// Split the row at the lines that fit.
			n := int((avail - y - 2*tb.padY + (tb.lh() - tb.size) + eps) / tb.lh())
			need := tb.minRows
			if fresh && len(placed) == 0 {
				need = 1
			}
			if n >= need && n < tb.rowLines(r) {
				a, b := r, r
				a.cells, b.cells = nil, nil
				for _, cl := range r.cells {
					k := min(n, len(cl))
					a.cells = append(a.cells, cl[:k])
					b.cells = append(b.cells, cl[k:])
				}
				a.cut, b.cut = true, true
				placed = append(placed, a)
				rest = append([]trow{b}, tb.rows[i+1:]...)
			} else {
				rest = tb.rows[i:]
			}
			break
		}
		if len(placed) == 0 {
			return nil, c
		}
		p := &piece{}
		p.addAt(hp, 0, 0)
		p.h = t.drawTable(p, &table{name: tb.name, cols: tb.cols, size: tb.size, padX: tb.padX, padY: tb.padY, header: tb.header}, placed, hp.h)
		if tb.part != nil {
			p.part = tb.part(placed, cont)
		}
		if len(rest) == 0 {
			return p, nil
		}
		next := *tb
		next.rows = rest
		return p, t.tableChunk(&next, head, true)
	}
	return c
}

// fitColumns shares total width among columns: narrow columns get what their longest
// line needs, the rest share what is left in proportion to how much text they hold.
func fitColumns(natural, minimum []float64, total float64) []float64 {
	n := len(natural)
	out := make([]float64, n)
	natural = append([]float64(nil), natural...)
	sum := 0.0
	for i := range natural {
		natural[i] = max(natural[i], minimum[i])
		sum += natural[i]
	}
	if sum <= total {
		for i := range natural {
			out[i] = natural[i] + (total-sum)*natural[i]/sum
		}
		return out
	}
	fixed := make([]bool, n)
	for {
		budget, free, weight := total, 0, 0.0
		for i := range natural {
			if fixed[i] {
				budget -= out[i]
			} else {
				free++
				weight += natural[i]
			}
		}
		if free == 0 {
			return out
		}
		changed := false
		for i := range natural {
			if fixed[i] {
				continue
			}
			share := budget / float64(free)
			if natural[i] <= share {
				out[i], fixed[i], changed = natural[i], true, true
			}
		}
		if changed {
			continue
		}
		for i := range natural {
			if !fixed[i] {
				out[i] = max(minimum[i], budget*natural[i]/weight)
			}
		}
		return out
	}
}

// naturalWidth is the width a column's longest paragraph needs on one line.
func (t typesetter) naturalWidth(texts []string, size float64, bold bool) float64 {
	w := 0.0
	for _, s := range texts {
		for _, para := range strings.Split(s, "\n") {
			w = max(w, t.width(para, size, bold))
		}
	}
	return w
}

// headingPiece is a block heading, with （続き） on a continuation.
func (t typesetter) headingPiece(h string, w float64, extra func(p *piece, y float64) float64) func(cont bool) *piece {
	return func(cont bool) *piece {
		p := &piece{}
		y := 0.0
		if h != "" {
			s := h
			if cont {
				s += contSuffix
			}
			y = t.para(p, s, 0, 0, w, sizeBlock, true, colText)
		}
		if extra != nil && !cont {
			y = extra(p, y)
		}
		if y > 0 {
			y += 4
		}
		p.h = y
		return p
	}
}

// periodTable is the ruled table of a count over periods: row labels, one column per
// period, figures right-aligned.
func (t typesetter) periodTable(pt *charts.PeriodTable, w float64) *chunk {
	size := sizeBody
	labelW := 0.0
	for _, r := range pt.Rows {
		lw := t.width(r.Label, size, !r.Indent)
		if r.Indent {
			lw += size
		}
		labelW = max(labelW, lw)
	}
	labelW = min(max(labelW+24, 200), w*0.45)
	tb := &table{name: "periods " + pt.ID, size: size, padX: 8, padY: 5, header: true, minRows: 1}
	tb.cols = append(tb.cols, tcol{title: "", w: labelW})
	colW := 110.0
	for _, c := range pt.Columns {
		colW = max(colW, t.width(c, size, true)+24)
	}
	if labelW+colW*float64(len(pt.Columns)) > w && len(pt.Columns) > 0 {
		colW = (w - labelW) / float64(len(pt.Columns))
	}
	for _, c := range pt.Columns {
		tb.cols = append(tb.cols, tcol{title: c, w: colW, align: right})
	}
	for _, r := range pt.Rows {
		indent := 0.0
		if r.Indent {
			indent = size
		}
		tr := t.newRow(tb, append([]string{r.Label}, r.Cells...), !r.Indent, indent)
		tr.src = len(tb.rows)
		if !r.Indent {
			tr.fill = colBand
		}
		tb.rows = append(tb.rows, tr)
	}
	tb.part = func(rows []trow, cont bool) *charts.PagePart { return periodPart(pt, rows, cont) }
	unit := pt.Unit
	tw := tb.width()
	head := t.headingPiece(pt.Heading, w, func(p *piece, y float64) float64 {
		if unit != "" {
			p.add(t.text(unit, tw, y+2, sizeSmall, false, colMuted, right))
			y += lineH(sizeSmall) + 2
		}
		return y
	})
	return t.tableChunk(tb, head, false)
}

// caseTable is a 場面's case records as a ruled table, cells wrapped, rows split across
// pages when they must be.
func (t typesetter) caseTable(ct *charts.CaseTable, w float64) *chunk {
	size := sizeSmall
	tb := &table{name: "cases " + ct.ID, size: size, padX: 5, padY: 4, header: true, minRows: 3}
	titles := append([]string{t.unit}, ct.Columns...)
	natural := make([]float64, len(titles))
	minimum := make([]float64, len(titles))
	for i, c := range titles {
		minimum[i] = max(t.width(c, size, true), 3*size) + 2*tb.padX
		var texts []string
		for _, r := range ct.Rows {
			if i == 0 {
				texts = append(texts, r.Ward)
			} else if i-1 < len(r.Cells) {
				texts = append(texts, r.Cells[i-1])
			}
		}
		natural[i] = t.naturalWidth(texts, size, false) + 2*tb.padX
	}
	for i, cw := range fitColumns(natural, minimum, w) {
		tb.cols = append(tb.cols, tcol{title: titles[i], w: cw})
	}
	for i, r := range ct.Rows {
		row := t.newRow(tb, append([]string{r.Ward}, r.Cells...), false, 0)
		row.src = i
		tb.rows = append(tb.rows, row)
	}
	tb.part = func(rows []trow, cont bool) *charts.PagePart { return casePart(ct, rows, cont) }
	return t.tableChunk(tb, t.headingPiece(ct.Heading, w, nil), false)
}

// tline is one line of a text list: a ward's name or one wrapped line of its entries.
type tline struct {
	s      string
	dx     float64
	ward   int
	isWard bool
	// para numbers the paragraphs of the list, so that a paragraph's wrapped lines can
	// be joined again for the page plan.
	para int
}

// textColGap is the gap between the columns of a text list, textWardGap the space above a
// ward's name that follows another ward's entries.
const (
	textColGap  = 20.0
	textWardGap = 6.0
)

// textColumns is a text list's lines, wrapped to the width of its k columns.
type textColumns struct {
	tl    *charts.TextList
	k     int
	colW  float64
	size  float64
	lh    float64
	lines []tline
}

// textLines wraps the wards' entries as 「・」 bullets to the columns of w: three for short
// entries (研修テーマ), which read best so, two for paragraphs.
func (t typesetter) textLines(tl *charts.TextList, w float64) *textColumns {
	size := sizeLabel
	longest := 0.0
	for _, e := range tl.Entries {
		for _, l := range e.Lines {
			longest = max(longest, t.naturalWidth([]string{l}, size, false))
		}
	}
	k := 3
	if longest > 2*(w-2*textColGap)/3 {
		k = 2
	}
	colW := (w - float64(k-1)*textColGap) / float64(k)
	var lines []tline
	n := 0
	for wi, e := range tl.Entries {
		lines = append(lines, tline{s: e.Ward, ward: wi, isWard: true})
		for _, l := range e.Lines {
			for _, para := range strings.Split(l, "\n") {
				para = strings.TrimSpace(para)
				if para == "" {
					continue
				}
				if !strings.HasPrefix(para, "・") {
					para = "・" + para
				}
				for _, wl := range wrapText(t.m, para, size, false, colW) {
					lines = append(lines, tline{s: wl.s, dx: wl.dx, ward: wi, para: n})
				}
				n++
			}
		}
	}
	return &textColumns{tl: tl, k: k, colW: colW, size: size, lh: lineH(size), lines: lines}
}

// entryLen is the number of lines under the ward name at lines[i].
func (tc *textColumns) entryLen(i int) int {
	n := 0
	for j := i + 1; j < len(tc.lines) && !tc.lines[j].isWard; j++ {
		n++
	}
	return n
}

// pack fills up to k columns of height colH from lines[from:]; a column that opens in
// the middle of a ward's entry repeats the ward's name, marked 続き.
func (tc *textColumns) pack(from int, colH float64) (cols [][]tline, next int, used float64) {
	lines, lh := tc.lines, tc.lh
	i := from
	for len(cols) < tc.k && i < len(lines) {
		var col []tline
		y := 0.0
		for i < len(lines) {
			l := lines[i]
			if len(col) == 0 && !l.isWard {
				if y+2*lh > colH+eps {
					break
				}
				col = append(col, tline{s: tc.tl.Entries[l.ward].Ward + contSuffix, ward: l.ward, isWard: true})
				y += lh
			}
			h := lh
			if l.isWard && len(col) > 0 {
				h += textWardGap
			}
			// A ward's name never ends a column, and a short entry is not split at all.
			need := h
			if l.isWard {
				n := tc.entryLen(i)
				if n > 4 {
					n = 2
				}
				need += float64(n) * lh
			}
			if y+need > colH+eps {
				break
			}
			col = append(col, l)
			y += h
			i++
		}
		if len(col) == 0 {
			break
		}
		cols = append(cols, col)
		used = max(used, y)
	}
	return cols, i, used
}

// shortest packs lines[from:] again into the shortest columns up to colH that still hold
// them all, so that the last page's columns come out even.
func (tc *textColumns) shortest(from int, colH float64) (cols [][]tline, used float64) {
	lo, hi := 2*tc.lh, colH
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if _, n, _ := tc.pack(from, mid); n == len(tc.lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	cols, _, used = tc.pack(from, hi)
	return cols, used
}

// drawColumns draws cols into p from top down.
func (t typesetter) drawColumns(p *piece, tc *textColumns, cols [][]tline, top float64) {
	for ci, col := range cols {
		x := float64(ci) * (tc.colW + textColGap)
		y := top
		for li, l := range col {
			if l.isWard {
				if li > 0 {
					y += textWardGap
				}
				p.add(t.text(l.s, x, y, tc.size, true, colAccent, left))
			} else {
				p.add(t.text(l.s, x+l.dx, y, tc.size, false, colText, left))
			}
			y += tc.lh
		}
	}
}

// textList lays the wards' free text out in columns, ward names in bold over their
// entries as 「・」 bullets, filling columns top to bottom and balancing the last page.
func (t typesetter) textList(tl *charts.TextList, w float64) *chunk {
	tc := t.textLines(tl, w)
	head := t.headingPiece(tl.Heading, w, nil)
	var mk func(from int) *chunk
	mk = func(from int) *chunk {
		c := &chunk{name: "texts " + tl.ID, flows: true}
		c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
			hp := head(from > 0)
			colH := avail - hp.h
			cols, next, used := tc.pack(from, colH)
			if len(cols) == 0 || (next < len(tc.lines) && !fresh && used < 3*tc.lh) {
				return nil, c
			}
			if next == len(tc.lines) {
				cols, used = tc.shortest(from, colH)
			}
			p := &piece{part: &charts.PagePart{Blocks: []charts.Block{{Texts: tc.part(cols, from > 0)}}}}
			p.addAt(hp, 0, 0)
			t.drawColumns(p, tc, cols, hp.h)
			p.h = hp.h + used
			if next == len(tc.lines) {
				return p, nil
			}
			return p, mk(next)
		}
		return c
	}
	return mk(0)
}
