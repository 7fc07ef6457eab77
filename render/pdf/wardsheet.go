package pdf

import (
	"errors"
	"fmt"
	"io"

	"github.com/signintech/gopdf"

	"github.com/osaka-city/zaitaku/charts"
)

// A ward sheet is A4 portrait: a clerk reads it like a letter, one question under the
// other, and the bars get the whole width of the page.
const (
	sheetW       = 595.28
	sheetH       = 841.89
	sheetMarginX = 42.0
	sheetTop     = 56.0
	sheetBottom  = 800.0
	sheetFooterY = 812.0
	sheetHeaderY = 24.0
	sheetGap     = 4.0
	sheetBarH    = 13.0
	// sheetLabelShare is the part of the width a row's label takes; the bar or range the rest.
	sheetLabelShare = 0.38
)

// The marks a sheet uses for the unit's own answer and its moves.
var (
	colOwn  charts.Color = "000000"
	colUp   charts.Color = "2E7D32"
	colDown              = charts.AlertColor
	colDot               = charts.AlertColor
)

// WriteWardSheet renders one unit's sheet as a PDF to w; the same sheet gives the same bytes.
func WriteWardSheet(w io.Writer, ws *charts.WardSheet, opts Options) (err error) {
	if ws == nil {
		return errors.New("pdf: no ward sheet")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	doc, m, err := newDocument(opts, gopdf.Rect{W: sheetW, H: sheetH})
	if err != nil {
		return err
	}
	pages, err := layoutWardSheet(ws, m)
	if err != nil {
		return err
	}
	if m.err != nil {
		return m.err
	}
	marks, err := draw(doc, m, pages)
	if err != nil {
		return err
	}
	subject := ws.PeriodLabel
	if ws.AggregateID != "" {
		subject += "（" + charts.AggregateIDLabel + " " + ws.AggregateID + "）"
	}
	doc.SetInfo(gopdf.PdfInfo{Title: ws.Title, Subject: subject, Creator: "zaitaku"})
	b, err := doc.GetBytesPdfReturnErr()
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if b, err = fixup(b, marks); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func sheetContent() rect {
	return rect{sheetMarginX, sheetTop, sheetW - 2*sheetMarginX, sheetBottom - sheetTop}
}

// layoutWardSheet lays out the sheet's pages: a head with the unit's name and the period,
// then every question in survey order, then the running header and footer.
func layoutWardSheet(ws *charts.WardSheet, m measurer) ([]*page, error) {
	t := typesetter{m: m, unit: ws.UnitLabel}
	var pages []*page
	fl := newFlow(&pages, func(cont bool) (*page, float64) {
		pg := &page{kind: itemPage, content: sheetContent()}
		if !cont {
			pg.title = ws.Title
		}
		return pg, pg.content.y
	})
	w := sheetContent().w
	if err := fl.add(fixedChunk("head", t.sheetHead(ws, w))); err != nil {
		return nil, err
	}
	if err := t.addSheetNotices(fl, ws, w); err != nil {
		return nil, err
	}
	for _, sec := range ws.Sections {
		band := t.sheetBand(sec.Title, w)
		for _, it := range sec.Items {
			head := &piece{}
			if band != nil {
				head.addAt(band, 0, 0)
				head.h = band.h + 4
				band = nil
			}
			y := head.h
			y = t.para(head, it.Heading, 0, y, w, sizeBlock, true, colAccent)
			head.h = y + 2
			for _, q := range it.Questions {
				for i, p := range t.sheetQuestion(q, ws.Unit, w) {
					if i == 0 && head != nil {
						// An item's heading stays with its first question.
						joined := &piece{h: head.h + p.h}
						joined.addAt(head, 0, 0)
						joined.addAt(p, 0, head.h)
						p, head = joined, nil
					}
					if err := fl.add(fixedChunk(q.ID, p)); err != nil {
						return nil, err
					}
					fl.y -= blockGap - sheetGap
				}
			}
		}
	}
	for i, pg := range pages {
		pg.number = i + 1
		pg.chrome = t.sheetChrome(ws, i+1, len(pages))
	}
	return pages, nil
}

// sheetHead is the top of the first page: the unit's name large, then the survey, the
// period, the 集計ID and the submission line, and what the marks mean.
func (t typesetter) sheetHead(ws *charts.WardSheet, w float64) *piece {
	p := &piece{}
	p.add(rectEl{r: rect{0, 0, w, 40}, fill: colHeaderFill})
	p.add(t.text(ws.Title, 10, 8, 20, true, colAccent, left))
	p.add(t.text(ws.PeriodLabel, w-10, 14, sizeBody, true, colText, right))
	y := 48.0
	y = t.para(p, ws.ReportTitle, 0, y, w, sizeBody, false, colText)
	info := ws.Summary
	if ws.AggregateID != "" {
		info += "　" + charts.AggregateIDLabel + " " + ws.AggregateID
	}
	y = t.para(p, info, 0, y, w, sizeSmall, false, colMuted)
	if !ws.Counted {
		y = t.para(p, fmt.Sprintf("%sの回答票は集計されていません（%s）。", ws.Unit, ws.Status), 0, y+4, w, sizeBody, true, colAlert)
	}
	var key string
	choices, counts := sheetKinds(ws)
	if choices {
		key += fmt.Sprintf("帯グラフは全%sの回答の内訳で、太枠と▼が%sの回答です。", ws.UnitLabel, ws.Unit)
	}
	if counts {
		key += fmt.Sprintf("数値は、■が%s、灰色の線が全%sの最小～最大、縦線が中央値です。", ws.Unit, ws.UnitLabel)
	}
	if ws.Previous != "" {
		key += fmt.Sprintf("前回（%s）からの変化を ↑（上がった）・↓（下がった）・新規 で示します（印のない行は前回と同じです）。", ws.Previous)
	}
	y = t.para(p, key, 0, y+2, w, sizeSmall, false, colMuted)
	p.h = y + 4
	return p
}

// sheetKinds says whether the sheet has choice rows and counts, so the key explains only
// the marks it uses (the 月報 has counts only).
func sheetKinds(ws *charts.WardSheet) (choices, counts bool) {
	for _, sec := range ws.Sections {
		for _, it := range sec.Items {
			for _, q := range it.Questions {
				choices = choices || len(q.Choices) > 0
				counts = counts || len(q.Counts) > 0
			}
		}
	}
	return choices, counts
}

// sheetBand is a section's title on a band, as the report's section pages head a part.
func (t typesetter) sheetBand(title string, w float64) *piece {
	if title == "" {
		return nil
	}
	p := &piece{}
	p.add(rectEl{r: rect{0, 0, w, 20}, fill: colAccent})
	p.add(t.fitted(title, 8, 4, w-16, sizeBody+1, true, colWhite))
	p.h = 20
	return p
}

// sheetQuestion lays out one question as pieces that are never split: the heading with
// its first row, then one piece per further row.
func (t typesetter) sheetQuestion(q *charts.SheetQuestion, unit string, w float64) []*piece {
	head := &piece{}
	y := t.para(head, q.Heading, 0, 0, w, sizeBody, true, colText)
	if len(q.Series) > 0 {
		lg := t.legend(q.Series, 0, w)
		head.addAt(lg, 0, y+2)
		y += lg.h + 4
	}
	head.h = y + 2
	var rows []*piece
	for _, c := range q.Choices {
		rows = append(rows, t.sheetChoice(q, c, w))
	}
	for _, c := range q.Counts {
		rows = append(rows, t.sheetCount(c, unit, w))
	}
	if len(q.Lines) > 0 {
		p := &piece{}
		y := 0.0
		for _, l := range q.Lines {
			y = t.para(p, l, 8, y, w-8, sizeBody, false, colText)
		}
		p.h = y
		rows = append(rows, p)
	}
	if len(rows) == 0 {
		return []*piece{head}
	}
	first := &piece{h: head.h + rows[0].h}
	first.addAt(head, 0, 0)
	first.addAt(rows[0], 0, head.h)
	return append([]*piece{first}, rows[1:]...)
}

// sheetChoice is one choice row: its label on the left, the city's bar on the right with
// the unit's segment framed and pointed at, and under the bar the line saying how many
// answered the same, with the move since the previous period.
func (t typesetter) sheetChoice(q *charts.SheetQuestion, c *charts.ChoiceMark, w float64) *piece {
	p := &piece{}
	labelW := w * sheetLabelShare
	ly := 0.0
	if c.Label != "" {
		ly = t.para(p, c.Label, 0, 0, labelW-8, sizeSmall, false, colText)
	}
	x0, bw := labelW, w-labelW
	y := 7.0 // room for the ▼ over the unit's segment
	x, scale := x0, 0.0
	if c.Of > 0 {
		scale = bw / float64(c.Of)
	}
	var own *rect
	for i, v := range c.Values {
		if v == 0 {
			continue
		}
		x1 := x + float64(v)*scale
		t.segment(p, false, q.Series[i], v, x, x1, y, sheetBarH)
		if i == c.Index {
			own = &rect{x, y, x1 - x, sheetBarH}
		}
		x = x1
	}
	if x < w-eps {
		p.add(rectEl{r: rect{x, y, w - x, sheetBarH}, stroke: colGrid, lw: 0.5})
	}
	if own != nil {
		p.add(rectEl{r: *own, stroke: colOwn, lw: 2})
		p.add(t.text("▼", own.x+own.w/2, y-8, 7, false, colOwn, center))
	}
	y += sheetBarH + 2
	col := colText
	if c.Index < 0 {
		col = colAlert
	}
	p.add(t.fitted(c.Text, x0, y, bw, sizeSmall, true, col))
	if c.MoveText != "" {
		// The move goes under the row's label, where a clerk's eye starts the row.
		mc := colMuted
		switch c.Move {
		case charts.MoveUp:
			mc = colUp
		case charts.MoveDown:
			mc = colDown
		}
		p.add(t.fitted(c.MoveText, 0, ly, labelW-8, sizeSmall, true, mc))
		ly += lineH(sizeSmall)
	}
	p.h = max(y+lineH(sizeSmall), ly) + 2
	return p
}

// sheetCount is one count: its label on the left, the city's range from minimum to
// maximum with the median as a tick and the unit's figure as a dot, and the figures.
func (t typesetter) sheetCount(c *charts.CountMark, unit string, w float64) *piece {
	p := &piece{}
	labelW := w * sheetLabelShare
	ly := t.para(p, c.Label, 0, 0, labelW-8, sizeSmall, false, colText)
	x0, x1 := labelW+6, w-6
	cy := 6.0
	lo, hi := float64(c.Min), float64(c.Max)
	if c.Value != nil {
		lo, hi = min(lo, float64(*c.Value)), max(hi, float64(*c.Value))
	}
	pos := func(v float64) float64 {
		if hi == lo {
			return (x0 + x1) / 2
		}
		return x0 + (v-lo)/(hi-lo)*(x1-x0)
	}
	p.add(rectEl{r: rect{pos(float64(c.Min)), cy - 2, max(pos(float64(c.Max))-pos(float64(c.Min)), 1), 4}, fill: colGrid})
	med := pos(c.MedianValue())
	p.add(lineEl{x1: med, y1: cy - 6, x2: med, y2: cy + 6, lw: 1.2, color: colMuted})
	if c.Value != nil {
		v := pos(float64(*c.Value))
		p.add(rectEl{r: rect{v - 4.5, cy - 4.5, 9, 9}, fill: colDot, stroke: colWhite, lw: 0.8})
	}
	y := cy + 7
	p.add(t.text(c.Text, x0, y, sizeSmall, false, colText, left))
	y += lineH(sizeSmall)
	if c.PrevText != "" {
		p.add(t.fitted(c.PrevText, 0, ly, labelW-8, sizeSmall, false, colMuted))
		ly += lineH(sizeSmall)
	}
	p.h = max(y, ly) + 2
	return p
}

// sheetChrome is the running header (period, survey, sheet title) and the footer (page of
// pages and the 集計ID) of every page.
func (t typesetter) sheetChrome(ws *charts.WardSheet, n, of int) []element {
	w := sheetW - 2*sheetMarginX
	out := []element{
		t.fitted(ws.PeriodLabel+"　"+ws.ReportTitle+"　"+ws.Title, sheetMarginX, sheetHeaderY, w, sizeTiny+0.5, false, colMuted),
		lineEl{x1: sheetMarginX, y1: sheetHeaderY + 14, x2: sheetW - sheetMarginX, y2: sheetHeaderY + 14, lw: 0.5, color: colGrid},
		t.text(fmt.Sprintf("- %d／%d -", n, of), sheetW/2, sheetFooterY, sizeSmall, false, colText, center),
	}
	if ws.AggregateID != "" {
		out = append(out, t.text(charts.AggregateIDLabel+" "+ws.AggregateID, sheetW-sheetMarginX, sheetFooterY, sizeTiny, false, colMuted, right))
	}
	return out
}
