package report_test

// Benchmarks of the outputs drawn from the aggregate, and of the whole of `zaitaku
// aggregate` without the disk writes, at the size of 大阪市 (the 24 sample returns) and of
// every municipality in Japan (1,741 synthetic returns). The returns and their collections
// are aggregatetest's, shared with aggregate's benchmarks; the large sizes skip under
// -short. See docs/performance.md for how they are run and what they measured.
//
//	go test ./render/report -run '^$' -bench . -count 5

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/html"
	"github.com/osaka-city/zaitaku/render/longcsv"
	"github.com/osaka-city/zaitaku/render/pdf"
	"github.com/osaka-city/zaitaku/render/pptx"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/render/summary"
)

// BenchmarkSummary renders 集計表.xlsx.
func BenchmarkSummary(b *testing.B) {
	aggregatetest.BenchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return summary.Write(w, res, "") })
}

// BenchmarkCSV renders 集計.csv.
func BenchmarkCSV(b *testing.B) {
	aggregatetest.BenchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error { return longcsv.Write(w, res, "") })
}

// reportOptions are the CLI's defaults for the report.
var reportOptions = charts.Options{DocLabel: "資料１"}

// BenchmarkCharts builds the chart models the PDF and HTML are drawn from.
func BenchmarkCharts(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := aggregatetest.Collection(b, n).Result()
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
	aggregatetest.BenchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error {
		return pdf.Write(w, charts.Build(res, reportOptions), pdf.Options{})
	})
}

// BenchmarkPPTX renders report.pptx from the chart models, on the page plan the PDF's
// layout gives (made once, outside the timing: Render lays the PDF out once for both, so
// the deck's own cost is the drawing). Issue 11 asks it to take no longer than the PDF.
func BenchmarkPPTX(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := aggregatetest.Collection(b, n).Result()
			pages, err := pdf.Pages(charts.Build(res, reportOptions), pdf.Options{})
			if err != nil {
				b.Fatal(err)
			}
			var size int
			b.ReportAllocs()
			for b.Loop() {
				rep := charts.Build(res, reportOptions)
				rep.Pages = pages
				var buf bytes.Buffer
				if err := pptx.Write(&buf, rep); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// BenchmarkHTML renders report.html from the chart models.
func BenchmarkHTML(b *testing.B) {
	aggregatetest.BenchOutput(b, func(w *bytes.Buffer, res *aggregate.Result) error {
		return html.Write(w, charts.Build(res, reportOptions))
	})
}

// BenchmarkPipelineTables is `zaitaku aggregate` up to the outputs the 1,741-return target
// names, without the disk writes: collect, compute, and render aggregate.json, 集計表.xlsx
// and 集計.csv.
func BenchmarkPipelineTables(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchPipeline(b, n, false) })
	}
}

// BenchmarkPipelineAll adds report.pdf, report.html and report.pptx: every output of
// `zaitaku aggregate`.
func BenchmarkPipelineAll(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchPipeline(b, n, true) })
	}
}

func benchPipeline(b *testing.B, n int, withReport bool) {
	s := aggregatetest.Returns(b, n)
	b.ReportAllocs()
	for b.Loop() {
		res := s.Collect(b).Result()
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

// BenchmarkWardSheets renders the sheet of every counted unit (aggregate --ward-sheets),
// on every core as RenderWardSheets does; each sheet is a document with its own font.
func BenchmarkWardSheets(b *testing.B) {
	for _, n := range aggregatetest.Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := aggregatetest.Collection(b, n).Result()
			var size, count int
			b.ReportAllocs()
			for b.Loop() {
				sheets, err := report.RenderWardSheets(res, report.Options{})
				if err != nil {
					b.Fatal(err)
				}
				size, count = 0, len(sheets)
				for _, s := range sheets {
					size += len(s.PDF)
				}
			}
			if count != n {
				b.Fatalf("%d sheets, want %d", count, n)
			}
			b.ReportMetric(float64(size), "bytes")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/float64(n), "ms/sheet")
		})
	}
}
