package schema_test

import (
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// FuzzParse: any YAML gives a schema or an error list with lines, never a panic.
func FuzzParse(f *testing.F) {
	f.Add(string(schema.DefaultYAML()))
	f.Add("id: x\nversion: 1\n")
	f.Add("- [\n")
	f.Add("sheets:\n  - items:\n      - questions:\n          - {id: a, type: counts, categories: [{id: b, repeat_of: b}]}\n")
	f.Add(ruleSchema + "  - {figure: client, at_least: topic.med}\n  - {require: themes, when: held1, is: [開催, 2], otherwise: empty}\n  - {require: grp.two, when: client.other, level: warning}\n")
	f.Add("rules:\n  - {figure: a, at_most: b.c}\n  - {require: x, when: y.z, is: }\n  - {}\n")
	f.Fuzz(func(t *testing.T, src string) {
		s, err := schema.Parse([]byte(src), "fuzz.yaml")
		if err == nil && s == nil {
			t.Fatal("no schema and no error")
		}
		if err != nil {
			if _, ok := err.(schema.ErrorList); !ok {
				t.Fatalf("error is %T, not an ErrorList", err)
			}
		}
	})
}
