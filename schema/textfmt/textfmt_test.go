package textfmt_test

import (
	"testing"

	"github.com/osaka-city/zaitaku/schema/textfmt"
)

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 6784: "6,784", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := textfmt.Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// Ambiguous-width characters count as wide: the Japanese fonts draw ① and ― full-width.
func TestWidth(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "区役所": 6, "ｱｲ": 2, "①―○※": 8, "（ウ）": 6, "": 0} {
		if got := textfmt.Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}
