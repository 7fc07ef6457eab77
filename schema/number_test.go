package schema_test

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// withNumber is minimal with a number question after the counts question c1.
func withNumber(t *testing.T, fields string) string {
	t.Helper()
	return edit(t, minimal, "          - id: memo\n", "          - id: days\n            type: number\n            label: 窓口開設日数\n"+fields+"          - id: memo\n")
}

func TestNumberQuestion(t *testing.T) {
	src := withNumber(t, "            unit: 日\n            min: 0\n            max: 366\n            decimals: 1\n            show_range: true\n")
	s := mustParse(t, src)
	q := s.Question("days")
	if q == nil || q.Type != schema.Number {
		t.Fatalf("question days = %+v, want a number question", q)
	}
	if !q.Required() || q.Unit != "日" || q.MinValue() != 0 || *q.Max != 366 || q.Decimals != 1 || !q.ShowRange || q.Scale() != 10 {
		t.Errorf("days: required %v, unit %q, min %d, max %d, decimals %d, show_range %v, scale %d",
			q.Required(), q.Unit, q.MinValue(), *q.Max, q.Decimals, q.ShowRange, q.Scale())
	}
	// Whole numbers by default, and optional when the schema says so.
	s = mustParse(t, withNumber(t, "            required: false\n"))
	if q := s.Question("days"); q.Decimals != 0 || q.Scale() != 1 || q.Required() {
		t.Errorf("defaults: decimals %d, scale %d, required %v", q.Decimals, q.Scale(), q.Required())
	}
}

func TestNumberMistakes(t *testing.T) {
	tests := []struct{ name, fields, at, msg string }{
		{"min above max", "            min: 10\n            max: 5\n", "- id: days", "設問「days」の max（5）が min（10）より小さくなっています"},
		{"negative min", "            min: -1\n", "- id: days", "設問「days」の min（-1）は 0 以上にしてください"},
		{"too many decimals", "            decimals: 7\n", "- id: days", "設問「days」の decimals（7）は 0〜6 にしてください"},
		{"negative decimals", "            decimals: -1\n", "- id: days", "decimals（-1）は 0〜6"},
		{"decimals not a number", "            decimals: 一\n", "decimals: 一", "「一」は整数として読めません"},
		{"max too large", "            max: 3000000000\n", "- id: days", "max（3000000000）が大きすぎます"},
		{"decimal bound", "            max: 1.5\n", "max: 1.5", "「1.5」は整数として読めません"},
		{"categories", "            categories:\n              - {id: a, label: エー}\n", "- id: days", "設問「days」（number）には categories は使えません"},
		{"multiple", "            multiple: true\n", "- id: days", "には multiple は使えません"},
		{"breakdown_of", "            breakdown_of: c1.x\n", "- id: days", "には breakdown_of は使えません"},
		{"sum_of", "            sum_of: [c1.x]\n", "- id: days", "には sum_of は使えません"},
		{"choices", "            choices: yn\n", "- id: days", "には choices は使えません"},
		{"lines", "            lines: 3\n", "- id: days", "には lines は使えません"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := withNumber(t, tc.fields)
			_, err := schema.Parse([]byte(src), "test.yaml")
			list := errorsOf(t, err)
			line := lineOf(t, src, tc.at)
			if find(list, line, tc.msg) == nil {
				t.Errorf("want an error on line %d containing %q; got:\n%v", line, tc.msg, list)
			}
		})
	}
	// decimals belongs to number questions only.
	src := edit(t, minimal, "type: counts\n", "type: counts\n            decimals: 1\n")
	_, err := schema.Parse([]byte(src), "test.yaml")
	if find(errorsOf(t, err), lineOf(t, src, "- id: c1"), "設問「c1」（counts）には decimals は使えません") == nil {
		t.Errorf("decimals on counts accepted or reported elsewhere: %v", err)
	}
}

// A rule may compare a number question with a count, and require an answer when it is given.
func TestNumberInRules(t *testing.T) {
	src := withNumber(t, "            unit: 日\n") + "rules:\n  - {figure: days, at_most: c1.x}\n  - {require: memo, when: days}\n"
	s := mustParse(t, src)
	r := s.Rules[0]
	if r.Left == nil || r.Left.Question != s.Question("days") || strings.Join(r.Left.Keys(), ",") != "days" {
		t.Errorf("figure days resolved to %+v", r.Left)
	}
	if c := s.Rules[1].Condition; c == nil || !c.IsCount() {
		t.Errorf("when: days resolved to %+v, want a figure answer", c)
	}
}
