package pptx

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// samplePlan is a page plan for the sample report made by hand, as render/pdf's Pages
// would give one: the cover, a section, an item page over two pages, the 提出状況 page in
// halves and an appendix page.
func samplePlan(rep *charts.Report) []charts.Page {
	it := rep.Sections[0].Items[1]
	mx := rep.Appendix[0]
	st := rep.Status
	return []charts.Page{
		{Kind: charts.CoverPage},
		{Kind: charts.SectionPage, Section: rep.Sections[0]},
		{Kind: charts.ItemPage, Heading: it.Heading, Parts: []charts.PagePart{
			{Blocks: it.Blocks[:1], Top: 0, Height: 0.3}, {Blocks: it.Blocks[1:2], Top: 0.35, Height: 0.6}}},
		{Kind: charts.ItemPage, Heading: it.Heading + charts.Continued, Parts: []charts.PagePart{
			{Blocks: it.Blocks[2:], Top: 0, Height: 0.4}}},
		{Kind: charts.StatusPage, Heading: st.Title, Parts: []charts.PagePart{
			{Status: &charts.StatusPart{Summary: true}, Top: 0, Height: 0.07},
			{Status: &charts.StatusPart{Rows: st.Rows, Bad: st.Bad, Halves: true}, Top: 0.11, Height: 0.44},
			{Status: &charts.StatusPart{Earlier: true}, Top: 0.59, Height: 0.12}}},
		{Kind: charts.AppendixPage, Heading: mx.Title, Parts: []charts.PagePart{
			{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true, Key: true}, Top: 0, Height: 0.79},
			{Matrix: &charts.MatrixPart{Matrix: mx, Legend: true}, Top: 0.83, Height: 0.06}}},
	}
}

// TestSlidesFollowThePlan checks that a report with a page plan gets a slide per planned
// page, each opening with the page's heading and holding what the page holds: the
// blocks' headings, the 提出状況 rows in two tables, every ward of the appendix.
func TestSlidesFollowThePlan(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１"})
	rep.Pages = samplePlan(rep)
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	if len(slides) != len(rep.Pages) {
		t.Fatalf("%d slides for %d pages", len(slides), len(rep.Pages))
	}
	for i, pg := range rep.Pages {
		if pg.Heading != "" && slides[i].marks[0] != pg.Heading {
			t.Errorf("slide %d opens with %q, its page with %q", i+1, slides[i].marks[0], pg.Heading)
		}
	}
	marks := strings.Join(slides[2].marks, "\n")
	for _, b := range rep.Sections[0].Items[1].Blocks[:2] {
		if b.Stacked != nil && !strings.Contains(marks, b.Stacked.Heading) {
			t.Errorf("slide 3 lacks %q", b.Stacked.Heading)
		}
	}
	tables := 0
	for _, sh := range slides[4].shapes {
		if sh.table != nil {
			tables++
		}
	}
	if tables != 2 {
		t.Errorf("the 提出状況 slide has %d tables, want its two halves", tables)
	}
	for _, r := range rep.Appendix[0].Rows {
		if !strings.Contains(strings.Join(slides[5].marks, "\n"), r.Ward) {
			t.Errorf("the appendix slide lacks %s", r.Ward)
		}
	}
}

// TestSlidesStayOnTheSlide checks that nothing is placed off a slide, and that what is
// under a slide's heading ends above the footer: the sample with a page plan, and
// paginated by the deck itself with its cases, incomplete, and (without -short) the
// synthetic 1,741 units. render/report checks the same of the decks that follow
// report.pdf's plan.
func TestSlidesStayOnTheSlide(t *testing.T) {
	planned := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１"})
	planned.Pages = samplePlan(planned)
	reps := map[string]*charts.Report{
		"planned":    planned,
		"cases":      charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１", IncludeCases: true}),
		"incomplete": charts.Build(aggregatetest.SampleWithout(t, "北区"), charts.Options{DocLabel: "資料１"}),
	}
	if !testing.Short() {
		reps["1741"] = charts.Build(aggregatetest.Collection(t, 1741).Result(), charts.Options{DocLabel: "資料１"})
	}
	for name, rep := range reps {
		slides, err := buildSlides(rep)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range slides {
			for _, sh := range flat(s.shapes) {
				var b box
				what := ""
				switch {
				case sh.text != nil:
					b, what = sh.text.box, sh.text.Name
				case sh.chart != nil:
					b, what = sh.chart.box, sh.chart.Name
				case sh.table != nil:
					b, what = sh.table.box, sh.table.Name
					b.W = 0
					for _, c := range sh.table.Cols {
						b.W += mm(c)
					}
				}
				if b.X < 0 || b.Y < 0 || b.X+b.W > slideW || b.Y+b.H > slideH {
					t.Errorf("%s slide %d: %q at %v is off the slide", name, i+1, what, b)
				}
				if b.Y >= mm(contentTop) && b.Y < mm(contentBot) && b.Y+b.H > mm(contentBot+0.5) {
					t.Errorf("%s slide %d: %q ends at %.1f mm, below the content (%.0f mm)", name, i+1, what, float64(b.Y+b.H)/emuPerMM, contentBot)
				}
			}
		}
	}
}
