package fonts

import (
	"testing"
	"unicode"
)

// The characters here are those issue 9 found vanishing from the report, and ordinary
// ones the report prints every day. 𩸽 (U+29E3D) is outside the BMP yet in the font; 𠮷
// (U+20BB7) is not, nor are Hangul, emoji or ⚠.
func TestEmbeddedCoverage(t *testing.T) {
	tests := []struct {
		r    rune
		has  bool
		draw bool
	}{
		{'あ', true, true},
		{'漢', true, true},
		{'①', true, true},
		{'区', true, true},
		{'〓', true, true},
		{'髙', true, true},
		{'﨑', true, true},
		{'𩸽', true, true},
		{'𠮷', false, false},
		{'😀', false, false},
		{'한', false, false},
		{'글', false, false},
		{'⚠', false, false},
		{'\ufe0f', false, true}, // variation selector: prints as nothing
		{'\u200d', false, true}, // zero width joiner
		{'\n', false, true},
	}
	for _, tt := range tests {
		if got := Has(tt.r); got != tt.has {
			t.Errorf("Has(%q U+%04X) = %v, want %v", tt.r, tt.r, got, tt.has)
		}
		if got := CanDraw(tt.r); got != tt.draw {
			t.Errorf("CanDraw(%q U+%04X) = %v, want %v", tt.r, tt.r, got, tt.draw)
		}
	}
	if !Has(Substitute) {
		t.Errorf("the substitute %q is not in the font", Substitute)
	}
}

// The regular and bold files must cover the same characters, since one coverage stands
// for both in the warnings.
func TestWeightsCoverTheSame(t *testing.T) {
	b, err := NewCoverage(Bold())
	if err != nil {
		t.Fatal(err)
	}
	n, covered := 0, 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0x30000 && r < 0xE0000 {
			r = 0xE0000 // planes 3–13 are unassigned; skip them for speed
		}
		if Has(r) {
			covered++
		}
		if Has(r) != b.Has(r) {
			t.Errorf("U+%04X: regular %v, bold %v", r, Has(r), b.Has(r))
			if n++; n > 10 {
				t.FailNow()
			}
		}
	}
	if covered < 10000 {
		t.Errorf("only %d characters covered; the cmap was not read", covered)
	}
}

func TestNewCoverageRejectsGarbage(t *testing.T) {
	if _, err := NewCoverage([]byte("not a font")); err == nil {
		t.Error("no error for a non-font")
	}
}
