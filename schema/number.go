package schema

import "math"

// A number question (type: number) asks one figure per unit — 窓口開設日数, a rate with one
// decimal place — instead of a one-category counts question. Its values are kept exact:
// read, summed and compared as integers scaled by 10^Decimals (fixed point), and printed
// with textfmt.Fixed; they are never floats.

// MaxDecimals is the most decimal places a number question may allow.
const MaxDecimals = 6

// MaxValue is the largest whole value a number question takes, as ParseCount caps counts:
// scaled by 10^MaxDecimals and summed over thousands of units it still fits an int64.
const MaxValue = math.MaxInt32

// Scale is 10^Decimals: a number question's value v is stored as v × Scale (1 for counts).
func (q *Question) Scale() int64 {
	s := int64(1)
	for i := 0; i < q.Decimals; i++ {
		s *= 10
	}
	return s
}

// checkNumber checks what a number question needs: its decimal places and its bounds.
func (d *decoder) checkNumber(q *Question) {
	if q.Decimals < 0 || q.Decimals > MaxDecimals {
		d.errorf(q.Line, "設問「%s」の decimals（%d）は 0〜%d にしてください（0 は整数、1 は小数第１位まで）", q.ID, q.Decimals, MaxDecimals)
		q.Decimals = 0
	}
	d.checkBounds(q)
	if q.Max != nil && *q.Max > MaxValue {
		d.errorf(q.Line, "設問「%s」の max（%d）が大きすぎます（%d 以下にしてください）", q.ID, *q.Max, int64(MaxValue))
	}
	if q.Min != nil && *q.Min > MaxValue {
		d.errorf(q.Line, "設問「%s」の min（%d）が大きすぎます（%d 以下にしてください）", q.ID, *q.Min, int64(MaxValue))
	}
}
