package aggregatetest

import (
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// NumberSample is the aggregate of formtest's NumberSample returns: a monthly survey of
// five 相談支援室 with the number questions 窓口開設日数 (103 日, 18 日 ～ 22 日, shown with
// its range) and 平均相談時間 (8.5 時間, one decimal place) between two counts questions,
// for the tests of how each output shows a number question.
func NumberSample(tb testing.TB) *aggregate.Result {
	tb.Helper()
	files, err := formtest.WriteNumberSample(tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	c, err := aggregate.Collect(files, formtest.NumberSchema(), aggregate.CollectOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if !c.Ready() {
		tb.Fatalf("the number sample returns do not aggregate")
	}
	return c.Result()
}
