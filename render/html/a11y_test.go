package html

import (
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/browsertest"
)

// a11yPages are the reports the accessibility check opens: the README's sample with its
// history and the case records, the 月報, an aggregate still waiting for two wards, and a
// survey with tables of each unit's counts.
func a11yPages(t *testing.T) map[string]*charts.Report {
	return map[string]*charts.Report{
		"sample":     charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１", IncludeCases: true, AggregateID: "1a2b-3c4d"}),
		"getsuho":    charts.Build(aggregatetest.GetsuhoSample(t), charts.Options{}),
		"incomplete": charts.Build(aggregatetest.SampleWithout(t, "北区", "西成区"), charts.Options{}),
		"unittables": charts.Build(aggregatetest.UnitTableSample(t), charts.Options{}),
	}
}

// TestAxe opens each report in headless Chromium once its charts are drawn and runs axe-core
// (WCAG 2.1 A/AA and the heading and landmark rules): no violation of any severity (the
// issue asks for no serious one; the pages have none at all, and should stay so).
func TestAxe(t *testing.T) {
	browsertest.Chromium(t)
	for name, rep := range a11yPages(t) {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "report.html")
			if err := os.WriteFile(file, []byte(render(t, rep)), 0o644); err != nil {
				t.Fatal(err)
			}
			s := browsertest.Open(t, file, 1280, 900)
			s.Wait(t, `document.body.hasAttribute('data-charts-rendered')`)
			// ECharts has drawn every chart with its description and the series' patterns.
			var drawn struct{ Named, Expected, Patterns int }
			s.Eval(t, `({named: Array.prototype.filter.call(document.querySelectorAll('.chart [role="img"]'), function (e) {
				return (e.getAttribute('aria-label') || '').indexOf('横棒グラフ') >= 0 && e.querySelector('svg'); }).length,
			  expected: +document.body.getAttribute('data-charts-expected'),
			  patterns: document.querySelectorAll('.chart svg pattern').length})`, &drawn)
			if drawn.Named != drawn.Expected || drawn.Expected == 0 || (drawn.Patterns == 0 && hasStacked(rep)) {
				t.Errorf("drawn charts: %+v", drawn)
			}
			for _, v := range s.Axe(t) {
				t.Errorf("%v", v)
			}
		})
	}
}

// hasStacked tells whether the report has a choice chart, whose series are patterned.
func hasStacked(rep *charts.Report) bool {
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				if b.Stacked != nil {
					return true
				}
			}
		}
	}
	return false
}

// Every chart has its text alternatives, from the chart's own model: a role="img"
// container named by its description, ECharts' aria description, and a data table with
// a row per bar and the chart's numbers. Every stacked series has a pattern of its own,
// so options stay apart in grey; a count chart has one series and needs none.
func TestChartTextAlternatives(t *testing.T) {
	for name, rep := range a11yPages(t) {
		p, err := build(rep)
		if err != nil {
			t.Fatal(err)
		}
		charts := 0
		for _, s := range p.Sections {
			for _, it := range s.Items {
				for _, row := range it.Rows {
					for _, bv := range row {
						if bv.Chart == "" {
							continue
						}
						charts++
						checkAlternatives(t, name, bv, rep.UnitLabel)
					}
				}
			}
		}
		if charts == 0 || charts != p.Charts {
			t.Errorf("%s: checked %d charts of %d", name, charts, p.Charts)
		}
	}
}

func checkAlternatives(t *testing.T, page string, bv blockView, unit string) {
	t.Helper()
	html := string(bv.Chart)
	var desc string
	var a aria
	i := strings.Index(html, `"aria":`)
	if i < 0 {
		t.Errorf("%s %s: no aria option", page, bv.Anchor)
		return
	}
	if err := json.NewDecoder(strings.NewReader(html[i+len(`"aria":`):])).Decode(&a); err != nil {
		t.Fatalf("%s %s: aria option: %v", page, bv.Anchor, err)
	}
	tb := bv.Table
	switch {
	case bv.Stacked != nil:
		sb := bv.Stacked
		desc = stackedDescription(sb, unit)
		if a.Decal == nil || !a.Decal.Show || len(a.Decal.Decals) != len(sb.Series) {
			t.Errorf("%s %s: %d series, patterns %+v", page, bv.Anchor, len(sb.Series), a.Decal)
		} else {
			seen := map[string]bool{}
			for _, d := range a.Decal.Decals[:min(len(sb.Series), len(seriesPatterns))] {
				d.Color = ""
				k, _ := json.Marshal(d)
				if seen[string(k)] || d.Symbol == "" || d.Symbol == "none" {
					t.Errorf("%s %s: pattern %s not its own", page, bv.Anchor, k)
				}
				seen[string(k)] = true
			}
		}
		if tb == nil || len(tb.Rows) != len(sb.Bars) || len(tb.Columns) != len(sb.Series)+len(sb.Earlier) {
			t.Fatalf("%s %s: table %+v for %d bars", page, bv.Anchor, tb, len(sb.Bars))
		}
		for bi, b := range sb.Bars {
			for si, v := range b.Values {
				if got := tb.Rows[bi].Cells[si]; got != charts.Thousands(int64(v)) {
					t.Errorf("%s %s row %d: %s %s in the table, %d in the chart", page, bv.Anchor, bi, sb.Series[si].Label, got, v)
				}
			}
		}
	case bv.Counts != nil:
		cb := bv.Counts
		desc = countDescription(cb)
		if a.Decal != nil {
			t.Errorf("%s %s: a count chart with series patterns", page, bv.Anchor)
		}
		if tb == nil || len(tb.Rows) != len(cb.Bars) {
			t.Fatalf("%s %s: table %+v for %d bars", page, bv.Anchor, tb, len(cb.Bars))
		}
		for bi, b := range cb.Bars {
			if r := tb.Rows[bi]; r.Cells[0] != charts.Thousands(b.Value) || r.Repeat != b.Repeat || r.Label != b.Name {
				t.Errorf("%s %s row %d: %+v, chart %s %d", page, bv.Anchor, bi, r, b.Name, b.Value)
			}
		}
	default:
		t.Fatalf("%s %s: a chart of no kind", page, bv.Anchor)
	}
	if !a.Enabled || !a.Label.Enabled || a.Label.Description != desc {
		t.Errorf("%s %s: aria %+v, want description %q", page, bv.Anchor, a, desc)
	}
	if !strings.Contains(html, `role="img" aria-label="`+template.HTMLEscapeString(desc)+`"`) {
		t.Errorf("%s %s: the container is not an image named %q", page, bv.Anchor, desc)
	}
}

// Text drawn inside the charts, which axe does not check (SVG), reaches 4.5:1: the count on
// every fill an option can get, and the chart's own label colours on white.
func TestChartTextContrast(t *testing.T) {
	fills := map[charts.Color]string{charts.NoReplyColor: charts.NoReplyLabel}
	for n := 1; n <= 9; n++ {
		for i := 0; i < n; i++ {
			fills[charts.OptionColor(fmt.Sprintf("選択肢%d", i), i, n)] = fmt.Sprintf("option %d of %d", i, n)
		}
	}
	for fill, what := range fills {
		if c := charts.Contrast(fill, charts.TextColor(fill)); c < 4.5 {
			t.Errorf("%s: %s on %s is %.2f:1", what, charts.TextColor(fill), fill, c)
		}
	}
	for _, c := range []charts.Color{charts.InkColor, charts.MutedColor, charts.AccentColor, "333333"} {
		if r := charts.Contrast(c, charts.White); r < 4.5 {
			t.Errorf("chart text %s on white is %.2f:1", c, r)
		}
	}
	// The check tells a bad pair: white on mid grey.
	if charts.Contrast("7F7F7F", charts.White) >= 4.5 {
		t.Error("contrast passes white on 7F7F7F")
	}
}

// A keyboard user reaches everything: the first Tab shows the link to the body, Tab goes
// on through the table of contents to the first chart's data table, which Enter opens, and
// each stop has a visible focus ring.
func TestKeyboard(t *testing.T) {
	browsertest.Chromium(t)
	file := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(file, []byte(render(t, sample(t))), 0o644); err != nil {
		t.Fatal(err)
	}
	s := browsertest.Open(t, file, 1280, 900)
	s.Wait(t, `document.body.hasAttribute('data-charts-rendered')`)
	type stop struct {
		Tag, Class, Text, Outline string
		Visible                   bool
	}
	focused := func() stop {
		var f stop
		s.Eval(t, `(function () { var e = document.activeElement, r = e.getBoundingClientRect();
			return {tag: e.tagName, class: e.className, text: e.textContent.slice(0, 40),
			  outline: getComputedStyle(e).outlineStyle, visible: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0}; })()`, &f)
		return f
	}
	s.Keys(t, "\t")
	if f := focused(); f.Class != "skip" || !f.Visible || f.Outline == "none" {
		t.Fatalf("first Tab stop: %+v", f)
	}
	var f stop
	for i := 0; i < 80 && f.Tag != "SUMMARY"; i++ {
		s.Keys(t, "\t")
		if f = focused(); !f.Visible || f.Outline == "none" {
			t.Errorf("Tab stop %d has no visible focus: %+v", i+2, f)
		}
	}
	if f.Tag != "SUMMARY" || f.Text != "データの表" {
		t.Fatalf("Tab never reached a data table: last stop %+v", f)
	}
	s.Keys(t, "\r")
	var open struct {
		Open bool
		Rows int
	}
	s.Eval(t, `(function () { var d = document.activeElement.parentElement;
		return {open: d.open, rows: d.querySelectorAll('tbody tr').length}; })()`, &open)
	if !open.Open || open.Rows == 0 {
		t.Errorf("Enter on the summary: %+v", open)
	}
}
