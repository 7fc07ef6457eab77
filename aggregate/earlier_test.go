package aggregate_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/schema/period"
)

var (
	p2022   = period.Period{Year: 2022}
	p2023H1 = period.Period{Year: 2023, Half: period.FirstHalf}
	p2023   = period.Period{Year: 2023}
)

// The earlier sample periods with per-ward answers give each ward's answer as designed
// (testdata/sample/movements.tsv, spot-checked by hand here); the published totals of
// 令和４年度 give none.
func TestEarlierAnswerOfSample(t *testing.T) {
	res := aggregatetest.Sample(t)
	for _, c := range []struct {
		q, key, ward string
		p            period.Period
		want         string
	}{
		{"a1", "a1.5", "中央区", p2023H1, "現時点では未着手"},
		{"a1", "a1.5", "中央区", p2023, "現時点では未着手"},
		{"a1", "a1.5", "住之江区", p2023, "実施している"},
		{"a1", "a1.5", "西淀川区", p2023H1, "実施に向けて準備・調整中"},
		{"a1", "a1.5", "福島区", p2023, "実施している"}, // not moved: as in 2024H1
		{"i1", "i1", "北区", p2023H1, "開催予定"},    // that period's own option
		{"i1", "i1", "住之江区", p2023, "開催している"},
		{"u2", "u2.5", "東成区", p2023, "把握している"},
	} {
		got, ok := res.Question(c.q).EarlierAnswer(c.p, c.key, c.ward)
		if !ok || got != c.want {
			t.Errorf("EarlierAnswer(%s, %s, %s) = %q, %v; want %q", c.p, c.key, c.ward, got, ok, c.want)
		}
	}
	if got, ok := res.Question("o4total").EarlierValue(p2022, "", "北区"); ok {
		t.Errorf("2022 (published totals) gave a ward's value: %d", got)
	}
	if s := res.Question("o4total").EarlierIn(p2022); s == nil || s.PerWard {
		t.Errorf("2022 snapshot %+v: want one without per-ward figures", s)
	}
	if got, ok := res.Question("a1").EarlierAnswer(period.Period{Year: 2019}, "a1.5", "北区"); ok {
		t.Errorf("a period not attached gave %q", got)
	}
	// Counts keep each ward's figure: the wards of 2023's o1 add up to the published 1,706.
	var sum int64
	for _, u := range res.Units.List {
		v, ok := res.Question("o1").EarlierValue(p2023, "", u.Name)
		if !ok {
			t.Fatalf("2023 o1 has no value for %s", u.Name)
		}
		sum += v
	}
	if sum != 1706 {
		t.Errorf("2023 o1 by ward adds up to %d, want 1706", sum)
	}
	if v, ok := res.Question("o4").EarlierValue(p2023, "o4.city", "北区"); !ok || v <= 0 {
		t.Errorf("2023 o4.city of 北区 = %d, %v", v, ok)
	}
}

// Every choice answer of the earlier sample periods is the 令和６年度上半期 one except where
// testdata/sample/movements.tsv lists a movement, so that file is the whole design.
func TestEarlierSampleFollowsMovements(t *testing.T) {
	res := aggregatetest.Sample(t)
	f, err := os.Open(filepath.Join(aggregatetest.Root(), "testdata", "sample", "movements.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type cell struct{ key, ward string }
	moved := map[cell][2]string{}
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 5 {
			t.Fatalf("movements.tsv: %q", line)
		}
		moved[cell{c[0], c[1]}] = [2]string{c[2], c[3]}
		if got := rowOf(res, c[0]).Answer(c[1]); got != c[4] {
			t.Errorf("%s %s: 2024H1 answer %q, movements.tsv says %q", c[0], c[1], got, c[4])
		}
	}
	n := 0
	for _, q := range res.Questions {
		for _, r := range q.Rows {
			for _, u := range res.Units.List {
				now := r.Answer(u.Name)
				for i, p := range []period.Period{p2023H1, p2023} {
					want := now
					if m, ok := moved[cell{r.Key, u.Name}]; ok {
						want = m[i]
					}
					got, ok := q.EarlierAnswer(p, r.Key, u.Name)
					if !ok || got != want {
						t.Errorf("%s %s %s: %q, want %q", p, r.Key, u.Name, got, want)
					}
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d answers compared", n)
	}
}

func rowOf(res *aggregate.Result, key string) *aggregate.ChoiceRow {
	for _, q := range res.Questions {
		if r := q.Row(key); r != nil {
			return r
		}
	}
	return nil
}
