package cli

import (
	"fmt"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Previous picks, among the aggregates given with --previous, the one the 前回比 check
// compares with — the latest period — and gives its answers unit by unit. When nothing
// can be compared, it gives nil and a line that says why (no earlier aggregate: "").
func Previous(sc *schema.Schema, earlier []*aggregate.Loaded) (*check.Previous, string) {
	latest := aggregate.Latest(earlier)
	switch {
	case latest == nil:
		return nil, ""
	case !sc.HasChangeChecks():
		return nil, "前回比: 調査の定義に change_check がないため、前回との比較はしていません"
	}
	p := aggregate.PreviousAnswers(latest.Result, sc)
	if !aggregate.HasUnits(p) {
		return nil, fmt.Sprintf("前回比: 前回（%s）の集計結果 %s には%sごとの回答がないため、前回との比較はしていません",
			latest.Period.Japanese(), latest.File, sc.Units.Label)
	}
	return p, ""
}

// NotComparable says why the 前回比 check did not compare period p with the previous one
// (check.Comparable): the previous is not earlier, or covers another number of months.
func NotComparable(prev, p period.Period) string {
	if !prev.Less(p) {
		return fmt.Sprintf("前回の集計結果（%s）が対象期間（%s）より前の期間ではないため、比べていません", prev.Japanese(), p.Japanese())
	}
	return fmt.Sprintf("前回（%s、%dか月）と今回（%s、%dか月）は期間の長さが違うため、比べていません。同じ長さの前の期間の aggregate.json を --previous に指定してください",
		prev.Japanese(), prev.Months(), p.Japanese(), p.Months())
}
