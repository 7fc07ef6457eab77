package aggregate_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestPreviousAnswers: every unit's counts, totals and choices of the sample aggregate are
// handed to the 前回比 check as the unit gave them (values from testdata/sample).
func TestPreviousAnswers(t *testing.T) {
	res := aggregatetest.SampleWithout(t)
	p := aggregate.PreviousAnswers(res, schema.Default())
	if !aggregate.HasUnits(p) || len(p.Units) != 24 || p.Period != res.Period {
		t.Fatalf("%d units, period %v", len(p.Units), p.Period)
	}
	kita := p.Units["北区"]
	for key, want := range map[string]int64{"u3.08": 79, "o4total": 53} {
		if got, ok := kita.Counts[key]; !ok || got != want {
			t.Errorf("北区 %s = %d (%v), want %d", key, got, ok, want)
		}
	}
	for key, want := range map[string]string{"a1.1": "実施している", "a1.5": "実施に向けて準備・調整中"} {
		if got := kita.Choices[key]; got != want {
			t.Errorf("北区 %s = %q, want %q", key, got, want)
		}
	}
	if got := p.Units["都島区"].Choices["a1.4"]; got != "現時点では未着手" {
		t.Errorf("都島区 a1.4 = %q", got)
	}
}

// TestPreviousAnswersOfTotalsOnly: an earlier period built from published totals has no
// unit's answers.
func TestPreviousAnswersOfTotalsOnly(t *testing.T) {
	l, err := aggregate.Load(filepath.Join(aggregatetest.Root(), "testdata", "history", "2022.json"))
	if err != nil {
		t.Fatal(err)
	}
	if p := aggregate.PreviousAnswers(l.Result, schema.Default()); aggregate.HasUnits(p) {
		t.Errorf("published totals gave %d units", len(p.Units))
	}
	if got := aggregate.Latest([]*aggregate.Loaded{l}); got != l {
		t.Error("Latest of one is not it")
	}
}

// TestPreviousAnswersRescaled: a number question's values follow the current schema's
// decimal places; one that cannot be written with fewer places is left out.
func TestPreviousAnswersRescaled(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	q := res.Question("hours")
	if q == nil || q.Decimals != 1 {
		t.Fatalf("the number sample has no hours with 1 decimal place")
	}
	for _, tc := range []struct {
		decimals string
		scale    int64 // ×10 more places; 0: fewer places
	}{{"decimals: 2", 10}, {"decimals: 0", 0}} {
		sc, err := schema.Parse(bytes.Replace(formtest.NumberYAML(), []byte("decimals: 1"), []byte(tc.decimals), 1), "n.yaml")
		if err != nil {
			t.Fatal(err)
		}
		p := aggregate.PreviousAnswers(res, sc)
		for _, wc := range q.Total.ByWard {
			got, ok := p.Units[wc.Ward].Counts["hours"]
			switch {
			case tc.scale > 0 && (!ok || got != wc.Value*tc.scale):
				t.Errorf("%s: %s hours %d, want %d", tc.decimals, wc.Ward, got, wc.Value*tc.scale)
			case tc.scale == 0 && wc.Value%10 != 0 && ok:
				t.Errorf("%s: %s hours %d (was %d tenths) kept", tc.decimals, wc.Ward, got, wc.Value)
			case tc.scale == 0 && wc.Value%10 == 0 && (!ok || got != wc.Value/10):
				t.Errorf("%s: %s hours %d, want %d", tc.decimals, wc.Ward, got, wc.Value/10)
			}
		}
	}
}
