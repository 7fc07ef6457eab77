package charts

import (
	"slices"
	"testing"
)

// A long title breaks between its phrases, not inside a word, at the same number of lines;
// a title whose greedy lines already end at natural points is left as it was.
func TestWrapTitleBreaksBetweenPhrases(t *testing.T) {
	cols := func(r rune) float64 { return float64(runeWidth(r)) }
	cases := []struct {
		title string
		max   float64
		want  []string
	}{
		// Greedy gives 「…に関する相」「談支援事業 月報集計」.
		{"高齢者等在宅医療・介護連携に関する相談支援事業 月報集計", 44, []string{"高齢者等在宅医療・介護連携に", "関する相談支援事業 月報集計"}},
		// A space is a natural point: the half-width space is dropped at the break.
		{"在宅医療介護連携相談支援事業 月報集計", 30, []string{"在宅医療介護連携相談支援事業", "月報集計"}},
		{"区役所・相談支援室の取組について", 44, []string{"区役所・相談支援室の取組について"}},
	}
	for _, c := range cases {
		if got := WrapTitle(c.title, c.max, cols); !slices.Equal(got, c.want) {
			t.Errorf("WrapTitle(%q, %v) = %q, want %q (WrapFunc gives %q)", c.title, c.max, got, c.want, WrapFunc(c.title, c.max, cols))
		}
	}
}
