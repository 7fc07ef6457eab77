package schemacmd

import (
	"fmt"
	"io"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// describeNumber adds a number question's bounds, decimal places and show_range.
func describeNumber(qi *QuestionInfo, q *schema.Question) {
	lo := q.MinValue()
	d := q.Decimals
	qi.Min, qi.Max, qi.Decimals, qi.ShowRange = &lo, q.Max, &d, q.ShowRange
}

// writeNumber is a number question's line in `schema show`: what it accepts, and whether
// the report prints its range: 「数値: 0 以上 366 以下の整数（日）・報告書に範囲（最小～最大）を併記」.
func writeNumber(w io.Writer, q QuestionInfo) {
	r := textfmt.Thousands(*q.Min) + " 以上"
	if q.Max != nil {
		r += " " + textfmt.Thousands(*q.Max) + " 以下"
	}
	if *q.Decimals == 0 {
		r += "の整数"
	} else {
		r += "の数（" + form.DecimalsText(*q.Decimals) + "）"
	}
	if q.Unit != "" {
		r += "（" + q.Unit + "）"
	}
	if q.ShowRange {
		r += "・報告書に範囲（最小～最大）を併記"
	}
	fmt.Fprintf(w, "      数値: %s\n", r)
}
