package schema

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// How a number of units reads, whatever the schema calls a unit. Japanese counts with a
// counter word after the number. A label of one kanji (区, 市, 町, 室) is such a word itself:
// 「24区」, 「43市」. A longer label (相談支援室, 市町村, 地域包括支援センター) is a noun: written
// after the number it reads as a name (「11相談支援室」), so the number takes the general
// counter 件 and the noun comes first: 「相談支援室 11 件」. Messages about units use Count
// (or Amount where the noun is already said), never fmt's "%d%s" on the label.

// IsCounter reports whether the label can follow a number directly as its counter word:
// exactly one kanji.
func (u *Units) IsCounter() bool {
	r, size := utf8.DecodeRuneInString(u.Label)
	return size > 0 && size == len(u.Label) && unicode.Is(unicode.Han, r)
}

// Count is n units, naming them: 「24区」, 「1,741市町村」 or 「相談支援室 11 件」.
func (u *Units) Count(n int) string {
	if u.IsCounter() {
		return textfmt.Thousands(int64(n)) + u.Label
	}
	return fmt.Sprintf("%s %s 件", u.Label, textfmt.Thousands(int64(n)))
}

// Amount is n units where the text around it already names them (a heading, 「回答 11／11 件」):
// 「24区」, 「1,741区」 or 「11 件」.
func (u *Units) Amount(n int) string {
	if u.IsCounter() {
		return textfmt.Thousands(int64(n)) + u.Label
	}
	return textfmt.Thousands(int64(n)) + " 件"
}
