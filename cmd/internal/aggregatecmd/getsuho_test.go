package aggregatecmd

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/examples"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// The second shipped survey, the 相談支援室 月報 (schema/examples/getsuho.yaml), served by its
// YAML alone: its 11 sample returns, aggregated as a user would (the example written out and
// passed with --schema), give every figure the 11区月報集計 publishes, totals and per-ward
// ranges (testdata/getsuho/figures.tsv); the 医療 and 介護 subtotals nobody types are the sums
// of their 内訳; the PDF prints each count with its range; and no output says anything of
// the default 24-ward survey.
func TestGetsuhoReproducesItsPublishedFigures(t *testing.T) {
	dir := t.TempDir()
	e, ok := examples.Find("月報")
	if !ok {
		t.Fatal("no 月報 example")
	}
	schemaPath := filepath.Join(dir, "月報.yaml")
	if err := os.WriteFile(schemaPath, e.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: filepath.Join(aggregatetest.GetsuhoDir(), "returns"), Output: out})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	if !strings.Contains(msg, "平成２８年８月～平成２９年３月 回答 11／11区") {
		t.Errorf("the summary line does not name the period and 11 wards:\n%s", msg)
	}
	res := readResult(t, out)
	aggregatetest.CheckGetsuho(t, res)

	t.Run("subtotals", func(t *testing.T) {
		for key, breakdown := range map[string]string{"topics.med": "topics_med", "topics.care": "topics_care"} {
			parent, err := figureOf(res.Question("topics"), key)
			if err != nil {
				t.Fatal(err)
			}
			byWard := map[string]int64{}
			var sum int64
			for _, c := range res.Question(breakdown).Categories {
				sum += c.Sum
				for w, v := range c.Values() {
					byWard[w] += v
				}
			}
			if parent.Sum != sum || len(byWard) != 11 {
				t.Errorf("%s = %d, its 内訳 %s adds up to %d over %d wards", key, parent.Sum, breakdown, sum, len(byWard))
			}
			for w, v := range parent.Values() {
				if byWard[w] != v {
					t.Errorf("%s of %s = %d, its 内訳 adds up to %d", key, w, v, byWard[w])
				}
			}
		}
	})

	texts := outputTexts(t, out)
	t.Run("ranges in the PDF", func(t *testing.T) {
		pdf := strings.Join(strings.Fields(texts[report.PDFName]), "")
		for _, f := range aggregatetest.Getsuho(t) {
			want := charts.Thousands(f.Value)
			if f.Min != nil {
				want = fmt.Sprintf("（%s件～%s件）", charts.Thousands(*f.Min), charts.Thousands(*f.Max))
				if f.Key == "" {
					want = "合計" + charts.Thousands(f.Value) + "件" + want
				}
			}
			if !strings.Contains(pdf, want) || !strings.Contains(pdf, charts.Thousands(f.Value)) {
				t.Errorf("%s: the PDF does not print %s and %s (%s)", f, want, charts.Thousands(f.Value), f.Source)
			}
		}
		if !strings.Contains(pdf, "窓口開設日数1,709日") {
			t.Error("the PDF does not print 窓口開設日数 1,709 日")
		}
	})

	t.Run("nothing of the default survey", func(t *testing.T) {
		for _, w := range defaultSurveyWords(t, e.YAML()) {
			for name, text := range texts {
				if strings.Contains(text, w) {
					t.Errorf("%s says %q, a word of the default survey", name, w)
				}
			}
		}
	})
}

// figureOf finds a category of a question in an aggregate.
func figureOf(q *aggregate.Question, key string) (*aggregate.Figure, error) {
	if q == nil {
		return nil, fmt.Errorf("no question for %s", key)
	}
	for _, c := range q.Categories {
		if c.Key == key {
			return &c.Figure, nil
		}
	}
	return nil, fmt.Errorf("question %s has no category %s", q.ID, key)
}

// defaultSurveyWords are the words of the default 24-ward survey that another survey's
// outputs must not say unless its own schema does: its titles, 資料番号, blocks, sheets,
// items, questions, options and the units the 月報 does not have, and 「24」 as a count
// of units.
func defaultSurveyWords(t *testing.T, own []byte) []string {
	sc := schema.Default()
	words := []string{sc.Title, sc.ReportTitle, sc.DocLabel, sc.Units.BlockLabel, "24区", "／24", "24／"}
	words = append(words, sc.Units.Blocks...)
	for _, u := range sc.Units.List {
		words = append(words, u.Name)
	}
	for _, l := range sc.ChoiceLists {
		for _, o := range l.Options {
			words = append(words, o.Label)
		}
	}
	for _, sh := range sc.Sheets {
		words = append(words, sh.Name, sh.Title, sh.Body)
		for _, it := range sh.Items {
			words = append(words, it.Label)
			for _, q := range it.Questions {
				words = append(words, q.Label)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range words {
		// A word the 月報's own schema says (区役所 in 区役所・保健福祉センター, その他, the
		// wards it shares) is its own; a ward name inside a longer one (北区 in 東淀川区) is
		// left to the longer name.
		if w == "" || seen[w] || bytes.Contains(own, []byte(w)) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	if len(out) < 50 {
		t.Fatalf("only %d words of the default survey to look for: %q", len(out), out)
	}
	for _, w := range []string{"資料１", "基本保健医療圏", "北部", "平野区", "24区", "区役所・相談支援室の取組について", "実施している"} {
		if !seen[w] {
			t.Fatalf("%q is not among the words looked for: %q", w, out)
		}
	}
	return out
}

// outputTexts is the text of each of the six outputs in out, as a reader meets it: the
// JSON and CSV as written, the PDF through pdftotext, the HTML page without the inlined
// ECharts library, every cell and sheet name of 集計表.xlsx, and the deck's slides and charts.
func outputTexts(t *testing.T, out string) map[string]string {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	texts := map[string]string{JSONName: string(read(JSONName)), CSVName: string(read(CSVName))}
	bin := formtest.Tool(t, "poppler-utils", "pdftotext")
	pdf, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(out, report.PDFName), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	texts[report.PDFName] = string(pdf)
	lib, err := os.ReadFile(filepath.Join(aggregatetest.Root(), "render", "html", "assets", "echarts.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(read(report.HTMLName))
	if !strings.Contains(page, string(lib)) {
		t.Fatal("the page does not inline echarts.min.js as is; cannot separate it from the page")
	}
	texts[report.HTMLName] = strings.Replace(page, string(lib), "", 1)
	f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cells strings.Builder
	for _, sheet := range f.GetSheetList() {
		cells.WriteString(sheet + "\n")
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			cells.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	texts[SummaryName] = cells.String()
	texts[report.PPTXName] = deckText(t, read(report.PPTXName))
	for name, text := range texts {
		if len(text) < 500 {
			t.Fatalf("%s has almost no text (%d bytes)", name, len(text))
		}
	}
	return texts
}
