package check_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// sjisKitaku is 「北区」 in Shift_JIS, as a Windows zip unpacked on Linux leaves it.
const sjisKitaku = "\x96\x6b\x8b\xe6"

// A return whose name on disk is Shift_JIS is read and reported under the decoded name.
func TestReadNamedShiftJISFile(t *testing.T) {
	dir := t.TempDir()
	ret, _ := formtest.WriteReturn(t, dir, "x.xlsx", formtest.ValidAnswers(schema.Default()))
	raw := filepath.Join(dir, sjisKitaku+".xlsx")
	if err := os.Rename(ret, raw); err != nil {
		t.Fatal(err)
	}
	l, err := returns.ListFolder(dir)
	if err != nil || len(l.Returns) != 1 || l.Returns[0] != raw {
		t.Fatalf("listing %+v, %v", l, err)
	}
	name := returns.DisplayName(filepath.Base(raw))
	r, err := check.ReadNamed(raw, name, schema.Default(), check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "北区.xlsx" || r.File != raw || r.Ward == nil || r.Ward.Name != "北区" {
		t.Errorf("name %q file %q ward %v", r.Name, r.File, r.Ward)
	}
	for _, f := range r.Findings {
		if f.File != "北区.xlsx" {
			t.Errorf("finding names %q", f.File)
		}
	}
}
