package schema

import (
	"fmt"
	"strings"
)

// Numbering is a style of the list numbers zaitaku writes itself — before the rows of a
// choice group and the categories of a counts question, on the form and in every output
// — written as its first number: 「１．」, 「（１）」, 「①」 or 「1」. The question numbers
// （１） and item marks （ア） are the schema's own text and are printed as written.
type Numbering string

// The numbering styles a schema may name in `numbering:`.
const (
	// NumberingDot is 資料１'s 「１．」…「９．」「10．」: one-digit numbers full-width,
	// longer ones half-width.
	NumberingDot Numbering = "１．"
	// NumberingParen is 「（１）」…「（９）」「（10）」, digits as NumberingDot.
	NumberingParen Numbering = "（１）"
	// NumberingCircled is 「①」…「⑳」, then 「（21）」 where circled numbers end.
	NumberingCircled Numbering = "①"
	// NumberingPlain is 「1」, 「2」 … in half-width digits.
	NumberingPlain Numbering = "1"
)

// NumberingStyles are the values `numbering:` takes, the default first.
var NumberingStyles = []Numbering{NumberingDot, NumberingParen, NumberingCircled, NumberingPlain}

// DefaultNumbering is the style of a schema without `numbering:`: 資料１'s, so that a
// schema written before the key numbers its rows as it did.
const DefaultNumbering = NumberingDot

// Format writes the n-th number (from 1) in the style.
func (s Numbering) Format(n int) string {
	switch s {
	case NumberingParen:
		return "（" + digits(n) + "）"
	case NumberingCircled:
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
		return "（" + digits(n) + "）"
	case NumberingPlain:
		return fmt.Sprint(n)
	}
	return digits(n) + "．"
}

// Column is the number as it stands in a column of its own, beside a label without it
// (the form's number column): the style without a trailing full stop, 「１」 for 「１．」.
func (s Numbering) Column(n int) string { return strings.TrimSuffix(s.Format(n), "．") }

// digits writes 1–9 full-width and longer numbers half-width, as 資料１ does.
func digits(n int) string {
	if n >= 1 && n <= 9 {
		return string(rune('０' + n))
	}
	return fmt.Sprint(n)
}
