package pdf

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// TestPagesHoldTheReport holds the page plan to the layout and to the report: a page per
// laid-out page with its heading, every part placed inside the room under the heading
// and in order, and every bar, case record, 提出状況 row and appendix grid of the report
// in the plan exactly once.
func TestPagesHoldTheReport(t *testing.T) {
	rep := sampleReport(t, charts.Options{DocLabel: "資料１", IncludeCases: true})
	plan, err := Pages(rep, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := layoutOf(t, rep)
	if len(plan) != len(pages) {
		t.Fatalf("%d planned pages, %d laid out", len(plan), len(pages))
	}
	bars := map[string]int{}
	cases, statusRows, grids := 0, 0, map[*charts.Matrix]int{}
	for i, pg := range plan {
		if pg.Kind == charts.ItemPage || pg.Kind == charts.StatusPage || pg.Kind == charts.AppendixPage {
			if pg.Heading == "" || !strings.Contains(pageTexts(pages[i]), strings.TrimSuffix(pg.Heading, charts.Continued)) {
				t.Errorf("page %d: heading %q is not on the page", i+1, pg.Heading)
			}
		}
		below := 0.0
		for _, p := range pg.Parts {
			if p.Top < below-1e-9 || p.Height <= 0 || p.Top+p.Height > 1+1e-9 {
				t.Errorf("page %d: part at %.3f+%.3f (the one before ends at %.3f)", i+1, p.Top, p.Height, below)
			}
			below = p.Top + p.Height
			for _, b := range p.Blocks {
				switch {
				case b.Stacked != nil:
					bars[b.Stacked.ID] += len(b.Stacked.Bars)
				case b.Counts != nil:
					bars[b.Counts.ID] += len(b.Counts.Bars)
				case b.Cases != nil:
					for _, r := range b.Cases.Rows {
						if r.Ward != "" {
							cases++
						}
					}
				}
			}
			if p.Status != nil {
				statusRows += len(p.Status.Rows)
			}
			if p.Matrix != nil && p.Matrix.Grid {
				grids[p.Matrix.Matrix]++
			}
		}
	}
	wantCases := 0
	for _, sec := range rep.Sections {
		for _, it := range sec.Items {
			for _, b := range it.Blocks {
				switch {
				case b.Stacked != nil && bars[b.Stacked.ID] != len(b.Stacked.Bars):
					t.Errorf("%s: %d bars in the plan, %d in the report", b.Stacked.ID, bars[b.Stacked.ID], len(b.Stacked.Bars))
				case b.Counts != nil && bars[b.Counts.ID] != len(b.Counts.Bars):
					t.Errorf("%s: %d bars in the plan, %d in the report", b.Counts.ID, bars[b.Counts.ID], len(b.Counts.Bars))
				case b.Cases != nil:
					wantCases += len(b.Cases.Rows)
				}
			}
		}
	}
	// A record split over two pages opens the second part with its unit left empty.
	if wantCases == 0 || cases != wantCases {
		t.Errorf("%d case records in the plan, %d in the report", cases, wantCases)
	}
	if statusRows != len(rep.Status.Rows) {
		t.Errorf("%d 提出状況 rows in the plan, %d in the report", statusRows, len(rep.Status.Rows))
	}
	for _, mx := range rep.Appendix {
		if grids[mx] != 1 {
			t.Errorf("%s: %d grids in the plan", mx.Title, grids[mx])
		}
	}
}

// TestPagesSplitAList checks a text list that goes on over pages: its entries in the
// plan's columns, each line as printed, the ward continued marked 続き.
func TestPagesSplitAList(t *testing.T) {
	rep := sampleReport(t, charts.Options{})
	plan, err := Pages(rep, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts := 0
	for _, pg := range plan {
		for _, p := range pg.Parts {
			for _, b := range p.Blocks {
				if b.Texts == nil {
					continue
				}
				parts++
				if len(b.Texts.Columns) == 0 {
					t.Fatalf("%s: no columns", b.Texts.Heading)
				}
				for _, col := range b.Texts.Columns {
					if len(col) == 0 || col[0].Ward == "" {
						t.Errorf("%s: a column opens without a ward's name", b.Texts.Heading)
					}
					for _, e := range col {
						for _, l := range e.Lines {
							if l == "" {
								t.Errorf("%s: an empty line under %s", b.Texts.Heading, e.Ward)
							}
						}
					}
				}
			}
		}
	}
	if parts < 4 {
		t.Errorf("%d list parts: the sample's lists go on over pages", parts)
	}
}
