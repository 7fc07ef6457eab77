package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/finding"
)

func sheet(t *testing.T, res *aggregate.Result, unit string) *charts.WardSheet {
	t.Helper()
	ws, ok := charts.BuildWardSheet(res, unit, charts.Options{AggregateID: "abcd-ef01"})
	if !ok {
		t.Fatalf("no sheet for %s", unit)
	}
	return ws
}

// TestWardSheetLayout checks the rules a printed sheet needs: every element on the page
// and every block inside the content box, blocks not overlapping, the unit's mark there.
func TestWardSheetLayout(t *testing.T) {
	for _, tc := range []struct {
		name string
		res  *aggregate.Result
		unit string
	}{
		{"24区", aggregatetest.Sample(t), "北区"},
		{"月報", aggregatetest.GetsuhoSample(t), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			unit := tc.unit
			if unit == "" {
				unit = tc.res.Submission.Wards[0].Ward
			}
			pages, err := layoutWardSheet(sheet(t, tc.res, unit), testMeasurer(t))
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) == 0 || len(pages) > 8 {
				t.Errorf("%d pages, want a few", len(pages))
			}
			pageBox := rect{0, 0, sheetW, sheetH}
			for _, pg := range pages {
				for i, b := range pg.blocks {
					if !b.box.within(pg.content) {
						t.Errorf("page %d: block %s %v outside the content %v", pg.number, b.name, b.box, pg.content)
					}
					for _, o := range pg.blocks[:i] {
						if b.box.overlaps(o.box) {
							t.Errorf("page %d: block %s overlaps %s", pg.number, b.name, o.name)
						}
					}
				}
				for _, e := range pg.elements() {
					if !e.bounds().within(pageBox) {
						t.Errorf("page %d: %#v off the page", pg.number, e)
					}
					if te, ok := e.(textEl); ok && te.size < 6 {
						t.Errorf("page %d: %q at %.1f pt", pg.number, te.s, te.size)
					}
				}
			}
		})
	}
}

func testMeasurer(t *testing.T) measurer {
	t.Helper()
	measureOnce.Do(func() { _, testM, testMErr = newDocument(Options{}, pageSizeLandscape) })
	if testMErr != nil {
		t.Fatal(testMErr)
	}
	return testM
}

// TestWardSheetText renders sheets of the 24-ward sample and of the 月報 and finds the
// unit's answers, figures, the 集計ID and the period in the text.
func TestWardSheetText(t *testing.T) {
	res := aggregatetest.Sample(t)
	for _, unit := range []string{"北区", "西成区"} {
		ws := sheet(t, res, unit)
		var b bytes.Buffer
		if err := WriteWardSheet(&b, ws, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := api.Validate(bytes.NewReader(b.Bytes()), model.NewDefaultConfiguration()); err != nil {
			t.Fatalf("pdfcpu: %v", err)
		}
		var again bytes.Buffer
		if err := WriteWardSheet(&again, ws, Options{}); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
			t.Errorf("%s: two renderings differ (%v)", unit, err)
		}
		text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
		want := []string{unit + "区別シート", "集計ID abcd-ef01", res.PeriodLabel}
		want = append(want, wantLines(ws)...)
		for _, w := range want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), "")) {
				t.Errorf("%s: extracted text lacks %q", unit, w)
			}
		}
	}
	g := aggregatetest.GetsuhoSample(t)
	unit := g.Submission.Wards[1].Ward
	ws := sheet(t, g, unit)
	var b bytes.Buffer
	if err := WriteWardSheet(&b, ws, Options{}); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfText(t, b.Bytes())), "")
	for _, w := range wantLines(ws) {
		if !strings.Contains(text, strings.Join(strings.Fields(w), "")) {
			t.Errorf("月報 %s: extracted text lacks %q", unit, w)
		}
	}
	if strings.Contains(text, "帯グラフ") {
		t.Error("月報 sheet explains bars it does not have")
	}
}

// wantLines are the lines a sheet prints for its unit: each choice answer and each figure.
func wantLines(ws *charts.WardSheet) []string {
	var out []string
	for _, sec := range ws.Sections {
		for _, it := range sec.Items {
			for _, q := range it.Questions {
				for _, c := range q.Choices {
					out = append(out, c.Text)
				}
				for _, c := range q.Counts {
					out = append(out, c.Text)
				}
			}
		}
	}
	return out
}

// TestWardSheetNoticesContinue: a list of notices longer than a page carries its heading
// onto the next page, marked （続き）, and says each shared piece of advice once.
func TestWardSheetNoticesContinue(t *testing.T) {
	res := aggregatetest.SampleWithout(t)
	st := &res.Submission.Wards[0]
	for i := range 40 {
		st.Findings = append(st.Findings, finding.Finding{Sheet: "相談支援室", Cell: fmt.Sprintf("D%d", 20+i), Label: fmt.Sprintf("%d．件数", i+1),
			Severity: finding.Warning, Code: finding.ChangeCount,
			Message: fmt.Sprintf("前回 %d 件 → 今回 %d 件（3.0倍）。理由を（ウ）の備考に記入してください", 10+i, 30+3*i)})
	}
	pages, err := layoutWardSheet(sheet(t, res, st.Ward), testMeasurer(t))
	if err != nil {
		t.Fatal(err)
	}
	texts := func(pg *page) []string {
		var out []string
		for _, e := range pg.elements() {
			if te, ok := e.(textEl); ok {
				out = append(out, te.s)
			}
		}
		return out
	}
	cont, advice := 0, 0
	for _, pg := range pages {
		for _, s := range texts(pg) {
			if s == charts.NoticesTitle+"（続き）" {
				cont++
			}
			if strings.Contains(s, "備考に記入") {
				advice++
			}
		}
	}
	if cont == 0 {
		t.Errorf("40 notices over %d pages, no （続き） heading", len(pages))
	}
	if advice != 1 {
		t.Errorf("the shared advice is printed %d times, want once", advice)
	}
}
