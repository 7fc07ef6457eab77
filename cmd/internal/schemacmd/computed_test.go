package schemacmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// schema show says which figures are computed and from what, so staff know which cells
// the form adds up: in the text view beside each, and in JSON as computed_from and computed.
func TestShowComputed(t *testing.T) {
	p := filepath.Join(t.TempDir(), "computed.yaml")
	if err := os.WriteFile(p, []byte(formtest.ComputedYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	text, code := execute(t, "show", "--schema", p)
	for _, want := range []string{
		"c1.med       １．医療（自動計算: c1med の合計・記入しない）\n",
		"      内訳: 合計が c1.med になる（自動計算）\n",
		"      合計: m1.city ＋ m1.org の和（自動計算・記入しない）\n",
		"  m1total    会議出席回数（total）\n", // not 必須: nobody types it
	} {
		if code != 0 || !strings.Contains(text, want) {
			t.Errorf("exit %d; the text view lacks %q:\n%s", code, want, text)
		}
	}
	out, _ := execute(t, "show", "--schema", p, "--format", "json")
	var info Info
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	from, total := map[string]string{}, false
	for _, q := range info.Questions {
		for _, c := range q.Categories {
			if c.ComputedFrom != "" {
				from[c.Key] = c.ComputedFrom
			}
		}
		total = total || q.ID == "m1total" && q.Computed && !q.Required
	}
	if len(from) != 2 || from["c1.med"] != "c1med" || from["c1.care"] != "c1care" || !total {
		t.Errorf("JSON: computed categories %v, computed total %v", from, total)
	}
}
