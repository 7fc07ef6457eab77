package cli

import (
	"fmt"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
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

// LoadPrevious reads one --previous aggregate.json for the 前回比 check (Previous). A file
// that cannot be read is a usage error; one that gives nothing to compare gives nil and
// the line saying why.
func LoadPrevious(sc *schema.Schema, path string) (*check.Previous, string, error) {
	l, err := aggregate.Load(path)
	if err != nil {
		return nil, "", Usage("--previous: %v", err)
	}
	prev, note := Previous(sc, []*aggregate.Loaded{l})
	return prev, note, nil
}
