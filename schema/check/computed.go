package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// computeFigures fills every computed figure (schema's computed: true) from its parts,
// parts first, never from its cell: a return saved by zaitaku's own tools has no value
// there, one saved by Excel or LibreOffice has the formula's result. A figure with a part
// unread (empty or reported) stays absent, with no finding of its own: the part has one.
func (r *checker) computeFigures() {
	sc := r.Schema
	for _, key := range sc.ComputedKeys() {
		if sum, ok := r.sumOf(sc.ComputedParts(key)); ok {
			r.Counts[key] = sum
		}
	}
}

// sumOf adds up the counts of keys, and reports whether every one was read.
func (r *checker) sumOf(keys []string) (int64, bool) {
	var sum int64
	for _, k := range keys {
		v, ok := r.Counts[k]
		if !ok {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// checkComputedCells warns where a computed cell holds something other than the figure
// its parts add up to: a ward took the sheet's protection off and typed over the formula.
// The figure used is still the parts' sum; the warning says both.
func (r *checker) checkComputedCells() {
	sc := r.Schema
	for _, key := range sc.ComputedKeys() {
		c := r.Cells[key]
		want, known := r.Counts[key]
		if !known || c == nil || r.Blocked[key] || c.NoResult || c.Value == "" {
			continue
		}
		if c.Kind == returns.KindNumber {
			if n, problem := ParseCount(c.Value, true); problem == "" && n == want {
				continue
			}
		}
		s := computedSlot(sc, key)
		unit := s.Question.Unit
		parts := "内訳の合計 " + amount(want, unit)
		if s.Category == nil {
			var each []string
			for _, p := range sc.ComputedParts(key) {
				each = append(each, Thousands(r.Counts[p]))
			}
			parts = fmt.Sprintf("%sの合計 %s ＝ %s", strings.Join(sumOfLabels(sc, s.Question), "・"), strings.Join(each, " ＋ "), amount(want, unit))
		}
		f := at(c, finding.Warning, finding.ComputedOverwritten, key, s.Label(),
			fmt.Sprintf("自動計算の欄が書き換えられています（入力%s、%s）。集計には %sを使います。配布した様式の数式に戻してください",
				typedValue(c), parts, amount(want, unit)))
		f.Expected = Thousands(want)
		r.add(f)
	}
}

// computedSlot is the slot of a computed figure, for its label and unit.
func computedSlot(sc *schema.Schema, key string) *form.Slot {
	if c := sc.Category(key); c != nil {
		return &form.Slot{Key: key, Kind: form.SlotCount, Question: c.Question, Category: c, Computed: true}
	}
	return &form.Slot{Key: key, Kind: form.SlotCount, Question: sc.Question(key), Computed: true}
}

// sumOfLabels names the categories a total adds up, as the form's label does.
func sumOfLabels(sc *schema.Schema, q *schema.Question) []string {
	var out []string
	for _, k := range q.SumOf {
		if c := sc.Category(k); c != nil {
			out = append(out, "「"+c.Label+"」")
		}
	}
	return out
}

// typedValue is what a computed cell was found to hold, for a message after 「入力」: a
// number as a number (「 40」, 「 1,234」, 「 40.5」), anything else quoted with its invisible
// characters shown (「「たくさん」」).
func typedValue(c *returns.Cell) string {
	if c.Kind == returns.KindNumber {
		if n, problem := ParseCount(c.Value, true); problem == "" {
			return " " + Thousands(n)
		}
		if f, err := strconv.ParseFloat(c.Value, 64); err == nil {
			return " " + strconv.FormatFloat(f, 'f', -1, 64)
		}
	}
	shown, _ := Visible(c.Value)
	return "「" + shown + "」"
}

// amount is a count with its unit, as findings print it: 「42 件」.
func amount(n int64, unit string) string {
	return strings.TrimSpace(Thousands(n) + " " + unit)
}
