package schemacmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema/examples"
)

// `zaitaku schema example` lists the shipped surveys; with a name it prints one as
// embedded, which `schema check` then finds sound, as a city adapting it would start.
func TestExamplePrintsAShippedSurvey(t *testing.T) {
	out, code := execute(t, "example")
	if code != 0 || !strings.Contains(out, "月報\t") || !strings.Contains(out, "11区") {
		t.Fatalf("listing: exit %d\n%s", code, out)
	}
	e, _ := examples.Find("月報")
	for _, name := range []string{"月報", "getsuho", "getsuho.yaml"} {
		out, code := execute(t, "example", name)
		if code != 0 || out != string(e.YAML()) {
			t.Fatalf("example %s: exit %d, output differs from the embedded file", name, code)
		}
	}
	p := filepath.Join(t.TempDir(), "月報.yaml")
	if err := os.WriteFile(p, e.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code = execute(t, "check", p)
	if code != 0 || !strings.Contains(out, "問題はありません") || !strings.Contains(out, "区 11") || !strings.Contains(out, "月から月までの範囲") {
		t.Errorf("check of the 月報: exit %d\n%s", code, out)
	}
}

func TestExampleUnknownName(t *testing.T) {
	out, code := execute(t, "example", "年報")
	if code != cli.ExitUsage || !strings.Contains(out, "「年報」はありません") || !strings.Contains(out, "月報") {
		t.Errorf("exit %d, want %d naming what there is:\n%s", code, cli.ExitUsage, out)
	}
}

// `schema show` of the 月報 lists its labels in the JSON and, having no choice lists, no
// heading of accepted spellings with nothing under it.
func TestShowASurveyWithoutChoices(t *testing.T) {
	e, _ := examples.Find("月報")
	p := filepath.Join(t.TempDir(), "月報.yaml")
	if err := os.WriteFile(p, e.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, code := execute(t, "show", "--schema", p)
	if code != 0 || strings.Contains(out, "選択肢として受け付ける") || !strings.Contains(out, "窓口開設日数") {
		t.Errorf("show: exit %d\n%s", code, out)
	}
	out, code = execute(t, "show", "--schema", p, "--format", "json")
	var info Info
	if err := json.Unmarshal([]byte(out), &info); code != 0 || err != nil {
		t.Fatalf("show --format json: exit %d, %v", code, err)
	}
	if info.ReportTitle != "高齢者等在宅医療・介護連携に関する相談支援事業 月報集計" || info.DocLabel != "" || info.Numbering != "①" {
		t.Errorf("labels %q %q %q", info.ReportTitle, info.DocLabel, info.Numbering)
	}
}
