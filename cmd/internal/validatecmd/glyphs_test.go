package validatecmd

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestGlyphWarning: 𠮷 in 研修テーマ, which the report's font lacks, is a warning on the
// list's cell naming the character and its code point; the return is still fine (exit 0).
func TestGlyphWarning(t *testing.T) {
	a := formtest.ValidAnswers(schema.Default())
	a["ka2"] = "𠮷田先生の講演\n在宅歯科講習会\n𩸽を食べる会"
	path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", a)
	out, code := run(t, &Options{Files: []string{path}, Period: "令和６年度上半期"})
	if code != cli.ExitOK {
		t.Fatalf("exit %d, want 0\n%s", code, out)
	}
	want := "警告  " + cells[form.DefinedName("ka2")].String() + "  （カ）研修テーマ: " +
		"報告書（PDF）の文字に「𠮷」(U+20BB7) がないため、「𠮷田先生の講演」の行などの該当の字は「〓」で表示されます"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\n---\n%s", want, out)
	}
	// 𩸽 is in the font (outside the BMP): no warning about it.
	if strings.Contains(out, "𩸽」(U+") {
		t.Errorf("a warning names 𩸽, which the font has:\n%s", out)
	}
	if !strings.Contains(out, "北区.xlsx: 不備 1件（エラー 0・警告 1）") {
		t.Errorf("summary:\n%s", out)
	}
}
