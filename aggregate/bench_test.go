package aggregate_test

// Benchmarks of the aggregate path at the size of 大阪市 (the 24 sample returns in
// testdata/returns) and of every municipality in Japan (1,741 synthetic returns, made once
// by formtest.SyntheticDir and kept under the system temp folder). The large sizes skip
// under -short. See docs/performance.md for how they are run and what they measured.
//
//	go test ./aggregate -run '^$' -bench . -count 5

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/html"
	"github.com/osaka-city/zaitaku/render/longcsv"
	"github.com/osaka-city/zaitaku/render/pdf"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// benchSet is one folder of returns and the schema they answer.
type benchSet struct {
	sc    *schema.Schema
	files []string
}

var (
	setsMu sync.Mutex
	sets   = map[int]*benchSet{}
	cols   = map[int]*aggregate.Collection{}
)

// returnsOf gives the returns of size n: the 24 sample returns for 24, synthetic returns
// otherwise.
func returnsOf(b *testing.B, n int) *benchSet {
	b.Helper()
	if n > 24 && testing.Short() {
		b.Skipf("%d returns: skipped under -short", n)
	}
	setsMu.Lock()
	defer setsMu.Unlock()
	if s := sets[n]; s != nil {
		return s
	}
	s := &benchSet{}
	dir := filepath.Join("..", "testdata", "returns")
	if n == 24 {
		s.sc = schema.Default()
	} else {
		dir = formtest.SyntheticDir(b, n)
		s.sc = formtest.SyntheticSchema(n)
	}
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != n {
		b.Fatalf("%s: %d returns (%v), want %d", dir, len(files), err, n)
	}
	s.files = files
	sets[n] = s
	return s
}

// syntheticOf is like returnsOf but always synthetic, so sizes compare like with like.
func syntheticOf(b *testing.B, n int) *benchSet {
	b.Helper()
	if n > 24 && testing.Short() {
		b.Skipf("%d returns: skipped under -short", n)
	}
	key := -n
	setsMu.Lock()
	defer setsMu.Unlock()
	if s := sets[key]; s != nil {
		return s
	}
	dir := formtest.SyntheticDir(b, n)
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != n {
		b.Fatalf("%s: %d returns (%v), want %d", dir, len(files), err, n)
	}
	s := &benchSet{sc: formtest.SyntheticSchema(n), files: files}
	sets[key] = s
	return s
}

func collectSet(b *testing.B, s *benchSet) *aggregate.Collection {
	b.Helper()
	c, err := aggregate.Collect(s.files, s.sc, aggregate.CollectOptions{})
	if err != nil {
		b.Fatal(err)
	}
	if !c.Ready() {
		b.Fatalf("returns not all valid: %s", c.Submission.Summary)
	}
	return c
}

// collectionOf collects the returns of size n once per test binary, for the benchmarks of
// what comes after reading.
func collectionOf(b *testing.B, n int) *aggregate.Collection {
	b.Helper()
	s := returnsOf(b, n)
	setsMu.Lock()
	defer setsMu.Unlock()
	if c := cols[n]; c != nil {
		return c
	}
	c := collectSet(b, s)
	cols[n] = c
	return c
}

func benchCollect(b *testing.B, s *benchSet) {
	b.ReportAllocs()
	for b.Loop() {
		collectSet(b, s)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(s.files))/1e6, "ms/return")
}

// BenchmarkCollect24 reads and checks the 24 sample returns (all CPUs).
func BenchmarkCollect24(b *testing.B) { benchCollect(b, returnsOf(b, 24)) }

// BenchmarkCollect1741 reads and checks 1,741 synthetic returns (all CPUs).
func BenchmarkCollect1741(b *testing.B) { benchCollect(b, returnsOf(b, 1741)) }

// BenchmarkCollectScale reads synthetic sets of growing size, to see whether the time per
// return stays flat.
func BenchmarkCollectScale(b *testing.B) {
	for _, n := range []int{24, 200, 800, 1741} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchCollect(b, syntheticOf(b, n)) })
	}
}

var sizes = []int{24, 1741}

// BenchmarkCompute computes the figures from collected returns.
func BenchmarkCompute(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			c := collectionOf(b, n)
			b.ReportAllocs()
			for b.Loop() {
				c.Result()
			}
		})
	}
}

// benchOutput renders one output of the computed aggregate into memory, as writeOutputs does.
func benchOutput(b *testing.B, render func(*bytes.Buffer, *aggregate.Result) error) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := collectionOf(b, n).Result()
			var size int
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := render(&buf, res); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkWriteJSON renders aggregate.json.
func BenchmarkWriteJSON(b *testing.B) {
	benchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return res.WriteJSON(w) })
}

// BenchmarkSummary renders 集計表.xlsx.
func BenchmarkSummary(b *testing.B) {
	benchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return summary.Write(w, res, "") })
}

// BenchmarkCSV renders 集計.csv.
func BenchmarkCSV(b *testing.B) {
	benchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return longcsv.Write(w, res, "") })
}

// reportOptions are the CLI's defaults for the report.
var reportOptions = charts.Options{DocLabel: "資料１"}

// BenchmarkCharts builds the chart models the PDF and HTML are drawn from.
func BenchmarkCharts(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := collectionOf(b, n).Result()
			b.ReportAllocs()
			for b.Loop() {
				charts.Build(res, reportOptions)
			}
		})
	}
}

// BenchmarkPDF renders report.pdf from the chart models (fonts loaded and subset each time,
// as each run of the CLI does).
func BenchmarkPDF(b *testing.B) {
	benchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error {
		return pdf.Write(w, charts.Build(res, reportOptions), pdf.Options{})
	})
}

// BenchmarkHTML renders report.html from the chart models.
func BenchmarkHTML(b *testing.B) {
	benchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error {
		return html.Write(w, charts.Build(res, reportOptions))
	})
}

// BenchmarkPipelineTables is `zaitaku aggregate` up to the outputs the 1,741-return target
// names, without the disk writes: collect, compute, and render aggregate.json, 集計表.xlsx
// and 集計.csv.
func BenchmarkPipelineTables(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchPipeline(b, n, false) })
	}
}

// BenchmarkPipelineAll adds report.pdf and report.html: every output of `zaitaku aggregate`.
func BenchmarkPipelineAll(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchPipeline(b, n, true) })
	}
}

func benchPipeline(b *testing.B, n int, withReport bool) {
	s := returnsOf(b, n)
	b.ReportAllocs()
	for b.Loop() {
		res := collectSet(b, s).Result()
		var j, x, c bytes.Buffer
		if err := res.WriteJSON(&j); err != nil {
			b.Fatal(err)
		}
		if err := summary.Write(&x, res, ""); err != nil {
			b.Fatal(err)
		}
		if err := longcsv.Write(&c, res, ""); err != nil {
			b.Fatal(err)
		}
		if withReport {
			if _, err := report.Render(res, report.Options{DocLabel: reportOptions.DocLabel}); err != nil {
				b.Fatal(err)
			}
		}
	}
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
