package pdf

import (
	"strings"
	"unicode/utf8"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/fonts"
)

// measurer gives the advance width of a rune as a fraction of the font size. The layout
// asks it for every width so that the boxes it computes are the ones the PDF draws; the
// font has no kerning, so a string's width is the sum of its runes'.
type measurer interface {
	runeWidth(r rune, bold bool) float64
}

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

// wrapRunes breaks one paragraph with the chart models' rules (charts.WrapFunc), measured
// in points with the PDF's font.
func wrapRunes(m measurer, runes []rune, size float64, bold bool, maxW float64) []string {
	if len(runes) == 0 {
		return []string{""}
	}
	lines := charts.WrapFunc(string(runes), maxW, func(r rune) float64 { return m.runeWidth(r, bold) * size })
	// A variation selector or joiner belongs with the character before it, which the
	// copy-out text of the PDF keeps it with; it has no width, so the line stays as wide.
	for i := 1; i < len(lines); i++ {
		for lines[i] != "" {
			r, n := utf8.DecodeRuneInString(lines[i])
			if !fonts.Invisible(r) {
				break
			}
			lines[i-1] += lines[i][:n]
			lines[i] = lines[i][n:]
		}
	}
	return lines
}
