package summary

import (
	"strconv"
	"strings"

	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// fixed writes a number question's figure — v is the value × 10^decimals — as the number
// it stands for, in a copy of style that shows exactly decimals places (#,##0.0). The cell
// holds the double nearest the exact decimal, which Excel shows as that decimal; sums
// were made exactly before.
func (s *sheet) fixed(col, row int, v int64, decimals, style int) {
	f, err := strconv.ParseFloat(textfmt.Decimal(v, decimals), 64)
	s.check(err)
	c := cellName(col, row)
	s.check(s.f.SetCellFloat(s.name, c, f, -1, 64))
	s.check(s.f.SetCellStyle(s.name, c, c, s.fixedStyle(style, decimals)))
}

// fixedStyle is style with its number format showing decimals places, made once.
func (b *book) fixedStyle(style, decimals int) int {
	key := [2]int{style, decimals}
	if id, ok := b.fixedStyles[key]; ok {
		return id
	}
	st, err := b.f.GetStyle(style)
	if err != nil {
		b.check(err)
		return style
	}
	format := "#,##0." + strings.Repeat("0", decimals)
	st.NumFmt, st.CustomNumFmt = 0, &format
	id, err := b.f.NewStyle(st)
	b.check(err)
	if b.fixedStyles == nil {
		b.fixedStyles = map[[2]int]int{}
	}
	b.fixedStyles[key] = id
	return id
}
