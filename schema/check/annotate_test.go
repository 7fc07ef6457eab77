package check_test

// Annotate marks the findings check gives; the round trip is tested here, after check, so
// that form never depends on check.

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

func TestAnnotateMarksCellsAndKeepsOriginal(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["a1.4"] = "たぶん"
	dir := t.TempDir()
	path, cells := formtest.WriteReturn(t, dir, "北区.xlsx", answers)
	before, _ := os.ReadFile(path)
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "北区（印つき）.xlsx")
	var buf bytes.Buffer
	if err := form.Annotate(&buf, before, r.Findings); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("the original return was modified")
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	loc := cells[form.DefinedName("a1.4")]
	comments, err := f.GetComments(loc.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range comments {
		text := c.Text
		for _, p := range c.Paragraph {
			text += p.Text
		}
		if c.Cell == loc.Cell && strings.Contains(text, "選択肢にありません") {
			found = true
		}
	}
	if !found {
		t.Errorf("no comment on %s in the annotated copy: %+v", loc, comments)
	}
	idx, _ := f.GetCellStyle(loc.Sheet, loc.Cell)
	st, _ := f.GetStyle(idx)
	if st == nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FF8080" {
		t.Errorf("cell %s not filled red: %+v", loc, st)
	}
}
