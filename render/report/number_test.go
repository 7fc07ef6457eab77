package report_test

import (
	"archive/zip"
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestNumberLinesInPDFAndDeck: the deck follows the PDF's page plan, so the slide of the
// item holds the number questions' lines as the PDF's page does, between the two count
// charts, and neither output draws a chart for them.
func TestNumberLinesInPDFAndDeck(t *testing.T) {
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	rep := charts.Build(aggregatetest.NumberSample(t), charts.Options{})
	p, d := pagedOutputs(t, rep)
	cmd := exec.Command(pdftotext, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(p)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
	slides := slideXMLs(t, d)
	const item = 2 // cover, section, item
	if len(pages) <= item || len(slides) != len(pages) {
		t.Fatalf("%d pages, %d slides", len(pages), len(slides))
	}
	var slideText strings.Builder
	for _, m := range textRe.FindAllStringSubmatch(slides[item], -1) {
		slideText.WriteString(m[1])
	}
	order := func(text string) []int {
		var at []int
		for _, w := range []string{"（１）相談者", "（２）窓口開設日数", "103日（18日～22日）", "（３）平均相談時間", "8.5時間", "（４）相談内容"} {
			at = append(at, strings.Index(squeeze(text), w))
		}
		return at
	}
	for name, text := range map[string]string{"PDF page 3": pages[item], "slide 3": slideText.String()} {
		at := order(text)
		for i, n := range at {
			if n < 0 || (i > 0 && n < at[i-1]) {
				t.Errorf("%s: lines out of place or missing %v:\n%s", name, at, text)
				break
			}
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(d), int64(len(d)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "ppt/charts/chart") && strings.HasSuffix(f.Name, ".xml") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the deck has %d charts, want 2 (the counts questions only)", n)
	}
}
