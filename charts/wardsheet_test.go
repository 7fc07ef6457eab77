package charts_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
)

// sheetQuestions maps each question on a sheet by id.
func sheetQuestions(ws *charts.WardSheet) map[string]*charts.SheetQuestion {
	m := map[string]*charts.SheetQuestion{}
	for _, sec := range ws.Sections {
		for _, it := range sec.Items {
			for _, q := range it.Questions {
				m[q.ID] = q
			}
		}
	}
	return m
}

// checkSheet holds a unit's sheet to aggregate.json: every choice row's answer and the
// city's counts, every count's value, minimum, median and maximum, computed here again
// from the per-unit figures, and the unit's own free text.
func checkSheet(t *testing.T, res *aggregate.Result, unit string) {
	t.Helper()
	ws, ok := charts.BuildWardSheet(res, unit, charts.Options{AggregateID: "abcd-ef01"})
	if !ok || !ws.Counted {
		t.Fatalf("%s: no counted sheet", unit)
	}
	if ws.AggregateID != "abcd-ef01" || ws.Title != unit+" "+res.Units.Label+"別シート" {
		t.Errorf("%s: id %q title %q", unit, ws.AggregateID, ws.Title)
	}
	qs := sheetQuestions(ws)
	units := schema.Units{Label: res.Units.Label}
	checked := 0
	for _, q := range res.Questions {
		sq := qs[q.ID]
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			if sq == nil || len(sq.Choices) != len(q.Rows) {
				t.Fatalf("%s %s: choices %v", unit, q.ID, sq)
			}
			for i, r := range q.Rows {
				c := sq.Choices[i]
				want := r.Answer(unit)
				if c.Answer != want || c.Of != res.Submission.Counted {
					t.Errorf("%s %s/%s: answer %q of %d, want %q of %d", unit, q.ID, r.Key, c.Answer, c.Of, want, res.Submission.Counted)
				}
				for j, o := range q.Options {
					if c.Values[j] != r.Count(o) {
						t.Errorf("%s %s/%s %s: %d, want %d", unit, q.ID, r.Key, o, c.Values[j], r.Count(o))
					}
				}
				if want != "" {
					line := unit + ": " + want + " — " + units.Count(res.Submission.Counted) + "中" + units.Amount(r.Count(want)) + "と同じ"
					if c.Text != line || q.Options[c.Index] != want {
						t.Errorf("%s %s/%s: %q, want %q", unit, q.ID, r.Key, c.Text, line)
					}
				}
				checked++
			}
		case schema.Counts, schema.Number:
			if sq == nil {
				t.Fatalf("%s %s: missing", unit, q.ID)
			}
			figs := map[string]*aggregate.Figure{}
			for _, c := range q.Categories {
				figs[charts.RepeatLabel(c)] = &c.Figure
			}
			if q.Type == schema.Number || len(q.Categories) > 1 {
				label := charts.TotalLabel(q)
				if q.Type == schema.Number {
					label = q.Label
				}
				figs[label] = q.Total
			}
			if len(sq.Counts) != len(figs) {
				t.Fatalf("%s %s: %d counts, want %d", unit, q.ID, len(sq.Counts), len(figs))
			}
			for _, c := range sq.Counts {
				f := figs[c.Label]
				if f == nil {
					t.Fatalf("%s %s: unexpected count %q", unit, q.ID, c.Label)
				}
				v, ok := f.Values()[unit]
				if !ok || c.Value == nil || *c.Value != v {
					t.Errorf("%s %s %s: value %v, want %d", unit, q.ID, c.Label, c.Value, v)
				}
				if c.Min != f.Min.Value || c.Max != f.Max.Value {
					t.Errorf("%s %s %s: range %d–%d, want %d–%d", unit, q.ID, c.Label, c.Min, c.Max, f.Min.Value, f.Max.Value)
				}
				var all []float64
				for _, wc := range f.ByWard {
					all = append(all, float64(wc.Value))
				}
				slices.Sort(all)
				med := (all[(len(all)-1)/2] + all[len(all)/2]) / 2
				if c.MedianValue() != med {
					t.Errorf("%s %s %s: median %v, want %v", unit, q.ID, c.Label, c.MedianValue(), med)
				}
				if !strings.HasPrefix(c.Text, unit+" "+charts.FixedAmount(v, q.Decimals, q.Unit)+"（最小 ") {
					t.Errorf("%s %s %s: %q", unit, q.ID, c.Label, c.Text)
				}
				checked++
			}
		case schema.Text, schema.TextList:
			var want []string
			for _, tx := range q.Texts {
				if tx.Ward == unit {
					want = append(want, tx.Lines...)
				}
			}
			var got []string
			if sq != nil {
				got = sq.Lines
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %s: text %q, want %q", unit, q.ID, got, want)
			}
		case schema.Cases:
			if sq != nil {
				t.Errorf("%s %s: case records without IncludeCases", unit, q.ID)
			}
		}
	}
	if checked == 0 {
		t.Fatalf("%s: nothing checked", unit)
	}
}

func TestWardSheetFiguresMatchAggregate(t *testing.T) {
	res := aggregatetest.Sample(t)
	for _, unit := range []string{"北区", "中央区", "西成区", "鶴見区"} {
		checkSheet(t, res, unit)
	}
	if n := len(charts.WardSheets(res, charts.Options{})); n != 24 {
		t.Errorf("%d sheets, want 24", n)
	}
}

func TestWardSheetGetsuho(t *testing.T) {
	res := aggregatetest.GetsuhoSample(t)
	for _, w := range res.Submission.Wards[:3] {
		checkSheet(t, res, w.Ward)
	}
	ws, _ := charts.BuildWardSheet(res, res.Submission.Wards[0].Ward, charts.Options{})
	for _, q := range sheetQuestions(ws) {
		if len(q.Choices) > 0 {
			t.Errorf("月報 sheet has choice rows: %s", q.ID)
		}
	}
}

func TestWardSheetUnknownAndMissing(t *testing.T) {
	res := aggregatetest.SampleWithout(t, "北区")
	if _, ok := charts.BuildWardSheet(res, "北", charts.Options{}); ok {
		t.Error("a sheet for a unit not in the aggregate")
	}
	ws, ok := charts.BuildWardSheet(res, "北区", charts.Options{})
	if !ok || ws.Counted || len(ws.Sections) != 0 || ws.Status != "未提出" {
		t.Errorf("missing unit: %+v", ws)
	}
	for _, s := range charts.WardSheets(res, charts.Options{}) {
		if s.Unit == "北区" {
			t.Error("a sheet for a unit not counted")
		}
	}
}

func TestWardSheetCasesOnlyWhenAsked(t *testing.T) {
	res := aggregatetest.Sample(t)
	var unit string
	for _, q := range res.Questions {
		if q.Type == schema.Cases && len(q.Cases) > 0 {
			unit = q.Cases[0].Ward
		}
	}
	if unit == "" {
		t.Fatal("the sample has no case records")
	}
	ws, _ := charts.BuildWardSheet(res, unit, charts.Options{IncludeCases: true})
	found := false
	for _, q := range sheetQuestions(ws) {
		for _, l := range q.Lines {
			found = found || strings.HasPrefix(l, "事例")
		}
	}
	if !found {
		t.Errorf("%s: no case record with IncludeCases", unit)
	}
}

// TestWardSheetMoves reads the designed movements of the sample's earlier periods
// (testdata/sample/movements.tsv): every listed change from 令和５年度 to 令和６年度上半期 is
// marked on the unit's sheet, every other choice row is marked as the same, and a few are
// checked word for word.
func TestWardSheetMoves(t *testing.T) {
	res := aggregatetest.Sample(t)
	data, err := os.ReadFile(filepath.Join(aggregatetest.Root(), "testdata", "sample", "movements.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ key, ward string }
	moved := map[row][2]string{} // 2023 → 2024H1
	for _, l := range strings.Split(string(data), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 5 || strings.HasPrefix(l, "#") || f[0] == "key" {
			continue
		}
		if f[3] != f[4] {
			moved[row{f[0], f[1]}] = [2]string{f[3], f[4]}
		}
	}
	if len(moved) < 10 {
		t.Fatalf("only %d movements read", len(moved))
	}
	counts := map[charts.Move]int{}
	for _, w := range res.Submission.Wards {
		ws, _ := charts.BuildWardSheet(res, w.Ward, charts.Options{})
		if ws.Previous != "令和５年度" {
			t.Fatalf("%s: compared with %q, want 令和５年度", w.Ward, ws.Previous)
		}
		qs := sheetQuestions(ws)
		for _, q := range res.Questions {
			for i, r := range q.Rows {
				c := qs[q.ID].Choices[i]
				key := r.Key
				if q.Type == schema.Choice {
					key = q.ID
				}
				m, ok := moved[row{key, w.Ward}]
				switch {
				case !ok && c.Move != charts.MoveSame:
					t.Errorf("%s %s: %q (%q), want the same as before", w.Ward, key, c.Move, c.MoveText)
				case ok && (c.PrevAnswer != m[0] || c.Answer != m[1] || c.Move == charts.MoveSame):
					t.Errorf("%s %s: %q → %q marked %q, want %q → %q", w.Ward, key, c.PrevAnswer, c.Answer, c.MoveText, m[0], m[1])
				}
				counts[c.Move]++
			}
		}
	}
	if counts[charts.MoveUp] == 0 || counts[charts.MoveDown] == 0 {
		t.Errorf("moves seen: %v", counts)
	}
	for _, tc := range []struct{ ward, key, want string }{
		{"生野区", "a1.5", "↑ 実施に向けて準備・調整中 → 実施している"},
		{"住之江区", "a1.5", "↓ 実施している → 現時点では未着手"},
		{"西淀川区", "a1.1", "↑ 現時点では未着手 → 実施に向けて準備・調整中"},
	} {
		ws, _ := charts.BuildWardSheet(res, tc.ward, charts.Options{})
		n := tc.key[len("a1."):]
		c := sheetQuestions(ws)["a1"].Choices[n[0]-'1']
		if c.MoveText != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.ward, tc.key, c.MoveText, tc.want)
		}
	}
}

// Counts show the unit's figure of the compared period beside this one: the sample's
// 令和５年度 u3 is twice 令和６年度上半期's, ward by ward.
func TestWardSheetPreviousCounts(t *testing.T) {
	res := aggregatetest.Sample(t)
	ws, _ := charts.BuildWardSheet(res, "北区", charts.Options{})
	n := 0
	for _, c := range sheetQuestions(ws)["u3"].Counts {
		if c.Prev == nil || c.Value == nil || *c.Prev != 2**c.Value {
			t.Errorf("u3 %s: previous %v, now %v, want twice", c.Label, c.Prev, c.Value)
			continue
		}
		if !strings.HasPrefix(c.PrevText, "前回（令和５年度）: ") {
			t.Errorf("u3 %s: %q", c.Label, c.PrevText)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no u3 counts")
	}
}

// Earlier periods from published totals only (testdata/history's 令和４年度) name no units:
// the sheet makes no comparison.
func TestWardSheetNoComparisonAgainstTotals(t *testing.T) {
	res := aggregatetest.Sample(t)
	var keep []aggregate.EarlierSource
	for _, e := range res.Earlier {
		if e.Period.String() == "2022" {
			keep = append(keep, e)
		}
	}
	if len(keep) != 1 {
		t.Fatalf("the sample's history has no 2022: %v", res.Earlier)
	}
	res.Earlier = keep
	for _, q := range res.Questions {
		var qe []*aggregate.Snapshot
		for _, s := range q.Earlier {
			if s.Period == keep[0].Period {
				qe = append(qe, s)
			}
		}
		q.Earlier = qe
	}
	ws, _ := charts.BuildWardSheet(res, "北区", charts.Options{})
	if ws.Previous != "" {
		t.Errorf("compared with %q", ws.Previous)
	}
	for _, q := range sheetQuestions(ws) {
		for _, c := range q.Choices {
			if c.MoveText != "" {
				t.Errorf("%s: %q", q.ID, c.MoveText)
			}
		}
		for _, c := range q.Counts {
			if c.PrevText != "" {
				t.Errorf("%s: %q", q.ID, c.PrevText)
			}
		}
	}
}
