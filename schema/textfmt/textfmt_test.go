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

func TestFixed(t *testing.T) {
	for _, c := range []struct {
		v        int64
		decimals int
		fixed    string
		decimal  string
	}{
		{1709, 0, "1,709", "1709"},
		{17095, 1, "1,709.5", "1709.5"},
		{170950, 2, "1,709.50", "1709.50"},
		{5, 2, "0.05", "0.05"},
		{0, 3, "0.000", "0.000"},
		{-5, 1, "-0.5", "-0.5"},
		{-12345, 1, "-1,234.5", "-1234.5"},
		{1234567891234, 6, "1,234,567.891234", "1234567.891234"},
	} {
		if got := textfmt.Fixed(c.v, c.decimals); got != c.fixed {
			t.Errorf("Fixed(%d, %d) = %q, want %q", c.v, c.decimals, got, c.fixed)
		}
		if got := textfmt.Decimal(c.v, c.decimals); got != c.decimal {
			t.Errorf("Decimal(%d, %d) = %q, want %q", c.v, c.decimals, got, c.decimal)
		}
	}
}
