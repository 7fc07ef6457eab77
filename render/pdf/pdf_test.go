package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/fonts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

func init() {
	// Keep pdfcpu from writing a configuration directory under the user's home.
	model.ConfigPath = "disable"
}

func TestWriteSample(t *testing.T) {
	rep := sampleReport(t, charts.Options{DocLabel: "資料１"})
	b := render(t, rep)
	if os.Getenv("ZAITAKU_PDF_OUT") != "" {
		if err := os.WriteFile(os.Getenv("ZAITAKU_PDF_OUT"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("sample report: %d bytes", len(b))
	if len(b) > 3<<20 {
		t.Errorf("PDF is %d bytes, want < 3 MB", len(b))
	}
	// Relaxed, pdfcpu's default: strict mode asks for a FontFamily in gopdf's font
	// descriptors, an entry PDF 32000 (table 122) makes optional.
	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(b), conf); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
	n, err := api.PageCount(bytes.NewReader(b), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if n < 18 || n > 40 {
		t.Errorf("%d pages", n)
	}
	if again := render(t, rep); !bytes.Equal(b, again) {
		t.Error("two renderings of the same report differ")
	}

	// The text is the PDF's point: search and copy must find the headings, the figures and
	// every ward.
	t.Run("text", func(t *testing.T) {
		text := pdfText(t, b)
		u3 := charts.Thousands(aggregatetest.Published(t, "2024H1", "u3", "", ""))
		want := []string{"（ア）地域の医療・介護の資源の把握", u3, "資料１", "回答 24／24区", "令和６年度 上半期"}
		want = append(want, "北区", "都島区", "福島区", "此花区", "中央区", "西区", "港区", "大正区", "天王寺区", "浪速区", "西淀川区", "淀川区",
			"東淀川区", "東成区", "生野区", "旭区", "城東区", "鶴見区", "阿倍野区", "住之江区", "住吉区", "東住吉区", "平野区", "西成区")
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("extracted text lacks %q", w)
			}
		}
	})
}

// pdfText extracts the text with poppler's pdftotext. Without pdftotext the caller is
// skipped locally and fails under CI=true (.ci/run installs poppler-utils); a PDF that
// yields no text fails everywhere, since text is what the callers check.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	path := formtest.Tool(t, "poppler-utils", "pdftotext")
	cmd := exec.Command(path, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(b)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	if strings.TrimSpace(string(out)) == "" {
		t.Fatal("pdftotext finds no text in the PDF")
	}
	return string(out)
}

func TestWriteWithCases(t *testing.T) {
	b := render(t, sampleReport(t, charts.Options{DocLabel: "資料１", IncludeCases: true}))
	conf := model.NewDefaultConfiguration()
	if err := api.Validate(bytes.NewReader(b), conf); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
	t.Run("text", func(t *testing.T) {
		text := pdfText(t, b)
		if !strings.Contains(text, "【入退院支援の場面】") {
			t.Error("case table missing")
		}
	})
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, nil, Options{}); err == nil {
		t.Error("nil report: no error")
	}
	rep := itemReport()
	if err := Write(&buf, rep, Options{Font: []byte("not a font")}); err == nil {
		t.Error("bad font: no error")
	}
	if err := Write(&buf, rep, Options{Font: make([]byte, 64)}); err == nil {
		t.Error("zero font: no error")
	}
	if err := Write(failWriter{}, rep, Options{}); err == nil {
		t.Error("failing writer: no error")
	}
	// A Latin-only face would print every label as blanks.
	if err := Write(&buf, rep, Options{Font: goregular.TTF}); err == nil || !strings.Contains(err.Error(), "Japanese") {
		t.Errorf("Latin font: %v", err)
	}
}

func TestWriteWithFontOption(t *testing.T) {
	// A --font without a bold prints bold as regular.
	var buf bytes.Buffer
	if err := Write(&buf, itemReport(), Options{Font: fonts.Regular()}); err != nil {
		t.Fatal(err)
	}
	if err := api.Validate(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
}

// TestOddInputs feeds what a schema or a caller might produce that the sample does not:
// empty blocks, figures beyond the axis, short value lists, characters the font lacks.
func TestOddInputs(t *testing.T) {
	big := int64(99999999)
	rep := itemReport(
		charts.Block{Stacked: &charts.StackedBars{ID: "empty", Heading: "設問"}},
		charts.Block{Stacked: &charts.StackedBars{ID: "over", Heading: "超過 😀\x01", Series: series()[:2], Axis: charts.UnitAxis(24, "（区）"),
			Bars:    []charts.StackedBar{{Label: "多すぎる", Values: []int{30, 10, 5}}, {Label: "", Values: nil}},
			Earlier: []charts.EarlierColumn{{Header: []string{"令和５年度"}}}}},
		charts.Block{Counts: &charts.CountBars{ID: "c", Heading: "件数", Bars: []charts.CountBar{{Label: "１．医科", Value: big}, {Label: "ゼロ", Value: 0, Repeat: true}}, Axis: charts.NiceAxis(10, "（件）")}},
		charts.Block{Counts: &charts.CountBars{ID: "b", Heading: "内訳だけ", Breakdown: true, Axis: charts.Axis{}}},
		charts.Block{Periods: &charts.PeriodTable{ID: "p", Heading: "期間", Rows: []charts.PeriodRow{{Label: "行", Cells: []string{"1"}}}}},
		charts.Block{Texts: &charts.TextList{ID: "t", Heading: "自由記述", Entries: []charts.WardLines{{Ward: "北区"}, {Ward: "都島区", Lines: []string{"", strings.Repeat("https://example.jp/very/long/path/", 20)}}}}},
		charts.Block{Cases: &charts.CaseTable{ID: "k", Heading: "【場面】", Columns: []string{"相談者"}, Rows: []charts.CaseRow{{Ward: "北区", Cells: []string{"a", "余分なセル"}}}}},
	)
	rep.Sections = append(rep.Sections, nil, &charts.Section{Title: "空の章", Items: []*charts.Item{nil, {Heading: "項目なし"}}})
	rep.Status = &charts.StatusTable{Summary: "回答 0／24区"}
	rep.Appendix = []*charts.Matrix{{Title: "付表"}, nil}
	checkPages(t, layoutOf(t, rep))
	b := render(t, rep)
	if err := api.Validate(bytes.NewReader(b), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }
