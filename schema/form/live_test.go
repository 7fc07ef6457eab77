package form_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
)

// getsuho is the shipped 月報 (read from its file: schema/examples sits beside this
// package, which may not import it).
func getsuho(t *testing.T) *schema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "examples", "getsuho.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := schema.Parse(data, "getsuho.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestLiveChecks holds the conditions the form evaluates to the schema: which cell each
// marks, of which kind, through which defined names.
func TestLiveChecks(t *testing.T) {
	def, gs := schema.Default(), getsuho(t)
	tests := []struct {
		sc      *schema.Schema
		at      string
		kind    form.LiveKind
		formula string
	}{
		{def, form.MetaWard, form.LiveMissing, `LEN(TRIM(zaitaku_ward))=0`},
		{def, form.MetaPeriod, form.LiveMissing, `LEN(TRIM(zaitaku_period))=0`},
		{def, "a1.4", form.LiveMissing, `LEN(TRIM(zq_a1_4))=0`},
		{def, "u3.02", form.LiveMissing, `LEN(TRIM(zq_u3_02))=0`},
		// rules: a required-when rule on a text list, and on a count above 0.
		{def, "ka2", form.LiveMissing, `AND(OR(zq_ka1="開催している"),SUMPRODUCT(LEN(TRIM(zq_ka2)))=0)`},
		{def, "u3other", form.LiveMissing, `AND(N(zq_u3_20)>0,SUMPRODUCT(LEN(TRIM(zq_u3other)))=0)`},
		// A case record's 場面 once any other field has content.
		{def, "o3.1.scene", form.LiveMissing, `AND(LEN(TRIM(zq_o3_1_scene))=0,OR(NOT(LEN(TRIM(zq_o3_1_client))=0),NOT(LEN(TRIM(zq_o3_1_profile))=0),NOT(LEN(TRIM(zq_o3_1_content))=0),NOT(LEN(TRIM(zq_o3_1_response))=0),NOT(LEN(TRIM(zq_o3_1_outcome))=0)))`},
		{def, "u3.01r", form.LiveRepeat, `AND(COUNT(zq_u3_01r,zq_u3_01)=2,zq_u3_01r>SUM(zq_u3_01))`},
		{def, "o4.carekaigi", form.LiveRepeat, `AND(COUNT(zq_o4_carekaigi,zq_o4total)=2,zq_o4_carekaigi>SUM(zq_o4total))`},
		{def, "o2.care", form.LiveBreakdown, `AND(COUNT(zq_o2care_cm,zq_o2care_center,zq_o2care_provider,zq_o2care_procedure,zq_o2care_other,zq_o2_care)=6,SUM(zq_o2care_cm,zq_o2care_center,zq_o2care_provider,zq_o2care_procedure,zq_o2care_other)<>zq_o2_care)`},
		{def, "o4total", form.LiveTotal, `AND(COUNT(zq_o4total,zq_o4_city,zq_o4_org)=3,zq_o4total<>SUM(zq_o4_city,zq_o4_org))`},
		// The 月報: a computed subtotal against its 内訳, and the rule 相談内容 ≥ 相談者 on
		// the 合計 row of 相談内容, its computed parts taken from what is typed.
		{gs, "days", form.LiveMissing, `LEN(TRIM(zq_days))=0`},
		{gs, "topics.care", form.LiveTotal, `AND(COUNT(zq_topics_care_cm,zq_topics_care_center,zq_topics_care_provider,zq_topics_care_procedure,zq_topics_care_other)=5,zq_topics_care<>SUM(zq_topics_care_cm,zq_topics_care_center,zq_topics_care_provider,zq_topics_care_procedure,zq_topics_care_other))`},
		{gs, form.TotalRowPrefix + "topics", form.LiveRule, `AND(COUNT(zq_topics_med_clinic,zq_topics_med_homevisit,zq_topics_med_hospital,zq_topics_med_dental,zq_topics_med_pharmacy,zq_topics_med_nursing,zq_topics_med_procedure,zq_topics_med_other,zq_topics_care_cm,zq_topics_care_center,zq_topics_care_provider,zq_topics_care_procedure,zq_topics_care_other,zq_topics_discharge,zq_topics_eol,zq_topics_coord,zq_topics_other,zq_clients_med,zq_clients_nurse,zq_clients_cm,zq_clients_center,zq_clients_office,zq_clients_other)=23,SUM(zq_topics_med_clinic,zq_topics_med_homevisit,zq_topics_med_hospital,zq_topics_med_dental,zq_topics_med_pharmacy,zq_topics_med_nursing,zq_topics_med_procedure,zq_topics_med_other,zq_topics_care_cm,zq_topics_care_center,zq_topics_care_provider,zq_topics_care_procedure,zq_topics_care_other,zq_topics_discharge,zq_topics_eol,zq_topics_coord,zq_topics_other)<SUM(zq_clients_med,zq_clients_nurse,zq_clients_cm,zq_clients_center,zq_clients_office,zq_clients_other))`},
	}
	checks := map[*schema.Schema]map[string]string{}
	for _, sc := range []*schema.Schema{def, gs} {
		checks[sc] = map[string]string{}
		for _, c := range form.LiveChecks(sc) {
			checks[sc][fmt.Sprintf("%s/%d", c.At, c.Kind)] = c.Formula
		}
	}
	for _, tt := range tests {
		got, ok := checks[tt.sc][fmt.Sprintf("%s/%d", tt.at, tt.kind)]
		switch {
		case !ok:
			t.Errorf("%s: no %s check on %s", tt.sc.ID, tt.kind.Label(), tt.at)
		case got != tt.formula:
			t.Errorf("%s: %s on %s:\n got %s\nwant %s", tt.sc.ID, tt.kind.Label(), tt.at, got, tt.formula)
		}
	}
	// Every required answer is checked for being empty; nothing else is, unasked.
	for _, sc := range []*schema.Schema{def, gs} {
		for _, s := range form.Slots(sc) {
			_, has := checks[sc][fmt.Sprintf("%s/%d", s.Key, form.LiveMissing)]
			if s.Required() && !has {
				t.Errorf("%s: required %s has no 未記入 check", sc.ID, s.Key)
			}
		}
	}
	// No computed cell is taken for typed: a 内訳 whose parent is computed is the computed
	// figure's own check.
	if _, ok := checks[gs][fmt.Sprintf("topics.med/%d", form.LiveBreakdown)]; ok {
		t.Errorf("月報: a breakdown check on the computed topics.med")
	}
}

// TestLiveTemplate holds where the template writes the live checks: the 確認 box beside
// the header of every sheet, named for the reader; a hidden flag per check on the row of
// the cell it marks, with a light red fill on that cell; no answer cell moved (the cells
// README and docs quote), the print area and the protection kept.
func TestLiveTemplate(t *testing.T) {
	def, gs := schema.Default(), getsuho(t)
	quoted := map[string]string{ // cells README and docs quote
		"zq_a1_4": "区役所!D13", "zq_u3_02": "相談支援室!D23", "zq_u3_08": "相談支援室!D29",
		"zq__remark_u": "相談支援室!D49", "zq_o2_med": "相談支援室!D85",
	}
	flags := []struct {
		sc              *schema.Schema
		sheet, mark     string
		kind            form.LiveKind
		formulaContains string
	}{
		{def, "区役所", "D3", form.LiveMissing, "LEN(TRIM(zaitaku_ward))=0"},
		{def, "区役所", "D13", form.LiveMissing, "LEN(TRIM(zq_a1_4))=0"},
		{def, "相談支援室", "D85", form.LiveBreakdown, "<>zq_o2_med)"},
		{def, "相談支援室", "D138", form.LiveTotal, "zq_o4total<>SUM(zq_o4_city,zq_o4_org)"},
	}
	for _, sc := range []*schema.Schema{def, gs} {
		f, err := form.BuildTemplate(sc, form.TemplateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]string{}
		for _, dn := range f.GetDefinedName() {
			names[dn.Name] = dn.RefersTo
		}
		if sc == def {
			for name, want := range quoted {
				r, ok := form.ParseRange(names[name])
				if got := fmt.Sprintf("%s!%s%d", r.Sheet, r.Col, r.From); !ok || got != want {
					t.Errorf("%s is at %s, README quotes %s", name, names[name], want)
				}
			}
		}
		for i, sh := range sc.Sheets {
			liveSheet(t, f, sh.Name, i+1, names)
		}
		for _, fl := range flags {
			if fl.sc != sc {
				continue
			}
			_, row, _ := excelize.CellNameToCoordinates(fl.mark)
			got, _ := f.GetCellFormula(fl.sheet, fmt.Sprintf("%s%d", form.FlagColumn(fl.kind), row))
			if !strings.Contains(got, fl.formulaContains) {
				t.Errorf("%s: flag of %s on %s!%s is %q, want it to hold %s", sc.ID, fl.kind.Label(), fl.sheet, fl.mark, got, fl.formulaContains)
			}
			cfs, _ := f.GetConditionalFormats(fl.sheet)
			want := fmt.Sprintf("SUM($%s$%d:$%s$%d)>0", form.FlagColumn(0), row, form.FlagColumn(form.LiveRule), row)
			if len(cfs[fl.mark]) != 1 || cfs[fl.mark][0].Criteria != want {
				t.Errorf("%s: %s!%s is filled on %+v, want one rule %s", sc.ID, fl.sheet, fl.mark, cfs[fl.mark], want)
			}
		}
		f.Close()
	}
}

// liveSheet checks one sheet's box, names, hidden flag columns, print area and protection.
func liveSheet(t *testing.T, f *excelize.File, sheet string, index int, names map[string]string) {
	t.Helper()
	box := fmt.Sprintf("%s%d", form.BoxCol, form.BoxFirstRow)
	end := fmt.Sprintf("%s%d", form.BoxCol, form.BoxLastRow)
	var area string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" && dn.Scope == sheet {
			area = dn.RefersTo
		}
	}
	last := 0
	fmt.Sscanf(area[strings.LastIndex(area, "$")+1:], "%d", &last)
	if want := fmt.Sprintf("'%s'!$B$1:$E$%d", sheet, last); area != want {
		t.Errorf("%s: print area %s, want %s", sheet, area, want)
	}
	got, _ := f.GetCellFormula(sheet, box)
	if want := form.BoxFormula(last); got != want || !strings.Contains(got, fmt.Sprintf("SUM($G$1:$K$%d)", last)) {
		t.Errorf("%s: box formula\n%s\nwant\n%s", sheet, got, want)
	}
	merged := false
	cells, _ := f.GetMergeCells(sheet)
	for _, m := range cells {
		merged = merged || (m.GetStartAxis() == box && m.GetEndAxis() == end)
	}
	if !merged {
		t.Errorf("%s: %s:%s is not one merged box", sheet, box, end)
	}
	if want := fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, form.BoxCol, form.BoxFirstRow, form.BoxCol, form.BoxLastRow); names[form.BoxName(index)] != want {
		t.Errorf("%s: %s = %q, want %s", sheet, form.BoxName(index), names[form.BoxName(index)], want)
	}
	if want := fmt.Sprintf("'%s'!$G$1:$K$%d", sheet, last); names[form.FlagsName(index)] != want {
		t.Errorf("%s: %s = %q, want %s", sheet, form.FlagsName(index), names[form.FlagsName(index)], want)
	}
	for _, k := range form.LiveKinds() {
		if v, _ := f.GetColVisible(sheet, form.FlagColumn(k)); v {
			t.Errorf("%s: flag column %s is visible", sheet, form.FlagColumn(k))
		}
	}
	// The box and the flags are locked; the sheet is protected.
	for _, cell := range []string{box, "G3", "K" + fmt.Sprint(last)} {
		id, _ := f.GetCellStyle(sheet, cell)
		st, _ := f.GetStyle(id)
		if st != nil && st.Protection != nil && !st.Protection.Locked {
			t.Errorf("%s: %s is unlocked", sheet, cell)
		}
	}
	if p, err := f.GetSheetProtection(sheet); err != nil || !p.SelectUnlockedCells || p.DeleteRows {
		t.Errorf("%s: not protected as the template protects it: %+v %v", sheet, p, err)
	}
}
