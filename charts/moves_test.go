package charts

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/period"
)

// movesOf finds an item's 区ごとの変化 by the item's mark in its heading, and the table of
// one row in it by its heading's start.
func movesOf(t *testing.T, rep *Report, mark string) *Item {
	t.Helper()
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			if strings.HasPrefix(it.Heading, "（"+mark+"）") {
				return it
			}
		}
	}
	t.Fatalf("no item （%s）", mark)
	return nil
}

func moveTable(t *testing.T, it *Item, heading string) *Moves {
	t.Helper()
	for _, m := range it.Moves {
		if strings.HasPrefix(m.Heading, heading) {
			return m
		}
	}
	t.Fatalf("%s: no transition table %s among %d blocks", it.Heading, heading, len(it.Moves))
	return nil
}

// The transition tables and run lists of the sample against the designed movements of
// testdata/sample/movements.tsv, computed by hand (令和５年度 → 令和６年度上半期; the run over
// 令和５年度上半期, 令和５年度 and 令和６年度上半期).
func TestMovesOfSample(t *testing.T) {
	rep := Build(sample(t), Options{})
	a := movesOf(t, rep, "ア")
	if a.MovesHeading != "（ア）地域の医療・介護の資源の把握 ― 区ごとの変化（令和５年度 → 令和６年度上半期）" {
		t.Errorf("heading %q", a.MovesHeading)
	}
	intro := a.Moves[0]
	for _, want := range []string{
		"令和４年度は区別の回答がないため比較できません。",
		"（ア）１ 現時点では未着手が３期連続: 住之江区",
		"（ア）５ 現時点では未着手が３期連続: 中央区、浪速区",
		"（ア）５ 現時点では未着手が２期連続: 西淀川区",
		"すべての区が前回と同じ回答: （ア）２、（ア）３、（ア）４",
	} {
		if !slices.Contains(intro.Lines, want) {
			t.Errorf("（ア） lacks the line %q:\n%s", want, strings.Join(intro.Lines, "\n"))
		}
	}
	a5 := moveTable(t, a, "（ア）５．")
	if a5.Up != 2 || a5.Stayed != 21 || a5.Down != 1 || !a5.Ordered || a5.Lines[0] != "上がった 2区　変わらず 21区　下がった 1区" {
		t.Errorf("（ア）５: up %d stayed %d down %d %q", a5.Up, a5.Stayed, a5.Down, a5.Lines)
	}
	if a5.Corner != "令和５年度＼令和６年度上半期" || !reflect.DeepEqual(a5.Columns, []string{"実施している", "実施に向けて準備・調整中", "現時点では未着手"}) {
		t.Errorf("（ア）５ head %q %q", a5.Corner, a5.Columns)
	}
	want := []MoveRow{
		{Label: "実施している", Same: 0, Cells: []string{"都島区、福島区、此花区、港区、旭区、城東区、阿倍野区、東住吉区、平野区", "", "住之江区"}},
		{Label: "実施に向けて準備・調整中", Same: 1, Cells: []string{"生野区", "北区、西区、大正区、天王寺区、淀川区、東淀川区、鶴見区、住吉区、西成区", ""}},
		{Label: "現時点では未着手", Same: 2, Cells: []string{"", "東成区", "中央区、浪速区、西淀川区"}},
	}
	if !reflect.DeepEqual(a5.Rows, want) {
		t.Errorf("（ア）５ rows\n%+v\nwant\n%+v", a5.Rows, want)
	}
	if a1 := moveTable(t, a, "（ア）１．"); a1.Up != 1 || a1.Down != 0 || a1.Rows[2].Cells[1] != "西淀川区" {
		t.Errorf("（ア）１: %+v", a1)
	}
	for _, c := range []struct {
		mark, heading string
		up, down      int
		run           string
	}{
		{"イ", "（イ）（１）", 0, 1, "（イ）（１） 現時点では未開催が２期連続: 福島区、大正区、浪速区、西淀川区、鶴見区"},
		{"カ", "（カ）（１）", 0, 11, "（カ）（１） 現時点では未開催が３期連続: 東成区"},
		{"ウ", "（ウ）（１）１．", 5, 1, "（ウ）（１）１ 現時点では未着手が３期連続: 福島区、西区、西淀川区、東成区"},
		{"ウ", "（ウ）（１）２．", 1, 2, ""},
		{"ウ", "（ウ）（１）３．", 3, 1, ""},
		{"ウ", "（ウ）（２）５．", 0, 1, ""},
	} {
		it := movesOf(t, rep, c.mark)
		m := moveTable(t, it, c.heading)
		if m.Up != c.up || m.Down != c.down || m.Up+m.Stayed+m.Down != 24 {
			t.Errorf("%s: up %d stayed %d down %d, want up %d down %d", c.heading, m.Up, m.Stayed, m.Down, c.up, c.down)
		}
		if c.run != "" && !slices.Contains(it.Moves[0].Lines, c.run) {
			t.Errorf("%s lacks %q", c.mark, c.run)
		}
	}
	// Items whose rows nobody moved in have only the lines, and the 月報-like items
	// without choice questions (（オ）) no page at all.
	if e := movesOf(t, rep, "エ"); len(e.Moves) != 1 || !slices.Contains(e.Moves[0].Lines, "すべての区が前回と同じ回答: （エ）１、（エ）２、（エ）３、（エ）４、（エ）５") {
		t.Errorf("（エ） %+v", e.Moves)
	}
	if o := movesOf(t, rep, "オ"); o.MovesHeading != "" || len(o.Moves) != 0 {
		t.Errorf("（オ） has who-moved blocks: %+v", o.Moves)
	}
}

// Against 令和５年度上半期, whose i1 had other options, the table shows them as rows but
// counts no ups or downs, and says why.
func TestMovesAcrossOtherOptions(t *testing.T) {
	res := sample(t)
	keepOnly(res, period.Period{Year: 2023, Half: period.FirstHalf})
	m := moveTable(t, movesOf(t, Build(res, Options{}), "イ"), "（イ）（１）")
	if m.Ordered || m.Up != 0 || m.Down != 0 || m.Stayed != 16 {
		t.Errorf("i1: ordered %v up %d stayed %d down %d", m.Ordered, m.Up, m.Stayed, m.Down)
	}
	if m.Lines[0] != "令和５年度上半期の選択肢は今回と違うため、上がった・下がったは数えません（変わらず 16区）" {
		t.Errorf("i1 line %q", m.Lines[0])
	}
	if got := []string{m.Rows[0].Label, m.Rows[1].Label, m.Rows[2].Label}; !reflect.DeepEqual(got, []string{"開催している", "開催予定", "開催予定なし"}) || m.Rows[1].Same != -1 {
		t.Errorf("i1 rows %+v", m.Rows)
	}
	if m.Rows[1].Cells[0] != "北区、都島区" || m.Rows[1].Cells[1] != "福島区、大正区、浪速区、西淀川区、鶴見区、住之江区" {
		t.Errorf("i1 開催予定 → %q", m.Rows[1].Cells)
	}
}

// Without earlier periods, or with published totals only, there is nothing to compare and
// no 区ごとの変化 page.
func TestNoMovesWithoutPerWardPeriods(t *testing.T) {
	res := sample(t)
	keepOnly(res, period.Period{Year: 2022})
	for _, s := range Build(res, Options{}).Sections {
		for _, it := range s.Items {
			if it.MovesHeading != "" || len(it.Moves) > 0 {
				t.Errorf("%s has who-moved blocks with 令和４年度 (totals) only", it.Heading)
			}
		}
	}
}

// keepOnly leaves the earlier period p alone attached.
func keepOnly(res *aggregate.Result, p period.Period) {
	var src []aggregate.EarlierSource
	for _, e := range res.Earlier {
		if e.Period == p {
			src = append(src, e)
		}
	}
	res.Earlier = src
	for _, q := range res.Questions {
		var keep []*aggregate.Snapshot
		for _, e := range q.Earlier {
			if e.Period == p {
				keep = append(keep, e)
			}
		}
		q.Earlier = keep
	}
}

// A unit with an answer in only one of the two periods (not counted then) is named, and
// its row is not said to be the same for every unit.
func TestMovesWithAUnitMissingBefore(t *testing.T) {
	res := sample(t)
	p2023 := period.Period{Year: 2023}
	r := EarlierRow(res.Question("a1").EarlierIn(p2023), "a1.2")
	for i, oc := range r.Options {
		r.Options[i].Wards = slices.DeleteFunc(slices.Clone(oc.Wards), func(w string) bool { return w == "北区" })
	}
	a := movesOf(t, Build(res, Options{}), "ア")
	m := moveTable(t, a, "（ア）２．")
	if m.Up+m.Down != 0 || m.Stayed != 23 || !slices.Contains(m.Lines, "前回か今回の回答がない区: 北区") {
		t.Errorf("（ア）２: up %d stayed %d down %d %q", m.Up, m.Stayed, m.Down, m.Lines)
	}
	if slices.Contains(a.Moves[0].Lines, "すべての区が前回と同じ回答: （ア）２、（ア）３、（ア）４") {
		t.Error("（ア）２ is still listed as the same for every unit")
	}
}
