package reportcmd

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/cli/clitest"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/spf13/cobra"
)

var golden = filepath.Join("..", "..", "..", "testdata", "golden", "aggregate.json")

func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	return clitest.Run(func(io *cli.IO) *cobra.Command { return NewCmdReport(io, nil) }, args...)
}

// The report is drawn again from a saved aggregate with another 資料番号 and title.
func TestReportFromSavedAggregate(t *testing.T) {
	dir := t.TempDir()
	pdf, html, deck := filepath.Join(dir, "資料２.pdf"), filepath.Join(dir, "資料２.html"), filepath.Join(dir, "資料２.pptx")
	out, code := run(t, golden, "-o", pdf, "--html", html, "--pptx", deck, "--doc-label", "資料２", "--title", "在宅医療・介護連携の取組状況")
	if code != 0 || !strings.Contains(out, "令和６年度上半期 回答 24／24区") || !strings.Contains(out, pdf) {
		t.Fatalf("exit %d\n%s", code, out)
	}
	h, _ := os.ReadFile(html)
	if !bytes.Contains(h, []byte("資料２")) || !bytes.Contains(h, []byte("在宅医療・介護連携の取組状況")) {
		t.Error("the HTML lacks the new 資料番号 or title")
	}
	d, _ := os.ReadFile(deck)
	if cover := deckPart(t, d, "ppt/slides/slide1.xml"); !strings.Contains(cover, "資料２") || !strings.Contains(cover, "在宅医療・介護連携の取組状況") {
		t.Error("the deck's cover lacks the new 資料番号 or title")
	}
	p, _ := os.ReadFile(pdf)
	if !bytes.HasPrefix(p, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text, err := exec.Command(formtest.Tool(t, "poppler-utils", "pdftotext"), pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(text, []byte("資料２")) || !bytes.Contains(text, []byte("在宅医療・介護連携の取組状況")) {
		t.Errorf("pdftotext finds no 資料２ or title:\n%s", text[:min(len(text), 400)])
	}
}

func TestDefaultOutputsBesideTheAggregate(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(golden)
	in := filepath.Join(dir, "aggregate.json")
	os.WriteFile(in, data, 0o644)
	if out, code := run(t, in); code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, name := range []string{"report.pdf", "report.html", "report.pptx"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", name, err)
		}
	}
}

func TestReportErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "x.json")
	os.WriteFile(notJSON, []byte("{\"format\": \"other\"}"), 0o644)
	badFont := filepath.Join(dir, "font.ttf")
	os.WriteFile(badFont, []byte("not a font"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "none.json")}, "を読めません"},
		{[]string{notJSON}, "zaitaku の集計結果（aggregate.json）ではありません"},
		{[]string{golden, "-o", filepath.Join(dir, "r.pdf"), "--font", badFont}, "フォント " + badFont + " を使えません"},
		{nil, "aggregate.json）を１つ指定してください"},
	} {
		out, code := run(t, tc.args...)
		if code != cli.ExitUsage || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, out)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "r.pdf")); !os.IsNotExist(err) {
		t.Error("a failed render left a file behind")
	}
}

// Each of -o, --html and --pptx writes its own file and only what was asked for; none of
// them writes all three beside aggregate.json; the output names exactly the files written.
func TestWritesOnlyWhatWasAsked(t *testing.T) {
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"none", nil, []string{"aggregate.json", "report.html", "report.pdf", "report.pptx"}},
		{"-o only", []string{"-o", "資料.pdf"}, []string{"aggregate.json", "資料.pdf"}},
		{"--html only", []string{"--html", "資料.html"}, []string{"aggregate.json", "資料.html"}},
		{"--pptx only", []string{"--pptx", "資料.pptx"}, []string{"aggregate.json", "資料.pptx"}},
		{"-o and --pptx", []string{"-o", "資料.pdf", "--pptx", "資料.pptx"}, []string{"aggregate.json", "資料.pdf", "資料.pptx"}},
		{"all three", []string{"-o", "資料.pdf", "--html", "資料.html", "--pptx", "資料.pptx"}, []string{"aggregate.json", "資料.html", "資料.pdf", "資料.pptx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "aggregate.json")
			os.WriteFile(in, data, 0o644)
			args := []string{in}
			for i, a := range tc.args {
				if i%2 == 1 {
					a = filepath.Join(dir, a)
				}
				args = append(args, a)
			}
			out, code := run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, out)
			}
			entries, _ := os.ReadDir(dir)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("folder holds %v, want %v", got, tc.want)
			}
			var listed []string
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "  ") {
					listed = append(listed, filepath.Base(strings.TrimSpace(l)))
				}
			}
			if !sameSet(listed, without(tc.want, "aggregate.json")) {
				t.Errorf("printed %v, wrote %v\n%s", listed, tc.want, out)
			}
		})
	}
}

func without(s []string, x string) []string {
	var out []string
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	m := map[string]int{}
	for _, v := range a {
		m[v]++
	}
	for _, v := range b {
		m[v]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}

// The re-drawn report carries the same 集計ID as the aggregate's own outputs: the ID is
// the hash of the aggregate.json read.
func TestReportCarriesTheIDOfItsAggregate(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(golden)
	in := filepath.Join(dir, "aggregate.json")
	os.WriteFile(in, data, 0o644)
	out, code := run(t, in)
	id := aggregate.ID(data)
	if code != 0 || !strings.Contains(out, "集計ID "+id) {
		t.Fatalf("exit %d, ID %s\n%s", code, id, out)
	}
	h, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	if !bytes.Contains(h, []byte(`content="`+id+`"`)) {
		t.Error("report.html lacks the ID")
	}
}

func TestOutputOverTheInputRefused(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(golden)
	in := filepath.Join(dir, "aggregate.json")
	os.WriteFile(in, data, 0o644)
	for _, flag := range []string{"-o", "--html", "--pptx"} {
		out, code := run(t, in, flag, in)
		if code != cli.ExitUsage || !strings.Contains(out, "読み込む集計結果そのもの") {
			t.Errorf("%s: exit %d\n%s", flag, code, out)
		}
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, data) {
		t.Error("aggregate.json was overwritten")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a refused run wrote files: %v", entries)
	}
}

// Two of -o, --html and --pptx naming one file are refused before anything is drawn: one
// would silently overwrite the other. Another spelling of the path counts, and so does an
// existing file reached by another name (a hard link here, standing in for 資料.PPTX and
// 資料.pptx on Windows' case-insensitive folders).
func TestOneFileForTwoOutputsRefused(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(golden)
	in := filepath.Join(dir, "aggregate.json")
	os.WriteFile(in, data, 0o644)
	same := filepath.Join(dir, "資料.pptx")
	existing := filepath.Join(dir, "前回.pptx")
	os.WriteFile(existing, []byte("previous"), 0o644)
	linked := filepath.Join(dir, "別名.pptx")
	if err := os.Link(existing, linked); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", same, "--pptx", same}, "-o と --pptx に同じファイル"},
		{[]string{"--html", same, "--pptx", same}, "--html と --pptx に同じファイル"},
		{[]string{"-o", same, "--html", same}, "-o と --html に同じファイル"},
		{[]string{"-o", filepath.Join(dir, "x.pdf"), "--html", same, "--pptx", filepath.Join(dir, ".", "資料.pptx")}, "--html と --pptx に同じファイル"},
		{[]string{"-o", filepath.Join(dir, "..", filepath.Base(dir), "資料.pptx"), "--pptx", same}, "-o と --pptx に同じファイル"},
		{[]string{"-o", existing, "--pptx", linked}, "-o と --pptx に同じファイル"},
	} {
		out, code := run(t, append([]string{in}, tc.args...)...)
		if code != cli.ExitUsage || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, out)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("a refused run wrote files: %v", entries)
	}
	if got, _ := os.ReadFile(existing); string(got) != "previous" {
		t.Error("前回.pptx was overwritten")
	}
}

// deckPart is one part of a .pptx package as text.
func deckPart(t *testing.T, deck []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(deck), int64(len(deck)))
	if err != nil {
		t.Fatalf("not a .pptx package: %v", err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatalf("the deck has no %s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Files people reach for after an aggregate, given instead of aggregate.json: each gets a
// message saying what it is and what to give instead.
func TestReportWrongInput(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"集計.csv", "集計表.xlsx", "report.pdf", "report.pptx"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "aggregate.json"), data, 0o644)
	empty := t.TempDir()
	for _, tc := range []struct {
		arg  string
		want []string
	}{
		{filepath.Join(dir, "集計.csv"), []string{"集計.csv は CSV ファイルです", "aggregate.json を指定してください", "同じフォルダにあります: zaitaku report " + filepath.Join(dir, "aggregate.json")}},
		{filepath.Join(dir, "集計表.xlsx"), []string{"Excel ファイルです", "zaitaku aggregate 回答票のフォルダ"}},
		{filepath.Join(dir, "report.pptx"), []string{"report.pptx は PowerPoint ファイルです", "同じフォルダにあります: zaitaku report " + filepath.Join(dir, "aggregate.json")}},
		{filepath.Join(empty, "x.pdf"), []string{"x.pdf を読めません（ファイルがありません）"}},
		{dir, []string{"はフォルダです。その中の集計結果を指定してください（zaitaku report " + filepath.Join(dir, "aggregate.json") + "）"}},
		{empty, []string{"はフォルダです。zaitaku aggregate が出力した aggregate.json を指定してください"}},
	} {
		out, code := run(t, tc.arg)
		if code != cli.ExitUsage {
			t.Errorf("%s: exit %d, want 2", tc.arg, code)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.arg, w, out)
			}
		}
	}
}
