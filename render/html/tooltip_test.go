package html

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// A count chart that prints each category's per-unit range in its label (show_range) states
// the range once in the tooltip: under the category's name, not in the heading as well.
func TestTooltipStatesTheRangeOnce(t *testing.T) {
	cb := &charts.CountBars{ID: "c", Heading: "相談者内訳", Unit: "件", Axis: charts.NiceAxis(300, "（件）"),
		Bars: []charts.CountBar{{
			Label: "①医療関係者（5 件 ～ 242 件）", Lines: []string{"①医療関係者（5 件 ～ 242 件）"},
			Name: "①医療関係者", Value: 1050, Range: "5 件 ～ 242 件",
		}}}
	got, err := countChart("c", cb, "区")
	if err != nil {
		t.Fatal(err)
	}
	page := string(got)
	if n := strings.Count(page, "5 件 ～ 242 件"); n != 2 { // the axis label, and the tooltip's line
		t.Errorf("the range is in the chart %d times, want 2 (label and tooltip line):\n%s", n, page)
	}
	if !strings.Contains(page, `"h":"①医療関係者"`) || !strings.Contains(page, `区ごとの範囲　5 件 ～ 242 件`) {
		t.Errorf("tooltip heading or range line missing:\n%s", page)
	}
}
