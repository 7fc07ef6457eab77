package aggregate_test

// Benchmarks of the aggregate path at the size of 大阪市 (the 24 sample returns in
// testdata/returns) and of every municipality in Japan (1,741 synthetic returns, made once
// by formtest.SyntheticDir and kept under the system temp folder). The large sizes skip
// under -short. The sets and their collections are aggregatetest's, shared with the
// benchmarks of the outputs in render/report. See docs/performance.md for how they are
// run and what they measured.
//
//	go test ./aggregate -run '^$' -bench . -count 5

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/returns"
)

func benchCollect(b *testing.B, s *aggregatetest.Set) {
	b.ReportAllocs()
	for b.Loop() {
		s.Collect(b)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s.Files))/1e6, "ms/return")
}

// BenchmarkCollect24 reads and checks the 24 sample returns (all CPUs).
func BenchmarkCollect24(b *testing.B) { benchCollect(b, aggregatetest.Returns(b, 24)) }

// BenchmarkCollect1741 reads and checks 1,741 synthetic returns (all CPUs).
func BenchmarkCollect1741(b *testing.B) { benchCollect(b, aggregatetest.Returns(b, 1741)) }

// BenchmarkCollectScale reads synthetic sets of growing size, to see whether the time per
// return stays flat.
func BenchmarkCollectScale(b *testing.B) {
	for _, n := range []int{24, 200, 800, 1741} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchCollect(b, aggregatetest.Synthetic(b, n)) })
	}
}

// BenchmarkCompute computes the figures from collected returns.
func BenchmarkCompute(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := aggregatetest.Collection(b, n)
			b.ReportAllocs()
			for b.Loop() {
				c.Result()
			}
		})
	}
}

// BenchmarkWriteJSON renders aggregate.json.
func BenchmarkWriteJSON(b *testing.B) {
	aggregatetest.BenchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return res.WriteJSON(w) })
}

// The indexes the renderers use instead of a search per ward give what the searches give.
func TestAnswersAndValuesMatchSearch(t *testing.T) {
	files, err := returns.ListReturns(filepath.Join("..", "testdata", "returns"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := aggregate.Collect(files, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := c.Result()
	for _, q := range res.Questions {
		for _, r := range q.Rows {
			m := r.Answers()
			for _, u := range res.Units.List {
				if got, want := m[u.Name], r.Answer(u.Name); got != want {
					t.Errorf("%s %s: Answers %q, Answer %q", r.Key, u.Name, got, want)
				}
			}
		}
		figs := []*aggregate.Figure{q.Total}
		for _, cat := range q.Categories {
			figs = append(figs, &cat.Figure)
		}
		for _, f := range figs {
			if f == nil {
				continue
			}
			m := f.Values()
			if len(m) != len(f.ByWard) {
				t.Errorf("%s: %d values for %d wards", q.ID, len(m), len(f.ByWard))
			}
			for _, wc := range f.ByWard {
				if m[wc.Ward] != wc.Value {
					t.Errorf("%s %s: %d, want %d", q.ID, wc.Ward, m[wc.Ward], wc.Value)
				}
			}
		}
	}
	if (*aggregate.Figure)(nil).Values() != nil {
		t.Error("nil figure has values")
	}
}
