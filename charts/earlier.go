package charts

import (
	"fmt"
	"slices"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// EarlierRow is the row of an earlier period's choice question with key, or nil when the
// earlier survey had no such row.
func EarlierRow(e *aggregate.Snapshot, key string) *aggregate.ChoiceRow {
	for _, r := range e.Rows {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// EarlierCategory is the category with key of an earlier period's counts, or nil.
func EarlierCategory(e *aggregate.Snapshot, key string) *aggregate.Category {
	return categoryIn(e.Categories, key)
}

func categoryIn(cats []*aggregate.Category, key string) *aggregate.Category {
	for _, c := range cats {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// EarlierCount is how many units chose option in the earlier row with key, or nil when
// that period has no such row or option (shown as Dash, never 0).
func EarlierCount(e *aggregate.Snapshot, key, option string) *int {
	if e.NoData {
		return nil
	}
	r := EarlierRow(e, key)
	if r == nil {
		return nil
	}
	for _, oc := range r.Options {
		if oc.Option == option {
			n := oc.Count
			return &n
		}
	}
	return nil
}

// EarlierWithData is a question's earlier periods that had the question: a period whose
// survey lacked it would only add a column of Dash.
func EarlierWithData(q *aggregate.Question) []*aggregate.Snapshot {
	var out []*aggregate.Snapshot
	for _, e := range q.Earlier {
		if !e.NoData {
			out = append(out, e)
		}
	}
	return out
}

// EarlierOptions are the columns of one earlier period of a choice question: this
// period's options first, so they line up, then any the earlier survey had besides
// (the meeting question once had 開催予定 / 開催予定なし).
func EarlierOptions(q *aggregate.Question, e *aggregate.Snapshot) []string {
	out := append([]string(nil), q.Options...)
	if e.NoData {
		return out
	}
	for _, o := range e.Options {
		if !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// EarlierHead heads an earlier period's column: 「令和５年度（回答24区）」, or
// 「令和５年度（回答 7 件）」 when the unit label is not a counter word (schema.Units.Amount).
func EarlierHead(e *aggregate.Snapshot, unitLabel string) string {
	if e.Counted > 0 {
		units := schema.Units{Label: unitLabel}
		if units.IsCounter() {
			return fmt.Sprintf("%s（回答%s）", e.PeriodLabel, units.Amount(e.Counted))
		}
		return fmt.Sprintf("%s（回答 %s）", e.PeriodLabel, units.Amount(e.Counted))
	}
	return e.PeriodLabel
}
