package pdf

import (
	"strings"
)

// measurer gives the advance width of a rune as a fraction of the font size. The layout
// asks it for every width so that the boxes it computes are the ones the PDF draws; the
// font has no kerning, so a string's width is the sum of its runes'.
type measurer interface {
	runeWidth(r rune, bold bool) float64
}

// Characters that may not start a line and that may not end one, after JIS X 4051, as
// charts.Wrap uses them (which works in half-width columns, not in points).
const (
	noStart = "、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ々,.)]!?%"
	noEnd   = "（「『【〔〈《([　"
)

// textWidth is the width of s in points at size.
func textWidth(m measurer, s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += m.runeWidth(r, bold)
	}
	return w * size
}

// wline is one wrapped line and how far it is indented from the paragraph's left edge.
type wline struct {
	s  string
	dx float64
}

// wrapText breaks s into lines no wider than maxW points. Newlines in s are hard breaks;
// a paragraph opening with a bullet 「・」 hangs its following lines under the text, as
// handwritten Japanese lists do.
func wrapText(m measurer, s string, size float64, bold bool, maxW float64) []wline {
	var out []wline
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		para = strings.TrimRight(para, " 　\t")
		if strings.HasPrefix(para, "・") && maxW > 4*size {
			bw := textWidth(m, "・", size, bold)
			lines := wrapRunes(m, []rune(strings.TrimPrefix(para, "・")), size, bold, maxW-bw)
			for i, l := range lines {
				if i == 0 {
					out = append(out, wline{s: "・" + l})
				} else {
					out = append(out, wline{s: l, dx: bw})
				}
			}
			continue
		}
		for _, l := range wrapRunes(m, []rune(para), size, bold, maxW) {
			out = append(out, wline{s: l})
		}
	}
	return out
}

// wrapStrings is wrapText without indents, for labels that never carry bullets.
func wrapStrings(m measurer, s string, size float64, bold bool, maxW float64) []string {
	var out []string
	for _, l := range wrapText(m, s, size, bold, maxW) {
		out = append(out, l.s)
	}
	return out
}

// wrapRunes breaks one paragraph. Japanese may break between any two characters except
// where kinsoku forbids it; a run of ASCII letters and digits is kept whole when it fits.
func wrapRunes(m measurer, runes []rune, size float64, bold bool, maxW float64) []string {
	if len(runes) == 0 {
		return []string{""}
	}
	widths := make([]float64, len(runes))
	total := 0.0
	for i, r := range runes {
		widths[i] = m.runeWidth(r, bold) * size
		total += widths[i]
	}
	if total <= maxW {
		return []string{string(runes)}
	}
	var lines []string
	start, w := 0, 0.0
	for i := 0; i < len(runes); i++ {
		w += widths[i]
		if w <= maxW+0.01 || i == start {
			continue
		}
		brk := i // the line ends before runes[brk]
		for brk > start+1 && (strings.ContainsRune(noStart, runes[brk]) || strings.ContainsRune(noEnd, runes[brk-1]) || inWord(runes, brk)) {
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
