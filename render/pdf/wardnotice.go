package pdf

import "github.com/osaka-city/zaitaku/charts"

// addSheetNotices lays out the sheet's 「前回からの大きな変化・確認事項」: its heading with
// the first finding, then one piece per further finding, each kept whole; a finding that
// moves on to the next page takes the heading with it, marked （続き）, so that page does
// not start with a bare list. Nothing when the unit's return had no warnings or notes.
func (t typesetter) addSheetNotices(fl *flow, ws *charts.WardSheet, w float64) error {
	for i, n := range ws.Notices {
		p := t.sheetNotice(n, w)
		switch {
		case i == 0:
			p = t.withNoticesHead(p, charts.NoticesTitle, w)
		case fl.y+p.h > fl.pg.content.bottom():
			p = t.withNoticesHead(p, charts.NoticesTitle+"（続き）", w)
		}
		if err := fl.add(fixedChunk("notices", p)); err != nil {
			return err
		}
		fl.y -= blockGap - sheetGap
	}
	return nil
}

// withNoticesHead puts the notices' heading band, titled title, above p.
func (t typesetter) withNoticesHead(p *piece, title string, w float64) *piece {
	head := &piece{}
	head.add(rectEl{r: rect{0, 0, w, 18}, fill: colHeaderFill})
	head.add(t.fitted(title, 6, 3, w-12, sizeBody, true, colAccent))
	head.h = 22
	joined := &piece{h: head.h + p.h}
	joined.addAt(head, 0, 0)
	joined.addAt(p, 0, head.h)
	return joined
}

// sheetNotice is one finding: a tag (警告, or 説明あり in green for one the unit explained),
// the answer and its cell, the change in bold, and under it the reason given or what to do.
func (t typesetter) sheetNotice(n *charts.SheetNotice, w float64) *piece {
	p := &piece{}
	tag, tc := n.Tag(), noticeColor(n)
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

// noticeColor is a notice's tag colour: alert for a warning, green for one explained.
func noticeColor(n *charts.SheetNotice) charts.Color {
	if n.Explained {
		return colUp
	}
	return colAlert
}

// statusNotices lists the returns' warnings and notes on the 提出状況 page, one line
// each under its unit's name, after the wards' table; nothing when there are none.
func (t typesetter) statusNotices(f *flow, st *charts.StatusTable) error {
	if len(st.Notices) == 0 {
		return nil
	}
	head := &piece{}
	head.h = t.para(head, st.NoticesTitle, 0, 0, contentW, sizeLabel, true, colText) + 2
	ux := t.unitColumn(st)
	for i, sn := range st.Notices {
		part := &charts.PagePart{Status: &charts.StatusPart{Notices: st.Notices[i : i+1], NoticesHead: i == 0}}
		p := &piece{part: part}
		if i == 0 || st.Notices[i-1].Unit != sn.Unit {
			p.add(t.text(sn.Unit, 0, 0, sizeSmall, true, colText, left))
		}
		x := ux
		tag := sn.Notice.Tag()
		p.add(t.text(tag, x, 0, sizeSmall, true, noticeColor(sn.Notice), left))
		x += t.width(tag, sizeSmall, true) + 2
		line := sn.Notice.Line()[len(tag):]
		p.h = t.para(p, line, x, 0, contentW-x, sizeSmall, false, colText)
		if i == 0 {
			joined := &piece{h: head.h + p.h, part: part}
			joined.addAt(head, 0, 0)
			joined.addAt(p, 0, head.h)
			p = joined
		}
		if err := f.add(fixedChunk("notices", p)); err != nil {
			return err
		}
		f.y -= blockGap - 2
	}
	f.y += blockGap - 2
	return nil
}

// unitColumn is the width of the units' names in the list of notices, the widest of them.
func (t typesetter) unitColumn(st *charts.StatusTable) float64 {
	w := 0.0
	for _, sn := range st.Notices {
		w = max(w, t.width(sn.Unit, sizeSmall, true))
	}
	return w + 8
}
