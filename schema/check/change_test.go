package check_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
)

// changeSchema is the default survey with extra lines inserted after the lines that
// start with each key (the form does not change, so formtest.WriteReturn's template serves).
func changeSchema(t *testing.T, insert map[string]string) *schema.Schema {
	t.Helper()
	src := string(schema.DefaultYAML())
	for at, add := range insert {
		if !strings.Contains(src, at) {
			t.Fatalf("default.yaml has no %q", at)
		}
		src = strings.Replace(src, at, at+add, 1)
	}
	sc, err := schema.Parse([]byte(src), "change.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// previous is 北区's previous period, hand-written against ValidAnswers (every count 2,
// every choice the first option), with the answers each case changes.
func previous() *check.Previous {
	return &check.Previous{
		Period: period.Period{Year: 2023, Half: period.SecondHalf},
		Units: map[string]*check.PreviousUnit{"北区": {
			Counts: map[string]int64{
				"u3.01": 12, // now 40: 3.3倍, 28 more → warned
				"u3.02": 40, // now 15: 0.375倍 (0.4倍), 25 fewer → warned
				"u3.03": 12, // now 30: 2.5倍 but only 18 more → quiet
				"u3.04": 25, // now 45: 45 more than 20 but 1.8倍 → quiet (×1.5 warns)
				"u3.05": 2,  // now 2 → quiet
			},
			Choices: map[string]string{
				"a1.2": "実施している", // now 現時点では未着手 → warned
				"a1.3": "準備中",    // an alias; now 実施している, a step up → quiet
			},
		}},
	}
}

func changedAnswers(extra map[string]any) map[string]any {
	a := formtest.ValidAnswers(schema.Default())
	a["u3.01"], a["u3.02"], a["u3.03"], a["u3.04"] = 40, 15, 30, 45
	a["a1.2"] = "現時点では未着手"
	for k, v := range extra {
		a[k] = v
	}
	return a
}

type changeWant struct {
	key  string
	code finding.Code
	sev  finding.Severity
	msg  string
}

func TestChange(t *testing.T) {
	const reason = "新たに病院の地域連携室と定例会を始めたため"
	u3 := "          - id: u3\n"
	a1 := "          - id: a1\n"
	warnU31 := changeWant{"u3.01", finding.ChangeCount, finding.Warning, "前回 12 件 → 今回 40 件（3.3倍）。前回（令和５年度下半期）から大きく変わっています。誤りでなければ、その理由を（ウ）の備考（相談支援室!{_remark.u}）に記入してください"}
	warnU32 := changeWant{"u3.02", finding.ChangeCount, finding.Warning, "前回 40 件 → 今回 15 件（0.4倍）。"}
	warnA12 := changeWant{"a1.2", finding.ChangeChoice, finding.Warning, "前回「実施している」→ 今回「現時点では未着手」。前回（令和５年度下半期）から大きく変わっています。誤りでなければ、その理由を（ア）の備考（区役所!{_remark.a}）に記入してください"}
	for _, tc := range []struct {
		name   string
		insert map[string]string
		extra  map[string]any
		prev   *check.Previous
		want   []changeWant
	}{
		{name: "default thresholds", prev: previous(), want: []changeWant{warnA12, warnU31, warnU32}},
		{name: "no previous", prev: nil},
		{name: "another unit", prev: &check.Previous{Period: previous().Period, Units: map[string]*check.PreviousUnit{"都島区": previous().Units["北区"]}}},
		{name: "explained", prev: previous(), extra: map[string]any{"_remark.u": reason}, want: []changeWant{warnA12,
			{"u3.01", finding.ChangeCount, finding.Note, "前回 12 件 → 今回 40 件（3.3倍）。説明あり: " + reason},
			{"u3.02", finding.ChangeCount, finding.Note, "前回 40 件 → 今回 15 件（0.4倍）。説明あり: " + reason}}},
		{name: "question thresholds", prev: previous(), insert: map[string]string{u3: "            change_check: {ratio: 1.5, min_difference: 5}\n"},
			want: []changeWant{warnA12, warnU31, warnU32,
				{"u3.03", finding.ChangeCount, finding.Warning, "前回 12 件 → 今回 30 件（2.5倍）"},
				{"u3.04", finding.ChangeCount, finding.Warning, "前回 25 件 → 今回 45 件（1.8倍）"}}},
		{name: "question off", prev: previous(), insert: map[string]string{a1: "            change_check: false\n", u3: "            change_check: false\n"}},
		{name: "choices off", prev: previous(), insert: map[string]string{"change_check: {ratio: 2, min_difference: 20": ", choices: false"}, want: []changeWant{warnU31, warnU32}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := schema.Default()
			if tc.insert != nil {
				sc = changeSchema(t, tc.insert)
			}
			path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", changedAnswers(tc.extra))
			r, err := check.Read(path, sc, check.ReadOptions{Previous: tc.prev})
			if err != nil {
				t.Fatal(err)
			}
			var got []finding.Finding
			for _, f := range r.Findings {
				if f.Code == finding.ChangeCount || f.Code == finding.ChangeChoice {
					got = append(got, f)
				} else {
					t.Errorf("unexpected finding %s", f.Line(false))
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d 前回比 findings, want %d:\n%s", len(got), len(tc.want), finding.Lines(got, false))
			}
			for i, w := range tc.want {
				f := got[i]
				loc := cells[form.DefinedName(w.key)]
				msg := w.msg
				for _, k := range []string{"_remark.u", "_remark.a"} {
					msg = strings.ReplaceAll(msg, "{"+k+"}", cells[form.DefinedName(k)].Cell)
				}
				if f.QuestionID != w.key || f.Code != w.code || f.Severity != w.sev || f.Sheet != loc.Sheet || f.Cell != loc.Cell || !strings.Contains(f.Message, msg) {
					t.Errorf("finding %d = %s (%s %s %s)\nwant %s %s %s on %s: %s", i, f.Line(false), f.QuestionID, f.Code, f.Severity, w.key, w.code, w.sev, loc, msg)
				}
			}
		})
	}
}

// TestChangeOnOldForm: a return on a form made before the 備考 rows (no defined names,
// no id-column entries for them) reads without a finding, and a 前回比 warning then says
// where else the reason goes.
func TestChangeOnOldForm(t *testing.T) {
	sc := schema.Default()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: "北区", Period: period.Period{Year: 2024, Half: period.FirstHalf}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := formtest.Fill(f, changedAnswers(nil)); err != nil {
		t.Fatal(err)
	}
	for _, s := range form.RemarkSlots(sc) {
		loc := formtest.Cells(f)[s.Name()]
		if err := f.DeleteDefinedName(&excelize.DefinedName{Name: s.Name()}); err != nil {
			t.Fatal(err)
		}
		row := strings.TrimLeft(loc.Cell, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		if err := f.SetCellStr(loc.Sheet, form.IDCol+row, ""); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	r, err := check.ReadBytes("北区.xlsx", buf.Bytes(), sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		t.Fatalf("a return without 備考 cells has findings:\n%s", finding.Lines(r.Findings, false))
	}
	r, err = check.ReadBytes("北区.xlsx", buf.Bytes(), sc, check.ReadOptions{Previous: previous()})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Findings); n != 3 || !strings.Contains(r.Findings[0].Message, "この様式には備考欄がありません") {
		t.Fatalf("want 3 前回比 warnings naming no 備考 cell, got:\n%s", finding.Lines(r.Findings, false))
	}
}

// The 前回比 compares only with an earlier period of the same length: a half-year's counts
// are about half a fiscal year's, and a half-year's 「現時点では未開催」 is no step down from
// a year's 「開催している」.
func TestComparableNeedsAnEarlierPeriodOfTheSameLength(t *testing.T) {
	h1 := period.Period{Year: 2024, Half: period.FirstHalf}
	for _, tt := range []struct {
		prev period.Period
		want bool
	}{
		{period.Period{Year: 2023, Half: period.FirstHalf}, true},
		{period.Period{Year: 2023, Half: period.SecondHalf}, true},
		{period.Period{Year: 2023}, false}, // a fiscal year: 12 months against 6
		{h1, false},                        // not earlier
		{period.Period{Year: 2024, Half: period.SecondHalf}, false},
	} {
		if got := check.Comparable(&check.Previous{Period: tt.prev}, h1); got != tt.want {
			t.Errorf("Comparable(%s, %s) = %v, want %v", tt.prev, h1, got, tt.want)
		}
	}
}
