package check_test

import (
	"archive/zip"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// resave converts an .xlsx through LibreOffice Calc and back to .xlsx, as a ward that edits
// its return in LibreOffice would.
func resave(t *testing.T, bin, src string) string {
	t.Helper()
	outDir := filepath.Join(t.TempDir(), "lo")
	formtest.Convert(t, bin, src, "xlsx:Calc MS Excel 2007 XML", outDir)
	dst := filepath.Join(outDir, filepath.Base(src))
	zr, err := zip.OpenReader(dst)
	if err != nil {
		t.Fatalf("soffice wrote no readable %s: %v", dst, err)
	}
	defer zr.Close()
	app, err := zr.Open("docProps/app.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	meta, _ := io.ReadAll(app)
	if !strings.Contains(string(meta), "LibreOffice") {
		t.Fatalf("%s was not written by LibreOffice: %s", dst, meta)
	}
	return dst
}

func TestLibreOfficeResavedReturnReadsTheSame(t *testing.T) {
	bin := formtest.Soffice(t)
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["a1.2"] = "準備中"
	answers["u3.03"] = "１,２３４"
	answers["o1.19"] = 40
	answers["o1.01"] = 12
	answers["_remark.u"] = "医科が増えたのは、新たに病院の地域連携室と\n定例会を始めたため"
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
	before, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	after, err := check.Read(resave(t, bin, path), sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range after.Findings {
		t.Errorf("finding after LibreOffice: %s %s %s", f.Where(), f.Label, f.Message)
	}
	if after.Ward != before.Ward || after.Period != before.Period {
		t.Errorf("header changed: %v %v → %v %v", before.Ward, before.Period, after.Ward, after.Period)
	}
	if !reflect.DeepEqual(before.Counts, after.Counts) {
		t.Errorf("counts changed:\nbefore %v\nafter  %v", before.Counts, after.Counts)
	}
	if !reflect.DeepEqual(before.Texts, after.Texts) || !reflect.DeepEqual(before.Lists, after.Lists) {
		t.Errorf("text changed")
	}
	for k, o := range before.Choices {
		if after.Choices[k] != o {
			t.Errorf("%s: %v → %v", k, o, after.Choices[k])
		}
	}
	if want := "医科が増えたのは、新たに病院の地域連携室と\n定例会を始めたため"; before.Remarks["u"] != want || after.Remarks["u"] != want {
		t.Errorf("備考 of ウ: %q → %q after LibreOffice, want %q", before.Remarks["u"], after.Remarks["u"], want)
	}
	if after.Counts["u3.03"] != 1234 {
		t.Errorf("u3.03 = %d after LibreOffice", after.Counts["u3.03"])
	}
}
