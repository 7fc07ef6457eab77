package pptx

import (
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// An item's 区ごとの変化 are slides with native tables: this period's answers across, the
// previous ones down, each cell the units as the model has them, the diagonal filled
// (testdata/sample/movements.tsv: （ア）５ 現時点では未着手 → 現時点では未着手 中央区、浪速区、西淀川区).
func TestMovesSlides(t *testing.T) {
	rep := charts.Build(aggregatetest.Sample(t), charts.Options{})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, s := range slides {
		if !slices.Contains(s.marks, "（ア）５．在宅医療・介護の必要量（需要）や資源量（供給）の将来推計") {
			continue
		}
		for _, sh := range flat(s.shapes) {
			if sh.table == nil {
				continue
			}
			tb := sh.table
			if len(tb.Rows) != 4 || tb.Rows[0].Cells[0].Text != "令和５年度＼令和６年度上半期" || tb.Rows[0].Cells[3].Text != "現時点では未着手" {
				t.Fatalf("table head %+v", tb.Rows[0])
			}
			last := tb.Rows[3].Cells
			if last[0].Text != "現時点では未着手" || last[2].Text != "東成区" || last[3].Text != "中央区、浪速区、西淀川区" || last[3].Fill == "" || last[2].Fill != "" {
				t.Errorf("row 現時点では未着手 %+v", last)
			}
			found = true
		}
	}
	if !found {
		t.Fatal("no slide with the transition table of （ア）５")
	}
	var heads int
	for _, s := range slides {
		if len(s.marks) > 0 && strings.Contains(s.marks[0], "区ごとの変化") && !strings.HasSuffix(s.marks[0], charts.Continued) {
			heads++
		}
	}
	if heads != 6 {
		t.Errorf("%d items with 区ごとの変化 slides, want 6", heads)
	}
}
