package pdf

import (
	"strings"
	"unicode"

	"github.com/osaka-city/zaitaku/render/fonts"
)

// Characters the font lacks.
//
// gopdf, asked to draw a character its font has no glyph for, silently draws a space in
// its place (its default OnGlyphNotFoundSubstitute), and the text copied out of the PDF
// is a space too: 「𠮷田」 printed as 「 田」. The report instead draws fonts.Substitute
// (〓) and wraps it in a marked-content span whose /ActualText is the original
// character, so the page shows that something is missing while copy and search still
// give 「𠮷田」. validate and aggregate warn about such characters beforehand
// (check.Glyphs), with the same coverage test (fonts.CanDraw).
//
// gopdf has no call to put raw operators in a content stream, so the spans are added
// after it has written the file (fixup): each substitute is drawn as a text object of its
// own, tagged with a character spacing no other text uses (markTc, invisible on a single
// glyph), and fixup replaces the tag with the span, in drawing order.

// markTc is the character spacing that tags a substitute's text object for fixup.
// gopdf prints it as "0.007"; no other text in the report sets a character spacing.
const markTc = 0.007

// textRun is a run of one text line drawn in one go: shown is what is drawn and, when
// actual is not "", the text it stands for in copy-out.
type textRun struct {
	shown, actual string
}

// splitRuns cuts s into runs the font can draw and substitutes for the characters it
// cannot. Invisible characters (variation selectors, joiners) are not drawn — gopdf would
// draw them as spaces — but kept in the copy-out text of the character before them.
func splitRuns(s string, has func(rune) bool, sub rune) []textRun {
	var out []textRun
	var plain strings.Builder
	flush := func() {
		if plain.Len() > 0 {
			out = append(out, textRun{shown: plain.String()})
			plain.Reset()
		}
	}
	for _, r := range s {
		switch {
		case fonts.Invisible(r):
			if plain.Len() > 0 {
				// Move the plain run's last character into a run of its own that
				// carries r in its copy-out text.
				runs := []rune(plain.String())
				last := string(runs[len(runs)-1])
				plain.Reset()
				plain.WriteString(string(runs[:len(runs)-1]))
				flush()
				out = append(out, textRun{shown: last, actual: last + string(r)})
			} else if n := len(out); n > 0 {
				out[n-1].actual += string(r)
			} else {
				out = append(out, textRun{actual: string(r)})
			}
		case has(r) || unicode.IsControl(r):
			plain.WriteRune(r)
		default:
			flush()
			out = append(out, textRun{shown: string(sub), actual: string(r)})
		}
	}
	flush()
	return out
}
