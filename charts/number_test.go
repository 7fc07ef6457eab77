package charts

import (
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

// TestNumberLines: a number question is a heading line with its total, in its decimal
// places, with the per-unit range when it asks for one; no chart; in form order between
// the count charts.
func TestNumberLines(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	rep := Build(res, Options{})
	if len(rep.Sections) != 1 || len(rep.Sections[0].Items) != 1 {
		t.Fatalf("%d parts", len(rep.Sections))
	}
	blocks := rep.Sections[0].Items[0].Blocks
	var kinds []string
	var lines []*NumberLine
	for _, b := range blocks {
		switch {
		case b.Counts != nil:
			kinds = append(kinds, "counts")
		case b.Number != nil:
			kinds = append(kinds, "number")
			lines = append(lines, b.Number)
		default:
			kinds = append(kinds, "other")
		}
	}
	if len(kinds) != 4 || kinds[0] != "counts" || kinds[1] != "number" || kinds[2] != "number" || kinds[3] != "counts" {
		t.Fatalf("blocks %v, want counts, number, number, counts", kinds)
	}
	days, hours := lines[0], lines[1]
	if got, want := days.Text(), "（２）窓口開設日数　103 日（18 日 ～ 22 日）"; got != want {
		t.Errorf("days line %q, want %q", got, want)
	}
	if got, want := hours.Text(), "（３）平均相談時間　8.5 時間"; got != want || hours.Note != "※小数第１位まで" {
		t.Errorf("hours line %q (note %q), want %q", got, hours.Note, want)
	}
	if days.ID != "days" || days.Heading != "（２）窓口開設日数" || days.Total != "103 日（18 日 ～ 22 日）" {
		t.Errorf("days: %+v", days)
	}
}

func TestFixedRangeNote(t *testing.T) {
	f := &aggregate.Figure{Sum: 85, Wards: 5, Min: &aggregate.Extreme{Value: 5}, Max: &aggregate.Extreme{Value: 32}}
	if got := FixedRangeNote(f, 1, "時間"); got != "（0.5 時間 ～ 3.2 時間）" {
		t.Errorf("range %q", got)
	}
	f.Max.Value = 5
	if got := FixedRangeNote(f, 1, "時間"); got != "（各 0.5 時間）" {
		t.Errorf("same everywhere %q", got)
	}
	if got := FixedRangeNote(&aggregate.Figure{}, 0, "日"); got != "" {
		t.Errorf("no values: %q", got)
	}
	if got := FixedAmount(170900, 2, ""); got != "1,709.00" {
		t.Errorf("without unit %q", got)
	}
}

// Nobody answered: the line is the heading alone; earlier totals in their own places.
func TestNumberLineWithoutValues(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	q := res.Question("hours")
	q.Earlier = []*aggregate.Snapshot{{PeriodLabel: "平成２８年７月", Decimals: 1, Total: &aggregate.Figure{Sum: 93}}, {PeriodLabel: "平成２８年６月", NoData: true}}
	q.Total = &aggregate.Figure{}
	nl := (&builder{res: res}).numberLine(q)
	if nl.Text() != "（３）平均相談時間" || nl.Total != "" {
		t.Errorf("without values: %q", nl.Text())
	}
	if len(nl.EarlierLines) != 1 || nl.EarlierLines[0] != "平成２８年７月 9.3時間" {
		t.Errorf("earlier lines %q", nl.EarlierLines)
	}
}
