package form_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// The 対象期間 cell shows an example of the schema's kind, takes the template's --period in
// Japanese, and is text-formatted where Excel would turn a typed month into a date.
func TestPeriodCell(t *testing.T) {
	tests := []struct {
		kind    period.Kind
		prefill period.Period
		label   string
		value   string
		text    bool // formatted as text (@)
	}{
		{"", period.Period{Year: 2024, Half: period.FirstHalf}, "対象期間（例：令和６年度上半期）", "令和６年度上半期", false},
		{period.KindHalf, period.Period{}, "対象期間（例：令和６年度上半期）", "", false},
		{period.KindYear, period.Period{Year: 2023}, "対象期間（例：令和６年度）", "令和５年度", false},
		{period.KindQuarter, period.QuarterOf(2024, 2), "対象期間（例：令和６年度第１四半期）", "令和６年度第２四半期", false},
		{period.KindMonth, period.MonthOf(2016, 8), "対象期間（例：令和６年８月）", "平成２８年８月", true},
		{period.KindRange, period.RangeOf(2016, 8, 2017, 3), "対象期間（例：令和６年４月～令和７年３月）", "平成２８年８月～平成２９年３月", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			sc := schema.Default()
			if tt.kind != "" {
				src := bytes.Replace(schema.DefaultYAML(), []byte("\nunits:\n"), []byte("\nperiod: "+string(tt.kind)+"\nunits:\n"), 1)
				var err error
				if sc, err = schema.Parse(src, "kind.yaml"); err != nil || period.Kind(sc.Period) != tt.kind {
					t.Fatalf("schema with period: %s: %v (kind %q)", tt.kind, err, sc.Period)
				}
			}
			f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: "北区", Period: tt.prefill})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheet := sc.Sheets[0].Name
			row := periodRow(t, f, sheet)
			label, _ := f.GetCellValue(sheet, fmt.Sprintf("%s%d", form.LabelCol, row))
			answer := fmt.Sprintf("%s%d", form.AnswerCol, row)
			value, _ := f.GetCellValue(sheet, answer)
			if label != tt.label || value != tt.value {
				t.Errorf("対象期間 row: label %q, value %q; want %q, %q", label, value, tt.label, tt.value)
			}
			id, err := f.GetCellStyle(sheet, answer)
			if err != nil {
				t.Fatal(err)
			}
			st, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if text := st.NumFmt == 49; text != tt.text || st.Protection == nil || st.Protection.Locked {
				t.Errorf("対象期間 cell: number format %d (text %v, want %v), protection %+v (want unlocked)", st.NumFmt, text, tt.text, st.Protection)
			}
		})
	}
}

// periodRow is the row of the 対象期間 cell, found by its id in the hidden column.
func periodRow(t *testing.T, f *excelize.File, sheet string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == form.MetaPeriod {
			return i + 1
		}
	}
	t.Fatalf("no %s row on %s", form.MetaPeriod, sheet)
	return 0
}
