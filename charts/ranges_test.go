package charts

import (
	"reflect"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
)

// rangeFigure is a figure over wards with the given values (none: no ward answered).
func rangeFigure(values ...int64) aggregate.Figure {
	f := aggregate.Figure{Wards: len(values)}
	for i, v := range values {
		w := string(rune('A' + i))
		f.Sum += v
		f.ByWard = append(f.ByWard, aggregate.WardCount{Ward: w, Value: v})
		if f.Min == nil || v < f.Min.Value {
			f.Min = &aggregate.Extreme{Value: v, Wards: []string{w}}
		}
		if f.Max == nil || v > f.Max.Value {
			f.Max = &aggregate.Extreme{Value: v, Wards: []string{w}}
		}
	}
	return f
}

func TestCountRanges(t *testing.T) {
	long := "関係機関（医療機関・訪問看護ステーション・居宅介護支援事業所・地域包括支援センター等）"
	question := func(show bool, unit string) *aggregate.Question {
		q := &aggregate.Question{ID: "c1", Type: "counts", Number: "（１）", Label: "相談者", Unit: unit, ShowRange: show}
		for _, c := range []struct {
			label  string
			values []int64
		}{
			{"医療関係者", []int64{5, 242, 803}},
			{"本人・家族", []int64{7, 7, 7}}, // min = max
			{"その他", []int64{0, 0, 0}},   // zero everywhere
			{"未回答", nil},                // no ward gave a value
			{long, []int64{1, 1200}},
		} {
			q.Categories = append(q.Categories, &aggregate.Category{Key: c.label, Label: c.label, Figure: rangeFigure(c.values...)})
		}
		total := rangeFigure(49, 966, 2693)
		q.Total = &total
		return q
	}
	for _, tc := range []struct {
		name       string
		q          *aggregate.Question
		titleTotal string
		labels     []string
	}{
		{
			name: "not asked", q: question(false, "件"),
			titleTotal: "　（ 3,708 件 ）",
			labels:     []string{"医療関係者", "本人・家族", "その他", "未回答", long},
		},
		{
			name: "asked", q: question(true, "件"),
			titleTotal: "　合計 3,708 件（49 件 ～ 2,693 件）",
			labels: []string{"医療関係者（5 件 ～ 803 件）", "本人・家族（各 7 件）", "その他（各 0 件）", "未回答",
				long + "（1 件 ～ 1,200 件）"},
		},
		{
			name: "asked, other unit", q: question(true, "回"),
			titleTotal: "　合計 3,708 回（49 回 ～ 2,693 回）",
			labels: []string{"医療関係者（5 回 ～ 803 回）", "本人・家族（各 7 回）", "その他（各 0 回）", "未回答",
				long + "（1 回 ～ 1,200 回）"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := &builder{res: &aggregate.Result{Questions: []*aggregate.Question{tc.q}}}
			cb := b.counts(tc.q)
			if cb.TitleTotal != tc.titleTotal {
				t.Errorf("TitleTotal = %q, want %q", cb.TitleTotal, tc.titleTotal)
			}
			var labels []string
			for i, bar := range cb.Bars {
				labels = append(labels, bar.Label)
				// The label column prints Lines: together they are the label, each line
				// within the column, the range never cut in two.
				joined := ""
				for _, l := range bar.Lines {
					joined += l
					if Width(l) > CountLabelWidth {
						t.Errorf("bar %d: line %q is %d wide, max %d", i, l, Width(l), CountLabelWidth)
					}
				}
				if joined != bar.Label {
					t.Errorf("bar %d: lines %q do not join to the label %q", i, bar.Lines, bar.Label)
				}
				if note := RangeNote(&tc.q.Categories[i].Figure, tc.q.Unit); tc.q.ShowRange && note != "" {
					if last := bar.Lines[len(bar.Lines)-1]; len(last) < len(note) || last[len(last)-len(note):] != note {
						t.Errorf("bar %d: range %q not whole at the end of %q", i, note, bar.Lines)
					}
				}
				// The value printed beside the bar stays the plain figure.
				if bar.Value != tc.q.Categories[i].Sum {
					t.Errorf("bar %d: value %d, want %d", i, bar.Value, tc.q.Categories[i].Sum)
				}
			}
			if !reflect.DeepEqual(labels, tc.labels) {
				t.Errorf("labels\n got %q\nwant %q", labels, tc.labels)
			}
		})
	}
}

func TestRangeNoteWithoutUnit(t *testing.T) {
	f := rangeFigure(1000, 25)
	if got, want := RangeNote(&f, ""), "（25 ～ 1,000）"; got != want {
		t.Errorf("RangeNote = %q, want %q", got, want)
	}
	if got := RangeNote(nil, "件"); got != "" {
		t.Errorf("RangeNote(nil) = %q, want empty", got)
	}
}
