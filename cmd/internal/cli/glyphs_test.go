package cli

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/gofont/goregular"
)

func TestGlyphs(t *testing.T) {
	latin := filepath.Join(t.TempDir(), "go.ttf")
	if err := os.WriteFile(latin, goregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, font string
		r          rune
		draw       bool
		sub        rune
	}{
		{"embedded has 漢", "", '漢', true, '〓'},
		{"embedded lacks 𠮷", "", '𠮷', false, '〓'},
		{"unreadable --font: embedded", filepath.Join(t.TempDir(), "none.ttf"), '𠮷', false, '〓'},
		{"Latin --font lacks あ", latin, 'あ', false, '?'},
		{"Latin --font has A", latin, 'A', true, '?'},
	}
	for _, tt := range tests {
		g := Glyphs(tt.font)
		if got := g.CanDraw(tt.r); got != tt.draw || g.Substitute != tt.sub {
			t.Errorf("%s: CanDraw(%q) = %v, substitute %q; want %v, %q", tt.name, tt.r, got, g.Substitute, tt.draw, tt.sub)
		}
	}
}
