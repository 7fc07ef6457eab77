package charts

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// NumberLine is a number question in the report: no chart, one heading line with its
// total, 「（１）窓口開設日数　1,709 日」, or with the per-unit range when the question asks
// for it (show_range), 「1,709 日（123 日 ～ 180 日）」, as the 月報 prints it.
type NumberLine struct {
	ID      string
	Heading string
	// Total is the total as printed: 「1,709 日」 or 「1,709 日（123 日 ～ 180 日）」;
	// empty when no unit gave a value.
	Total string
	// Title and TitleTotal are the line as printed, as on CountBars: the heading, then the
	// total with what separates it from the heading (「　1,709 日」).
	Title      string
	TitleTotal string
	// Note is the question's note marked with ※ (NoteText).
	Note string
	// EarlierLines are earlier periods' totals: 「令和５年度 1,650日」.
	EarlierLines []string
}

// Text is the whole line: 「（１）窓口開設日数　1,709 日」.
func (n *NumberLine) Text() string { return n.Title + n.TitleTotal }

// FixedAmount is a number question's figure with its unit, in its decimal places:
// 「1,709 日」, 「8.5 時間」; v is the value × 10^decimals (aggregate.Question.Decimals).
func FixedAmount(v int64, decimals int, unit string) string {
	return strings.TrimSpace(textfmt.Fixed(v, decimals) + " " + unit)
}

// FixedRangeNote is RangeNote in a number question's decimal places: 「（123 日 ～ 180 日）」,
// 「（各 20 日）」 when every unit gave the same value, empty when none gave one.
func FixedRangeNote(f *aggregate.Figure, decimals int, unit string) string {
	if f == nil || f.Min == nil || f.Max == nil {
		return ""
	}
	if f.Min.Value == f.Max.Value {
		return "（各 " + FixedAmount(f.Min.Value, decimals, unit) + "）"
	}
	return "（" + FixedAmount(f.Min.Value, decimals, unit) + " ～ " + FixedAmount(f.Max.Value, decimals, unit) + "）"
}

// numberLine builds a number question's line.
func (b *builder) numberLine(q *aggregate.Question) *NumberLine {
	nl := &NumberLine{ID: q.ID, Heading: QuestionHeading(q), Note: NoteText(q.Note)}
	if q.Total != nil && q.Total.Wards > 0 {
		nl.Total = FixedAmount(q.Total.Sum, q.Decimals, q.Unit)
		if q.ShowRange {
			nl.Total += FixedRangeNote(q.Total, q.Decimals, q.Unit)
		}
	}
	nl.Title = nl.Heading
	if nl.Total != "" {
		nl.TitleTotal = "　" + nl.Total
	}
	for _, e := range q.Earlier {
		if !e.NoData && e.Total != nil {
			// As a count chart's earlier totals: 「令和５年度 1,706件」.
			nl.EarlierLines = append(nl.EarlierLines, fmt.Sprintf("%s %s%s", e.PeriodLabel, textfmt.Fixed(e.Total.Sum, e.Decimals), q.Unit))
		}
	}
	return nl
}
