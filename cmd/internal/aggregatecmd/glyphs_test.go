package aggregatecmd

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestGlyphWarning: a ward's 研修テーマ with 𠮷, which the report's font lacks, is a
// warning naming the ward, the cell and the character; the aggregate goes on, and the
// report's text copied out still reads 「𠮷田先生の講演」.
func TestGlyphWarning(t *testing.T) {
	dir := copySamples(t)
	edit(t, filepath.Join(dir, "北区.xlsx"), map[string]string{form.DefinedName("ka2"): "𠮷田先生の講演"})
	f, err := excelize.OpenFile(filepath.Join(dir, "北区.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	cell := formtest.Cells(f)[form.DefinedName("ka2")].String()
	f.Close()
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: dir, Output: out, Quiet: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d, want 0\n%s", code, msg)
	}
	for _, w := range []string{"■ 北区（北区.xlsx）: エラー 0・警告 1", "  警告  " + cell + "  ", "研修テーマ: 報告書（PDF）の文字に「𠮷」(U+20BB7) がないため"} {
		if !strings.Contains(msg, w) {
			t.Errorf("output lacks %q:\n%s", w, msg)
		}
	}
	found := false
	for _, f := range readResult(t, out).Submission.Wards[0].Findings {
		found = found || strings.Contains(f.Message, "「𠮷」(U+20BB7)")
	}
	if !found {
		t.Error("aggregate.json has no warning about 𠮷 for 北区")
	}
	bin := formtest.Tool(t, "poppler-utils", "pdftotext")
	text, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(out, report.PDFName), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "𠮷田先生の講演") {
		t.Error("report.pdf's text lacks 𠮷田先生の講演")
	}
}
