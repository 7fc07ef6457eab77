package check_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// rulesSchema is the default survey with its own rules replaced by rules (a YAML list).
// The form does not change with the rules, so formtest.WriteReturn's template serves.
func rulesSchema(t *testing.T, rules string) *schema.Schema {
	t.Helper()
	src := schema.DefaultYAML()
	if i := bytes.Index(src, []byte("\nrules:")); i >= 0 {
		src = src[:i+1]
	}
	src = append(append(src, "\nrules:\n"...), rules...)
	sc, err := schema.Parse(src, "rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// below is the cell one row under key's answer cell: the 合計 row of a counts question
// whose last category is key.
func below(t *testing.T, cells map[string]form.Location, key string) string {
	t.Helper()
	loc := cells[form.DefinedName(key)]
	col, row, err := excelize.CellNameToCoordinates(loc.Cell)
	if err != nil {
		t.Fatal(err)
	}
	name, _ := excelize.CoordinatesToCellName(col, row+1)
	return loc.Sheet + "!" + name
}

// TestRules: each rule kind fires on the cell it should, naming both cells and both values
// in the schema's words, and stays quiet when the rule holds or when an answer it names is
// already reported. ValidAnswers gives every category 2 (o1 adds up to 40; o2 to 38, its 医療 and 介護 being
// the sums of their 内訳),
// ka1 開催している with two 研修テーマ, u3.20 2 with u3other filled.
func TestRules(t *testing.T) {
	const (
		contentAtLeastClients = "  - {figure: o2, at_least: o1, reason: 相談内容は重複可のため相談者以上になるはずです}\n"
		themesWhenHeld        = "  - {require: ka2, when: ka1, is: 開催している, otherwise: empty}\n"
		otherWhenCounted      = "  - {require: u3other, when: u3.20, level: warning}\n"
	)
	type want struct {
		code  finding.Code
		sev   finding.Severity
		where string // sheet!cell; "o2 total" is the 合計 row of o2, otherwise a key
		id    string
		msg   []string // parts of the message; "{key}" is key's sheet!cell
	}
	cases := []struct {
		name   string
		rules  string
		change map[string]any
		want   []want
	}{
		{
			name: "question total less than another", rules: contentAtLeastClients,
			want: []want{{finding.RuleCompare, finding.Error, "o2 total", "o2", []string{
				"個別相談ケース 相談内容別内訳の合計 38 件が 個別相談ケース 相談者別内訳の合計 40 件（{o1 total}）より少なくなっています（相談内容は重複可のため相談者以上になるはずです）"}}},
		},
		{
			name: "question total at least another", rules: contentAtLeastClients,
			change: map[string]any{"o2.other": 26},
		},
		{
			name: "equal figures are at least each other", rules: contentAtLeastClients,
			change: map[string]any{"o2.other": 4},
		},
		{
			name: "category more than another, as a warning", rules: "  - {figure: u3.20, at_most: o1.20, level: warning}\n",
			change: map[string]any{"u3.20": 5},
			want: []want{{finding.RuleCompare, finding.Warning, "u3.20", "u3.20", []string{
				"活動状況 ①連絡調整機関 ― 20．その他 5 件が 個別相談ケース 相談者別内訳 ― 20．その他 2 件（{o1.20}）より多くなっています"}}},
		},
		{
			name: "total question not equal to a category", rules: "  - {figure: o4total, equal_to: o2.med}\n",
			want: []want{{finding.RuleCompare, finding.Error, "o4total", "o4total", []string{
				"会議出席回数 4 回が 個別相談ケース 相談内容別内訳 ― １．医療に関すること 16 件（{o2.med}）と一致しません"}}},
		},
		{
			name: "an unreadable count is reported once", rules: contentAtLeastClients,
			change: map[string]any{"o1.05": "不明"},
			want:   []want{{finding.NotACount, finding.Error, "o1.05", "o1.05", nil}},
		},
		{
			name: "an empty required count is reported once", rules: contentAtLeastClients,
			change: map[string]any{"o2.care": ""},
			want:   []want{{finding.Missing, finding.Error, "o2.care", "o2.care", nil}},
		},
		{
			name: "required text list empty", rules: themesWhenHeld,
			change: map[string]any{"ka2": ""},
			want: []want{{finding.RuleRequired, finding.Error, "ka2", "ka2", []string{
				"未記入です。（カ）（１）多職種研修会の実施状況（{ka1}）が「開催している」と回答されているため、記入が必要です"}}},
		},
		{
			name: "option given by alias", rules: themesWhenHeld,
			change: map[string]any{"ka2": "", "ka1": "○"},
			want:   []want{{finding.RuleRequired, finding.Error, "ka2", "ka2", []string{"が「開催している」と回答されているため"}}},
		},
		{
			name: "not required for another option", rules: "  - {require: ka2, when: ka1, is: 開催している}\n",
			change: map[string]any{"ka2": "", "ka1": "現時点では未開催"},
		},
		{
			name: "otherwise empty, given", rules: themesWhenHeld,
			change: map[string]any{"ka1": "現時点では未開催"},
			want: []want{{finding.RuleEmpty, finding.Error, "ka2", "ka2", []string{
				"「在宅歯科講習会」ほか 1 行が記入されていますが、（カ）（１）多職種研修会の実施状況（{ka1}）が「現時点では未開催」のときは空欄にします"}}},
		},
		{
			name: "otherwise empty, left empty", rules: themesWhenHeld,
			change: map[string]any{"ka1": "現時点では未開催", "ka2": ""},
		},
		{
			name: "a condition not a choice is reported once", rules: themesWhenHeld,
			change: map[string]any{"ka2": "", "ka1": "たぶん"},
			want:   []want{{finding.NotAChoice, finding.Error, "ka1", "ka1", nil}},
		},
		{
			name: "a condition left empty is reported once", rules: themesWhenHeld,
			change: map[string]any{"ka1": ""},
			want:   []want{{finding.Missing, finding.Error, "ka1", "ka1", nil}},
		},
		{
			name: "required when a count is more than 0", rules: otherWhenCounted,
			change: map[string]any{"u3other": "", "u3.20": 3},
			want: []want{{finding.RuleRequired, finding.Warning, "u3other", "u3other", []string{
				"未記入です。（ウ）（３）活動状況 ①連絡調整機関 ― 20．その他（{u3.20}）が 3 件のため、記入が必要です"}}},
		},
		{
			name: "not required when the count is 0", rules: otherWhenCounted,
			change: map[string]any{"u3other": "", "u3.20": 0},
		},
		{
			name: "required when a text is given", rules: "  - {require: ki3, when: ka2, reason: 研修の内容がわかるように}\n",
			change: map[string]any{"ki3": ""},
			want: []want{{finding.RuleRequired, finding.Error, "ki3", "ki3", []string{
				"（カ）研修テーマ（{ka2}）に記入があるため、記入が必要です（研修の内容がわかるように）"}}},
		},
		{
			name: "when a choice-group row has any answer", rules: "  - {require: ki3, when: ki2.1}\n",
			change: map[string]any{"ki3": ""},
			want: []want{{finding.RuleRequired, finding.Error, "ki3", "ki3", []string{
				"（キ）（２）普及啓発の方法 ― １．ポスター・リーフレットの作成（{ki2.1}）が「実施している」と回答されているため"}}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := rulesSchema(t, tc.rules)
			answers := formtest.ValidAnswers(sc)
			for k, v := range tc.change {
				answers[k] = v
			}
			path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
			r, err := check.Read(path, sc, check.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			where := func(s string) string {
				switch s {
				case "o1 total":
					return below(t, cells, "o1.20")
				case "o2 total":
					return below(t, cells, "o2.other")
				}
				return cells[form.DefinedName(s)].String()
			}
			if len(r.Findings) != len(tc.want) {
				t.Fatalf("got %d findings, want %d:\n%s", len(r.Findings), len(tc.want), finding.Lines(r.Findings, false))
			}
			for i, w := range tc.want {
				f := r.Findings[i]
				if f.Code != w.code || f.Severity != w.sev || f.QuestionID != w.id || f.Where() != where(w.where) {
					t.Errorf("finding %s/%s/%s at %s, want %s/%s/%s at %s", f.Code, f.Severity, f.QuestionID, f.Where(), w.code, w.sev, w.id, where(w.where))
				}
				for _, m := range w.msg {
					for _, key := range []string{"o1 total", "o1.20", "o2.med", "ka1", "u3.20", "ka2", "ki2.1"} {
						m = strings.ReplaceAll(m, "{"+key+"}", where(key))
					}
					if !strings.Contains(f.Message, m) {
						t.Errorf("message\n %s\ndoes not contain\n %s", f.Message, m)
					}
				}
			}
		})
	}
}

// TestRuleTotalCell: a rule on a question's total is reported on the form's 合計 row, the
// cell holding the SUM the template writes.
func TestRuleTotalCell(t *testing.T) {
	sc := rulesSchema(t, "  - {figure: o2, at_least: o1}\n")
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", formtest.ValidAnswers(sc))
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 {
		t.Fatalf("got %d findings", len(r.Findings))
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := r.Findings[0]
	formula, err := f.GetCellFormula(got.Sheet, got.Cell)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(formula, "SUM(") || got.Value != "38" || got.Expected != "≧ 40" {
		t.Errorf("finding at %s (formula %q), value %q, expected %q", got.Where(), formula, got.Value, got.Expected)
	}
	if line := got.Line(false); !strings.Contains(line, "（オ）（１）②個別相談ケース 相談内容別内訳 ― 合計: ") || !strings.HasSuffix(line, "（→ ≧ 40）") {
		t.Errorf("line %s", line)
	}
}

// TestRulesOnSampleReturns: the sample returns, consistent as the wards sent them, break
// none of the default survey's rules.
func TestRulesOnSampleReturns(t *testing.T) {
	sc := schema.Default()
	if len(sc.Rules) == 0 {
		t.Fatal("the default survey has no rules")
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "returns", "*.xlsx"))
	if len(files) != len(sc.Units.List) {
		t.Fatalf("%d sample returns", len(files))
	}
	for _, p := range files {
		r, err := check.Read(p, sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			if strings.HasPrefix(string(f.Code), "rule-") {
				t.Errorf("%s: %s", r.Name, f.Line(false))
			}
		}
	}
}
