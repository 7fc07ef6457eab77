package charts_test

import (
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

// TestWardSheetMoves gives the sample an earlier period in which one unit answered
// differently, and checks the marks: up, down, the same and new.
func TestWardSheetMoves(t *testing.T) {
	res := aggregatetest.Sample(t)
	q := res.Question("a1")
	unit := "北区"
	opts := q.Options
	prevRows := make([]*aggregate.ChoiceRow, len(q.Rows))
	want := map[string]charts.Move{}
	for i, r := range q.Rows {
		now := r.Answer(unit)
		k := slices.Index(opts, now)
		var prev string
		switch i % 4 {
		case 0:
			prev, want[r.Key] = now, charts.MoveSame
		case 1: // answered further along now than before, if there is a further-back option
			if k+1 < len(opts) {
				prev, want[r.Key] = opts[k+1], charts.MoveUp
			} else {
				prev, want[r.Key] = now, charts.MoveSame
			}
		case 2:
			if k > 0 {
				prev, want[r.Key] = opts[k-1], charts.MoveDown
			} else {
				prev, want[r.Key] = now, charts.MoveSame
			}
		case 3:
			want[r.Key] = charts.MoveNew
		}
		pr := &aggregate.ChoiceRow{Key: r.Key, Label: r.Label}
		if prev != "" {
			pr.Options = []aggregate.OptionCount{{Option: prev, Count: 1, Wards: []string{unit}}}
		}
		prevRows[i] = pr
	}
	q.Earlier = []*aggregate.Snapshot{{PeriodLabel: "令和５年度下半期", Options: opts, Rows: prevRows}}
	ws, _ := charts.BuildWardSheet(res, unit, charts.Options{})
	if ws.Previous != "令和５年度下半期" {
		t.Errorf("previous %q", ws.Previous)
	}
	moves := map[charts.Move]int{}
	for i, c := range sheetQuestions(ws)["a1"].Choices {
		key := q.Rows[i].Key
		if c.Move != want[key] {
			t.Errorf("%s: move %q (%q), want %q", key, c.Move, c.MoveText, want[key])
		}
		moves[c.Move]++
		if c.Move == charts.MoveUp && c.MoveText != "↑ "+c.PrevAnswer+" → "+c.Answer {
			t.Errorf("%s: %q", key, c.MoveText)
		}
	}
	if moves[charts.MoveNew] == 0 || moves[charts.MoveSame] == 0 || moves[charts.MoveUp]+moves[charts.MoveDown] == 0 {
		t.Errorf("the sample did not exercise the moves: %v", moves)
	}
	// Earlier periods from published totals only (no units named) give no comparison.
	for _, r := range prevRows {
		for i := range r.Options {
			r.Options[i].Wards = nil
		}
	}
	ws, _ = charts.BuildWardSheet(res, unit, charts.Options{})
	if ws.Previous != "" || sheetQuestions(ws)["a1"].Choices[0].MoveText != "" {
		t.Error("a comparison against totals without units")
	}
}
