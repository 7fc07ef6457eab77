package aggregate_test

import (
	"slices"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

// With the earlier periods of testdata/history attached, the sample gives every figure of
// 資料１, the earlier columns included.
func TestSampleWithHistoryReproducesShiryo1(t *testing.T) {
	aggregatetest.CheckShiryo1(t, aggregatetest.Sample(t), true)
}

// A figure the aggregate lacks is an error, never a zero.
func TestLookupRefusesWhatIsMissing(t *testing.T) {
	res := aggregatetest.Sample(t)
	for _, f := range []aggregatetest.Figure{
		{Period: "2024H1", Question: "nosuch"},
		{Period: "2024H1", Question: "i1", Key: "i1", Option: "nosuch"},
		{Period: "2024H1", Question: "i1", Key: "nosuch", Option: "開催している"},
		{Period: "2024H1", Question: "u3", Key: "nosuch"},
		{Period: "2019", Question: "u3"},
		{Period: "2022", Question: "i1", Key: "i1", Option: "開催している"},
	} {
		if v, err := aggregatetest.Lookup(res, f); err == nil {
			t.Errorf("%s: %d, want an error", f, v)
		}
	}
}

// Each ward's sample return is consistent the way a real one must be: a 再掲 within the
// row it re-lists, a 内訳 adding up to its parent, the entered total equal to its parts,
// and ward sizes varied enough to exercise the report. The per-ward totals are the
// aggregate's, 再掲 left out by aggregate itself.
func TestSampleReturnsAreConsistentPerWard(t *testing.T) {
	res := aggregatetest.Sample(t)
	cat := func(q, key string) map[string]int64 { return res.Question(q).Category(key).Values() }
	total := func(q string) map[string]int64 { return res.Question(q).Total.Values() }
	city, org := cat("o4", "o4.city"), cat("o4", "o4.org")
	for _, ws := range res.Submission.Wards {
		w := ws.Ward
		if ws.Status != aggregate.StatusCounted {
			t.Errorf("%s: %s", w, ws.Status)
			continue
		}
		for _, rep := range []struct {
			name, parent string
			r, p         map[string]int64
		}{
			{"u3.01r", "u3.01", cat("u3", "u3.01r"), cat("u3", "u3.01")},
			{"o1.01r", "o1.01", cat("o1", "o1.01r"), cat("o1", "o1.01")},
			{"o4.carekaigi", "o4total", cat("o4", "o4.carekaigi"), total("o4total")},
		} {
			if rep.r[w] > rep.p[w] {
				t.Errorf("%s: %s = %d exceeds %s = %d", w, rep.name, rep.r[w], rep.parent, rep.p[w])
			}
		}
		for breakdown, parent := range map[string]string{"o2med": "o2.med", "o2care": "o2.care"} {
			if got, want := total(breakdown)[w], cat("o2", parent)[w]; got != want {
				t.Errorf("%s: %s adds up to %d, %s is %d", w, breakdown, got, parent, want)
			}
		}
		if got := total("o4total")[w]; got != city[w]+org[w] {
			t.Errorf("%s: o4total %d ≠ o4.city %d + o4.org %d", w, got, city[w], org[w])
		}
	}
	for _, q := range []string{"u3", "o1", "o4"} {
		var totals []int64
		for _, v := range total(q) {
			totals = append(totals, v)
		}
		if len(totals) != len(res.Submission.Wards) {
			t.Errorf("%s: totals of %d wards, want %d", q, len(totals), len(res.Submission.Wards))
			continue
		}
		if lo, hi := slices.Min(totals), slices.Max(totals); lo == 0 || hi < 3*lo {
			t.Errorf("%s per-ward totals range %d–%d; want every ward above 0 and a large ward well above a small one", q, lo, hi)
		}
	}
}
