package charts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
)

func TestReportSummaryCapsLongLists(t *testing.T) {
	names := func(prefix string, n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("%s%d", prefix, i+1))
		}
		return out
	}
	tests := []struct {
		name              string
		missing, excluded int
		want              string // a part the line must hold
		wantNames         int    // names printed
	}{
		{"few: the whole line", 2, 1, "（未提出: 未1、未2／集計から除外: 除1）", 3},
		{"24 names: still whole", 20, 4, "除4）", 24},
		{"many missing", 600, 0, "未24、ほか576区）（一覧は「提出状況」）", 24},
		{"missing fill the names, excluded as a number", 30, 5, "／集計から除外: ほか5区）", 24},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := &aggregate.Result{Units: aggregate.Units{Label: "区"}}
			res.Submission.Missing = names("未", tc.missing)
			res.Submission.Excluded = names("除", tc.excluded)
			res.Submission.Expected = 1741
			res.Submission.Counted = 1741 - tc.missing - tc.excluded
			res.Submission.Summary = aggregate.SummaryLine("区", res.Submission.Counted, 1741, res.Submission.Missing, res.Submission.Excluded)
			got := reportSummary(res)
			if !strings.Contains(got, tc.want) {
				t.Errorf("reportSummary = %q, want it to hold %q", got, tc.want)
			}
			if n := strings.Count(got, "未") - strings.Count(got, "未提出") + strings.Count(got, "除") - strings.Count(got, "除外"); n != tc.wantNames {
				t.Errorf("reportSummary names %d units, want %d: %q", n, tc.wantNames, got)
			}
		})
	}
}
