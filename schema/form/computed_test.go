package form_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// A computed figure is a locked, grey formula cell adding up its parts by their defined
// names (which Excel and LibreOffice move with the cells), labelled 自動計算, with no input
// rule, and never a required slot; the breakdown beside it says it is added up.
func TestComputedCellsOnTheForm(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	f, err := form.BuildTemplate(sc, form.TemplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := formtest.Cells(f)
	for _, tc := range []struct {
		key, formula, label string
	}{
		{"c1.med", "SUM(zq_c1med_clinic,zq_c1med_hospital,zq_c1med_other)", "医療（内訳の合計・自動計算）"},
		{"c1.care", "SUM(zq_c1care_cm,zq_c1care_other)", "介護（内訳の合計・自動計算）"},
		{"m1total", "SUM(zq_m1_city,zq_m1_org)", "会議出席回数（市・区の会議＋関係機関との会議・自動計算）"},
	} {
		loc, ok := cells[form.DefinedName(tc.key)]
		if !ok {
			t.Errorf("%s: no defined name %s", tc.key, form.DefinedName(tc.key))
			continue
		}
		row := loc.Cell[1:]
		if got, _ := f.GetCellFormula(loc.Sheet, loc.Cell); got != tc.formula {
			t.Errorf("%s (%s): formula %q, want %q", tc.key, loc, got, tc.formula)
		}
		if got, _ := f.GetCellValue(loc.Sheet, form.LabelCol+row); got != tc.label {
			t.Errorf("%s: label %q, want %q", tc.key, got, tc.label)
		}
		if got, _ := f.GetCellValue(loc.Sheet, form.IDCol+row); got != tc.key {
			t.Errorf("%s: id column %q", tc.key, got)
		}
		id, _ := f.GetCellStyle(loc.Sheet, loc.Cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		if st.Protection != nil && !st.Protection.Locked {
			t.Errorf("%s: the computed cell is not locked", tc.key)
		}
		if !slices.Equal(st.Fill.Color, []string{"EDEDED"}) {
			t.Errorf("%s: fill %v, want the 合計 row's grey EDEDED", tc.key, st.Fill.Color)
		}
		dvs, _ := f.GetDataValidations(loc.Sheet)
		for _, dv := range dvs {
			if inSqref(t, dv.Sqref, loc.Cell) {
				t.Errorf("%s: the computed cell has an input rule (%s)", tc.key, dv.Sqref)
			}
		}
	}
	if p, err := f.GetSheetProtection("相談支援室"); err != nil || !p.SelectLockedCells {
		t.Errorf("the sheet is not protected as the form's sheets are: %+v %v", p, err)
	}
	// Typed cells keep their yellow, unlocked input cell and its rule.
	typed := cells[form.DefinedName("c1.other")]
	dvs, _ := f.GetDataValidations(typed.Sheet)
	found := false
	for _, dv := range dvs {
		found = found || inSqref(t, dv.Sqref, typed.Cell)
	}
	if !found {
		t.Error("c1.other, a typed count, lost its input rule")
	}
	// The breakdown's heading, with its note in the answer column, is right above its first category.
	med := cells[form.DefinedName("c1med.clinic")]
	_, row, _ := excelize.CellNameToCoordinates(med.Cell)
	note, _ := f.GetCellValue(med.Sheet, form.AnswerCol+strconv.Itoa(row-1))
	if !strings.Contains(note, "合計が「医療」の件数になります（自動計算）") {
		t.Errorf("the breakdown of a computed category says %q", note)
	}
	var computed []string
	for _, s := range form.Slots(sc) {
		if s.Computed {
			computed = append(computed, s.Key)
			if s.Required() {
				t.Errorf("%s: a computed slot is required", s.Key)
			}
		} else if s.Kind == form.SlotCount && !s.Required() {
			t.Errorf("%s: a typed count is no longer required", s.Key)
		}
	}
	if want := []string{"c1.med", "c1.care", "m1total"}; !slices.Equal(computed, want) {
		t.Errorf("computed slots %v, want %v", computed, want)
	}
}

// inSqref reports whether cell is in a data validation's space-separated ranges.
func inSqref(t *testing.T, sqref, cell string) bool {
	t.Helper()
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range strings.Fields(sqref) {
		from, to, _ := strings.Cut(r, ":")
		if to == "" {
			to = from
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(from)
		c2, r2, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil {
			t.Fatalf("sqref %q", sqref)
		}
		if c1 <= col && col <= c2 && r1 <= row && row <= r2 {
			return true
		}
	}
	return false
}

// docs/schema.md's "Computed subtotals" shows the formula the form writes for its example.
func TestDocComputedFormula(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(doc), "\n### Computed subtotals (`computed: true`)\n")
	_, block, _ := strings.Cut(sec, "\n```\n")
	block, _, closed := strings.Cut(block, "\n```\n")
	if !ok || !closed {
		t.Fatal("docs/schema.md has no Computed subtotals section with an example")
	}
	src := "id: doc\nversion: 1\ntitle: 例\nunits:\n  list:\n    - {name: 北区}\nsheets:\n  - id: s\n    name: 月報\n    items:\n      - id: a\n        label: 相談\n        questions:\n"
	for _, l := range strings.Split(block, "\n") {
		src += "          " + l + "\n"
	}
	sc, err := schema.Parse([]byte(src), "doc.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f := form.ComputedFormula(sc, "content.med"); f == "" || !strings.Contains(sec, "`="+f+"`") {
		t.Errorf("the section does not show the formula the form writes, =%s", f)
	}
}
