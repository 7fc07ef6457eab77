package validatecmd

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

func run(t *testing.T, opts *Options) (string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	opts.IO = &cli.IO{Out: &out, ErrOut: &errOut}
	if opts.Format == "" {
		opts.Format = "text"
	}
	err := runValidate(opts)
	var ee *cli.ExitError
	if err != nil && !isExit(err, &ee) {
		t.Fatalf("unexpected error: %v", err)
	}
	s := out.String()
	if ee != nil && ee.Msg != "" {
		s += ee.Msg
	}
	return s, cli.Code(err)
}

func isExit(err error, target **cli.ExitError) bool {
	ee, ok := err.(*cli.ExitError)
	*target = ee
	return ok
}

func TestCleanReturn(t *testing.T) {
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", formtest.ValidAnswers(schema.Default()))
	out, code := run(t, &Options{Files: []string{path}, Period: "令和６年度上半期"})
	if code != cli.ExitOK || !strings.Contains(out, "北区.xlsx: 問題はありません") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
}

func TestFindingsListedWithCell(t *testing.T) {
	a := formtest.ValidAnswers(schema.Default())
	a["u3.02"] = "１２件"
	a["a1.3"] = ""
	dir := t.TempDir()
	path, cells := formtest.WriteReturn(t, dir, "北区.xlsx", a)
	out, code := run(t, &Options{Files: []string{path}, Annotate: filepath.Join(dir, "確認結果")})
	if code != cli.ExitFindings {
		t.Fatalf("exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"エラー  " + cells[form.DefinedName("u3.02")].String() + "  （ウ）（３）活動状況 ①連絡調整機関 ― ２．歯科: 「１２件」は数字以外の文字を含みます",
		"エラー  " + cells[form.DefinedName("a1.3")].String() + "  （ア）",
		"北区.xlsx: 不備 2件（エラー 2・警告 0）",
		"不備の箇所に印を付けた写し",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "確認結果", "北区.xlsx")); err != nil {
		t.Errorf("annotated copy not written: %v", err)
	}
	// Never over the return itself: that is a wrong command line (2), the return unchanged.
	before, _ := os.ReadFile(path)
	if out, code := run(t, &Options{Files: []string{path}, Annotate: dir}); code != cli.ExitUsage || !strings.Contains(out, "同じ場所には書けません") {
		t.Errorf("annotating onto the return: exit %d\n%s", code, out)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the return was modified")
	}
	// A copy that cannot be written is exit 3.
	if out, code := run(t, &Options{Files: []string{path}, Annotate: filepath.Join(path, "x")}); code != cli.ExitOutput {
		t.Errorf("annotating into a file: exit %d, want 3\n%s", code, out)
	}
}

func TestJSONFormat(t *testing.T) {
	a := formtest.ValidAnswers(schema.Default())
	a["i1"] = "わからない"
	path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", a)
	out, code := run(t, &Options{Files: []string{path}, Format: "json"})
	if code != cli.ExitFindings {
		t.Fatalf("exit %d", code)
	}
	var got []map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, out)
	}
	if len(got) != 1 {
		t.Fatalf("got %d findings: %s", len(got), out)
	}
	f := got[0]
	loc := cells[form.DefinedName("i1")]
	want := map[string]string{"file": "北区.xlsx", "sheet": loc.Sheet, "cell": loc.Cell, "question_id": "i1", "severity": "error", "code": "not-a-choice", "value": "わからない"}
	for k, v := range want {
		if f[k] != v {
			t.Errorf("%s = %q, want %q", k, f[k], v)
		}
	}
	if f["message"] == "" {
		t.Errorf("no message")
	}
}

// Inputs that are not a usable return each get their own one-line explanation and exit 2.
func TestUnusableInputs(t *testing.T) {
	dir := t.TempDir()
	good, _ := formtest.WriteReturn(t, dir, "good.xlsx", formtest.ValidAnswers(schema.Default()))
	goodBytes, _ := os.ReadFile(good)

	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ole := []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	encName := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
	other := excelize.NewFile()
	otherPath := filepath.Join(dir, "他の表.xlsx")
	if err := other.SaveAs(otherPath); err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("not a workbook"))
	zw.Close()

	cases := []struct {
		name, path, want string
		code             finding.Code // "" for a usage error, which gives no finding
	}{
		{"zero bytes", write("空.xlsx", nil), "ファイルが空です", finding.Unreadable},
		{"old xls", write("北区.xls", append(ole, make([]byte, 600)...)), "Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください", finding.WrongFormat},
		{"encrypted", write("暗号.xlsx", append(append(ole, make([]byte, 100)...), encName...)), "パスワードで保護", finding.WrongFormat},
		{"csv", write("北区.csv", []byte("区名,回答\n北区,実施している\n")), "CSV やテキストのファイルです", finding.WrongFormat},
		{"truncated", write("途中.xlsx", goodBytes[:2000]), "ファイルが壊れているか", finding.Unreadable},
		{"zip of something else", write("zip.xlsx", zbuf.Bytes()), "ファイルが壊れているか", finding.Unreadable},
		{"not our form", otherPath, "zaitaku の回答票ではありません", finding.NotAReturn},
		{"missing file", filepath.Join(dir, "ない.xlsx"), "ファイルがありません", finding.Unreadable},
		{"folder without returns", mkdir(t, filepath.Join(dir, "空のフォルダ")), "回答票（.xlsx）がありません", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, code := run(t, &Options{Files: []string{tc.path}})
			if code != cli.ExitUsage {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(out, tc.want) || !strings.Contains(out, filepath.Base(tc.path)) {
				t.Errorf("output lacks %q and the file name:\n%s", tc.want, out)
			}
			if strings.Contains(out, "panic") || strings.Contains(out, "goroutine") {
				t.Errorf("stack trace in output:\n%s", out)
			}
			if tc.code == "" {
				return
			}
			js, _ := run(t, &Options{Files: []string{tc.path}, Format: "json"})
			var got []finding.Finding
			if err := json.Unmarshal([]byte(js), &got); err != nil || len(got) != 1 || got[0].Code != tc.code {
				t.Errorf("JSON %s, want one finding of code %s (%v)", js, tc.code, err)
			}
		})
	}
}

func TestFolderArgumentAndUsageErrors(t *testing.T) {
	dir := t.TempDir()
	formtest.WriteReturn(t, dir, "北区.xlsx", formtest.ValidAnswers(schema.Default()))
	os.WriteFile(filepath.Join(dir, "~$北区.xlsx"), []byte("lock"), 0o644)
	out, code := run(t, &Options{Files: []string{dir}})
	if code != cli.ExitOK || !strings.Contains(out, "北区.xlsx: 問題はありません") || strings.Contains(out, "~$") {
		t.Errorf("folder: exit %d\n%s", code, out)
	}
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{}, "確認する回答票を指定してください"},
		{Options{Files: []string{dir}, Period: "来年"}, "--period: 期間「来年」を読み取れません"},
		{Options{Files: []string{dir}, Format: "xml"}, "--format は text か json"},
		{Options{Files: []string{dir}, SchemaPath: filepath.Join(dir, "ない.yaml")}, "スキーマファイル"},
	} {
		out, code := run(t, &tc.opts)
		if code != cli.ExitUsage || !strings.Contains(out, tc.want) {
			t.Errorf("exit %d, want 2 with %q:\n%s", code, tc.want, out)
		}
	}
}

func mkdir(t *testing.T, p string) string {
	t.Helper()
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBadFiles runs every file of testdata/bad against its expected exit code and finding,
// as listed in testdata/bad/cases.tsv (written by go run ./testdata/gen).
func TestBadFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "testdata", "bad")
	manifest, err := os.ReadFile(filepath.Join(dir, "cases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			t.Fatalf("bad manifest line %q", line)
		}
		// The message part documents the case for people; the code decides it.
		name, exit, where, want := cols[0], cols[1], cols[2], finding.Code(cols[3])
		n++
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			out, code := run(t, &Options{Files: []string{path}})
			if fmt.Sprint(code) != exit {
				t.Errorf("exit %d, want %s\n%s", code, exit, out)
			}
			if !strings.Contains(out, name) || (where != "" && !strings.Contains(out, "  "+where+"  ")) {
				t.Errorf("no line at %q naming the file:\n%s", where, out)
			}
			js, _ := run(t, &Options{Files: []string{path}, Format: "json"})
			var got []finding.Finding
			if err := json.Unmarshal([]byte(js), &got); err != nil {
				t.Fatalf("JSON: %v\n%s", err, js)
			}
			found := want == "-" && finding.Count(got, finding.Error) == 0
			for _, f := range got {
				found = found || (f.Code == want && f.Where() == where)
			}
			if !found {
				t.Errorf("no finding %s at %q: %+v", want, where, got)
			}
			if strings.Contains(out, "goroutine") || strings.Contains(out, "panic") {
				t.Errorf("stack trace:\n%s", out)
			}
		})
	}
	if n < 20 {
		t.Errorf("only %d cases in cases.tsv", n)
	}
}

// TestSampleReturnsAreClean checks the committed sample returns the README's first command uses.
func TestSampleReturnsAreClean(t *testing.T) {
	out, code := run(t, &Options{Files: []string{filepath.Join("..", "..", "..", "testdata", "returns")}, Period: "2024H1"})
	if code != cli.ExitOK || strings.Count(out, ": 問題はありません") != 24 {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

// A run over several files ends with one plain verdict.
func TestTotalsLine(t *testing.T) {
	dir := t.TempDir()
	a := formtest.ValidAnswers(schema.Default())
	a[form.MetaWard] = "北区"
	north, _ := formtest.WriteReturn(t, dir, "北区.xlsx", a)
	a[form.MetaWard] = "都島区"
	miya, _ := formtest.WriteReturn(t, dir, "都島区.xlsx", a)
	a["a1.1"] = "たぶん"
	bad, _ := formtest.WriteReturn(t, t.TempDir(), "都島区.xlsx", a)
	for _, tc := range []struct {
		files []string
		code  int
		want  string
	}{
		{[]string{north, miya}, cli.ExitOK, "\n問題はありません（2 ファイル）\n"},
		{[]string{dir}, cli.ExitOK, "\n問題はありません（2 ファイル）\n"},
		{[]string{north, bad}, cli.ExitFindings, "\n2 ファイル中 1 ファイルにエラーがあります\n"},
	} {
		out, code := run(t, &Options{Files: tc.files})
		if code != tc.code || !strings.HasSuffix(out, tc.want) || strings.Contains(out, "0 ファイルにエラー") {
			t.Errorf("%v: exit %d, want %d ending %q:\n%s", tc.files, code, tc.code, tc.want, out)
		}
	}
}

// A folder holding a wrong format, our own summary and a Shift_JIS-named return: each is
// named as a person reads it, the wrong format with its advice.
func TestFolderWithWrongFormats(t *testing.T) {
	dir := t.TempDir()
	a := formtest.ValidAnswers(schema.Default())
	a[form.MetaWard] = "北区"
	p, _ := formtest.WriteReturn(t, dir, "x.xlsx", a)
	if err := os.Rename(p, filepath.Join(dir, "\x96\x6b\x8b\xe6.xlsx")); err != nil {
		t.Fatal(err)
	}
	ole := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)
	os.WriteFile(filepath.Join(dir, "西区.xls"), ole, 0o644)
	os.WriteFile(filepath.Join(dir, "回答票.zip"), []byte("PK\x03\x04"), 0o644)
	out, code := run(t, &Options{Files: []string{dir}})
	for _, w := range []string{
		"  エラー  （ファイル全体）  Excel 97-2003 形式 (.xls) は読めません",
		"西区.xls: 不備 1件（エラー 1・警告 0）",
		"回答票.zip: 圧縮ファイルは読みません",
		"北区.xlsx: 問題はありません",
		"2 ファイル中 1 ファイルにエラーがあります",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if code != cli.ExitUsage || !utf8.ValidString(out) {
		t.Errorf("exit %d, want 2:\n%q", code, out)
	}
}
