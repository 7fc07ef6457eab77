package pdf

import (
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// sheetNotices lays out the sheet's 「前回からの大きな変化・確認事項」: its heading with
// the first finding, then one piece per further finding, each kept whole. Nothing when
// the unit's return had no warnings or notes.
func (t typesetter) sheetNotices(ws *charts.WardSheet, w float64) []*piece {
	if len(ws.Notices) == 0 {
		return nil
	}
	head := &piece{}
	head.add(rectEl{r: rect{0, 0, w, 18}, fill: colHeaderFill})
	head.add(t.fitted(charts.NoticesTitle, 6, 3, w-12, sizeBody, true, colAccent))
	head.h = 22
	var out []*piece
	for i, n := range ws.Notices {
		p := t.sheetNotice(n, w)
		if i == 0 {
			joined := &piece{h: head.h + p.h}
			joined.addAt(head, 0, 0)
			joined.addAt(p, 0, head.h)
			p = joined
		}
		out = append(out, p)
	}
	return out
}

// sheetNotice is one finding: a tag (警告, or 説明あり in green for one the unit explained),
// the answer and its cell, the change in bold, and under it the reason given or what to do.
func (t typesetter) sheetNotice(n *charts.SheetNotice, w float64) *piece {
	p := &piece{}
	tag, tc := "【"+finding.Warning.Japanese()+"】", colAlert
	if n.Explained {
		tag, tc = "【"+charts.ExplainedLabel+"】", colUp
	}
	tw := t.width(tag, sizeSmall, true) + 4
	p.add(t.text(tag, 0, 0, sizeSmall, true, tc, left))
	head := n.Label
	if n.Where != "" {
		head += "（" + n.Where + "）"
	}
	y := t.para(p, head, tw, 0, w-tw, sizeSmall, false, colText)
	y = t.para(p, n.Text, tw, y, w-tw, sizeBody, true, colText)
	switch {
	case n.Reason != "":
		y = t.para(p, charts.ExplainedLabel+": "+n.Reason, tw, y, w-tw, sizeSmall, false, colText)
	case n.Detail != "":
		y = t.para(p, n.Detail, tw, y, w-tw, sizeSmall, false, colMuted)
	}
	p.h = y + 4
	return p
}
