package check

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Previous is the previous period's answers, unit by unit, for the 前回比 check: plain
// values, so that this package does not depend on how they were kept. The commands build
// it from the previous aggregate.json (aggregate.PreviousAnswers).
type Previous struct {
	// Period is the previous period; the findings name it.
	Period period.Period
	// Units are each unit's answers, by unit name as the schema spells it. A unit that is
	// not there (not counted then, or only totals were kept) is not compared.
	Units map[string]*PreviousUnit
}

// PreviousUnit is one unit's answers in the previous period.
type PreviousUnit struct {
	// Counts are the counts, totals and number values by answer key; a number question's
	// value is scaled by 10^decimals of the current schema (as Return.Counts).
	Counts map[string]int64
	// Choices are the options chosen, by answer key: the option's label then.
	Choices map[string]string
}

// Comparable reports whether a return for period p can be compared with prev: prev is an
// earlier period (or the return names none that could be read, when the commands have
// already checked the period).
func Comparable(prev *Previous, p period.Period) bool {
	return p.IsZero() || (prev.Period.Less(p) && SameLength(prev, p))
}

// SameLength reports whether the previous period covers as many months as p. A half-year's
// counts are about half a fiscal year's, and a half-year's 「現時点では未開催」 is not a
// step down from a year's 「開催している」: periods of other lengths are not compared.
func SameLength(prev *Previous, p period.Period) bool {
	return prev.Period.Months() == p.Months()
}

// NotComparable says why the 前回比 check did not compare period p with the previous one
// (Comparable): the previous is not earlier, or covers another number of months.
func NotComparable(prev, p period.Period) string {
	if !prev.Less(p) {
		return fmt.Sprintf("前回の集計結果（%s）が対象期間（%s）より前の期間ではないため、比べていません", prev.Japanese(), p.Japanese())
	}
	return fmt.Sprintf("前回（%s、%dか月）と今回（%s、%dか月）は期間の長さが違うため、比べていません。同じ長さの前の期間の aggregate.json を --previous に指定してください",
		prev.Japanese(), prev.Months(), p.Japanese(), p.Months())
}

// PreviousNote is the line validate (and the checker page) prints under a return for
// period p that the previous period's answers could not be compared with:
// 「前回比: …、比べていません」, or "" when prev is nil or comparable.
func PreviousNote(prev *Previous, p period.Period) string {
	if prev == nil || Comparable(prev, p) {
		return ""
	}
	return "前回比: " + NotComparable(prev.Period, p)
}

// maxReasonShown caps how much of a 備考 a finding quotes; the cell holds the rest.
const maxReasonShown = 60

// checkChange compares the return with its unit's answers in the previous period, where
// the schema asks for it (schema.ChangeCheck): a count that moved beyond its rule, a
// choice that moved down its list. A finding is a warning, or a note when the item's 備考
// gives a reason.
func (r *checker) checkChange(prev *Previous) {
	if prev == nil || r.Ward == nil {
		return
	}
	pu := prev.Units[r.Ward.Name]
	if pu == nil || !Comparable(prev, r.Period) {
		return
	}
	for _, s := range form.Slots(r.Schema) {
		q := s.Question
		rule := q.ChangeRule()
		if rule == nil || s.Computed || s.Field != nil {
			continue
		}
		switch s.Kind {
		case form.SlotCount, form.SlotNumber:
			cur, ok := r.Counts[s.Key]
			old, had := pu.Counts[s.Key]
			if ok && had && countMoved(rule, old, cur, q.Scale()) {
				r.addChange(s, finding.ChangeCount, prev, changeText(q, old, cur))
			}
		case form.SlotChoice:
			cur := r.Choices[s.Key]
			old, ok := s.List.Match(pu.Choices[s.Key])
			if cur != nil && ok && optionIndex(s.List, cur) > optionIndex(s.List, old) {
				r.addChange(s, finding.ChangeChoice, prev, fmt.Sprintf("前回「%s」→ 今回「%s」", old.Label, cur.Label))
			}
		}
	}
}

// countMoved reports whether a count moved beyond the rule: at least ratio times the old
// value or at most 1/ratio of it, and by at least the least difference (in whole units;
// values are scaled by scale). Integers throughout, so 2 × 10 is exactly 20.
func countMoved(rule *schema.ChangeRule, old, cur, scale int64) bool {
	if old == cur {
		return false
	}
	diff := cur - old
	if diff < 0 {
		diff = -diff
	}
	if diff < rule.MinDifference*scale {
		return false
	}
	return cur*100 >= old*rule.RatioHundredths || cur*rule.RatioHundredths <= old*100
}

// changeText is 「前回 12 件 → 今回 40 件（3.3倍）」; the ratio is left out when either
// figure is 0.
func changeText(q *schema.Question, old, cur int64) string {
	s := fmt.Sprintf("前回 %s → 今回 %s", figureAmount(old, q.Decimals, q.Unit), figureAmount(cur, q.Decimals, q.Unit))
	if old > 0 && cur > 0 {
		s += "（" + ratioText(old, cur) + "）"
	}
	return s
}

// ratioText is cur/old to one decimal place, rounded half up: 「3.3倍」, 「0.5倍」, and
// 「0.1倍未満」 for what would print as 0.0.
func ratioText(old, cur int64) string {
	tenths := (cur*20 + old) / (2 * old)
	if tenths == 0 {
		return "0.1倍未満"
	}
	return fmt.Sprintf("%d.%d倍", tenths/10, tenths%10)
}

func optionIndex(l *schema.ChoiceList, o *schema.Option) int {
	for i, x := range l.Options {
		if x == o {
			return i
		}
	}
	return -1
}

// addChange adds one 前回比 finding on the answer's cell: a warning that says where a
// reason goes, or, when the item's 備考 has one, a note that quotes it.
func (r *checker) addChange(s *form.Slot, code finding.Code, prev *Previous, what string) {
	it := s.Question.Item
	msg := what + "。前回（" + prev.Period.Japanese() + "）から大きく変わっています。"
	sev := finding.Warning
	remark := form.RemarkSlot(it)
	switch reason := r.Remarks[it.ID]; {
	case reason != "":
		sev = finding.Note
		msg = what + "。説明あり: " + shorten(reason, maxReasonShown)
	case r.Cells[remark.Key] != nil:
		msg += fmt.Sprintf("誤りでなければ、その理由を%sの備考（%s）に記入してください", itemName(it), r.Cells[remark.Key].Location)
	default:
		msg += "誤りでなければ、その理由を提出の際に添えてください（この様式には備考欄がありません）"
	}
	r.add(at(r.Cells[s.Key], sev, code, s.Key, s.Label(), msg))
}

// itemName is how a message names an item: its mark 「（ウ）」, or its label.
func itemName(it *schema.Item) string {
	if it.Mark != "" {
		return "（" + it.Mark + "）"
	}
	return "「" + it.Label + "」"
}

// shorten cuts a reason to n characters, on one line, with 「…」 when cut.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n]) + "…"
}

// readRemarks reads the items' 備考 cells (form.RemarkSlots) the reader found; a cell
// that holds something other than text is left unread, since it cannot be a reason.
func (r *checker) readRemarks() {
	r.Remarks = map[string]string{}
	for _, s := range form.RemarkSlots(r.Schema) {
		c := r.Cells[s.Key]
		if c == nil || r.Blocked[s.Key] || c.NoResult || c.MergedInto != "" || c.Kind == returns.KindBool || c.Kind == returns.KindError {
			continue
		}
		if v := strings.TrimSpace(controlChars.ReplaceAllString(c.Value, "")); v != "" {
			r.Remarks[s.Remark.ID] = v
		}
	}
}
