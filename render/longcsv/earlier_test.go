package longcsv

import (
	"bytes"
	"encoding/csv"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

// The earlier periods' rows are exactly what their snapshots keep ward by ward (every
// chosen option, every category and total value), 令和４年度 from published totals adds
// none, and this period's rows follow unchanged.
func TestEarlierPeriodRows(t *testing.T) {
	res := aggregatetest.Sample(t)
	var buf bytes.Buffer
	if err := Write(&buf, res, "abcd-1234"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 期間,区,ブロック,設問ID,設問,選択肢・区分,値,集計ID
	got := map[string][]string{}
	for _, r := range recs[1:] {
		got[r[0]] = append(got[r[0]], strings.Join([]string{r[1], r[3], r[5], r[6]}, "|"))
	}
	want := map[string][]string{}
	for _, q := range res.Questions {
		for _, s := range q.Earlier {
			if s.NoData || !s.PerWard {
				continue
			}
			p := s.Period.String()
			for _, r := range s.Rows {
				for _, o := range r.Options {
					for _, w := range o.Wards {
						want[p] = append(want[p], strings.Join([]string{w, r.Key, o.Option, "1"}, "|"))
					}
				}
			}
			for _, c := range s.Categories {
				for _, wc := range c.ByWard {
					want[p] = append(want[p], strings.Join([]string{wc.Ward, c.Key, c.Label, strconv.FormatInt(wc.Value, 10)}, "|"))
				}
			}
			if s.Total != nil && len(s.Categories) == 0 {
				for _, wc := range s.Total.ByWard {
					want[p] = append(want[p], strings.Join([]string{wc.Ward, q.ID, "", strconv.FormatInt(wc.Value, 10)}, "|"))
				}
			}
		}
	}
	for _, p := range []string{"2023H1", "2023"} {
		sort.Strings(got[p])
		sort.Strings(want[p])
		if len(want[p]) < 24*10 {
			t.Fatalf("%s: the sample's snapshots hold only %d ward answers", p, len(want[p]))
		}
		if strings.Join(got[p], "\n") != strings.Join(want[p], "\n") {
			t.Errorf("%s: %d rows, want the %d ward answers of its snapshots", p, len(got[p]), len(want[p]))
		}
	}
	if n := len(got["2022"]); n != 0 {
		t.Errorf("2022 (published totals only) gave %d rows, want none", n)
	}
	// movements.tsv: 北区 had not started (ア)５ in 令和５年度上半期 and was preparing it in 令和５年度.
	for _, w := range []string{"北区|a1.5|現時点では未着手|1"} {
		if !contains(got["2023H1"], w) {
			t.Errorf("2023H1 lacks %s", w)
		}
	}
	if !contains(got["2023"], "北区|a1.5|実施に向けて準備・調整中|1") {
		t.Error("2023 lacks 北区's a1.5 answer 実施に向けて準備・調整中")
	}
	// This period's rows are what the aggregate writes without its earlier periods.
	bare := aggregatetest.Sample(t)
	bare.Earlier = nil
	for _, q := range bare.Questions {
		q.Earlier = nil
	}
	var plain bytes.Buffer
	if err := Write(&plain, bare, "abcd-1234"); err != nil {
		t.Fatal(err)
	}
	header, rest, _ := strings.Cut(plain.String(), "\r\n")
	if !strings.HasPrefix(buf.String(), header+"\r\n") || !strings.HasSuffix(buf.String(), "\r\n"+rest) {
		t.Error("with earlier periods, the header or this period's rows differ from the file without them")
	}
	// Periods in order, earlier first, so the file reads as a time series.
	order := []string{}
	for _, r := range recs[1:] {
		if len(order) == 0 || order[len(order)-1] != r[0] {
			order = append(order, r[0])
		}
	}
	if strings.Join(order, ",") != "2023H1,2023,2024H1" {
		t.Errorf("periods appear as %v", order)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
