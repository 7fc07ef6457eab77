package charts

import (
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
)

// RangeNote is a figure's per-unit range as a count chart prints it beside the figure
// when the schema asks for it (show_range), as a monthly report (月報) does:
// 「（5 件 ～ 242 件）」, or 「（各 5 件）」 when every unit gave the same count. It is
// empty when no unit gave a value, so nothing is printed rather than a range of nothing.
func RangeNote(f *aggregate.Figure, unit string) string {
	if f == nil || f.Min == nil || f.Max == nil {
		return ""
	}
	amount := func(v int64) string {
		if unit == "" {
			return Thousands(v)
		}
		return Thousands(v) + " " + unit
	}
	if f.Min.Value == f.Max.Value {
		return "（各 " + amount(f.Min.Value) + "）"
	}
	return "（" + amount(f.Min.Value) + " ～ " + amount(f.Max.Value) + "）"
}

// RangedTotalText is the heading total of a count chart that shows ranges: the total
// with its per-unit range, 「合計 3,708 件（49 件 ～ 966 件）」, as the 月報 prints it.
func RangedTotalText(f *aggregate.Figure, unit string) string {
	return strings.TrimSpace("合計 "+Thousands(f.Sum)+" "+unit) + RangeNote(f, unit)
}

// rangedLines wraps a category label to width and sets its range note after it: on the
// last line when it fits there, else on a line of its own, so that the note is never cut
// in two and every renderer (which wraps Label again by its own measure) keeps it whole
// where it can.
func rangedLines(label, note string, width int) []string {
	return RangedLinesFunc(label, note, float64(width), func(r rune) float64 { return float64(runeWidth(r)) })
}

// RangedLinesFunc is rangedLines measured by width, for a renderer that sets a ranged label
// in a box of its own measure (the deck's label boxes): the label breaks as WrapFunc breaks
// it and the note 「（5 件 ～ 242 件）」 stays whole.
func RangedLinesFunc(label, note string, max float64, width func(rune) float64) []string {
	lines := WrapFunc(label, max, width)
	if note == "" {
		return lines
	}
	if n := len(lines); n > 0 && lineWidth(lines[n-1]+note, width) <= max {
		lines[n-1] += note
		return lines
	}
	return append(lines, note)
}

// setRange puts a category's per-unit range into the texts the renderers already print
// for its row, the label and its lines; the value beside the bar stays a plain number,
// since the renderers print it from Value.
func setRange(bar *CountBar, c *aggregate.Category, unit string, labelWidth int) {
	note := RangeNote(&c.Figure, unit)
	if note == "" {
		return
	}
	bar.Label = c.Label + note
	bar.Lines = rangedLines(c.Label, note, labelWidth)
}
