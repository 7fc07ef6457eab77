package pptx

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/pdf"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// sampleWithout is the aggregate of the sample returns without earlier periods, leaving
// out the returns named in skip (an incomplete aggregate when any are).
func sampleWithout(t testing.TB, skip ...string) *aggregate.Result {
	t.Helper()
	files, err := returns.ListReturns(filepath.Join(aggregatetest.Root(), "testdata", "returns"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, f := range files {
		drop := false
		for _, s := range skip {
			drop = drop || filepath.Base(f) == s
		}
		if !drop {
			keep = append(keep, f)
		}
	}
	c, err := aggregate.Collect(keep, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Result()
}

// TestSlidesAreThePDFPages renders report.pdf and report.pptx of the same report and holds
// them to each other: as many slides as the PDF has pages, and each slide's heading the
// heading of its page, 「（続き）」 where the page has it — read from the outputs (the
// PDF's text by pdftotext, the slides' XML), not from the plan they share. For the sample
// with and without earlier periods, with the case records, incomplete, and (without
// -short) the synthetic 1,741 units.
func TestSlidesAreThePDFPages(t *testing.T) {
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	type variant struct {
		name string
		res  func(t testing.TB) *aggregate.Result
		opts charts.Options
	}
	variants := []variant{
		{"history", aggregatetest.Sample, charts.Options{DocLabel: "資料１", AggregateID: "TEST-ID"}},
		{"no history", func(t testing.TB) *aggregate.Result { return sampleWithout(t) }, charts.Options{DocLabel: "資料１"}},
		{"cases", aggregatetest.Sample, charts.Options{IncludeCases: true}},
		{"incomplete", func(t testing.TB) *aggregate.Result { return sampleWithout(t, "北区.xlsx", "中央区.xlsx") }, charts.Options{}},
		{"1741", func(t testing.TB) *aggregate.Result {
			if testing.Short() {
				t.Skip("the synthetic 1,741 units take a while; not under -short")
			}
			return aggregatetest.Collection(t, 1741).Result()
		}, charts.Options{DocLabel: "資料１"}},
	}
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			rep := charts.Build(v.res(t), v.opts)
			if v.name == "incomplete" && rep.Complete {
				t.Fatal("the aggregate without two returns is complete")
			}
			var p, d bytes.Buffer
			if err := pdf.Write(&p, rep, pdf.Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Write(&d, rep); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(pdftotext, "-enc", "UTF-8", "-", "-")
			cmd.Stdin = &p
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
			heads := slideHeadings(t, d.Bytes())
			if len(pages) != len(heads) {
				t.Fatalf("report.pdf has %d pages, report.pptx %d slides", len(pages), len(heads))
			}
			checked := 0
			for i, h := range heads {
				page := squeeze(pages[i])
				if h == "" {
					continue
				}
				checked++
				base := strings.TrimSuffix(h, charts.Continued)
				cont := strings.Contains(page, squeeze(base+charts.Continued))
				switch {
				case !strings.Contains(page, squeeze(h)):
					t.Errorf("slide %d is headed %q, page %d lacks it:\n%s", i+1, h, i+1, pages[i])
				case cont != strings.HasSuffix(h, charts.Continued):
					t.Errorf("slide %d is headed %q, page %d continued=%v", i+1, h, i+1, cont)
				}
			}
			if checked < len(heads)/2 {
				t.Errorf("only %d of %d slides have a heading", checked, len(heads))
			}
		})
	}
}

var (
	shapeRe = regexp.MustCompile(`(?s)<p:sp>.*?</p:sp>`)
	nameRe  = regexp.MustCompile(`<p:cNvPr id="\d+" name="([^"]*)"`)
	textRe  = regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
)

// slideHeadings reads each slide's heading from the deck: the text of its first shape
// named 見出し (a page heading) or セクション (a section's title); empty for the cover.
func slideHeadings(t *testing.T, deck []byte) []string {
	t.Helper()
	files := unzip(t, deck)
	var out []string
	for n := 1; ; n++ {
		data, ok := files[fmt.Sprintf("ppt/slides/slide%d.xml", n)]
		if !ok {
			break
		}
		h := ""
		for _, sp := range shapeRe.FindAllString(string(data), -1) {
			m := nameRe.FindStringSubmatch(sp)
			if m == nil || (m[1] != "見出し" && m[1] != "セクション") {
				continue
			}
			for _, tm := range textRe.FindAllStringSubmatch(sp, -1) {
				h += unescape(tm[1])
			}
			break
		}
		out = append(out, h)
	}
	return out
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'").Replace(s)
}

// TestSlidesFollowThePlan holds the slides to the page plan without any tool: one slide
// per planned page, each opening with the page's heading.
func TestSlidesFollowThePlan(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１", IncludeCases: true})
	plan, err := pdf.Pages(rep, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	if len(slides) != len(plan) {
		t.Fatalf("%d slides for %d pages", len(slides), len(plan))
	}
	for i, pg := range plan {
		if pg.Heading != "" && slides[i].marks[0] != pg.Heading {
			t.Errorf("slide %d opens with %q, its page with %q", i+1, slides[i].marks[0], pg.Heading)
		}
	}
}

// TestSlidesStayOnTheSlide checks that nothing is placed off a slide, and that what the
// plan puts under a page's heading ends above the footer: the sample with its cases,
// incomplete, and (without -short) the synthetic 1,741 units.
func TestSlidesStayOnTheSlide(t *testing.T) {
	reps := map[string]*charts.Report{
		"cases":      charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１", IncludeCases: true}),
		"incomplete": charts.Build(sampleWithout(t, "北区.xlsx"), charts.Options{DocLabel: "資料１"}),
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
			for _, sh := range s.shapes {
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
