package report_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/pdf"
	"github.com/osaka-city/zaitaku/render/pptx"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// pagedOutputs renders report.pdf and report.pptx of one report as Render does: the
// deck following the PDF's page plan.
func pagedOutputs(t *testing.T, rep *charts.Report) (pdfBytes, deck []byte) {
	t.Helper()
	pages, err := pdf.Pages(rep, pdf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep.Pages = pages
	var p, d bytes.Buffer
	if err := pdf.Write(&p, rep, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := pptx.Write(&d, rep); err != nil {
		t.Fatal(err)
	}
	return p.Bytes(), d.Bytes()
}

// variants are the reports the paged outputs are held together on: the sample with and
// without earlier periods, with the case records, incomplete, with tables of each unit's
// counts (unit_table; and at 60 units), a survey with number questions, and (without -short)
// the synthetic 1,741 units.
func variants() []struct {
	name string
	res  func(t testing.TB) *aggregate.Result
	opts charts.Options
} {
	return []struct {
		name string
		res  func(t testing.TB) *aggregate.Result
		opts charts.Options
	}{
		{"history", aggregatetest.Sample, charts.Options{DocLabel: "資料１", AggregateID: "TEST-ID"}},
		{"no history", func(t testing.TB) *aggregate.Result { return aggregatetest.SampleWithout(t) }, charts.Options{DocLabel: "資料１"}},
		{"cases", aggregatetest.Sample, charts.Options{IncludeCases: true}},
		{"incomplete", func(t testing.TB) *aggregate.Result { return aggregatetest.SampleWithout(t, "北区", "中央区") }, charts.Options{}},
		{"unit tables", func(t testing.TB) *aggregate.Result { return aggregatetest.UnitTableSample(t, "北区") }, charts.Options{}},
		{"60 unit tables", func(t testing.TB) *aggregate.Result {
			if testing.Short() {
				t.Skip("60 synthetic units take a while; not under -short")
			}
			return aggregatetest.WithUnitTables(t, aggregatetest.Synthetic(t, 60).Collect(t).Result())
		}, charts.Options{}},
		{"number", aggregatetest.NumberSample, charts.Options{}},
		{"1741", func(t testing.TB) *aggregate.Result {
			if testing.Short() {
				t.Skip("the synthetic 1,741 units take a while; not under -short")
			}
			return aggregatetest.Collection(t, 1741).Result()
		}, charts.Options{DocLabel: "資料１"}},
	}
}

// TestSlidesAreThePDFPages holds report.pdf and report.pptx of the same report to each
// other: as many slides as the PDF has pages, and each slide's heading the heading of its
// page, 「（続き）」 where the page has it — read from the outputs (the PDF's text by
// pdftotext, the slides' XML), not from the plan they share.
func TestSlidesAreThePDFPages(t *testing.T) {
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	for _, v := range variants() {
		t.Run(v.name, func(t *testing.T) {
			rep := charts.Build(v.res(t), v.opts)
			if v.name == "incomplete" && rep.Complete {
				t.Fatal("the aggregate without two returns is complete")
			}
			p, d := pagedOutputs(t, rep)
			cmd := exec.Command(pdftotext, "-enc", "UTF-8", "-", "-")
			cmd.Stdin = bytes.NewReader(p)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
			slides := slideXMLs(t, d)
			if len(pages) != len(slides) {
				t.Fatalf("report.pdf has %d pages, report.pptx %d slides", len(pages), len(slides))
			}
			checked := 0
			for i, s := range slides {
				h := slideHeading(s)
				if h == "" {
					continue
				}
				checked++
				page := squeeze(pages[i])
				base := strings.TrimSuffix(h, charts.Continued)
				cont := strings.Contains(page, squeeze(base+charts.Continued))
				switch {
				case !strings.Contains(page, squeeze(h)):
					t.Errorf("slide %d is headed %q, page %d lacks it:\n%s", i+1, h, i+1, pages[i])
				case cont != strings.HasSuffix(h, charts.Continued):
					t.Errorf("slide %d is headed %q, page %d continued=%v", i+1, h, i+1, cont)
				}
			}
			if checked < len(slides)/2 {
				t.Errorf("only %d of %d slides have a heading", checked, len(slides))
			}
			// The unit tables are among the pages compared: a slide for each of their pages.
			want := 0
			for _, ut := range rep.UnitTables {
				want += len(ut.Pages)
			}
			units := 0
			for _, s := range slides {
				if strings.HasPrefix(slideHeading(s), "付表　区別の件数") {
					units++
				}
			}
			if units != want || strings.Contains(v.name, "unit tables") && want == 0 {
				t.Errorf("%d slides of unit tables, the report has %d pages of them", units, want)
			}
		})
	}
}

// TestSlidesStayOnTheSlide checks every shape of the decks that follow the PDF's plan:
// on the slide, and what starts under the heading ends above the footer (194 mm).
func TestSlidesStayOnTheSlide(t *testing.T) {
	const emuPerMM = 36000
	for _, v := range variants() {
		t.Run(v.name, func(t *testing.T) {
			rep := charts.Build(v.res(t), v.opts)
			_, d := pagedOutputs(t, rep)
			slides := slideXMLs(t, d)
			shapes := 0
			for i, s := range slides {
				for _, m := range placeRe.FindAllStringSubmatch(s, -1) {
					shapes++
					var n [4]int
					for j := range n {
						n[j], _ = strconv.Atoi(m[j+1])
					}
					x, y, w, h := n[0], n[1], n[2], n[3]
					if x < 0 || y < 0 || x+w > 297*emuPerMM || y+h > 210*emuPerMM {
						t.Errorf("slide %d: a shape at %v is off the slide", i+1, n)
					}
					if y >= 27*emuPerMM && y < 194*emuPerMM && y+h > 194.5*emuPerMM {
						t.Errorf("slide %d: a shape at %v ends at %.1f mm, over the footer", i+1, n, float64(y+h)/emuPerMM)
					}
				}
			}
			if shapes < 3*len(slides) {
				t.Errorf("%d shapes found on %d slides", shapes, len(slides))
			}
		})
	}
}

var (
	placeRe = regexp.MustCompile(`<a:off x="(-?\d+)" y="(-?\d+)"/><a:ext cx="(\d+)" cy="(\d+)"/>`)
	shapeRe = regexp.MustCompile(`(?s)<p:sp>.*?</p:sp>`)
	nameRe  = regexp.MustCompile(`<p:cNvPr id="\d+" name="([^"]*)"`)
	textRe  = regexp.MustCompile(`<a:t>([^<]*)</a:t>`)
)

// slideXMLs are the deck's slides' XML, in order.
func slideXMLs(t *testing.T, deck []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(deck), int64(len(deck)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	var out []string
	for n := 1; ; n++ {
		s, ok := files[fmt.Sprintf("ppt/slides/slide%d.xml", n)]
		if !ok {
			return out
		}
		out = append(out, s)
	}
}

// slideHeading is the text of a slide's first shape named 見出し (a page heading) or
// セクション (a section's title); empty for the cover.
func slideHeading(slide string) string {
	for _, sp := range shapeRe.FindAllString(slide, -1) {
		m := nameRe.FindStringSubmatch(sp)
		if m == nil || (m[1] != "見出し" && m[1] != "セクション") {
			continue
		}
		h := ""
		for _, tm := range textRe.FindAllStringSubmatch(sp, -1) {
			h += strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'").Replace(tm[1])
		}
		return h
	}
	return ""
}

// squeeze drops white space: pdftotext spaces out and breaks lines as the layout falls.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
