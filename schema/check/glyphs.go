package check

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
)

// Glyphs tells the checks which characters the report's font can print, so that free
// text which the PDF will show as a substitute is pointed out while the ward can still
// change it. The font belongs to the renderers, which this package must not import: the
// commands fill it from render/fonts.
type Glyphs struct {
	// CanDraw reports whether the report prints r as itself.
	CanDraw func(rune) bool
	// Substitute is what the report prints instead of a character it cannot.
	Substitute rune
}

// maxGlyphsNamed caps the characters one warning lists: a paragraph in Korean would
// otherwise name every syllable.
const maxGlyphsNamed = 5

// checkGlyphs warns, once per cell, about the characters of the free-text answers that
// reach the report (Texts, Lists, case fields) and that its font lacks.
func (r *checker) checkGlyphs(g *Glyphs) {
	if g == nil || g.CanDraw == nil {
		return
	}
	for _, s := range form.Slots(r.Schema) {
		var text string
		switch s.Kind {
		case form.SlotText:
			text = r.Texts[s.Key]
		case form.SlotList:
			text = strings.Join(r.Lists[s.Key], "\n")
		default:
			continue
		}
		missing := missingGlyphs(text, g.CanDraw)
		if len(missing) == 0 {
			continue
		}
		var names []string
		for i, ch := range missing {
			if i == maxGlyphsNamed {
				names = append(names, fmt.Sprintf("ほか %d 字", len(missing)-i))
				break
			}
			names = append(names, fmt.Sprintf("「%c」(U+%04X)", ch, ch))
		}
		where := ""
		if s.Kind == form.SlotList {
			// A list's findings sit on its first cell; name the line so it can be found.
			for _, l := range r.Lists[s.Key] {
				if len(missingGlyphs(l, g.CanDraw)) > 0 {
					where = fmt.Sprintf("「%s」の行などの", l)
					break
				}
			}
		}
		msg := fmt.Sprintf("報告書（PDF）の文字に%s がないため、%s該当の字は「%c」で表示されます（集計の値や PDF からコピーした文字は元のままです）。必要なら別の字に置き換えてください",
			strings.Join(names, "、"), where, g.Substitute)
		r.add(at(r.Cells[s.Key], finding.Warning, finding.GlyphMissing, s.Key, s.Label(), msg))
	}
}

// missingGlyphs lists the distinct characters of s that canDraw refuses, in order.
func missingGlyphs(s string, canDraw func(rune) bool) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, ch := range s {
		if !canDraw(ch) && !seen[ch] {
			seen[ch] = true
			out = append(out, ch)
		}
	}
	return out
}
