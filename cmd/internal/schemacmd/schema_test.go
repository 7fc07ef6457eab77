package schemacmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/cli/clitest"
	"github.com/osaka-city/zaitaku/schema"
)

func execute(t *testing.T, args ...string) (string, int) {
	t.Helper()
	return clitest.Run(NewCmdSchema, args...)
}

func TestDefaultPrintsTheEmbeddedSchema(t *testing.T) {
	out, code := execute(t, "default")
	if code != 0 || out != string(schema.DefaultYAML()) {
		t.Fatalf("exit %d, output differs from the embedded schema", code)
	}
	// What it prints is a valid starting point.
	p := filepath.Join(t.TempDir(), "my.yaml")
	os.WriteFile(p, []byte(out), 0o644)
	out, code = execute(t, "check", p)
	if code != 0 || !strings.Contains(out, "問題はありません") || !strings.Contains(out, "区 24") {
		t.Errorf("check of the default: exit %d\n%s", code, out)
	}
}

func TestCheckReportsLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.yaml")
	bad := strings.Replace(string(schema.DefaultYAML()), "choices: held2", "choices: held3", 1)
	os.WriteFile(p, []byte(bad), 0o644)
	line := 0
	for i, l := range strings.Split(bad, "\n") {
		if strings.Contains(l, "held3") {
			line = i + 1
			break
		}
	}
	out, code := execute(t, "check", p)
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	// The error is reported on the question that names the list.
	if !strings.Contains(out, "選択肢リスト「held3」は choice_lists にありません") || !strings.Contains(out, "bad.yaml:") {
		t.Errorf("output:\n%s (list named on line %d)", out, line)
	}
}

func TestShowJSON(t *testing.T) {
	out, code := execute(t, "show", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var qs []QuestionInfo
	if err := json.Unmarshal([]byte(out), &qs); err != nil {
		t.Fatal(err)
	}
	byID := map[string]QuestionInfo{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	if len(byID["a1"].Rows) != 5 || byID["a1"].Options[1] != "実施に向けて準備・調整中" {
		t.Errorf("a1: %+v", byID["a1"])
	}
	u3 := byID["u3"]
	if len(u3.Categories) != 21 || u3.Categories[1].RepeatOf != "u3.01" || u3.Categories[0].Label != "１．医科" {
		t.Errorf("u3 categories: %+v", u3.Categories[:2])
	}
	if byID["o2med"].BreakdownOf != "o2.med" || strings.Join(byID["o4total"].SumOf, "+") != "o4.city+o4.org" {
		t.Errorf("o2med/o4total: %+v %+v", byID["o2med"], byID["o4total"])
	}
	text, _ := execute(t, "show")
	if !strings.Contains(text, "（ア）地域の医療・介護の資源の把握") || !strings.Contains(text, "u3.01r") {
		t.Errorf("text show lacks items:\n%s", text[:min(len(text), 500)])
	}
}

// TestShowListsAcceptedSpellings: the text view says, per choice list, which numbers and
// other spellings a pasted answer may use; every one it lists is one Match accepts.
func TestShowListsAcceptedSpellings(t *testing.T) {
	text, _ := execute(t, "show")
	_, section, ok := strings.Cut(text, "■ 選択肢として受け付ける書き方")
	if !ok {
		t.Fatalf("no section on accepted spellings:\n%s", text[max(0, len(text)-500):])
	}
	if !strings.Contains(section, "\nstatus3\n  1 実施している　（実施中・実施済・実施済み・実施・○・〇・◯）\n  2 実施に向けて準備・調整中　（準備・調整中・準備中・調整中・準備・△）\n") {
		t.Errorf("status3 not listed as expected:\n%s", section)
	}
	sc := schema.Default()
	for _, l := range sc.ChoiceLists {
		for _, o := range l.Options {
			for _, spelling := range append([]string{o.Label, fmt.Sprint(o.Code)}, o.Aliases...) {
				if got, ok := l.Match(spelling); !ok || got != o {
					t.Errorf("%s: %q is listed for %s but matches %v", l.ID, spelling, o.Label, got)
				}
			}
		}
	}
}
