package pdf

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// unitPages are the pages of the plan that hold the unit tables, in order: the last ones
// of the report, one page per page of the model, each with the grid and the key beside it.
func unitPages(t *testing.T, rep *charts.Report, plan []charts.Page) []charts.Page {
	t.Helper()
	var want []*charts.Matrix
	for _, ut := range rep.UnitTables {
		want = append(want, ut.Pages...)
	}
	if len(want) == 0 || len(plan) < len(want) {
		t.Fatalf("%d unit table pages in the model, %d pages in the plan", len(want), len(plan))
	}
	got := plan[len(plan)-len(want):]
	for i, mx := range want {
		pg := got[i]
		if pg.Kind != charts.AppendixPage || pg.Heading != mx.Title || len(pg.Parts) != 1 {
			t.Fatalf("page for %q is %+v", mx.Title, pg)
		}
		if mp := pg.Parts[0].Matrix; mp == nil || mp.Matrix != mx || !mp.Grid || !mp.Key || !mp.Legend {
			t.Errorf("%s: part %+v, want the grid with the key and legend beside", mx.Title, mp)
		}
	}
	return got
}

func TestUnitTableLayout(t *testing.T) {
	for _, tc := range []struct {
		name string
		res  func(t *testing.T) *aggregate.Result
	}{
		{"sample", func(t *testing.T) *aggregate.Result { return aggregatetest.UnitTableSample(t) }},
		{"missing", func(t *testing.T) *aggregate.Result { return aggregatetest.UnitTableSample(t, "北区", "西成区") }},
		{"60", func(t *testing.T) *aggregate.Result {
			return aggregatetest.WithUnitTables(t, aggregatetest.Synthetic(t, 60).Collect(t).Result())
		}},
		{"1741", func(t *testing.T) *aggregate.Result {
			return aggregatetest.WithUnitTables(t, aggregatetest.Collection(t, 1741).Result())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := charts.Build(tc.res(t), charts.Options{})
			pages := layoutOf(t, rep)
			checkPages(t, pages)
			plan, err := Pages(rep, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := unitPages(t, rep, plan)
			first := len(pages) - len(got)
			for i, pg := range got {
				text := pageTexts(pages[first+i])
				mx := pg.Parts[0].Matrix.Matrix
				for _, r := range append(mx.Rows, mx.Foot...) {
					if !strings.Contains(text, r.Ward+"\n") {
						t.Errorf("%s lacks %s", mx.Title, r.Ward)
					}
				}
			}
		})
	}
}

// TestUnitTableText reads the unit tables back from the PDF with pdftotext -layout: every
// row of every page, a unit's or a foot row's, has its figures in order after its name.
func TestUnitTableText(t *testing.T) {
	rep := charts.Build(aggregatetest.UnitTableSample(t, "北区"), charts.Options{})
	b := render(t, rep)
	cmd := exec.Command(formtest.Tool(t, "poppler-utils", "pdftotext"), "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	texts := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	var want []*charts.Matrix
	for _, ut := range rep.UnitTables {
		want = append(want, ut.Pages...)
	}
	texts = texts[len(texts)-len(want):]
	checked := 0
	for i, mx := range want {
		lines := map[string][]string{}
		for _, l := range strings.Split(texts[i], "\n") {
			if f := strings.Fields(l); len(f) > 0 {
				lines[f[0]] = f[1:]
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(texts[i]), ""), strings.Join(strings.Fields(mx.Title), "")) {
			t.Errorf("page %d lacks its title %q", i+1, mx.Title)
		}
		for _, r := range append(mx.Rows, mx.Foot...) {
			got, ok := lines[r.Ward]
			want := r.Cells
			if r.Missing {
				want = []string{r.Status}
			}
			if !ok || len(got) < len(want) || strings.Join(got[:len(want)], " ") != strings.Join(want, " ") {
				t.Errorf("%s: row %s reads %q, want %q", mx.Title, r.Ward, got, want)
			}
			checked++
		}
	}
	if checked != 3*(24+3) {
		t.Errorf("checked %d rows, want 3 pages of 24 units and 3 foot rows", checked)
	}
}
