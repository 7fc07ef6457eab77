package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Label widths, in half-width columns (a full-width character is 2): what fits beside a
// bar in the label column of an A4 landscape page at the report's type size.
const (
	ChoiceLabelWidth = 58
	CountLabelWidth  = 40
	// BreakdownLabelWidth is narrower: 内訳 charts stand two side by side.
	BreakdownLabelWidth = 30
)

// Colours are fixed per option so that 実施している is the same blue on every page and in
// both renderers, and dark / medium / light stay apart when printed in greyscale.
var (
	colorDark   Color = "1F4E79"
	colorMedium Color = "5B9BD5"
	colorLight  Color = "BDD7EE"
	colorExtra        = []Color{"F4B183", "A9D18E", "7F7F7F", "FFD966"}
	// CountColor fills count bars; RepeatColor the 再掲 bars, lighter so they read as a part.
	CountColor  Color = "2E75B6"
	RepeatColor Color = "9DC3E6"
	// NoReplyColor fills the units that left a choice unanswered, apart from every option.
	NoReplyColor Color = "F4B183"
	// White and black are the two colours a count is printed in (TextColor).
	White Color = "FFFFFF"
	black Color = "000000"
)

// OptionColor is the fill of an option by its position — first dark, last light, the
// middle medium, as 資料１ colours its lists — so every list reads the same way.
// NoReplyLabel, where an output shows it as a series of its own, gets NoReplyColor.
func OptionColor(label string, index, n int) Color {
	switch {
	case label == NoReplyLabel:
		return NoReplyColor
	case index == 0:
		return colorDark
	case index == n-1 && n <= 3:
		return colorLight
	case index == 1 && n == 3:
		return colorMedium
	}
	return colorExtra[(index-1)%len(colorExtra)]
}

// TextColor is the colour of a count printed on fill c: white or black, whichever has the
// higher contrast (WCAG 2.1), so that a count reaches 4.5:1 on every fill of the palette
// (a brightness threshold left white on the mid grey of a fourth option at 3.9:1).
func TextColor(c Color) Color {
	if Contrast(c, White) >= Contrast(c, black) {
		return White
	}
	return black
}

// Contrast is the WCAG 2.1 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// luminance is a colour's relative luminance (WCAG 2.1).
func luminance(c Color) float64 {
	r, g, b := c.RGB()
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Width is the display width of s in half-width columns.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int { return textfmt.RuneWidth(r) }

// Characters that may not start a line (closing brackets, punctuation, small kana) and
// that may not end one (opening brackets), after JIS X 4051's line-breaking rules.
const (
	NoStart = "、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々,.)]!?%"
	NoEnd   = "（「『【〔〈《([　"
)

// Wrap breaks s into lines of at most max half-width columns (see WrapFunc).
func Wrap(s string, max int) []string {
	return WrapFunc(s, float64(max), func(r rune) float64 { return float64(runeWidth(r)) })
}

// stubShare is how short a last line may be, as a share of the widest, before the lines are
// rebalanced: 「…現状把／握」 reads worse than two even lines.
const stubShare = 0.25

// WrapFunc breaks s into lines no wider than max, measuring each rune with width (columns
// for the chart models, points for the PDF), so every renderer breaks the same way.
// Japanese breaks between any two characters except where kinsoku forbids it; a run of
// ASCII letters and digits is kept whole when it fits. When the last line would be a stub,
// the lines are evened out at the same line count.
func WrapFunc(s string, max float64, width func(rune) float64) []string {
	runes := []rune(s)
	widths := make([]float64, len(runes))
	total := 0.0
	for i, r := range runes {
		widths[i] = width(r)
		total += widths[i]
	}
	lines := greedy(runes, widths, max)
	n := len(lines)
	if n < 2 {
		return lines
	}
	last := lineWidth(lines[n-1], width)
	if last > stubShare*max {
		return lines
	}
	// Narrow the measure step by step while the line count holds, and take the first
	// measure whose last line is no longer a stub — one that breaks at natural points
	// (after の, や, 、 or a closing bracket) if there is one.
	step := total / float64(len(runes))
	var fallback []string
	for m := max - step; m >= total/float64(n); m -= step / 2 {
		got := greedy(runes, widths, m)
		if len(got) != n {
			break
		}
		if lineWidth(got[n-1], width) <= stubShare*max {
			continue
		}
		if naturalBreaks(got) {
			return got
		}
		if fallback == nil {
			fallback = got
		}
	}
	if fallback != nil {
		return fallback
	}
	return lines
}

// WrapTitle is WrapFunc for a title set large on its own (the report's cover): when a line
// ends where a reader would not pause (「…に関する相／談支援事業」), a narrower measure with
// the same number of lines whose lines all end at a natural point (after に, の, ・ or a
// space) is taken, so a long title breaks between its phrases.
func WrapTitle(s string, max float64, width func(rune) float64) []string {
	lines := WrapFunc(s, max, width)
	n := len(lines)
	if n < 2 || titleBreaks(s, lines) {
		return lines
	}
	runes := []rune(s)
	widths := make([]float64, len(runes))
	total := 0.0
	for i, r := range runes {
		widths[i] = width(r)
		total += widths[i]
	}
	step := total / float64(len(runes))
	for m := max - step/2; m >= total/float64(n); m -= step / 2 {
		got := greedy(runes, widths, m)
		if len(got) != n {
			break
		}
		if titleBreaks(s, got) {
			return got
		}
	}
	return lines
}

// titleBreaks is naturalBreaks for the lines of s, where a space between phrases (which
// greedy drops at the break) is a natural point too.
func titleBreaks(s string, lines []string) bool {
	rest := s
	for i, l := range lines[:len(lines)-1] {
		rest = strings.TrimPrefix(rest, l)
		atSpace := strings.HasPrefix(rest, " ") || strings.HasSuffix(l, "　")
		rest = strings.TrimLeft(rest, " ")
		if !atSpace && !naturalBreaks(lines[i:i+2]) {
			return false
		}
	}
	return true
}

// naturalBreaks reports whether every line but the last ends where a reader pauses.
func naturalBreaks(lines []string) bool {
	for i, l := range lines[:len(lines)-1] {
		r := []rune(l)
		next := []rune(lines[i+1])
		if !strings.ContainsRune("、。・）」』】のやをにはがでとへ", r[len(r)-1]) && !(len(next) > 0 && strings.ContainsRune("（「", next[0])) {
			return false
		}
	}
	return true
}

func lineWidth(s string, width func(rune) float64) float64 {
	w := 0.0
	for _, r := range s {
		w += width(r)
	}
	return w
}

func greedy(runes []rune, widths []float64, max float64) []string {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	if total <= max+0.01 || len(runes) < 2 {
		return []string{string(runes)}
	}
	var lines []string
	start, w := 0, 0.0
	for i := 0; i < len(runes); i++ {
		w += widths[i]
		if w <= max+0.01 || i == start {
			continue
		}
		brk := i // the line ends before runes[brk]
		// Step back over positions kinsoku forbids, but never to an empty line.
		for brk > start+1 && (strings.ContainsRune(NoStart, runes[brk]) || strings.ContainsRune(NoEnd, runes[brk-1]) || inWord(runes, brk)) {
			brk--
		}
		if brk == start+1 && i > start+1 {
			brk = i
		}
		lines = append(lines, strings.TrimRight(string(runes[start:brk]), " "))
		start = brk
		for start < i && runes[start] == ' ' {
			start++
		}
		w = 0
		for _, x := range widths[start : i+1] {
			w += x
		}
	}
	if start < len(runes) {
		lines = append(lines, string(runes[start:]))
	}
	return lines
}

// inWord reports whether a break before runes[i] would split an ASCII word or number.
func inWord(runes []rune, i int) bool {
	alnum := func(r rune) bool {
		return r < 128 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
	}
	return i > 0 && alnum(runes[i]) && alnum(runes[i-1])
}

// UnitAxis is the axis of a choice chart: 0 to the number of units, which is always the
// last tick, so that bars of every question compare at a glance. When the count divides by
// four the ticks are its quarters (0 6 12 18 24 for 24 wards); else they are the multiples
// of the smallest step of 1, 2 or 5 × 10ⁿ that needs at most six intervals, and the end
// (0 2 4 6 8 10 11 for 11 units, 0 500 1000 1500 1741). A multiple closer to the end than
// endGap of a step is left out, so that no two labels crowd (0 5 10 15 21, not 0 … 20 21).
func UnitAxis(units int, unit string) Axis {
	n := int64(units)
	if n <= 0 {
		return NiceAxis(n, unit)
	}
	if n%4 == 0 {
		step := n / 4
		return Axis{Max: n, Ticks: []int64{0, step, 2 * step, 3 * step, 4 * step}, Unit: unit}
	}
	step := niceStep(n, maxUnitIntervals)
	a := Axis{Max: n, Unit: unit}
	for v := int64(0); v < n; v += step {
		a.Ticks = append(a.Ticks, v)
	}
	if last := a.Ticks[len(a.Ticks)-1]; last > 0 && float64(n-last) < endGap*float64(step) {
		a.Ticks = a.Ticks[:len(a.Ticks)-1]
	}
	a.Ticks = append(a.Ticks, n)
	return a
}

// maxUnitIntervals is how many intervals a choice axis may have (11 units: six steps of 2);
// endGap is the least share of a step between its last regular tick and its end.
const (
	maxUnitIntervals = 6
	endGap           = 0.4
)

// niceStep is the smallest step of 1, 2 or 5 × 10ⁿ that covers max in at most n intervals.
func niceStep(max int64, n int64) int64 {
	for step := int64(1); ; step *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if s := step * m; (max+s-1)/s <= n {
				return s
			}
		}
	}
}

// NiceAxis is the axis for counts up to max: a step of 1, 2 or 5 × 10ⁿ giving three to six
// intervals, and the end rounded up to a step (431 → 0 100 … 500, 130 → 0 50 100 150).
func NiceAxis(max int64, unit string) Axis {
	if max <= 0 {
		return Axis{Max: 1, Ticks: []int64{0, 1}, Unit: unit}
	}
	step := niceStep(max, 5)
	end := (max + step - 1) / step * step
	a := Axis{Max: end, Unit: unit}
	for v := int64(0); v <= end; v += step {
		a.Ticks = append(a.Ticks, v)
	}
	return a
}

// Thousands writes 6784 as 6,784, as the report prints figures (the same rule as the
// findings use).
func Thousands(n int64) string { return textfmt.Thousands(n) }

// TotalText is the heading total of a count chart: 「（ 6,784 件 ）」.
func TotalText(n int64, unit string) string {
	return fmt.Sprintf("（ %s %s ）", Thousands(n), unit)
}
