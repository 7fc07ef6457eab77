package check_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
)

// fakeGlyphs stands for a font without 𠮷, ⚠, emoji and Hangul, as BIZ UDPGothic is (the
// real font is render/fonts', which this package must not import).
var fakeGlyphs = &check.Glyphs{
	CanDraw: func(r rune) bool {
		return r != '𠮷' && r != '⚠' && r < 0x1F000 && !unicode.Is(unicode.Hangul, r)
	},
	Substitute: '〓',
}

func TestGlyphWarnings(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["ka2"] = "在宅歯科講習会\n𠮷田先生の講演\n⚠️と😀と𠮷"
	answers["ki3"] = "한국어 자료를 배포" // 8 distinct syllables, more than one warning names
	answers["o3.1.client"] = "60代女性（𠮷田）"
	answers["a1.1"] = "𠮷" // a choice: never printed as typed, so no glyph warning
	path, loc := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
	p := period.Period{Year: 2024, Half: period.FirstHalf}

	r, err := check.Read(path, sc, check.ReadOptions{Period: p, Glyphs: fakeGlyphs})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"ka2":         {"報告書（PDF）の文字に「𠮷」(U+20BB7)、「⚠」(U+26A0)、「😀」(U+1F600) がないため、「𠮷田先生の講演」の行などの該当の字は「〓」で表示されます"},
		"ki3":         {"「한」(U+D55C)、「국」(U+AD6D)、「어」(U+C5B4)、「자」(U+C790)、「료」(U+B8CC)、ほか 3 字 がないため"},
		"o3.1.client": {"「𠮷」(U+20BB7) がないため、該当の字は「〓」で表示されます"},
	}
	got := map[string]finding.Finding{}
	for _, f := range r.Findings {
		if f.Code == finding.GlyphMissing {
			if f.Severity != finding.Warning {
				t.Errorf("%s: severity %s, want warning", f.QuestionID, f.Severity)
			}
			got[f.QuestionID] = f
		}
	}
	for key, parts := range want {
		f, ok := got[key]
		if !ok {
			t.Errorf("%s: no glyph warning", key)
			continue
		}
		if f.Sheet != loc[form.DefinedName(key)].Sheet || f.Cell != loc[form.DefinedName(key)].Cell {
			t.Errorf("%s: warning at %s, want %s", key, f.Where(), loc[form.DefinedName(key)])
		}
		for _, p := range parts {
			if !strings.Contains(f.Message, p) {
				t.Errorf("%s: message %q lacks %q", key, f.Message, p)
			}
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d glyph warnings, want %d: %v", len(got), len(want), got)
	}
	if r.Errors() != 1 { // a1.1's 「𠮷」 is not a choice
		t.Errorf("%d errors, want the one for a1.1", r.Errors())
	}

	// Without Glyphs (the default) nothing is said about the font.
	r, err = check.Read(path, sc, check.ReadOptions{Period: p})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if f.Code == finding.GlyphMissing {
			t.Errorf("warning without Glyphs: %s", f.Message)
		}
	}
}
