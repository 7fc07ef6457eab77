package fonts

import (
	"fmt"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// Substitute is printed in place of a character the font has no glyph for: the geta mark
// 〓, which Japanese typesetting has long used for a character the press could not set.
// BIZ UDPGothic has it, so a missing 𠮷 stays visible as a gap-filler instead of
// vanishing.
const Substitute = '〓'

// Coverage answers which characters a TrueType font has glyphs for, from its cmap.
// It is safe for concurrent use.
type Coverage struct {
	font *sfnt.Font
	bufs sync.Pool
}

// NewCoverage reads the character map of a TrueType (or OpenType) font.
func NewCoverage(ttf []byte) (*Coverage, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return &Coverage{font: f, bufs: sync.Pool{New: func() any { return new(sfnt.Buffer) }}}, nil
}

// Has reports whether the font maps r to a real glyph (not .notdef).
func (c *Coverage) Has(r rune) bool { return c.GlyphIndex(r) != 0 }

// Invisible reports whether r is a character that prints as nothing even in a font that
// has it: variation selectors (the emoji ⚠️ is ⚠ plus U+FE0F; the ideographic variation
// sequences of 葛󠄀) and joiners. The report drops them from what it draws and keeps them
// in the text copied out, so they are never a reason to substitute or to warn.
func Invisible(r rune) bool {
	return unicode.Is(unicode.Variation_Selector, r) || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff'
}

var embedded = sync.OnceValue(func() *Coverage {
	c, err := NewCoverage(regular)
	if err != nil {
		panic("fonts: embedded font unreadable: " + err.Error())
	}
	return c
})

// Has reports whether the embedded BIZ UDPGothic has a glyph for r. Both weights carry
// the same character set (a test holds them to it), so one answer serves both.
func Has(r rune) bool { return embedded().Has(r) }

// CanDraw reports whether the report prints r as itself with the embedded font: it has
// the glyph, or r prints as nothing anyway (Invisible, or a control character, which the
// readers strip from answers). Any other character is printed as Substitute; validate
// and aggregate warn about it through this function.
func CanDraw(r rune) bool { return embedded().CanDraw(r) }

// CanDraw is the package's CanDraw for this font.
func (c *Coverage) CanDraw(r rune) bool {
	return unicode.IsControl(r) || Invisible(r) || c.Has(r)
}

// Substitute is what the report prints with this font for a character it lacks: the
// package's Substitute, or ? for a font without 〓.
func (c *Coverage) Substitute() rune {
	if c.Has(Substitute) {
		return Substitute
	}
	return '?'
}

// GlyphIndex is the font's glyph for r, 0 (.notdef) when it has none.
func (c *Coverage) GlyphIndex(r rune) int {
	b := c.bufs.Get().(*sfnt.Buffer)
	defer c.bufs.Put(b)
	gi, err := c.font.GlyphIndex(b, r)
	if err != nil {
		return 0
	}
	return int(gi)
}
