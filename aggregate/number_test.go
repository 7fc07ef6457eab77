package aggregate_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// numberSample aggregates formtest's NumberSample returns.
func numberSample(t *testing.T) *aggregate.Result {
	t.Helper()
	files, err := formtest.WriteNumberSample(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := aggregate.Collect(files, formtest.NumberSchema(), aggregate.CollectOptions{})
	if err != nil || !c.Ready() {
		t.Fatalf("collect: %v", err)
	}
	return c.Result()
}

// TestNumberFigures: a number question's total over the units, its minimum and maximum
// with every unit holding them, and each unit's value, exact in its decimal places.
func TestNumberFigures(t *testing.T) {
	res := numberSample(t)
	days, hours := res.Question("days"), res.Question("hours")
	if days == nil || hours == nil || days.Total == nil || hours.Total == nil {
		t.Fatalf("days %+v, hours %+v", days, hours)
	}
	if days.Type != "number" || days.Unit != "日" || days.Decimals != 0 || !days.ShowRange || hours.Decimals != 1 {
		t.Errorf("days: type %q, unit %q, decimals %d, show_range %v; hours decimals %d", days.Type, days.Unit, days.Decimals, days.ShowRange, hours.Decimals)
	}
	check := func(name string, f *aggregate.Figure, sum int64, wards int, min int64, minWards []string, max int64, maxWards []string) {
		t.Helper()
		if f.Sum != sum || f.Wards != wards || f.Min == nil || f.Max == nil ||
			f.Min.Value != min || !reflect.DeepEqual(f.Min.Wards, minWards) || f.Max.Value != max || !reflect.DeepEqual(f.Max.Wards, maxWards) {
			t.Errorf("%s: sum %d over %d, min %+v, max %+v; want %d over %d, %d %v, %d %v", name, f.Sum, f.Wards, f.Min, f.Max, sum, wards, min, minWards, max, maxWards)
		}
	}
	check("days", days.Total, 103, 5, 18, []string{"第三室"}, 22, []string{"第二室", "第五室"})
	// 1.5 + 2 + 0.5 + 3.2 + 1.3 = 8.5, kept as tenths.
	check("hours", hours.Total, 85, 5, 5, []string{"第三室"}, 32, []string{"第四室"})
	want := []aggregate.WardCount{{Ward: "第一室", Value: 15}, {Ward: "第二室", Value: 20}, {Ward: "第三室", Value: 5}, {Ward: "第四室", Value: 32}, {Ward: "第五室", Value: 13}}
	if !reflect.DeepEqual(hours.Total.ByWard, want) {
		t.Errorf("hours by unit %+v, want %+v", hours.Total.ByWard, want)
	}
	// aggregate.json keeps them, and reads back the same.
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var back aggregate.Result
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if q := back.Question("hours"); q == nil || q.Decimals != 1 || q.Total.Sum != 85 {
		t.Errorf("hours read back: %+v", q)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"decimals": 1`)) || bytes.Count(buf.Bytes(), []byte(`"decimals"`)) != 1 {
		t.Errorf("aggregate.json should say decimals once, for hours")
	}
}

// An earlier period's number question keeps its total and its decimal places.
func TestNumberEarlier(t *testing.T) {
	res := numberSample(t)
	before := numberSample(t)
	before.Period = formtest.NumberSamplePeriod
	before.Period.Month = 7
	if err := res.AttachEarlier([]*aggregate.Loaded{{Result: before, File: "7月.json"}}); err != nil {
		t.Fatal(err)
	}
	e := res.Question("hours").Earlier
	if len(e) != 1 || e[0].NoData || e[0].Decimals != 1 || e[0].Total == nil || e[0].Total.Sum != 85 || !e[0].PerWard {
		t.Fatalf("hours earlier: %+v", e)
	}
	// Aggregated from returns, the earlier period keeps each unit's value.
	want := before.Question("hours").Total.ByWard
	if len(want) == 0 || !reflect.DeepEqual(e[0].Total.ByWard, want) {
		t.Errorf("hours earlier by unit %+v, want %+v", e[0].Total.ByWard, want)
	}
	for _, wc := range want {
		if v, ok := res.Question("hours").EarlierValue(before.Period, "", wc.Ward); !ok || v != wc.Value {
			t.Errorf("EarlierValue(%s) = %d, %v; want %d", wc.Ward, v, ok, wc.Value)
		}
	}
}
