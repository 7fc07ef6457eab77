package pdf

import (
	"fmt"

	"github.com/osaka-city/zaitaku/charts"
)

// The page is A4 landscape in points. Everything below is decided here, in the layout,
// and the drawing code only copies it to the PDF.
const (
	pageW = 841.89
	pageH = 595.28

	marginX       = 50.0
	contentTop    = 58.0
	contentBottom = 546.0
	contentW      = pageW - 2*marginX

	headerY = 26.0 // top of the running header's text
	footerY = 560.0

	// blockGap separates the blocks of an item page.
	blockGap = 18.0
)

// Type sizes: body text 10–10.5 pt, small print 8–9 pt, headings larger.
const (
	sizeBody    = 10.5
	sizeLabel   = 10.0
	sizeSmall   = 9.0
	sizeTiny    = 8.0
	sizeBlock   = 12.5
	sizeHeading = 17.0
	// ascent is where the baseline sits below the top of a line box, as a fraction of the
	// size: BIZ UDPGothic's typographic ascender (880/1000).
	ascent = 0.88
)

// lineH is the distance between the tops of two lines of text at size.
func lineH(size float64) float64 { return size * 1.45 }

var (
	colText                    = charts.InkColor
	colMuted                   = charts.MutedColor
	colRule       charts.Color = "8C8C8C"
	colGrid                    = charts.GridColor
	colAccent                  = charts.AccentColor
	colHeaderFill charts.Color = "DEEAF6"
	colBand       charts.Color = "F2F2F2"
	colZebra      charts.Color = "F7F9FC"
	colBad                     = charts.AlertFill
	colAlert                   = charts.AlertColor
	colWhite      charts.Color = "FFFFFF"
)

// rect is a box in page coordinates, y downwards from the top of the page.
type rect struct{ x, y, w, h float64 }

func (r rect) right() float64  { return r.x + r.w }
func (r rect) bottom() float64 { return r.y + r.h }

// eps absorbs rounding: boxes that touch do not overlap.
const eps = 0.01

func (r rect) overlaps(o rect) bool {
	return r.x < o.right()-eps && o.x < r.right()-eps && r.y < o.bottom()-eps && o.y < r.bottom()-eps
}

func (r rect) within(o rect) bool {
	return r.x >= o.x-eps && r.y >= o.y-eps && r.right() <= o.right()+eps && r.bottom() <= o.bottom()+eps
}

// element is one thing drawn: a line of text, a box or a rule.
type element interface {
	bounds() rect
	shift(dx, dy float64) element
}

// textEl is one line of text; x, y is the top left of its line box, w its measured width.
type textEl struct {
	x, y, w, size float64
	bold          bool
	color         charts.Color
	s             string
}

func (t textEl) bounds() rect { return rect{t.x, t.y, t.w, t.size} }
func (t textEl) shift(dx, dy float64) element {
	t.x += dx
	t.y += dy
	return t
}

// rectEl is a filled and/or stroked box.
type rectEl struct {
	r            rect
	fill, stroke charts.Color
	lw           float64
}

func (b rectEl) bounds() rect { return b.r }
func (b rectEl) shift(dx, dy float64) element {
	b.r.x += dx
	b.r.y += dy
	return b
}

// lineEl is a straight rule.
type lineEl struct {
	x1, y1, x2, y2, lw float64
	color              charts.Color
}

func (l lineEl) bounds() rect {
	return rect{min(l.x1, l.x2), min(l.y1, l.y2), abs(l.x2 - l.x1), abs(l.y2 - l.y1)}
}
func (l lineEl) shift(dx, dy float64) element {
	l.x1 += dx
	l.x2 += dx
	l.y1 += dy
	l.y2 += dy
	return l
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

type align int

const (
	left align = iota
	center
	right
)

// typesetter makes text elements with their measured widths; unit is what the schema calls one
// answering unit (区, 相談支援室), the title of the ward column of case tables.
type typesetter struct {
	m    measurer
	unit string
}

func (t typesetter) width(s string, size float64, bold bool) float64 {
	return textWidth(t.m, s, size, bold)
}

// text places s with its left edge, centre or right edge at x and its top at y.
func (t typesetter) text(s string, x, y, size float64, bold bool, c charts.Color, a align) textEl {
	w := t.width(s, size, bold)
	switch a {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	return textEl{x: x, y: y, w: w, size: size, bold: bold, color: c, s: s}
}

// para wraps s to w and adds its lines to p from (x, y); it returns the y below them.
func (t typesetter) para(p *piece, s string, x, y, w, size float64, bold bool, c charts.Color) float64 {
	for _, l := range wrapText(t.m, s, size, bold, w) {
		p.add(t.text(l.s, x+l.dx, y, size, bold, c, left))
		y += lineH(size)
	}
	return y
}

// piece is laid-out content of one block part, relative to its own top left; h is the
// height it takes in the flow.
type piece struct {
	h   float64
	els []element
	// part is what of the report the piece holds, for the page plan (Pages); nil for
	// what is not a part of its own (a page heading).
	part *charts.PagePart
}

func (p *piece) add(els ...element) { p.els = append(p.els, els...) }

// addAt copies q's elements into p with q's top left at (dx, dy).
func (p *piece) addAt(q *piece, dx, dy float64) {
	for _, e := range q.els {
		p.els = append(p.els, e.shift(dx, dy))
	}
}

// chunk is a block waiting to be placed. layout places as much of it as fits in avail
// points of height and returns what is left (nil when done); fresh says the chunk would
// start a page, where a block that is taller than any page has to be split.
type chunk struct {
	name string
	// flows lets the chunk fill the rest of a page (text, tables); a chart that does not
	// fit whole moves to the next page instead.
	flows  bool
	layout func(avail float64, fresh bool) (*piece, *chunk)
}

// fixedChunk is a block that is never split.
func fixedChunk(name string, p *piece) *chunk {
	c := &chunk{name: name}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		if p.h > avail+eps {
			return nil, c
		}
		return p, nil
	}
	return c
}

// pageKind names what a page is for, so tests and the footer can tell them apart.
type pageKind int

const (
	coverPage pageKind = iota
	sectionPage
	itemPage
	statusPage
	appendixPage
	movesPage
)

// block is a placed piece: its box on the page and its elements in page coordinates.
type block struct {
	name string
	box  rect
	els  []element
}

// page is one laid-out page: the blocks in the content box, and the running header and
// footer outside it.
type page struct {
	kind    pageKind
	number  int
	title   string // outline entry, empty for none
	content rect
	blocks  []*block
	chrome  []element
	// heading is the page heading as printed, section the section of a title page, and
	// parts what the page holds, placed from flowTop down (see Pages).
	heading string
	section *charts.Section
	flowTop float64
	parts   []charts.PagePart
}

func (pg *page) place(name string, p *piece, x, y, w float64) {
	b := &block{name: name, box: rect{x, y, w, p.h}}
	for _, e := range p.els {
		b.els = append(b.els, e.shift(x, y))
	}
	pg.blocks = append(pg.blocks, b)
}

// elements lists everything on the page in drawing order.
func (pg *page) elements() []element {
	var out []element
	for _, b := range pg.blocks {
		out = append(out, b.els...)
	}
	return append(out, pg.chrome...)
}

// flow places chunks down the content box of a run of pages, starting a new page when a
// chunk does not fit. All page breaks of the report are decided here.
type flow struct {
	pages *[]*page
	// start begins a page of the run (cont for the pages after the first) and returns it
	// with the y where blocks begin.
	start func(cont bool) (*page, float64)
	pg    *page
	y     float64
	fresh bool
}

func newFlow(pages *[]*page, start func(cont bool) (*page, float64)) *flow {
	f := &flow{pages: pages, start: start}
	f.newPage(false)
	return f
}

func (f *flow) newPage(cont bool) {
	f.pg, f.y = f.start(cont)
	f.pg.flowTop = f.y
	*f.pages = append(*f.pages, f.pg)
	f.fresh = true
}

// add places c, splitting it over pages where it must.
func (f *flow) add(c *chunk) error {
	for c != nil {
		avail := f.pg.content.bottom() - f.y
		p, rest := c.layout(avail, f.fresh)
		ok := p != nil
		if ok && rest != nil && !c.flows && !f.fresh {
			// A chart is split only when it is taller than a page; else it moves on whole.
			ok = false
		}
		if !ok {
			if f.fresh {
				return fmt.Errorf("pdf: %s does not fit on a page", c.name)
			}
			f.newPage(true)
			continue
		}
		f.pg.place(c.name, p, f.pg.content.x, f.y, f.pg.content.w)
		if p.part != nil {
			pt := *p.part
			pt.Top, pt.Height = f.y, p.h
			f.pg.parts = append(f.pg.parts, pt)
		}
		f.y += p.h + blockGap
		f.fresh = false
		c = rest
		if rest != nil {
			f.newPage(true)
		}
	}
	return nil
}

// rowPlan is a chart or table drawn as a head, rows and a foot, which splits between
// rows when it is taller than a page: each part repeats the head (marked 続き) and foot.
type rowPlan struct {
	name string
	head func(cont bool) *piece
	rows []*piece
	// under draws what spans the rows (grid lines, bands) given the rows' top and height.
	under func(top, h float64) []element
	// foot is drawn below the rows; last is the part with the final row.
	foot func(last bool) *piece
	// part is the model's block cut to rows [from, to), for the page plan.
	part func(from, to int) charts.Block
}

func (rp *rowPlan) chunk(from int, flows bool) *chunk {
	c := &chunk{name: rp.name, flows: flows}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		cont := from > 0
		head := rp.head(cont)
		best, h := -1, head.h
		if len(rp.rows) == 0 && head.h+rp.foot(true).h <= avail+eps {
			best = 0
		}
		for to := from + 1; to <= len(rp.rows); to++ {
			h += rp.rows[to-1].h
			if h > avail+eps {
				break
			}
			if h+rp.foot(to == len(rp.rows)).h <= avail+eps {
				best = to
			}
		}
		if best < 0 {
			return nil, c
		}
		last := best == len(rp.rows)
		p := &piece{}
		y := head.h
		rowsH := 0.0
		for _, r := range rp.rows[from:best] {
			rowsH += r.h
		}
		// What spans the rows is drawn first, under the head's text and the bars.
		if rp.under != nil {
			p.add(rp.under(y, rowsH)...)
		}
		p.addAt(head, 0, 0)
		for _, r := range rp.rows[from:best] {
			p.addAt(r, 0, y)
			y += r.h
		}
		foot := rp.foot(last)
		p.addAt(foot, 0, y)
		p.h = y + foot.h
		p.part = &charts.PagePart{Blocks: []charts.Block{rp.part(from, best)}}
		if last {
			return p, nil
		}
		return p, rp.chunk(best, flows)
	}
	return c
}

func emptyPiece() *piece { return &piece{} }
