package summary_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

const returnsDir = "../../testdata/returns"

// sheetAnswers is the units' answers sheet of the default schema, whose units are 区.
var sheetAnswers = summary.AnswersSheet("区")

var (
	sampleOnce sync.Once
	sampleJSON []byte
	sampleErr  error
)

// sample is the aggregate of the 24 sample returns. Each call gets its own copy, so a test
// may change it.
func sample(t *testing.T) *aggregate.Result {
	t.Helper()
	sampleOnce.Do(func() {
		res, err := collect(returnsDir)
		if err != nil {
			sampleErr = err
			return
		}
		var buf bytes.Buffer
		sampleErr = res.WriteJSON(&buf)
		sampleJSON = buf.Bytes()
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	var res aggregate.Result
	if err := json.Unmarshal(sampleJSON, &res); err != nil {
		t.Fatal(err)
	}
	return &res
}

func collect(dir string) (*aggregate.Result, error) {
	files, err := returns.ListReturns(dir)
	if err != nil {
		return nil, err
	}
	c, err := aggregate.Collect(files, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		return nil, err
	}
	return c.Result(), nil
}

func write(t *testing.T, res *aggregate.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := summary.Write(&buf, res, ""); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows reads a sheet with raw values (6784, not 6,784), padded so any column can be indexed.
func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		for len(rs[i]) < 80 {
			rs[i] = append(rs[i], "")
		}
	}
	return rs
}

func itoa[T int | int64](v T) string { return strconv.FormatInt(int64(v), 10) }

func TestSheetsInOrder(t *testing.T) {
	f := open(t, write(t, sample(t)))
	want := []string{"集計", "区別回答", "件数", "自由記述", "提出状況", "グラフ"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
}

// block is one question's table on 集計: the header row naming the columns and the data rows.
type block struct {
	head []string
	rows [][]string
	// at is the sheet row (1-based) of each of rows.
	at []int
}

func zipParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := write(t, sample(t))
	b := write(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Fatal("the same result gave different workbooks")
	}
	if !strings.Contains(zipParts(t, a)["docProps/core.xml"], "2000-01-01T00:00:00Z") {
		t.Error("document dates are not fixed")
	}
}

// TestWardTextIsNeverAFormula: text from the wards that looks like a formula must stay text.
func TestWardTextIsNeverAFormula(t *testing.T) {
	res := sample(t)
	evil := []string{"=1+1", "+1+1", "-1+1", "@SUM(A1)", `=HYPERLINK("http://example.com","x")`, "=cmd|' /C calc'!A0"}
	q := res.Question("ka2")
	q.Texts = []aggregate.WardText{{Ward: "北区", Lines: evil}}
	res.Question("u3").Categories[0].Label = "=1+1"
	res.Question("i2").Rows[0].Label = "+SUM(1,2)"
	data := write(t, res)
	f := open(t, data)
	found := 0
	for _, sheet := range f.GetSheetList() {
		rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rs {
			for c, v := range row {
				if !strings.ContainsAny(v[:min(1, len(v))], "=+-@") {
					continue
				}
				cell := cellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s %q is a formula", sheet, cell, v)
				}
				typ, _ := f.GetCellType(sheet, cell)
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s %q has type %v, want a string", sheet, cell, v, typ)
				}
				found++
			}
		}
	}
	if found < len(evil)+2 {
		t.Errorf("found %d formula-like cells, want at least %d", found, len(evil)+2)
	}
	for name, x := range zipParts(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/") && (strings.Contains(x, "<f>") || strings.Contains(x, "<f ")) {
			t.Errorf("%s holds a formula", name)
		}
	}
}

// TestIncomplete: with two returns missing, every sheet says so and the two wards are
// blank, not zero.
func TestIncomplete(t *testing.T) {
	dir := t.TempDir()
	files, err := returns.ListReturns(returnsDir)
	if err != nil {
		t.Fatal(err)
	}
	copied := 0
	for _, src := range files {
		name := filepath.Base(src)
		if name == "北区.xlsx" || name == "西区.xlsx" {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		copied++
	}
	if copied != 22 {
		t.Fatalf("copied %d returns", copied)
	}
	res, err := collect(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, write(t, res))
	line, _ := f.GetCellValue(summary.SheetSummary, "A3")
	if line != res.Submission.Summary || line != "回答 22／24区（未提出: 北区、西区）" {
		t.Errorf("summary line %q", line)
	}
	st, _ := f.GetCellStyle(summary.SheetSummary, "A3")
	if style, _ := f.GetStyle(st); style == nil || style.Font == nil || !style.Font.Bold || style.Font.Color != "C00000" {
		t.Errorf("incomplete summary line is not red bold: %+v", style)
	}
	for _, sheet := range []string{sheetAnswers, summary.SheetCounts, summary.SheetStatus, summary.SheetCharts} {
		if v, _ := f.GetCellValue(sheet, "A3"); v != line {
			t.Errorf("%s!A3 = %q, want the summary line", sheet, v)
		}
	}
	blocks := summaryBlocks(t, f, res)
	if got := blocks["i1"].row(t, "推進会議開催状況"); got[3] != "22" {
		t.Errorf("i1 answered %q, want 22", got[3])
	}
	for _, sheet := range []string{sheetAnswers, summary.SheetCounts} {
		rs := rows(t, f, sheet)
		for i, ward := range []string{"北区", "西区"} {
			r := rs[6+[]int{0, 5}[i]]
			if r[0] != ward || r[2] != "未提出" {
				t.Errorf("%s: row %q, want %s 未提出", sheet, r[:3], ward)
			}
			if r[3] != "" || r[10] != "" {
				t.Errorf("%s %s: cells %q %q, want blank", sheet, ward, r[3], r[10])
			}
			cell := fmt.Sprintf("D%d", 7+[]int{0, 5}[i])
			st, _ := f.GetCellStyle(sheet, cell)
			if style, _ := f.GetStyle(st); style == nil || len(style.Fill.Color) == 0 || style.Fill.Color[0] != "D9D9D9" {
				t.Errorf("%s!%s (%s) is not grey", sheet, cell, ward)
			}
		}
	}
	rs := rows(t, f, summary.SheetStatus)
	if rs[4][2] != "未提出" || rs[9][2] != "未提出" || rs[5][2] != "集計済" {
		t.Errorf("提出状況: %q %q %q", rs[4][:3], rs[9][:3], rs[5][:3])
	}
}

// TestEarlierPeriods sets last year's figures beside this period's: 「―」 where the earlier
// survey had no such question or category, and options only the earlier survey had.
func TestEarlierPeriods(t *testing.T) {
	res := sample(t)
	prev := sample(t)
	p, err := period.Parse("令和５年度上半期")
	if err != nil {
		t.Fatal(err)
	}
	prev.Period, prev.PeriodLabel = p, p.Japanese()
	i1 := prev.Question("i1")
	i1.Options = []string{"開催している", "開催予定", "開催予定なし"}
	i1.Rows = []*aggregate.ChoiceRow{{Key: "i1", Label: i1.Label, Options: []aggregate.OptionCount{
		{Option: "開催している", Count: 16}, {Option: "開催予定", Count: 8}, {Option: "開催予定なし", Count: 0},
	}}}
	var kept []*aggregate.Question
	for _, q := range prev.Questions {
		if q.ID != "ka1" {
			kept = append(kept, q)
		}
	}
	prev.Questions = kept
	u3 := prev.Question("u3")
	u3.Categories = u3.Categories[:len(u3.Categories)-1]
	u3.Total.Sum = 6000
	if err := res.AttachEarlier([]*aggregate.Loaded{{Result: prev, File: "r5h1.json"}}); err != nil {
		t.Fatal(err)
	}
	f := open(t, write(t, res))
	blocks := summaryBlocks(t, f, res)
	rs := rows(t, f, summary.SheetSummary)

	b := blocks["i1"]
	period := rs[b.at[0]-3]
	if !strings.Contains(strings.Join(period, ","), "令和５年度上半期（回答24区）") || !strings.Contains(strings.Join(period, ","), "令和６年度上半期") {
		t.Errorf("i1 period row %q", period)
	}
	wantHead := []string{"区分（単位：区）", "開催している", "現時点では未開催", "合計", "開催している", "現時点では未開催", "開催予定", "開催予定なし"}
	if strings.Join(b.head[:8], ",") != strings.Join(wantHead, ",") {
		t.Errorf("i1 head %q, want %q", b.head[:8], wantHead)
	}
	if got := strings.Join(b.rows[0][:8], ","); got != "推進会議開催状況,18,6,24,16,―,8,0" {
		t.Errorf("i1 row %q", got)
	}
	// ka1 was not in the earlier survey: no earlier columns at all rather than a column of 「―」.
	if got := strings.Trim(strings.Join(blocks["ka1"].rows[0], ","), ","); got != "多職種研修会の実施状況,12,12,24" {
		t.Errorf("ka1 row %q, want this period's columns only", got)
	}
	u := blocks["u3"]
	c := u.col(t, "令和５年度上半期（回答24区）")
	if got := u.row(t, "20．その他")[c]; got != "―" {
		t.Errorf("u3 その他 earlier %q, want ―", got)
	}
	if got := u.row(t, "１．医科")[c]; got != "865" {
		t.Errorf("u3 医科 earlier %q, want 865", got)
	}
	if got := u.row(t, summary.TotalLabel)[c]; got != "6000" {
		t.Errorf("u3 total earlier %q, want 6000", got)
	}
}

// The 集計ID given is shown on 提出状況 and in the document properties, and nowhere when
// none is given.
func TestAggregateIDShown(t *testing.T) {
	res := sample(t)
	var buf bytes.Buffer
	if err := summary.Write(&buf, res, "1a2b-3c4d"); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	found := false
	for _, r := range rows(t, f, summary.SheetStatus) {
		if r[0] == "集計ID" && r[1] == "1a2b-3c4d" {
			found = true
		}
	}
	if !found {
		t.Error("提出状況 has no 集計ID row")
	}
	props, err := f.GetDocProps()
	if err != nil || props.Identifier != "1a2b-3c4d" || !strings.Contains(props.Keywords, "1a2b-3c4d") {
		t.Errorf("document properties %+v, %v", props, err)
	}
	f = open(t, write(t, res))
	for _, r := range rows(t, f, summary.SheetStatus) {
		if r[0] == "集計ID" {
			t.Error("a 集計ID row with no ID given")
		}
	}
}

// TestEveryFontNamed: a font entry without a name prints in a serif substitute in
// LibreOffice, so every font of the workbook, and every font of a chart's text, names
// BIZ UDPゴシック (the digests its fixed-pitch sibling BIZ UDゴシック).
func TestEveryFontNamed(t *testing.T) {
	parts := zipParts(t, write(t, sample(t)))
	fonts := regexp.MustCompile(`(?s)<fonts[^>]*>(.*?)</fonts>`).FindStringSubmatch(parts["xl/styles.xml"])
	if fonts == nil {
		t.Fatal("no <fonts> in xl/styles.xml")
	}
	entries := regexp.MustCompile(`(?s)<font>(.*?)</font>`).FindAllStringSubmatch(fonts[1], -1)
	if len(entries) < 10 {
		t.Fatalf("%d fonts in xl/styles.xml, want one per kind of cell", len(entries))
	}
	name := regexp.MustCompile(`<name val="([^"]*)"`)
	allowed := map[string]bool{"BIZ UDPゴシック": true, "BIZ UDゴシック": true}
	for i, e := range entries {
		m := name.FindStringSubmatch(e[1])
		if m == nil {
			t.Errorf("font %d has no name: %s", i, e[1])
			continue
		}
		if !allowed[m[1]] {
			t.Errorf("font %d is %q", i, m[1])
		}
		if i > 0 && !strings.Contains(e[1], `<charset val="128"`) {
			t.Errorf("font %d (%s) is not marked Japanese (charset 128)", i, m[1])
		}
	}
	typeface := regexp.MustCompile(`<a:(latin|ea) typeface="([^"]*)"`)
	for part, x := range parts {
		if !strings.HasPrefix(part, "xl/charts/") {
			continue
		}
		// A run's own font; the paragraph defaults (+mn-lt) are overridden by it.
		for _, m := range typeface.FindAllStringSubmatch(x, -1) {
			if m[2] != "BIZ UDPゴシック" && !strings.HasPrefix(m[2], "+mn-") {
				t.Errorf("%s: %s typeface %q", part, m[1], m[2])
			}
		}
	}
}
