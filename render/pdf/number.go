package pdf

import "github.com/osaka-city/zaitaku/charts"

// numberLine lays out a number question: its heading line with the total (「（１）窓口開設
// 日数　1,709 日（123 日 ～ 180 日）」) as a count chart's heading is set, then its earlier
// periods' totals and its note; no chart. It is never split.
func (t typesetter) numberLine(nl *charts.NumberLine, w float64) *chunk {
	p := &piece{}
	y := t.para(p, nl.Text(), 0, 0, w, sizeBlock, true, colText)
	for _, l := range nl.EarlierLines {
		y = t.para(p, l, 0, y, w, sizeLabel, false, colText)
	}
	if nl.Note != "" {
		y = t.para(p, nl.Note, 0, y, w, sizeSmall, false, colMuted)
	}
	p.h = y + 4
	p.part = &charts.PagePart{Blocks: []charts.Block{{Number: nl}}}
	return fixedChunk("number "+nl.ID, p)
}
