package pptx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestImpressConvertsDeck converts the sample deck to PDF with LibreOffice Impress: every
// slide converts, and the text of each page holds the headings of its slide and the
// totals of its count charts. With ZAITAKU_PPTX_KEEP=DIR the deck and the PDF are kept
// there for looking at (pdftoppm -png -r 50).
func TestImpressConvertsDeck(t *testing.T) {
	bin := formtest.Tool(t, "libreoffice-impress-nogui", "soffice", "libreoffice")
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	deck, rep := sampleDeck(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "report.pptx")
	if err := os.WriteFile(src, deck, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "pdf")
	formtest.Convert(t, bin, src, "pdf:impress_pdf_Export", out)
	pdf := filepath.Join(out, "report.pdf")
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("Impress wrote no PDF (is libreoffice-impress-nogui installed?): %v", err)
	}
	if keep := os.Getenv("ZAITAKU_PPTX_KEEP"); keep != "" {
		for _, f := range []string{src, pdf} {
			b, _ := os.ReadFile(f)
			if err := os.WriteFile(filepath.Join(keep, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(b), "\f"), "\f")
	wants := slideTexts(t, rep)
	if len(pages) != len(wants) {
		t.Fatalf("the PDF has %d pages, the deck %d slides", len(pages), len(wants))
	}
	for i, want := range wants {
		got := squeeze(pages[i])
		for _, w := range want {
			if !strings.Contains(got, squeeze(w)) {
				t.Errorf("page %d lacks %q:\n%s", i+1, w, pages[i])
			}
		}
	}
}

// slideTexts is what each slide must show, as the writer marked it: the cover's title,
// period and 資料番号; each heading; the total of every count chart; the page number; and
// every ward on the 付表 slides.
func slideTexts(t *testing.T, rep *charts.Report) [][]string {
	t.Helper()
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for _, s := range slides {
		out = append(out, s.marks)
	}
	return out
}

// squeeze drops white space: pdftotext spaces out and breaks lines as the layout falls.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

// TestImpressSavesDeck opens the deck in LibreOffice Impress and saves it as .pptx again:
// the saved deck has every slide and every chart, each with its cached values (a round
// trip through another program; editing a chart's data is left to a later test).
// LibreOffice 7.4 keeps a chart's data inside the chart and drops the embedded workbook
// when it saves, so the workbooks are not looked for in its copy.
func TestImpressSavesDeck(t *testing.T) {
	bin := formtest.Tool(t, "libreoffice-impress-nogui", "soffice", "libreoffice")
	deck, _ := sampleDeck(t)
	ours := unzip(t, deck)
	dir := t.TempDir()
	src := filepath.Join(dir, "in", "report.pptx")
	if err := os.MkdirAll(filepath.Dir(src), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, deck, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	formtest.Convert(t, bin, src, "pptx:Impress MS PowerPoint 2007 XML", out)
	saved, err := os.ReadFile(filepath.Join(out, "report.pptx"))
	if err != nil {
		t.Fatalf("Impress saved no deck: %v", err)
	}
	theirs := unzip(t, saved)
	count := func(files map[string][]byte, prefix string) int {
		n := 0
		for name := range files {
			if strings.HasPrefix(name, prefix) && strings.HasSuffix(name, ".xml") && !strings.Contains(name, "_rels") {
				n++
			}
		}
		return n
	}
	for _, prefix := range []string{"ppt/slides/slide", "ppt/charts/chart"} {
		if a, b := count(ours, prefix), count(theirs, prefix); a != b || a == 0 {
			t.Errorf("%s*: %d written, %d after Impress saved the deck", prefix, a, b)
		}
	}
	got := readCharts(t, theirs, false)
	if len(got) == 0 || len(got[0].vals) == 0 || len(got[0].vals[0]) == 0 {
		t.Fatalf("the saved deck's first chart has no cached values")
	}
}
