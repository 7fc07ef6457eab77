package schemacmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestShowNumber: `schema show` lists a number question with what it accepts, in text and
// JSON, and `schema check` accepts the schema.
func TestShowNumber(t *testing.T) {
	p := filepath.Join(t.TempDir(), "number.yaml")
	if err := os.WriteFile(p, formtest.NumberYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := execute(t, "show", "--schema", p)
	for _, want := range []string{
		"  days       （２）窓口開設日数（number・必須）\n      数値: 0 以上 31 以下の整数（日）・報告書に範囲（最小～最大）を併記\n",
		"  hours      （３）平均相談時間（number・必須）\n      数値: 0 以上 24 以下の数（小数第１位まで）（時間）\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("show: exit %d, output lacks %q:\n%s", code, want, out)
		}
	}
	out, code = execute(t, "show", "--schema", p, "--format", "json")
	var info Info
	if err := json.Unmarshal([]byte(out), &info); err != nil || code != 0 {
		t.Fatalf("show --format json: exit %d, %v\n%s", code, err, out)
	}
	var days, c1 *QuestionInfo
	for i, q := range info.Questions {
		switch q.ID {
		case "days":
			days = &info.Questions[i]
		case "c1":
			c1 = &info.Questions[i]
		}
	}
	if days == nil || days.Type != "number" || days.Unit != "日" || days.Min == nil || *days.Min != 0 || days.Max == nil || *days.Max != 31 ||
		days.Decimals == nil || *days.Decimals != 0 || !days.ShowRange || !days.Required {
		t.Errorf("days in JSON: %+v", days)
	}
	if c1 == nil || c1.Min != nil || c1.Decimals != nil {
		t.Errorf("a counts question gained number fields: %+v", c1)
	}
	out, code = execute(t, "check", p)
	if code != 0 || !strings.Contains(out, "問題はありません") {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}
