package aggregatecmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/aggregate.json from the sample returns")

var (
	samples = filepath.Join("..", "..", "..", "testdata", "returns")
	history = filepath.Join("..", "..", "..", "testdata", "history")
	golden  = filepath.Join("..", "..", "..", "testdata", "golden", "aggregate.json")
)

func run(t *testing.T, opts *Options) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts.IO = &cli.IO{Out: &out, ErrOut: &errOut}
	err := runAggregate(opts)
	s := out.String() + errOut.String()
	if err != nil {
		s += err.Error()
	}
	return s, cli.Code(err)
}

// copySamples copies the sample returns into a fresh folder, leaving out some wards.
func copySamples(t *testing.T, skip ...string) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(samples)
	if err != nil {
		t.Fatal(err)
	}
	left := map[string]bool{}
	for _, s := range skip {
		left[s+".xlsx"] = true
	}
	for _, e := range entries {
		if left[e.Name()] {
			continue
		}
		data, err := os.ReadFile(filepath.Join(samples, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// edit changes answers of one return in place, as a ward typing in Excel would.
func edit(t *testing.T, path string, set map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cells := formtest.Cells(f)
	for name, v := range set {
		loc, ok := cells[name]
		if !ok {
			t.Fatalf("no cell named %s", name)
		}
		if err := f.SetCellStr(loc.Sheet, loc.Cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func readResult(t *testing.T, dir string) *aggregate.Result {
	t.Helper()
	l, err := aggregate.Load(filepath.Join(dir, JSONName))
	if err != nil {
		t.Fatal(err)
	}
	return l.Result
}

// The 24 sample returns give every figure published in 資料１ (testdata/shiryo1.tsv), from
// one command.
func TestSampleReturnsReproduceShiryo1(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: samples, Output: out, History: history})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	if !strings.Contains(msg, "令和６年度上半期 回答 24／24区") || !strings.Contains(msg, filepath.Join(out, SummaryName)) {
		t.Errorf("output:\n%s", msg)
	}
	res := readResult(t, out)

	// Every figure of 資料１, the earlier periods' from --history included.
	aggregatetest.CheckShiryo1(t, res, true)

	snap := func(id, period string) *aggregate.Snapshot {
		for _, s := range res.Question(id).Earlier {
			if s.Period.String() == period {
				return s
			}
		}
		t.Fatalf("%s has no snapshot for %s", id, period)
		return nil
	}
	// A question the earlier period did not publish is no data, never zero.
	if s := snap("i1", "2022"); !s.NoData {
		t.Errorf("i1 in 令和４年度 should be no data: %+v", s)
	}

	// Golden file: the whole aggregate.json, byte for byte.
	got, _ := os.ReadFile(filepath.Join(out, JSONName))
	if *update {
		os.MkdirAll(filepath.Dir(golden), 0o755)
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/internal/aggregatecmd -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("aggregate.json differs from %s (if the change is intended: go test ./cmd/internal/aggregatecmd -run Shiryo1 -update)", golden)
	}
}

func TestOutputsAreDeterministicAndAgree(t *testing.T) {
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	for _, d := range dirs {
		if msg, code := run(t, &Options{Dir: samples, Output: d}); code != 0 {
			t.Fatalf("exit %d\n%s", code, msg)
		}
	}
	for _, name := range []string{JSONName, CSVName, SummaryName, report.PDFName, report.HTMLName, report.PPTXName} {
		a, _ := os.ReadFile(filepath.Join(dirs[0], name))
		b, _ := os.ReadFile(filepath.Join(dirs[1], name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs on the same returns", name)
		}
	}
	res := readResult(t, dirs[0])

	// The CSV: BOM, header, one row per ward and answer, its counts agree with the JSON.
	data, _ := os.ReadFile(filepath.Join(dirs[0], CSVName))
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF期間,区,基本保健医療圏,設問ID,設問,選択肢・区分,値,集計ID\r\n")) {
		t.Errorf("CSV starts %q", data[:min(80, len(data))])
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var u3 int64
	wards := map[string]bool{}
	for _, r := range rows[1:] {
		wards[r[1]] = true
		if strings.HasPrefix(r[3], "u3.") && r[3] != "u3.01r" {
			var v int64
			json.Unmarshal([]byte(r[6]), &v)
			u3 += v
		}
	}
	if u3 != res.Question("u3").Total.Sum || len(wards) != 24 {
		t.Errorf("CSV: u3 sum %d (JSON %d), %d wards", u3, res.Question("u3").Total.Sum, len(wards))
	}

	// The Excel summary, re-opened: its total row for u3 shows the JSON's figure.
	f, err := excelize.OpenFile(filepath.Join(dirs[0], SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total := strconv.FormatInt(res.Question("u3").Total.Sum, 10)
	if !sheetHas(t, f, "集計", total) || !sheetHas(t, f, "集計", "回答 24／24区") {
		t.Errorf("集計 sheet lacks the u3 total %s or the submission line", total)
	}
}

func sheetHas(t *testing.T, f *excelize.File, sheet, want string) bool {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, want) {
				return true
			}
		}
	}
	return false
}

// Problems stop the aggregate: exit 1, every problem named, nothing written.
func TestProblemsStopTheAggregate(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) string
		want  []string
	}{
		{"missing ward", func(t *testing.T) string { return copySamples(t, "西区") },
			[]string{"■ 未提出（1区）: 西区", "回答 23／24区（未提出: 西区）"}},
		{"duplicate ward", func(t *testing.T) string {
			dir := copySamples(t)
			data, _ := os.ReadFile(filepath.Join(dir, "北区.xlsx"))
			os.WriteFile(filepath.Join(dir, "北区（修正版）.xlsx"), data, 0o644)
			return dir
		}, []string{"■ 北区（北区.xlsx、北区（修正版）.xlsx）", "北区の回答票が複数あります（北区.xlsx、北区（修正版）.xlsx）"}},
		{"mixed periods", func(t *testing.T) string {
			dir := copySamples(t)
			edit(t, filepath.Join(dir, "港区.xlsx"), map[string]string{form.NamePeriod: "令和５年度下半期"})
			return dir
		}, []string{"■ 港区（港区.xlsx）: エラー 1", "対象期間「令和５年度下半期」が他の回答票（令和６年度上半期）と異なります"}},
		{"one invalid return", func(t *testing.T) string {
			dir := copySamples(t)
			edit(t, filepath.Join(dir, "生野区.xlsx"), map[string]string{form.DefinedName("u3.05"): "たくさん"})
			return dir
		}, []string{"■ 生野区（生野区.xlsx）: エラー 1", "相談支援室!D", "「たくさん」は数として読めません", "集計から除外: 生野区"}},
		{"unreadable file", func(t *testing.T) string {
			dir := copySamples(t)
			os.WriteFile(filepath.Join(dir, "メモ.xlsx"), []byte("hello"), 0o644)
			return dir
		}, []string{"■ 区を特定できないファイル", "メモ.xlsx", "CSV やテキストのファイルです"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t)
			out := filepath.Join(t.TempDir(), "out")
			msg, code := run(t, &Options{Dir: dir, Output: out})
			if code != cli.ExitFindings {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range append(tc.want, "集計を中止しました。何も出力していません") {
				if !strings.Contains(msg, w) {
					t.Errorf("output lacks %q:\n%s", w, msg)
				}
			}
			// Each finding is printed once, however many files a ward has.
			for _, w := range tc.want[1:] {
				if n := strings.Count(msg, w); n != 1 {
					t.Errorf("%q printed %d times:\n%s", w, n, msg)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("output folder was created: %v", err)
			}
		})
	}
}

// A failed run leaves the previous outputs as they were.
func TestFailedRunKeepsPreviousOutputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if msg, code := run(t, &Options{Dir: samples, Output: out}); code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	before, _ := os.ReadFile(filepath.Join(out, JSONName))
	if _, code := run(t, &Options{Dir: copySamples(t, "北区"), Output: out}); code != cli.ExitFindings {
		t.Fatalf("exit %d", code)
	}
	after, _ := os.ReadFile(filepath.Join(out, JSONName))
	if !bytes.Equal(before, after) {
		t.Error("a failed run changed the previous aggregate.json")
	}
}

// With --allow-incomplete the outputs are written and each states the count and who is missing.
func TestAllowIncomplete(t *testing.T) {
	dir := copySamples(t, "西区", "港区")
	edit(t, filepath.Join(dir, "生野区.xlsx"), map[string]string{form.DefinedName("a1.1"): "たぶん"})
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: dir, Output: out, AllowIncomplete: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	const line = "回答 21／24区（未提出: 西区、港区／集計から除外: 生野区）"
	if !strings.Contains(msg, line) || !strings.Contains(msg, "注意: すべての区がそろっていないため") {
		t.Errorf("output:\n%s", msg)
	}
	res := readResult(t, out)
	if res.Submission.Summary != line || res.Submission.Complete || res.Question("i1").Rows[0].Count("開催している")+res.Question("i1").Rows[0].Count("現時点では未開催") != 21 {
		t.Errorf("aggregate.json submission %+v", res.Submission.Summary)
	}
	csvData, _ := os.ReadFile(filepath.Join(out, CSVName))
	for _, w := range []string{"西区,西部,_status,提出状況,未提出,", "生野区,東部,_status,提出状況,エラーあり（集計から除外）,"} {
		if !strings.Contains(string(csvData), w) {
			t.Errorf("CSV lacks %q", w)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !sheetHas(t, f, "集計", line) {
		t.Error("集計表.xlsx does not state the count and the missing wards")
	}
}

func TestUsageErrors(t *testing.T) {
	empty := t.TempDir()
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Dir: filepath.Join(empty, "ない")}, "が見つかりません"},
		{Options{Dir: empty}, "回答票（.xlsx）がありません"},
		{Options{Dir: filepath.Join(samples, "北区.xlsx")}, "北区.xlsx はフォルダではなくファイルです。aggregate には回答票を集めたフォルダを指定してください（例: zaitaku aggregate " + samples + "）。１つの回答票を確認するときは zaitaku validate"},
		{Options{Dir: filepath.Join(history, "2023H1.json")}, "はフォルダではなくファイルです。aggregate には回答票を集めたフォルダを指定してください（例: zaitaku aggregate ./回答票）"},
		{Options{Dir: samples, Previous: []string{filepath.Join(empty, "x.json")}}, "--previous"},
		{Options{Dir: samples, History: empty}, "--history: フォルダ"},
		{Options{Dir: samples, Period: "来期"}, "--period"},
	} {
		msg, code := run(t, &tc.opts)
		if code != cli.ExitUsage || !strings.Contains(msg, tc.want) {
			t.Errorf("%+v: exit %d, output %q", tc.opts, code, msg)
		}
	}
}

// Folders and files with Japanese names and spaces, as staff name them on Windows.
func TestJapaneseFolderNamesWithSpaces(t *testing.T) {
	src := copySamples(t)
	dir := filepath.Join(t.TempDir(), "令和６年度 上半期", "回答票 (最終)")
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(src, dir); err != nil {
		t.Fatal(err)
	}
	// One return renamed with spaces and full-width characters; its ward comes from the sheet.
	if err := os.Rename(filepath.Join(dir, "北区.xlsx"), filepath.Join(dir, "北区 回答票（提出用）.xlsx")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(dir), "集計 結果")
	msg, code := run(t, &Options{Dir: dir, Output: out})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	res := readResult(t, out)
	if res.Submission.Wards[0].Files[0].Name != "北区 回答票（提出用）.xlsx" || res.Submission.Summary != "回答 24／24区" {
		t.Errorf("北区 files %+v, %s", res.Submission.Wards[0].Files, res.Submission.Summary)
	}
	if _, err := os.Stat(filepath.Join(out, report.PDFName)); err != nil {
		t.Error(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A returns folder as it really arrives: one ward sent an .xls, another's name is
// Shift_JIS from a Windows zip unpacked elsewhere, and the last run's outputs sit beside
// the returns (one renamed). The ward that sent .xls is named with the advice, not
// reported 未提出; our outputs are never read as returns; no output holds invalid UTF-8.
func TestFolderAsItArrives(t *testing.T) {
	prev := filepath.Join(t.TempDir(), "prev")
	if msg, code := run(t, &Options{Dir: samples, Output: prev}); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	// Given the summary instead of the folder, aggregate says what it is.
	msg, code := run(t, &Options{Dir: filepath.Join(prev, SummaryName)})
	if code != cli.ExitUsage || !strings.Contains(msg, "集計表.xlsx は、zaitaku aggregate が作った集計表のため、回答票としては読みません。aggregate には回答票を集めたフォルダを指定してください") {
		t.Errorf("aggregate 集計表.xlsx: exit %d\n%s", code, msg)
	}
	dir := copySamples(t, "西区")
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	if err := os.WriteFile(filepath.Join(dir, "西区.xls"), ole, 0o644); err != nil {
		t.Fatal(err)
	}
	const sjisKitaku = "\x96\x6b\x8b\xe6" // 北区
	if err := os.Rename(filepath.Join(dir, "北区.xlsx"), filepath.Join(dir, sjisKitaku+".xlsx")); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{
		SummaryName:    SummaryName,
		CSVName:        CSVName,
		report.PDFName: report.PDFName,
		JSONName:       JSONName,
	} {
		copyFile(t, filepath.Join(prev, from), filepath.Join(dir, to))
	}
	copyFile(t, filepath.Join(prev, SummaryName), filepath.Join(dir, "前回の集計（コピー）.xlsx"))

	out := filepath.Join(t.TempDir(), "out")
	msg, code = run(t, &Options{Dir: dir, Output: out})
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	for _, w := range []string{
		"■ 西区（西区.xls）: エラー 1・警告 0",
		"（ファイル全体）  Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください",
		"回答 23／24区（集計から除外: 西区）",
		"■ 読まなかったファイル",
		"  集計表.xlsx: zaitaku aggregate が作った集計表のため、回答票としては読みません",
		"  前回の集計（コピー）.xlsx: zaitaku aggregate が作った集計表",
		"  集計.csv: zaitaku aggregate が作った集計.csv のため読みません",
		"  report.pdf: zaitaku が作った報告書のため読みません",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("output lacks %q:\n%s", w, msg)
		}
	}
	if strings.Contains(msg, "未提出") || strings.Contains(msg, "特定できない") || !utf8.ValidString(msg) {
		t.Errorf("output:\n%s", msg)
	}

	msg, code = run(t, &Options{Dir: dir, Output: out, AllowIncomplete: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	res := readResult(t, out)
	if f := res.Submission.Wards[0].Files; len(f) != 1 || f[0].Name != "北区.xlsx" {
		t.Errorf("北区 files %+v", f)
	}
	if len(res.Submission.Skipped) != 4 {
		t.Errorf("skipped %+v", res.Submission.Skipped)
	}
	for _, name := range []string{JSONName, CSVName, report.HTMLName} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(data) || bytes.Contains(data, []byte(sjisKitaku)) {
			t.Errorf("%s holds invalid UTF-8", name)
		}
	}
}
