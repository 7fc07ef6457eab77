package pdf

import (
	"slices"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// The value axis under the bars prints the model's ticks, each at its place, and nothing
// else but the unit: 0 2 4 … 10 11 for 11 units, 0 5 10 15 21 for 21 (no 20).
func TestAxisDrawsModelTicks(t *testing.T) {
	ts := typesetter{m: embeddedMeasurer(t), unit: "区"}
	const w = 400.0
	for _, tc := range []struct {
		axis charts.Axis
		want []string
	}{
		{charts.UnitAxis(11, "（区）"), []string{"0", "2", "4", "6", "8", "10", "11", "（区）"}},
		{charts.UnitAxis(21, "（区）"), []string{"0", "5", "10", "15", "21", "（区）"}},
		{charts.UnitAxis(24, "（区）"), []string{"0", "6", "12", "18", "24", "（区）"}},
	} {
		p := ts.axisFoot(tc.axis, 0, w)
		var got []string
		for _, e := range p.els {
			te, ok := e.(textEl)
			if !ok {
				continue
			}
			got = append(got, te.s)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("axis of %d: labels %q, want %q", tc.axis.Max, got, tc.want)
			continue
		}
		for i, v := range tc.axis.Ticks {
			x := scale(v, tc.axis.Max, w)
			l := findText(p.els, charts.Thousands(v))
			if l == nil || l.x+l.w/2 < x-0.5 || l.x+l.w/2 > x+0.5 {
				t.Errorf("axis of %d: label %d (%d) not centred at %.1f: %+v", tc.axis.Max, i, v, x, l)
			}
		}
	}
}

func findText(els []element, s string) *textEl {
	for _, e := range els {
		if te, ok := e.(textEl); ok && te.s == s {
			return &te
		}
	}
	return nil
}
