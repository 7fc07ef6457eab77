package summary_test

import (
	"strings"
	"testing"
)

// TestChartTicksFromModel checks that the native charts step their gridlines as the
// report's axis does (charts.UnitAxis): 0 2 4 … for 11 units, not a quarter (2.75).
func TestChartTicksFromModel(t *testing.T) {
	res := sample(t)
	res.Submission.Expected = 11
	x := zipParts(t, write(t, res))["xl/charts/chart1.xml"]
	for _, want := range []string{`<max val="11"`, `<majorUnit val="2"`} {
		if !strings.Contains(x, want) {
			t.Errorf("chart of 11 units: no %s", want)
		}
	}
}
