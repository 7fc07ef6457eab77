package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// withChange adds a top-level change_check (if any) and per-question change_check lines to
// the minimal schema.
func withChange(top string, perQuestion map[string]string) string {
	src := minimal
	if top != "" {
		src = strings.Replace(src, "units:\n", "change_check: "+top+"\nunits:\n", 1)
	}
	for id, v := range perQuestion {
		src = strings.Replace(src, "          - id: "+id+"\n", "          - id: "+id+"\n            change_check: "+v+"\n", 1)
	}
	return src
}

func TestChangeRules(t *testing.T) {
	for _, tc := range []struct {
		name           string
		top            string
		own            map[string]string
		q1, c1         bool
		ratio, minDiff int64
	}{
		{name: "none", q1: false, c1: false},
		{name: "default", top: "{ratio: 2, min_difference: 20}", q1: true, c1: true, ratio: 200, minDiff: 20},
		{name: "true", top: "true", q1: true, c1: true, ratio: 200, minDiff: 0},
		{name: "top off", top: "false"},
		{name: "override", top: "{ratio: 2, min_difference: 20}", own: map[string]string{"c1": "{ratio: 1.5}"}, q1: true, c1: true, ratio: 150, minDiff: 20},
		{name: "own only", own: map[string]string{"c1": "{min_difference: 5}", "q1": "true"}, q1: true, c1: true, ratio: 200, minDiff: 5},
		{name: "question off", top: "{ratio: 3}", own: map[string]string{"c1": "false", "q1": "false"}},
		{name: "choices off", top: "{ratio: 3, choices: false}", c1: true, ratio: 300},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustParse(t, withChange(tc.top, tc.own))
			if got := s.Question("q1").ChangeRule() != nil; got != tc.q1 {
				t.Errorf("q1 checked = %v, want %v", got, tc.q1)
			}
			r := s.Question("c1").ChangeRule()
			if (r != nil) != tc.c1 {
				t.Fatalf("c1 rule = %+v, want checked %v", r, tc.c1)
			}
			if r != nil && (r.RatioHundredths != tc.ratio || r.MinDifference != tc.minDiff) {
				t.Errorf("c1 rule = %+v, want ratio %d, min %d", r, tc.ratio, tc.minDiff)
			}
			if s.Question("memo").ChangeRule() != nil {
				t.Error("a text question has a 前回比 rule")
			}
		})
	}
}

func TestChangeMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, top string
		own       map[string]string
		line      string // text of the line the error is on
		want      string
	}{
		{name: "ratio 1", top: "{ratio: 1}", line: "change_check: {ratio: 1}", want: "ratio（1）は 1 より大きい数"},
		{name: "ratio digits", top: "{ratio: 1.255}", line: "change_check: {ratio: 1.255}", want: "小数第２位まで"},
		{name: "block mapping", top: "\n  min_difference: 5\n  ratio: 1.234", line: "  ratio: 1.234", want: "ratio（1.234）は小数第２位まで"},
		{name: "negative", top: "{min_difference: -3}", line: "change_check: {min_difference: -3}", want: "min_difference（-3）は 0 以上"},
		{name: "word", top: "yes please", line: "change_check: yes please", want: "true・false か、ratio・min_difference の組"},
		{name: "unknown key", top: "{ratio: 2, at_least: 20}", line: "change_check: {ratio: 2, at_least: 20}", want: "不明な項目「at_least」"},
		{name: "on text", own: map[string]string{"memo": "true"}, line: "change_check: true", want: "設問「memo」の change_check は書けません"},
		{name: "thresholds on choice", own: map[string]string{"q1": "{ratio: 2}"}, line: "change_check: {ratio: 2}", want: "設問「q1」の change_check には true か false だけ"},
		{name: "choices on question", own: map[string]string{"c1": "{choices: false}"}, line: "change_check: {choices: false}", want: "choices は一番上の change_check にだけ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := withChange(tc.top, tc.own)
			_, err := schema.Parse([]byte(src), "test.yaml")
			if err == nil {
				t.Fatalf("no error for\n%s", src)
			}
			line := 0
			for i, l := range strings.Split(src, "\n") {
				if strings.Contains(l, tc.line) {
					line = i + 1
					break
				}
			}
			want := fmt.Sprintf("test.yaml:%d行目: ", line)
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v\nwant %q with %q", err, want, tc.want)
			}
		})
	}
}

// The shipped surveys turn the check on: the 前回比 warnings only appear when a run is
// given the previous period (--previous), so without it they behave as before.
func TestShippedChangeChecks(t *testing.T) {
	s := schema.Default()
	for _, id := range []string{"u3", "o1", "o2", "o4total", "a1", "i1"} {
		if s.Question(id).ChangeRule() == nil {
			t.Errorf("default survey: %s has no 前回比 rule", id)
		}
	}
	if r := s.Question("u3").ChangeRule(); r != nil && (r.RatioHundredths != 200 || r.MinDifference != 20) {
		t.Errorf("default u3 rule = %+v, want ×2 and 20", r)
	}
	if s.Question("ka2").ChangeRule() != nil {
		t.Error("default survey: a text list has a 前回比 rule")
	}
}
