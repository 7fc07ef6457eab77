package check_test

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestHelperCellsAreNoAnswers holds that a value in the live checks' cells (a defined name
// starting form.HelperPrefix) is never taken for an answer typed one cell off, while the
// same value outside them still is.
func TestHelperCellsAreNoAnswers(t *testing.T) {
	sc := schema.Default()
	tests := []struct {
		name, helper string // a defined name and where it points; "" for none
		want         int    // misplaced-right findings
	}{
		{"", "", 1},
		{"zh_box_9", "'区役所'!$E$12:$E$14", 0},
		{"zh_flags_9", "'区役所'!$E$1:$K$60", 0},
		{"ZH_UPPER", "'区役所'!$E$13", 0},
		{"zh_other_sheet", "'相談支援室'!$E$12:$E$14", 1},
		{"zx_not_helper", "'区役所'!$E$12:$E$14", 1},
	}
	for _, tt := range tests {
		answers := formtest.ValidAnswers(sc)
		delete(answers, "a1.4")
		path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
		if loc := cells[form.DefinedName("a1.4")]; loc.Sheet != "区役所" || loc.Cell != "D13" {
			t.Fatalf("a1.4 is at %s", loc)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStr("区役所", "E13", "実施している"); err != nil {
			t.Fatal(err)
		}
		if tt.name != "" {
			if err := f.SetDefinedName(&excelize.DefinedName{Name: tt.name, RefersTo: tt.helper}); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "北区.xlsx")
		if err := f.SaveAs(out); err != nil {
			t.Fatal(err)
		}
		f.Close()
		r, err := check.Read(out, sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		for _, fd := range r.Findings {
			if fd.Code == finding.MisplacedRight {
				got++
			}
		}
		if got != tt.want {
			t.Errorf("%s → %s: %d misplaced-right findings, want %d: %v", tt.name, tt.helper, got, tt.want, r.Findings)
		}
	}
}
