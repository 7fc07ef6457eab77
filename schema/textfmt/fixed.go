package textfmt

import (
	"strconv"
	"strings"
)

// Fixed writes a fixed-point value — v is the number × 10^decimals, as number questions
// keep their values exact — with thousands separators and exactly decimals places:
// Fixed(17095, 1) is 「1,709.5」, Fixed(1709, 0) 「1,709」 as Thousands writes it.
func Fixed(v int64, decimals int) string {
	whole, frac := splitFixed(v, decimals)
	s := Thousands(whole)
	if v < 0 && whole == 0 {
		s = "-" + s
	}
	if decimals <= 0 {
		return s
	}
	return s + "." + frac
}

// Decimal is Fixed without thousands separators, for data files (CSV) that a program
// reads back: Decimal(17095, 1) is 「1709.5」.
func Decimal(v int64, decimals int) string {
	return strings.ReplaceAll(Fixed(v, decimals), ",", "")
}

// splitFixed is the whole part of v / 10^decimals (truncated toward zero) and the
// fraction as exactly decimals digits.
func splitFixed(v int64, decimals int) (int64, string) {
	if decimals <= 0 {
		return v, ""
	}
	scale := int64(1)
	for i := 0; i < decimals; i++ {
		scale *= 10
	}
	whole, frac := v/scale, v%scale
	if frac < 0 {
		frac = -frac
	}
	f := strconv.FormatInt(frac, 10)
	return whole, strings.Repeat("0", decimals-len(f)) + f
}
