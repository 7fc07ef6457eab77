package aggregatecmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestAggregateNumberSurvey: `zaitaku aggregate --schema` on a survey with number
// questions writes all six outputs; aggregate.json holds the exact totals, 集計.csv a row
// per unit. A return whose number breaks the rules stops the run with a cell-precise
// finding.
func TestAggregateNumberSurvey(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "返却")
	if err := os.Mkdir(in, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := formtest.WriteNumberSample(in); err != nil {
		t.Fatal(err)
	}
	sc := filepath.Join(dir, "月報.yaml")
	if err := os.WriteFile(sc, formtest.NumberYAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	msg, code := run(t, &Options{SchemaPath: sc, Dir: in, Output: out, Quiet: true})
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	for _, name := range []string{"aggregate.json", "集計表.xlsx", "集計.csv", "report.pdf", "report.html", "report.pptx"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	l, err := aggregate.Load(filepath.Join(out, "aggregate.json"))
	if err != nil {
		t.Fatal(err)
	}
	if q := l.Question("hours"); q == nil || q.Decimals != 1 || q.Total.Sum != 85 || l.Question("days").Total.Sum != 103 {
		t.Errorf("hours %+v, days %+v", q, l.Question("days"))
	}
	csv, _ := os.ReadFile(filepath.Join(out, "集計.csv"))
	if !strings.Contains(string(csv), ",第四室,hours,（ア）（３）平均相談時間,,3.2,") {
		t.Errorf("集計.csv lacks 第四室's 3.2:\n%s", csv)
	}

	// 第二室 types 2.55 hours: the run stops, naming the cell.
	f := filepath.Join(in, "第二室.xlsx")
	edit(t, f, map[string]string{"zq_hours": "2.55"})
	msg, code = run(t, &Options{SchemaPath: sc, Dir: in, Output: filepath.Join(dir, "out2"), Quiet: true})
	if code != 1 || !strings.Contains(msg, "月報!D14") || !strings.Contains(msg, "「2.55」は小数点以下が 2 桁あります。小数第１位までで入力してください") {
		t.Errorf("exit %d:\n%s", code, msg)
	}
}
