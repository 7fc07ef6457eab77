package html

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// TestValueAxisDrawsModelTicks checks that the chart draws the model's ticks: ECharts draws
// 0, the multiples of the interval and the end by itself, so only an axis whose ticks
// differ from those gets a formatter, and it shows exactly the model's ticks.
func TestValueAxisDrawsModelTicks(t *testing.T) {
	for _, tc := range []struct {
		axis      charts.Axis
		formatter bool
		shown     []string
		hidden    []string
	}{
		{charts.UnitAxis(24, "（区）"), false, nil, nil},
		{charts.UnitAxis(11, "（区）"), false, nil, nil},
		{charts.UnitAxis(1741, "（区）"), false, nil, nil},
		{charts.NiceAxis(431, "（件）"), false, nil, nil},
		{charts.UnitAxis(21, "（区）"), true, []string{"0:'0'", "15:'15'", "21:'21'"}, []string{"20:"}},
		{charts.UnitAxis(2601, "（区）"), true, []string{"2000:'2,000'", "2601:'2,601'"}, []string{"2500:"}},
	} {
		ax := valueAxis(tc.axis)
		if ax.Interval != tc.axis.Ticks[1] || *ax.Max != tc.axis.Max {
			t.Errorf("%v: interval %d max %d", tc.axis.Ticks, ax.Interval, *ax.Max)
		}
		f := string(ax.AxisLabel.Formatter)
		if (f != "") != tc.formatter {
			t.Errorf("%v: formatter %q", tc.axis.Ticks, f)
		}
		for _, s := range tc.shown {
			if !strings.Contains(f, s) {
				t.Errorf("%v: formatter %q lacks %s", tc.axis.Ticks, f, s)
			}
		}
		for _, s := range tc.hidden {
			if strings.Contains(f, s) {
				t.Errorf("%v: formatter %q shows %s", tc.axis.Ticks, f, s)
			}
		}
	}
}
