package check_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in       string
		number   bool
		decimals int
		want     int64
		tooMany  bool
		problem  string // part of the problem; "" when accepted
	}{
		{in: "12", decimals: 0, want: 12},
		{in: "1,709", decimals: 0, want: 1709},
		{in: "12.5", decimals: 0, problem: "整数ではありません"},
		{in: "12日", decimals: 0, problem: "単位は不要"},
		{in: "12", decimals: 1, want: 120},
		{in: "12.5", decimals: 1, want: 125},
		{in: "１２．５", decimals: 1, want: 125},
		{in: "1,234.5", decimals: 1, want: 12345},
		{in: "12.50", decimals: 1, want: 125},
		{in: "0.05", decimals: 2, want: 5},
		{in: "12.55", decimals: 1, tooMany: true, problem: "小数点以下が 2 桁あります"},
		{in: "12.5日", decimals: 1, problem: "単位は不要"},
		{in: "12.5 時間", decimals: 1, problem: "単位は不要"},
		{in: "-1.5", decimals: 1, problem: "負の数です"},
		{in: "1.2.3", decimals: 1, problem: "数として読めません"},
		{in: "12,3.5", decimals: 1, problem: "数として読めません"},
		{in: "約12", decimals: 1, problem: "数として読めません"},
		{in: "", decimals: 1, problem: "空欄です"},
		{in: "3000000000", decimals: 1, problem: "大きすぎる数です"},
		// Number cells: the stored value, rounded to Excel's 15 significant digits.
		{in: "12.5", number: true, decimals: 1, want: 125},
		{in: "12.300000000000001", number: true, decimals: 1, want: 123},
		{in: "0.1", number: true, decimals: 3, want: 100},
		{in: "1E+3", number: true, decimals: 1, want: 10000},
		{in: "12.25", number: true, decimals: 1, tooMany: true, problem: "2 桁"},
		{in: "-2.5", number: true, decimals: 1, problem: "負の数です"},
		{in: "12.5", number: true, decimals: 0, problem: "整数ではありません"},
	}
	for _, c := range cases {
		v, tooMany, problem := check.ParseNumber(c.in, c.number, c.decimals)
		switch {
		case c.problem == "" && (problem != "" || v != c.want):
			t.Errorf("ParseNumber(%q, %v, %d) = %d, %q; want %d", c.in, c.number, c.decimals, v, problem, c.want)
		case c.problem != "" && !strings.Contains(problem, c.problem):
			t.Errorf("ParseNumber(%q, %v, %d) problem %q, want it to say %q", c.in, c.number, c.decimals, problem, c.problem)
		case tooMany != c.tooMany:
			t.Errorf("ParseNumber(%q, %v, %d) tooMany = %v, want %v", c.in, c.number, c.decimals, tooMany, c.tooMany)
		}
	}
}

// numberReturn is a return of formtest.NumberSchema for 第一室 with valid answers
// (c1 2+2, days 2, hours 2, c2 2+2) changed by change, read and checked, with where each
// answer landed.
func numberReturn(t *testing.T, change map[string]any) (*returns.Return, map[string]form.Location) {
	t.Helper()
	return numberReturnOf(t, formtest.NumberSchema(), change)
}

// numberReturnOf is numberReturn for a variant of the number test survey.
func numberReturnOf(t *testing.T, sc *schema.Schema, change map[string]any) (*returns.Return, map[string]form.Location) {
	t.Helper()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: "第一室", Period: period.Period{Year: 2016, Month: 8}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := formtest.ValidAnswers(sc)
	delete(a, form.MetaWard)
	delete(a, form.MetaPeriod)
	for k, v := range change {
		if v == nil {
			delete(a, k)
		} else {
			a[k] = v
		}
	}
	if err := formtest.Fill(f, a); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := check.ReadBytes("第一室.xlsx", buf.Bytes(), sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r, formtest.Cells(f)
}

func TestNumberAnswers(t *testing.T) {
	r, _ := numberReturn(t, map[string]any{"days": 20, "hours": 2.5, "c1.med": 30})
	if len(r.Findings) != 0 {
		t.Fatalf("valid return has findings:\n%s", finding.Lines(r.Findings, false))
	}
	if r.Counts["days"] != 20 || r.Counts["hours"] != 25 {
		t.Errorf("days %d, hours %d (×10); want 20 and 25", r.Counts["days"], r.Counts["hours"])
	}
	r, _ = numberReturn(t, map[string]any{"days": "２", "hours": "１２．５"})
	if len(r.Findings) != 0 || r.Counts["days"] != 2 || r.Counts["hours"] != 125 {
		t.Errorf("full-width text read as days %d, hours %d (×10):\n%s", r.Counts["days"], r.Counts["hours"], finding.Lines(r.Findings, false))
	}
}

func TestNumberFindings(t *testing.T) {
	cases := []struct {
		name   string
		change map[string]any
		key    string
		code   finding.Code
		sev    finding.Severity
		msg    string
	}{
		{"empty", map[string]any{"days": nil}, "days", finding.Missing, finding.Error, "（２）窓口開設日数: 未記入です（該当がなければ 0 を入力してください）（→ 0 以上 31 以下の整数）"},
		{"unit typed", map[string]any{"days": "12日"}, "days", finding.NotACount, finding.Error, "「12日」は数字以外の文字を含みます（「日」などの単位は不要です）。0 以上 31 以下の整数を入力してください"},
		{"not a number", map[string]any{"hours": "約2時間"}, "hours", finding.NotACount, finding.Error, "「約2時間」は数として読めません。0 以上 24 以下の数（小数第１位まで）を入力してください"},
		{"decimal in a whole number", map[string]any{"days": 2.5}, "days", finding.NotACount, finding.Error, "「2.5」は整数ではありません"},
		{"above max", map[string]any{"days": 40}, "days", finding.OutOfRange, finding.Error, "40 は範囲外です（0 以上 31 以下）"},
		{"decimal above max", map[string]any{"hours": 24.5}, "hours", finding.OutOfRange, finding.Error, "24.5 は範囲外です（0 以上 24 以下）"},
		{"too many decimals", map[string]any{"hours": "2.55"}, "hours", finding.TooManyDecimals, finding.Error, "「2.55」は小数点以下が 2 桁あります。小数第１位までで入力してください"},
		{"letters", map[string]any{"hours": "x"}, "hours", finding.NotACount, finding.Error, "「x」は数として読めません"},
		{"rule", map[string]any{"days": 5}, "days", finding.RuleCompare, finding.Warning, "窓口開設日数 5 日が 相談者の合計 4 件（月報!D"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, cells := numberReturn(t, c.change)
			if len(r.Findings) != 1 {
				t.Fatalf("%d findings, want 1:\n%s", len(r.Findings), finding.Lines(r.Findings, false))
			}
			f := r.Findings[0]
			loc := cells[form.DefinedName(c.key)]
			if f.Code != c.code || f.Severity != c.sev || f.Sheet != loc.Sheet || f.Cell != loc.Cell || f.QuestionID != c.key {
				t.Errorf("finding %s %s %s!%s %s, want %s %s %s %s", f.Code, f.Severity, f.Sheet, f.Cell, f.QuestionID, c.code, c.sev, loc, c.key)
			}
			if !strings.Contains(f.Line(false), c.msg) {
				t.Errorf("finding %q does not say %q", f.Line(false), c.msg)
			}
			if _, ok := r.Counts[c.key]; ok && f.Code != finding.RuleCompare {
				t.Errorf("%s was taken (%d) despite the finding", c.key, r.Counts[c.key])
			}
		})
	}
}

// A number return re-saved by LibreOffice Calc reads the same: decimals stay exact (0.1
// and 1.3 are not exact doubles) and the form's validation and formats survive.
func TestNumberLibreOfficeResave(t *testing.T) {
	bin := formtest.Soffice(t)
	dir := t.TempDir()
	paths, err := formtest.WriteNumberSample(dir)
	if err != nil {
		t.Fatal(err)
	}
	sc := formtest.NumberSchema()
	for _, p := range paths[:1] {
		before, err := check.Read(p, sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		after, err := check.Read(resave(t, bin, p), sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(before.Findings)+len(after.Findings) != 0 {
			t.Errorf("findings before / after LibreOffice:\n%s\n%s", finding.Lines(before.Findings, false), finding.Lines(after.Findings, false))
		}
		if before.Counts["hours"] != 15 || before.Counts["days"] != 20 || !reflect.DeepEqual(before.Counts, after.Counts) {
			t.Errorf("values changed:\nbefore %v\nafter  %v", before.Counts, after.Counts)
		}
	}
}

// A number typed beside its empty answer cell (over the unit) is taken for a misplaced
// answer; the unit itself never is.
func TestNumberMisplaced(t *testing.T) {
	sc := formtest.NumberSchema()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: "第一室", Period: formtest.NumberSamplePeriod})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := formtest.ValidAnswers(sc)
	delete(a, form.MetaWard)
	delete(a, form.MetaPeriod)
	delete(a, "hours")
	if err := formtest.Fill(f, a); err != nil {
		t.Fatal(err)
	}
	loc := formtest.Cells(f)[form.DefinedName("hours")]
	beside := form.NoteCol + strings.TrimPrefix(loc.Cell, form.AnswerCol)
	read := func() *returns.Return {
		var buf bytes.Buffer
		if _, err := f.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		r, err := check.ReadBytes("第一室.xlsx", buf.Bytes(), sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := read(); len(r.Findings) != 1 || r.Findings[0].Code != finding.Missing {
		t.Errorf("empty hours beside its unit: %s", finding.Lines(r.Findings, false))
	}
	if err := f.SetCellStr(loc.Sheet, beside, "2.5"); err != nil {
		t.Fatal(err)
	}
	if r := read(); len(r.Findings) != 1 || r.Findings[0].Code != finding.MisplacedRight || r.Findings[0].Cell != loc.Cell {
		t.Errorf("2.5 beside the empty cell: %s", finding.Lines(r.Findings, false))
	}
}

// A rule compares a number with decimals and a count exactly, at the finer of their places.
func TestNumberRuleAcrossDecimals(t *testing.T) {
	src := string(formtest.NumberYAML()) + "  - {figure: hours, at_least: c2.med}\n"
	sc, err := schema.Parse([]byte(src), "number.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, cells := numberReturnOf(t, sc, map[string]any{"hours": 2.5, "c2.med": 3})
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings:\n%s", len(r.Findings), finding.Lines(r.Findings, false))
	}
	f := r.Findings[0]
	want := "平均相談時間 2.5 時間が 相談内容 ― １．医療 3 件（" + cells[form.DefinedName("c2.med")].String() + "）より少なくなっています（→ ≧ 3）"
	if f.Code != finding.RuleCompare || f.Cell != cells[form.DefinedName("hours")].Cell || !strings.Contains(f.Line(false), want) {
		t.Errorf("finding %s %s: %s\nwant %s", f.Code, f.Cell, f.Line(false), want)
	}
	for _, v := range []any{3, "3.0", 3.5} {
		if r, _ := numberReturnOf(t, sc, map[string]any{"hours": v, "c2.med": 3}); len(r.Findings) != 0 {
			t.Errorf("hours %v ≥ 3: %s", v, finding.Lines(r.Findings, false))
		}
	}
}
