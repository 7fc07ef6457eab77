package charts

import (
	"reflect"
	"testing"
)

// TestUnitAxisTicks holds the choice axis for every small count of units and a few large
// ones: the ticks run evenly from 0 and the axis ends at the number of units, which is a
// tick; no regular tick sits closer to the end than endGap of a step.
func TestUnitAxisTicks(t *testing.T) {
	for _, tc := range []struct {
		units int
		want  []int64
	}{
		{1, []int64{0, 1}},
		{2, []int64{0, 1, 2}},
		{3, []int64{0, 1, 2, 3}},
		{4, []int64{0, 1, 2, 3, 4}},
		{5, []int64{0, 1, 2, 3, 4, 5}},
		{6, []int64{0, 1, 2, 3, 4, 5, 6}},
		{7, []int64{0, 2, 4, 6, 7}},
		{8, []int64{0, 2, 4, 6, 8}},
		{9, []int64{0, 2, 4, 6, 8, 9}},
		{10, []int64{0, 2, 4, 6, 8, 10}},
		{11, []int64{0, 2, 4, 6, 8, 10, 11}},
		{12, []int64{0, 3, 6, 9, 12}},
		{13, []int64{0, 5, 10, 13}},
		{14, []int64{0, 5, 10, 14}},
		{15, []int64{0, 5, 10, 15}},
		{16, []int64{0, 4, 8, 12, 16}},
		{17, []int64{0, 5, 10, 15, 17}},
		{18, []int64{0, 5, 10, 15, 18}},
		{19, []int64{0, 5, 10, 15, 19}},
		{20, []int64{0, 5, 10, 15, 20}},
		{21, []int64{0, 5, 10, 15, 21}},
		{22, []int64{0, 5, 10, 15, 20, 22}},
		{23, []int64{0, 5, 10, 15, 20, 23}},
		{24, []int64{0, 6, 12, 18, 24}},
		{25, []int64{0, 5, 10, 15, 20, 25}},
		{26, []int64{0, 5, 10, 15, 20, 26}},
		{27, []int64{0, 5, 10, 15, 20, 25, 27}},
		{28, []int64{0, 7, 14, 21, 28}},
		{29, []int64{0, 5, 10, 15, 20, 25, 29}},
		{30, []int64{0, 5, 10, 15, 20, 25, 30}},
		{47, []int64{0, 10, 20, 30, 40, 47}},
		{100, []int64{0, 25, 50, 75, 100}},
		{1741, []int64{0, 500, 1000, 1500, 1741}},
	} {
		a := UnitAxis(tc.units, "（区）")
		if !reflect.DeepEqual(a.Ticks, tc.want) || a.Max != int64(tc.units) || a.Unit != "（区）" {
			t.Errorf("UnitAxis(%d) = ticks %v max %d, want %v max %d", tc.units, a.Ticks, a.Max, tc.want, tc.units)
			continue
		}
		// The rules the table was written by, so that a new row is checked as well.
		step := a.Ticks[1]
		for i := 1; i < len(a.Ticks)-1; i++ {
			if a.Ticks[i]-a.Ticks[i-1] != step {
				t.Errorf("UnitAxis(%d): uneven ticks %v", tc.units, a.Ticks)
			}
		}
		if n := len(a.Ticks); n > 2 && float64(a.Max-a.Ticks[n-2]) < endGap*float64(step) {
			t.Errorf("UnitAxis(%d): tick %d crowds the end", tc.units, a.Ticks[n-2])
		}
		if n := len(a.Ticks) - 1; n > maxUnitIntervals && step > 1 {
			t.Errorf("UnitAxis(%d): %d intervals", tc.units, n)
		}
	}
}
