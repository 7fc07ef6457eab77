package check_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
)

// excelizeDateStyle is the format Japanese Excel gives a cell where 平成28年8月 was typed.
var excelizeDateStyle = excelize.Style{CustomNumFmt: ptr(`[$-ja-JP-x-gannen]ggge"年"m"月"`)}

func ptr[T any](v T) *T { return &v }

// kindSchema is the default survey with `period: k`.
func kindSchema(t *testing.T, k period.Kind) *schema.Schema {
	t.Helper()
	src := schema.DefaultYAML()
	head := []byte("report_title: 区役所・相談支援室の取組について\n")
	if bytes.Count(src, head) != 1 {
		t.Fatal("default.yaml has no report_title line to add period: after")
	}
	src = bytes.Replace(src, head, append(head, "period: "+string(k)+"\n"...), 1)
	sc, err := schema.Parse(src, "kind.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if period.Kind(sc.Period) != k {
		t.Fatalf("period kind %q, want %q", sc.Period, k)
	}
	return sc
}

// writeKindReturn writes 北区's complete return of sc with value in the 対象期間 cell (a
// time.Time is stored as Excel stores a date) and opts.Period filled in by the template.
func writeKindReturn(t *testing.T, sc *schema.Schema, prefill period.Period, value any) string {
	t.Helper()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: "北区", Period: prefill})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	answers := formtest.ValidAnswers(sc)
	delete(answers, form.MetaPeriod)
	if value != nil {
		answers[form.MetaPeriod] = value
	}
	if err := formtest.Fill(f, answers); err != nil {
		t.Fatal(err)
	}
	if d, ok := value.(time.Time); ok {
		// As Excel leaves a typed 平成28年8月: a serial number shown with a date format.
		loc := formtest.Cells(f)[form.NamePeriod]
		style, err := f.NewStyle(&excelizeDateStyle)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellValue(loc.Sheet, loc.Cell, d); err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(loc.Sheet, loc.Cell, loc.Cell, style); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "北区.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// The return's 対象期間 takes a period of the schema's kind; anything else is a finding on
// that cell that names the expected form.
func TestPeriodKinds(t *testing.T) {
	aug1 := time.Date(2016, 8, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		kind    period.Kind
		value   any
		prefill period.Period // the template's --period
		opts    period.Period // validate's --period
		want    string        // the period read, in canonical form; "" when refused
		code    finding.Code
		message string
	}{
		{name: "half", kind: period.KindHalf, value: "令和６年度上半期", want: "2024H1"},
		{name: "half takes a fiscal year", kind: period.KindHalf, value: "令和５年度", want: "2023"},
		{name: "half refuses a month", kind: period.KindHalf, value: "2016-08", code: finding.NotAPeriod,
			message: "期間「2016-08」は指定できません。この調査の期間は半期単位です。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"},
		{name: "half unreadable", kind: period.KindHalf, value: "上半期", code: finding.NotAPeriod,
			message: "期間「上半期」を読み取れません。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"},
		{name: "half missing", kind: period.KindHalf, code: finding.Missing, message: "対象期間が未記入です（例：令和６年度上半期）"},
		{name: "half date", kind: period.KindHalf, value: aug1, code: finding.NotAPeriod,
			message: "日付（2016年8月1日）として入力されています（Excel が日付に変換しました）。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"},
		{name: "month", kind: period.KindMonth, value: "平成28年8月", want: "2016-08"},
		{name: "month canonical", kind: period.KindMonth, value: "2016-08", want: "2016-08"},
		{name: "month full-width", kind: period.KindMonth, value: "平成２８年８月", want: "2016-08"},
		{name: "month turned into a date by Excel", kind: period.KindMonth, value: aug1, want: "2016-08"},
		{name: "month: a date within the month", kind: period.KindMonth, value: aug1.AddDate(0, 0, 14), code: finding.NotAPeriod,
			message: "日付（2016年8月15日）として入力されています（Excel が日付に変換しました）。2024-08 または 令和６年８月 のように指定してください"},
		{name: "month refuses a half", kind: period.KindMonth, value: "令和６年度上半期", code: finding.NotAPeriod,
			message: "期間「令和６年度上半期」は指定できません。この調査の期間は月単位です。2024-08 または 令和６年８月 のように指定してください"},
		{name: "month refuses a range", kind: period.KindMonth, value: "平成28年8月～平成29年3月", code: finding.NotAPeriod, message: "この調査の期間は月単位です"},
		{name: "month missing", kind: period.KindMonth, code: finding.Missing, message: "対象期間が未記入です（例：令和６年８月）"},
		{name: "month prefilled by the template", kind: period.KindMonth, prefill: period.MonthOf(2016, 8), want: "2016-08"},
		{name: "month differs from --period", kind: period.KindMonth, value: "平成28年8月", opts: period.MonthOf(2016, 9), code: finding.WrongPeriod,
			message: "対象期間が「平成２８年８月」になっています（集計するのは「平成２８年９月」）"},
		{name: "quarter", kind: period.KindQuarter, value: "令和６年度第１四半期", want: "2024Q1"},
		{name: "quarter refuses a year", kind: period.KindQuarter, value: "2024", code: finding.NotAPeriod, message: "この調査の期間は四半期単位です"},
		{name: "year", kind: period.KindYear, value: "令和５年度", want: "2023"},
		{name: "year refuses a half", kind: period.KindYear, value: "2024H1", code: finding.NotAPeriod, message: "この調査の期間は年度単位です"},
		{name: "range", kind: period.KindRange, value: "平成28年8月～平成29年3月", want: "2016-08..2017-03"},
		{name: "range prefilled by the template", kind: period.KindRange, prefill: period.RangeOf(2016, 8, 2017, 3), want: "2016-08..2017-03"},
		{name: "range takes one month as a range of it", kind: period.KindRange, value: "平成28年8月", want: "2016-08..2016-08"},
		{name: "range refuses a half", kind: period.KindRange, value: "令和６年度上半期", code: finding.NotAPeriod,
			message: "この調査の期間は月から月までの範囲です。2024-04..2025-03 または 令和６年４月～令和７年３月 のように指定してください"},
		{name: "range refuses a date", kind: period.KindRange, value: aug1, code: finding.NotAPeriod, message: "日付（2016年8月1日）"},
		{name: "range backwards", kind: period.KindRange, value: "平成29年3月～平成28年8月", code: finding.NotAPeriod, message: "範囲の始め（平成２９年３月）が終わり（平成２８年８月）より後です"},
	}
	schemas := map[period.Kind]*schema.Schema{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := schemas[tt.kind]
			if sc == nil {
				sc = kindSchema(t, tt.kind)
				schemas[tt.kind] = sc
			}
			path := writeKindReturn(t, sc, tt.prefill, tt.value)
			r, err := check.Read(path, sc, check.ReadOptions{Period: tt.opts})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Findings) > 1 || (tt.code == "") != (len(r.Findings) == 0) {
				for _, f := range r.Findings {
					t.Logf("finding: %s %s %s %s", f.Where(), f.QuestionID, f.Code, f.Message)
				}
				t.Fatalf("got %d findings, want %d", len(r.Findings), map[bool]int{true: 0, false: 1}[tt.code == ""])
			}
			if tt.code == "" {
				if r.Period.String() != tt.want {
					t.Errorf("period read as %q, want %q", r.Period, tt.want)
				}
				return
			}
			f := r.Findings[0]
			cell := r.PeriodCell
			if f.Code != tt.code || f.QuestionID != "_period" || f.Severity != finding.Error || !strings.Contains(f.Message, tt.message) {
				t.Errorf("finding %s/%s/%s %q, want %s/_period/error containing %q", f.Code, f.QuestionID, f.Severity, f.Message, tt.code, tt.message)
			}
			if cell == nil || f.Sheet != cell.Sheet || f.Cell != cell.Cell || f.Sheet != sc.Sheets[0].Name {
				t.Errorf("finding at %s!%s, want the 対象期間 cell %v", f.Sheet, f.Cell, cell)
			}
			if tt.code != finding.WrongPeriod && !r.Period.IsZero() {
				t.Errorf("refused period still read as %v", r.Period)
			}
		})
	}
}

// schema names the period kinds as text, beside schema/period in the flow: the two lists
// must be the same, in the same order, with the same default.
func TestSchemaPeriodKindsArePeriodKinds(t *testing.T) {
	var kinds []string
	for _, k := range period.Kinds {
		kinds = append(kinds, string(k))
	}
	if strings.Join(kinds, " ") != strings.Join(schema.PeriodKinds, " ") || schema.DefaultPeriodKind != string(period.DefaultKind) {
		t.Errorf("schema.PeriodKinds %v (default %s), period.Kinds %v (default %s)", schema.PeriodKinds, schema.DefaultPeriodKind, kinds, period.DefaultKind)
	}
}
