package checkercmd_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/root"
	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
)

// zaitaku runs the whole command line, as a ward or the bureau types it: what it prints
// on standard output (errors are added to it) and its exit code.
func zaitaku(args ...string) (string, int) {
	var out bytes.Buffer
	cmd := root.NewCmdRoot(&cli.IO{Out: &out, ErrOut: &out})
	cmd.SetArgs(args)
	err := cmd.Execute()
	var ee *cli.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.Msg != "") {
		out.WriteString(err.Error())
	}
	return out.String(), cli.Code(err)
}

func repo(parts ...string) string {
	return filepath.Join(append([]string{aggregatetest.Root()}, parts...)...)
}

// writePage runs `zaitaku checker -o` with args and returns the page's path.
func writePage(t *testing.T, args ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "回答票チェック.html")
	if out, code := zaitaku(append([]string{"checker", "-o", path}, args...)...); code != cli.ExitOK {
		t.Fatalf("checker %v: exit %d\n%s", args, code, out)
	}
	return path
}

// pageConfig reads the config the page hands to its WebAssembly checker.
func pageConfig(t *testing.T, path string) pagecheck.Config {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const open = `<script type="application/json" id="zaitaku-config">`
	_, rest, ok := strings.Cut(string(data), open)
	raw, _, ok2 := strings.Cut(rest, "</script>")
	if !ok || !ok2 {
		t.Fatal("page has no config")
	}
	var c pagecheck.Config
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkLikePage runs the page's check natively on files, with the page's config.
func checkLikePage(t *testing.T, page string, files ...string) pagecheck.Result {
	t.Helper()
	l, err := pagecheck.Load(pageConfig(t, page))
	if err != nil {
		t.Fatal(err)
	}
	var in []pagecheck.File
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, pagecheck.File{Name: filepath.Base(f), Data: data})
	}
	return l.Check(in)
}

// sameAsValidate holds the page's result for files to what validate prints for them: the
// text, the JSON (validate run in the files' folder, so File is the bare name as on the
// page) and the exit code.
func sameAsValidate(t *testing.T, res pagecheck.Result, flags []string, files ...string) {
	t.Helper()
	text, code := zaitaku(append(append([]string{"validate"}, flags...), files...)...)
	js, jcode := zaitaku(append(append([]string{"validate", "--format", "json"}, flags...), files...)...)
	if res.Text != text {
		t.Errorf("%v %v: page text\n%s\nvalidate prints\n%s", flags, names(files), res.Text, text)
	}
	if res.JSON != js {
		t.Errorf("%v %v: page JSON\n%s\nvalidate --format json prints\n%s", flags, names(files), res.JSON, js)
	}
	if res.Code != code || code != jcode {
		t.Errorf("%v %v: page exit %d, validate %d (json %d)", flags, names(files), res.Code, code, jcode)
	}
}

func names(files []string) []string {
	var out []string
	for _, f := range files {
		out = append(out, filepath.Base(f))
	}
	return out
}

// inDir runs the test body from dir, so validate names files as the page does.
func inDir(t *testing.T, dir string) {
	t.Helper()
	t.Chdir(dir)
}

// Every odd or hostile workbook of testdata/bad and a sample return give on the page exactly
// what validate prints, file by file and all at once with the closing verdict.
func TestPageChecksLikeValidate(t *testing.T) {
	page := writePage(t)
	bad := repo("testdata", "bad")
	entries, err := os.ReadDir(bad)
	if err != nil {
		t.Fatal(err)
	}
	inDir(t, bad)
	var files []string
	for _, e := range entries {
		if e.IsDir() || e.Name() == "README.md" || e.Name() == "cases.tsv" {
			continue
		}
		files = append(files, e.Name())
		sameAsValidate(t, checkLikePage(t, page, e.Name()), nil, e.Name())
	}
	if len(files) < 40 {
		t.Fatalf("only %d bad files", len(files))
	}
	sameAsValidate(t, checkLikePage(t, page, files[:6]...), nil, files[:6]...)
}

// A sample return, clean and with the period given: the same as validate, and an annotated
// copy only when a finding has a cell.
func TestPageChecksPeriodAndSamples(t *testing.T) {
	inDir(t, repo("testdata", "returns"))
	plain := writePage(t)
	res := checkLikePage(t, plain, "北区.xlsx", "都島区.xlsx")
	sameAsValidate(t, res, nil, "北区.xlsx", "都島区.xlsx")
	if res.Files[0].Annotated != nil || res.Verdict != "問題はありません（2 ファイル）" {
		t.Errorf("clean returns: annotated %d bytes, verdict %q", len(res.Files[0].Annotated), res.Verdict)
	}
	other := writePage(t, "--period", "2023H2")
	res = checkLikePage(t, other, "北区.xlsx")
	sameAsValidate(t, res, []string{"--period", "2023H2"}, "北区.xlsx")
	if res.Code != cli.ExitFindings || res.Files[0].Annotated == nil || res.Files[0].AnnotatedName != "北区_確認結果.xlsx" {
		t.Errorf("wrong period: exit %d, annotated %q", res.Code, res.Files[0].AnnotatedName)
	}
}

// The 前回比 check on the page: the previous answers are carried in the page and give the
// same warnings as validate --previous.
func TestPagePrevious(t *testing.T) {
	prev := aggregatetest.PreviousSample(t, t.TempDir())
	page := writePage(t, "--previous", prev)
	inDir(t, repo("testdata", "returns"))
	files := []string{"北区.xlsx", "都島区.xlsx", "福島区.xlsx", "此花区.xlsx", "中央区.xlsx"}
	res := checkLikePage(t, page, files...)
	sameAsValidate(t, res, []string{"--previous", prev}, files...)
	if !strings.Contains(res.JSON, `"change-`) {
		t.Error("no 前回比 finding in the sample returns against the previous sample")
	}
}

// The 月報: its own schema, named on the page, checks its own returns as validate does.
func TestPageGetsuho(t *testing.T) {
	dir := t.TempDir()
	yaml := filepath.Join(dir, "getsuho.yaml")
	out, code := zaitaku("schema", "example", "月報")
	if code != cli.ExitOK {
		t.Fatalf("schema example: %d %s", code, out)
	}
	if err := os.WriteFile(yaml, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	page := writePage(t, "--schema", yaml)
	inDir(t, repo("testdata", "getsuho", "returns"))
	res := checkLikePage(t, page, "北区.xlsx", "中央区.xlsx")
	sameAsValidate(t, res, []string{"--schema", yaml}, "北区.xlsx", "中央区.xlsx")
	html, _ := os.ReadFile(page)
	for _, want := range []string{"<title>回答票チェック（高齢者等在宅医療・介護連携に関する相談支援事業 月報）</title>", "osaka-soudan-getsuho/1"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the 月報 page lacks %q", want)
		}
	}
}

// An existing file is kept unless --force; a folder that cannot be written is exit 3; a
// wrong period is a usage error.
func TestOverwriteAndExitCodes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "回答票チェック.html")
	if err := os.WriteFile(path, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := zaitaku("checker", "-o", path)
	if data, _ := os.ReadFile(path); code != cli.ExitUsage || string(data) != "keep" || !strings.Contains(out, "--force") {
		t.Errorf("existing file: exit %d, %q\n%s", code, data, out)
	}
	if out, code := zaitaku("checker", "-o", path, "--force"); code != cli.ExitOK || !strings.Contains(out, "回答票チェックのページを作りました") {
		t.Errorf("--force: exit %d\n%s", code, out)
	}
	if data, _ := os.ReadFile(path); !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Error("--force did not write the page")
	}
	if out, code := zaitaku("checker", "-o", filepath.Join(dir, "ない", "page.html")); code != cli.ExitOutput {
		t.Errorf("missing folder: exit %d, want %d\n%s", code, cli.ExitOutput, out)
	}
	if out, code := zaitaku("checker", "-o", filepath.Join(dir, "p.html"), "--period", "令和"); code != cli.ExitUsage {
		t.Errorf("bad period: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "p.html")); err == nil {
		t.Error("a page written despite a bad period")
	}
	// Without -o the page is 回答票チェック.html in the current folder.
	t.Chdir(t.TempDir())
	if out, code := zaitaku("checker"); code != cli.ExitOK {
		t.Errorf("no -o: exit %d\n%s", code, out)
	}
	if _, err := os.Stat("回答票チェック.html"); err != nil {
		t.Errorf("no -o: %v", err)
	}
}
