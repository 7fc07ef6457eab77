package pdf

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// layoutReport lays out every page of the report: cover, section and item pages, the
// 提出状況 page and the appendix, then the running header and footer with page numbers.
func layoutReport(rep *charts.Report, m measurer) ([]*page, error) {
	t := typesetter{m: m, unit: rep.UnitLabel}
	var pages []*page
	pages = append(pages, t.cover(rep))
	for _, sec := range rep.Sections {
		if sec == nil {
			continue
		}
		pages = append(pages, t.section(sec))
		for _, it := range sec.Items {
			if it == nil {
				continue
			}
			if err := t.item(&pages, it); err != nil {
				return nil, err
			}
			if len(it.Moves) > 0 {
				if err := t.moves(&pages, it); err != nil {
					return nil, err
				}
			}
		}
	}
	if rep.Status != nil {
		if err := t.status(&pages, rep.Status, rep.Complete); err != nil {
			return nil, err
		}
	}
	for _, mx := range rep.Appendix {
		if mx == nil {
			continue
		}
		if err := t.appendix(&pages, mx); err != nil {
			return nil, err
		}
	}
	for _, ut := range rep.UnitTables {
		for _, mx := range ut.Pages {
			if err := t.unitTable(&pages, mx); err != nil {
				return nil, err
			}
		}
	}
	for i, pg := range pages {
		pg.number = i + 1
		if pg.kind != coverPage {
			pg.chrome = t.chrome(rep, pg.number)
		}
		// The 集計ID closes the report, where a reader checking a printout looks for it.
		if rep.AggregateID != "" && i == len(pages)-1 {
			pg.chrome = append(pg.chrome, t.text(charts.AggregateIDLabel+" "+rep.AggregateID, pageW-marginX, footerY+4, sizeSmall, false, colMuted, right))
		}
	}
	return pages, nil
}

func innerContent() rect { return rect{marginX, contentTop, contentW, contentBottom - contentTop} }

// chrome is the running header (period, title, 資料番号) and the footer (page number, and
// the submission line while returns are missing) of an inner page.
func (t typesetter) chrome(rep *charts.Report, n int) []element {
	var out []element
	hdr := strings.TrimSpace(rep.PeriodLabel + "　" + rep.Title)
	rightW := 0.0
	if rep.DocLabel != "" {
		d := t.text(rep.DocLabel, pageW-marginX, headerY, sizeTiny+0.5, true, colMuted, right)
		out = append(out, d)
		rightW = d.w + 16
	}
	out = append(out, t.fitted(hdr, marginX, headerY, contentW-rightW, sizeTiny+0.5, false, colMuted))
	out = append(out, lineEl{x1: marginX, y1: headerY + 14, x2: pageW - marginX, y2: headerY + 14, lw: 0.5, color: colGrid})
	num := t.text(fmt.Sprintf("- %d -", n), pageW/2, footerY+4, sizeSmall, false, colText, center)
	out = append(out, num)
	if !rep.Complete && rep.Summary != "" {
		w := num.x - 16 - marginX
		out = append(out, t.fitted(rep.Summary, marginX, footerY+4, w, sizeSmall, true, colAlert))
	}
	return out
}

// fitted is one line of text shrunk to fit w, down to 6 pt, then cut with 「…」: the
// header and footer have one line each.
func (t typesetter) fitted(s string, x, y, w, size float64, bold bool, c charts.Color) textEl {
	for size > 6 && t.width(s, size, bold) > w {
		size -= 0.5
	}
	if t.width(s, size, bold) > w {
		r := []rune(s)
		for len(r) > 1 && t.width(string(r)+"…", size, bold) > w {
			r = r[:len(r)-1]
		}
		s = string(r) + "…"
	}
	return t.text(s, x, y, size, bold, c, left)
}

// cover is the title page: period and title large, the 資料番号 box top right, and the
// submission line while returns are missing.
func (t typesetter) cover(rep *charts.Report) *page {
	content := rect{marginX, 40, contentW, pageH - 80}
	pg := &page{kind: coverPage, content: content, title: "表紙"}
	if rep.DocLabel != "" {
		p := &piece{}
		size := 18.0
		tw := t.width(rep.DocLabel, size, true)
		bw, bh := max(tw+36, 100), 40.0
		p.add(rectEl{r: rect{0, 0, bw, bh}, stroke: colText, lw: 1.2})
		p.add(t.text(rep.DocLabel, bw/2, (bh-size)/2, size, true, colText, center))
		p.h = bh
		pg.place("doc label", p, content.right()-bw, content.y, bw)
	}
	p := &piece{}
	x := 40.0
	w := content.w - 2*x
	y := 0.0
	if rep.PeriodLabel != "" {
		y = t.para(p, rep.PeriodLabel, x, y, w, 26, false, colAccent)
		y += 14
	}
	for _, l := range charts.WrapTitle(rep.Title, w, func(r rune) float64 { return t.m.runeWidth(r, true) * 36 }) {
		p.add(t.text(l, x, y, 36, true, colText, left))
		y += 36 * 1.3
	}
	y += 8
	p.add(rectEl{r: rect{x, y, 140, 4}, fill: colAccent})
	y += 4
	if rep.Notice != "" {
		y += 28
		lines := wrapStrings(t.m, rep.Notice, 15, true, w-24)
		bh := float64(len(lines))*lineH(15) - (lineH(15) - 15) + 20
		p.add(rectEl{r: rect{x, y, w, bh}, fill: colBad, stroke: colAlert, lw: 0.8})
		ly := y + 10
		for _, l := range lines {
			p.add(t.text(l, x+12, ly, 15, true, colAlert, left))
			ly += lineH(15)
		}
		y += bh
	}
	p.h = y
	top := max(content.y+130, content.y+(content.h-p.h)/2-30)
	pg.place("cover", p, content.x, top, content.w)
	return pg
}

// section is a section's title page, centred, with the items it holds listed under it.
func (t typesetter) section(sec *charts.Section) *page {
	content := innerContent()
	pg := &page{kind: sectionPage, content: content, title: sec.Title, section: sec}
	p := &piece{}
	size := 30.0
	y := 0.0
	for _, l := range wrapStrings(t.m, sec.Title, size, true, content.w-80) {
		p.add(t.text(l, content.w/2, y, size, true, colAccent, center))
		y += size * 1.3
	}
	y += 10
	p.add(rectEl{r: rect{content.w/2 - 120, y, 240, 2}, fill: colAccent})
	y += 2 + 26
	// The items as a left-aligned list, centred as a block.
	var heads [][]string
	listW := 0.0
	for _, it := range sec.Items {
		if it == nil {
			continue
		}
		ls := wrapStrings(t.m, it.Heading, 13, false, content.w-160)
		for _, l := range ls {
			listW = max(listW, t.width(l, 13, false))
		}
		heads = append(heads, ls)
	}
	lx := (content.w - listW) / 2
	for _, ls := range heads {
		for _, l := range ls {
			p.add(t.text(l, lx, y, 13, false, colText, left))
			y += lineH(13)
		}
		y += 4
	}
	p.h = y
	pg.place("section", p, content.x, content.y+max(0, (content.h-p.h)/2-20), content.w)
	return pg
}

// pageHeading is the heading at the top of an item, status or appendix page: an accent
// bar, the heading, and a rule across the page.
func (t typesetter) pageHeading(h string, cont bool) *piece {
	p := &piece{}
	if cont {
		h += contSuffix
	}
	lines := wrapStrings(t.m, h, sizeHeading, true, contentW-12)
	y := 0.0
	for _, l := range lines {
		p.add(t.text(l, 12, y, sizeHeading, true, colAccent, left))
		y += lineH(sizeHeading)
	}
	textH := y - (lineH(sizeHeading) - sizeHeading)
	p.add(rectEl{r: rect{0, -1, 5, textH + 2}, fill: colAccent})
	y = textH + 8
	p.add(lineEl{x1: 0, y1: y, x2: contentW, y2: y, lw: 1, color: colAccent})
	p.h = y + 1
	// The bar starts 1 pt above the text box; keep it inside the block.
	for i, e := range p.els {
		p.els[i] = e.shift(0, 1)
	}
	p.h++
	return p
}

// headedFlow starts a run of pages that each open with the heading h.
func (t typesetter) headedFlow(pages *[]*page, kind pageKind, h string) *flow {
	return newFlow(pages, func(cont bool) (*page, float64) {
		pg := &page{kind: kind, content: innerContent(), heading: h}
		if !cont {
			pg.title = h
		} else {
			pg.heading += contSuffix
		}
		hp := t.pageHeading(h, cont)
		pg.place("heading", hp, pg.content.x, pg.content.y, pg.content.w)
		return pg, pg.content.y + hp.h + 14
	})
}

// item lays out an item's pages: its heading, then its blocks in order.
func (t typesetter) item(pages *[]*page, it *charts.Item) error {
	f := t.headedFlow(pages, itemPage, it.Heading)
	for _, c := range t.blockChunks(it.Rows(), contentW) {
		if err := f.add(c); err != nil {
			return err
		}
	}
	return nil
}

// blockChunks turns an item's rows of blocks (charts.Item.Rows) into chunks: a row of
// 内訳 charts is one chunk with the charts side by side.
func (t typesetter) blockChunks(rows [][]charts.Block, w float64) []*chunk {
	var out []*chunk
	for _, row := range rows {
		b := row[0]
		switch {
		case b.Stacked != nil:
			out = append(out, t.stackedChart(b.Stacked, w))
		case b.Counts != nil && b.Counts.Breakdown:
			var next *charts.CountBars
			if len(row) > 1 {
				next = row[1].Counts
			}
			out = append(out, t.pairChunk(b.Counts, next, w))
		case b.Counts != nil:
			out = append(out, t.countChart(b.Counts, w))
		case b.Periods != nil:
			out = append(out, t.periodTable(b.Periods, w))
		case b.Texts != nil:
			out = append(out, t.textList(b.Texts, w))
		case b.Cases != nil:
			out = append(out, t.caseTable(b.Cases, w))
		case b.Number != nil:
			out = append(out, t.numberLine(b.Number, w))
		}
	}
	return out
}

// status lays out the 提出状況 page: the submission line, the wards' table with the
// returns not counted highlighted, and the earlier aggregates used for comparison.
func (t typesetter) status(pages *[]*page, st *charts.StatusTable, complete bool) error {
	f := t.headedFlow(pages, statusPage, st.Title)
	sp := &piece{}
	c := colText
	if !complete {
		c = colAlert
	}
	sp.h = t.para(sp, st.Summary, 0, 0, contentW, 22, true, c)
	sp.part = &charts.PagePart{Status: &charts.StatusPart{Summary: true}}
	if err := f.add(fixedChunk("summary", sp)); err != nil {
		return err
	}
	if len(st.Columns) > 0 {
		if err := f.add(t.statusChunk(st)); err != nil {
			return err
		}
	}
	if err := t.statusNotices(f, st); err != nil {
		return err
	}
	if len(st.Earlier) > 0 {
		p := &piece{}
		y := t.para(p, st.EarlierTitle, 0, 0, contentW, sizeLabel, true, colText)
		for _, e := range st.Earlier {
			y = t.para(p, "・"+e, 0, y, contentW, sizeSmall, false, colText)
		}
		p.h = y
		p.part = &charts.PagePart{Status: &charts.StatusPart{Earlier: true}}
		if err := f.add(fixedChunk("earlier", p)); err != nil {
			return err
		}
	}
	return nil
}

// statusChunk is the wards' table, in two halves side by side when it is long (24 rows
// would leave no room under them for the earlier aggregates), else flowing over pages.
func (t typesetter) statusChunk(st *charts.StatusTable) *chunk {
	const gap = 24.0
	none := t.headingPiece("", contentW, nil)
	whole := t.statusTable(st, 0, len(st.Rows), contentW)
	whole.part = func(rows []trow, cont bool) *charts.PagePart { return statusPart(st, rows) }
	single := t.tableChunk(whole, none, false)
	var pair *piece
	if n := len(st.Rows); n >= 12 {
		half := (contentW - gap) / 2
		a := t.statusTable(st, 0, (n+1)/2, half)
		b := t.statusTable(st, (n+1)/2, n, half)
		if oneLine(a) && oneLine(b) {
			pair = &piece{}
			ha := t.drawTable(pair, a, a.rows, 0)
			q := &piece{}
			hb := t.drawTable(q, b, b.rows, 0)
			pair.addAt(q, half+gap, 0)
			pair.h = max(ha, hb)
			pair.part = &charts.PagePart{Status: &charts.StatusPart{Rows: st.Rows, Bad: st.Bad, Halves: true}}
		}
	}
	c := &chunk{name: "status", flows: true}
	c.layout = func(avail float64, fresh bool) (*piece, *chunk) {
		if pair != nil && pair.h <= avail+eps {
			return pair, nil
		}
		return single.layout(avail, fresh)
	}
	return c
}

// statusTable is rows [from, to) of the wards' table, its columns fitted to w: as wide as
// their text needs, narrower only when they must be. Returns not counted are highlighted.
func (t typesetter) statusTable(st *charts.StatusTable, from, to int, w float64) *table {
	size := sizeSmall
	tb := &table{name: "status", size: size, padX: 6, padY: 3, header: true, minRows: 1}
	natural := make([]float64, len(st.Columns))
	minimum := make([]float64, len(st.Columns))
	numeric := make([]bool, len(st.Columns))
	for i, col := range st.Columns {
		minimum[i] = t.width(col, size, true) + 2*tb.padX
		var texts []string
		numeric[i] = true
		for _, r := range st.Rows {
			if i < len(r) {
				texts = append(texts, r[i])
				numeric[i] = numeric[i] && charts.IsFigure(r[i])
			}
		}
		natural[i] = max(minimum[i], t.naturalWidth(texts, size, true)+2*tb.padX+8)
	}
	widths := fitColumns(natural, minimum, min(w, sum(natural)))
	for i, col := range st.Columns {
		a := left
		if numeric[i] {
			a = right
		}
		tb.cols = append(tb.cols, tcol{title: col, w: widths[i], align: a})
	}
	for i := from; i < to; i++ {
		bad := i < len(st.Bad) && st.Bad[i]
		row := t.newRow(tb, st.Rows[i], bad, 0)
		row.src = i
		if bad {
			row.fill, row.color = colBad, colAlert
		} else if i%2 == 1 {
			row.fill = colZebra
		}
		tb.rows = append(tb.rows, row)
	}
	return tb
}

// oneLine reports whether no cell of tb wraps: halves are worth it only if they read as
// well as the whole table.
func oneLine(tb *table) bool {
	for _, r := range tb.rows {
		if tb.rowLines(r) > 1 {
			return false
		}
	}
	return true
}

func sum(fs []float64) float64 {
	s := 0.0
	for _, f := range fs {
		s += f
	}
	return s
}
