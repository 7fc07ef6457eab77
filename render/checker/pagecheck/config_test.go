package pagecheck_test

import (
	"testing"
	"unicode"

	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
)

// Ranges are kept in order and apart, and the search finds both ends of each.
func TestCoverageRanges(t *testing.T) {
	in := map[rune]bool{'a': true, 'b': true, 'c': true, 'x': true, unicode.MaxRune: true}
	g := pagecheck.Coverage(func(r rune) bool { return in[r] }, '?')
	want := [][2]rune{{'a', 'c'}, {'x', 'x'}, {unicode.MaxRune, unicode.MaxRune}}
	if len(g.Ranges) != len(want) {
		t.Fatalf("ranges %v, want %v", g.Ranges, want)
	}
	for i := range want {
		if g.Ranges[i] != want[i] {
			t.Errorf("range %d: %v, want %v", i, g.Ranges[i], want[i])
		}
	}
	for _, r := range []rune{'`', 'a', 'c', 'd', 'w', 'x', 'y', unicode.MaxRune - 1, unicode.MaxRune} {
		if g.CanDraw(r) != in[r] {
			t.Errorf("CanDraw(%q) = %v", r, g.CanDraw(r))
		}
	}
	if c := g.Check(); c.Substitute != '?' || !c.CanDraw('b') {
		t.Error("Check does not carry the coverage")
	}
}

// AnnotatedName keeps the extension and says what the copy is.
func TestAnnotatedName(t *testing.T) {
	for in, want := range map[string]string{"北区.xlsx": "北区_確認結果.xlsx", "a.b.xlsm": "a.b_確認結果.xlsm"} {
		if got := pagecheck.AnnotatedName(in); got != want {
			t.Errorf("AnnotatedName(%q) = %q, want %q", in, got, want)
		}
	}
}
