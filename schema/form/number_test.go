package form_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestNumberRow: a number question is one answer row — its number, label, an unlocked
// input cell under its defined name and id, the unit beside it — validated as a whole
// number or a decimal within its bounds, with an input message saying what to type.
func TestNumberRow(t *testing.T) {
	sc := formtest.NumberSchema()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := formtest.Cells(f)
	dvs, err := f.GetDataValidations("月報")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key, number, label, note, kind, max, format, input string
	}{
		{"days", "（２）", "窓口開設日数", "日", "whole", "31", "#,##0", "0 以上 31 以下の整数を入力してください。"},
		{"hours", "（３）", "平均相談時間", "時間　小数第１位まで", "decimal", "24", "#,##0.0", "0 以上 24 以下の数（小数第１位まで）を入力してください。"},
	} {
		loc, ok := cells[form.DefinedName(tc.key)]
		if !ok || loc.Sheet != "月報" || !strings.HasPrefix(loc.Cell, form.AnswerCol) {
			t.Fatalf("%s: defined name %s at %+v", tc.key, form.DefinedName(tc.key), loc)
		}
		row := strings.TrimPrefix(loc.Cell, form.AnswerCol)
		get := func(col string) string {
			v, err := f.GetCellValue("月報", col+row)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if get(form.IDCol) != tc.key || get(form.NumberCol) != tc.number || get(form.LabelCol) != tc.label || get(form.NoteCol) != tc.note {
			t.Errorf("%s row %s: id %q, number %q, label %q, note %q", tc.key, row, get(form.IDCol), get(form.NumberCol), get(form.LabelCol), get(form.NoteCol))
		}
		id, _ := f.GetCellStyle("月報", loc.Cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		format := fmt.Sprint(st.NumFmt)
		if st.CustomNumFmt != nil {
			format = *st.CustomNumFmt
		} else if st.NumFmt == 3 {
			format = "#,##0"
		}
		if format != tc.format || st.Protection == nil || st.Protection.Locked {
			t.Errorf("%s cell: format %q (want %q), protection %+v (want unlocked)", tc.key, format, tc.format, st.Protection)
		}
		found := false
		for _, dv := range dvs {
			if dv.Sqref != loc.Cell {
				continue
			}
			found = true
			if dv.Type != tc.kind || dv.Operator != "between" || dv.Formula1 != "0" || dv.Formula2 != tc.max {
				t.Errorf("%s validation: %s %s %s..%s, want %s between 0..%s", tc.key, dv.Type, dv.Operator, dv.Formula1, dv.Formula2, tc.kind, tc.max)
			}
			if dv.PromptTitle == nil || *dv.PromptTitle != tc.label || dv.Prompt == nil || *dv.Prompt != tc.input || !dv.ShowInputMessage {
				t.Errorf("%s input message: %v %v (shown %v), want %q %q", tc.key, dv.PromptTitle, dv.Prompt, dv.ShowInputMessage, tc.label, tc.input)
			}
		}
		if !found {
			t.Errorf("%s: no data validation on %s", tc.key, loc.Cell)
		}
	}
	if got := form.QuestionSlots(sc.Question("days"))[0].Kind; got != form.SlotNumber {
		t.Errorf("days slot kind %v, want SlotNumber", got)
	}
}
