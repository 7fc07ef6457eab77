package reportcmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// --ward re-renders one unit's sheet where aggregate puts it, or at -o; the sheet carries
// the aggregate's 集計ID and the unit's answers.
func TestWardSheet(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(golden)
	in := filepath.Join(dir, "aggregate.json")
	os.WriteFile(in, data, 0o644)
	out, code := run(t, in, "--ward", "北区")
	want := filepath.Join(dir, "区別", "北区.pdf")
	if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "北区の区別シートを作りました（集計ID ") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, name := range []string{"report.pdf", "report.html", "report.pptx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("--ward also wrote %s", name)
		}
	}
	other := filepath.Join(dir, "配布", "北.pdf")
	if out, code := run(t, in, "--ward", "北区", "-o", other); code != 0 {
		t.Fatalf("-o: exit %d\n%s", code, out)
	}
	a, _ := os.ReadFile(want)
	b, _ := os.ReadFile(other)
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Equal(a, b) {
		t.Fatal("the two renderings of one sheet differ or are not PDFs")
	}
	text, err := exec.Command(formtest.Tool(t, "poppler-utils", "pdftotext"), want, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	id := out[strings.Index(out, "集計ID ")+len("集計ID ") : strings.Index(out, "）:")]
	for _, w := range []string{"北区 区別シート", "北区: ", "集計ID " + id, "令和６年度上半期"} {
		if !bytes.Contains(text, []byte(w)) {
			t.Errorf("sheet text lacks %q", w)
		}
	}
}

func TestWardSheetErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{golden, "--ward", "北", "-o", filepath.Join(t.TempDir(), "x.pdf")}, "aggregate.json に「北」という区はありません。区の名前は次のとおりです（調査の定義の書き方で指定してください）: 北区、都島区、"},
		{[]string{golden, "--ward", "北区", "--html", filepath.Join(t.TempDir(), "x.html")}, "--ward で作る区別シートは PDF だけです"},
	} {
		out, code := run(t, tc.args...)
		if code != 2 || !strings.Contains(out, tc.want) {
			t.Errorf("%v: exit %d\n%s", tc.args, code, out)
		}
	}
}
