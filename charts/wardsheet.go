package charts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// WardSheet is one unit's feedback sheet (区別シート): where the unit stands against the
// whole city on every question, and where it moved since the previous period. Built from
// the aggregate alone, so `zaitaku report --ward` draws the same sheet as aggregate did.
type WardSheet struct {
	// Unit is the unit's name (北区); UnitLabel what a unit is called (区).
	Unit      string
	UnitLabel string
	// Title is the sheet's heading: 「北区 区別シート」.
	Title string
	// ReportTitle and PeriodLabel are the survey's, as the report prints them.
	ReportTitle string
	PeriodLabel string
	AggregateID string
	// Summary is the submission line 「回答 24／24区」; Counted says whether this unit's
	// return is in the figures (a missing unit gets a sheet saying so, with no answers).
	Summary string
	Counted bool
	// Status is the unit's submission status in words (集計済, 未提出 …).
	Status string
	// Previous is the period compared against (令和５年度下半期); empty when the aggregate
	// has no earlier period with this unit's answers.
	Previous string
	// Notices are the warnings and notes of the unit's return (the 前回比 first of all),
	// listed under NoticesTitle; none, and no such part, when the return had none.
	Notices  []*SheetNotice
	Sections []*SheetSection
}

// SheetSection is one part of the survey (Ⅰ．区役所の取組) on the sheet.
type SheetSection struct {
	Title string
	Items []*SheetItem
}

// SheetItem is one item (「（ア）…」) and its questions on the sheet.
type SheetItem struct {
	Heading   string
	Questions []*SheetQuestion
}

// SheetQuestion is one question on the sheet: its heading, and either choice rows, count
// ranges or the unit's free text.
type SheetQuestion struct {
	ID      string
	Heading string
	// Series are the options with their colours (choice questions).
	Series  []Series
	Choices []*ChoiceMark
	Counts  []*CountMark
	// Lines are the unit's own free text (text, text_list) or case records (only when
	// asked for); none when it wrote nothing.
	Lines []string
}

// Move is how a unit's answer changed since the previous period.
type Move string

// The moves a sheet marks: up (to an option listed earlier in the schema, which lists the
// furthest along first, as 資料１ does), down, the same, and new (no answer before).
const (
	MoveNone Move = ""
	MoveUp   Move = "↑"
	MoveDown Move = "↓"
	MoveSame Move = "="
	MoveNew  Move = "新規"
)

// ChoiceMark is one choice row: the city's stacked bar with the unit's answer marked.
type ChoiceMark struct {
	// Label is the row label (empty for a single choice question).
	Label string
	// Values are the city's counts per option (same order as the question's Series); Of
	// is how many units were counted, the bar's full length.
	Values []int
	Of     int
	// Answer is the unit's option, Index its position in Series (-1: not answered).
	Answer string
	Index  int
	// Same is how many counted units gave the same answer, the unit included.
	Same int
	// Text is the line printed under the bar: 「北区: 実施している — 24区中18区と同じ」.
	Text string
	// PrevAnswer is the unit's answer in the previous period ("" none), Move how it moved,
	// MoveText the mark as printed: 「↑ 準備中 → 実施している」.
	PrevAnswer string
	Move       Move
	MoveText   string
}

// CountMark is one count (or number): the unit's figure on the city's range.
type CountMark struct {
	Label string
	// Value is the unit's figure (nil: not answered); Min, Median, Max the city's over the
	// counted units. Figures are × 10^Decimals for number questions.
	Value    *int64
	Min, Max int64
	// Median is twice the median, so that the mean of two middle values stays exact.
	Median2  int64
	Decimals int
	Unit     string
	// Text is the figure line: 「北区 12 件（最小 0 件・中央値 8 件・最大 45 件）」.
	Text string
	// Prev is the unit's figure in the previous period when known; PrevText prints it.
	Prev     *int64
	PrevText string
}

// WardSheetTitle is the heading of a unit's sheet: 「北区 区別シート」.
func WardSheetTitle(unit, unitLabel string) string { return unit + " " + unitLabel + "別シート" }

// WardSheetDir is the folder of the sheets in the output: 「区別」.
func WardSheetDir(unitLabel string) string { return unitLabel + "別" }

// BuildWardSheet builds the sheet of one unit; ok is false when the aggregate has no such unit.
func BuildWardSheet(res *aggregate.Result, unit string, opts Options) (*WardSheet, bool) {
	var st *aggregate.WardStatus
	for i := range res.Submission.Wards {
		if res.Submission.Wards[i].Ward == unit {
			st = &res.Submission.Wards[i]
		}
	}
	if st == nil {
		return nil, false
	}
	ws := &WardSheet{
		Unit: unit, UnitLabel: res.Units.Label, Title: WardSheetTitle(unit, res.Units.Label),
		ReportTitle: res.Survey.ReportTitle, PeriodLabel: res.PeriodLabel, AggregateID: opts.AggregateID,
		Summary: reportSummary(res), Counted: st.Status == aggregate.StatusCounted, Status: aggregate.StatusLabel(st.Status),
	}
	if opts.Title != "" {
		ws.ReportTitle = opts.Title
	}
	if !ws.Counted {
		return ws, true
	}
	ws.Notices = sheetNotices(st)
	sb := sheetBuilder{res: res, unit: unit, units: schema.Units{Label: res.Units.Label}, opts: opts}
	sb.prev = previousPeriod(res)
	for _, part := range Outline(res.Questions) {
		sec := &SheetSection{Title: part.Title}
		for _, pi := range part.Items {
			item := &SheetItem{Heading: pi.Heading}
			for _, q := range pi.Questions {
				if sq := sb.question(q); sq != nil {
					item.Questions = append(item.Questions, sq)
				}
			}
			if len(item.Questions) > 0 {
				sec.Items = append(sec.Items, item)
			}
		}
		if len(sec.Items) > 0 {
			ws.Sections = append(ws.Sections, sec)
		}
	}
	if sb.prev != nil {
		ws.Previous = sb.prev.PeriodLabel
	}
	return ws, true
}

// WardSheets builds the sheet of every counted unit, in official order.
func WardSheets(res *aggregate.Result, opts Options) []*WardSheet {
	var out []*WardSheet
	for _, w := range res.Submission.Wards {
		if w.Status != aggregate.StatusCounted {
			continue
		}
		if ws, ok := BuildWardSheet(res, w.Ward, opts); ok {
			out = append(out, ws)
		}
	}
	return out
}

type sheetBuilder struct {
	res   *aggregate.Result
	unit  string
	units schema.Units
	opts  Options
	// prev is the period the sheet compares with: the latest earlier one with per-unit
	// answers; nil when there is none.
	prev *aggregate.EarlierSource
}

func (b *sheetBuilder) question(q *aggregate.Question) *SheetQuestion {
	sq := &SheetQuestion{ID: q.ID, Heading: QuestionHeading(q)}
	switch q.Type {
	case schema.Choice, schema.ChoiceGroup:
		for i, o := range q.Options {
			c := OptionColor(o, i, len(q.Options))
			sq.Series = append(sq.Series, Series{Label: o, Color: c, TextColor: TextColor(c)})
		}
		prev := b.previousSnapshot(q)
		for _, r := range q.Rows {
			sq.Choices = append(sq.Choices, b.choice(q, r, prev))
		}
	case schema.Counts:
		for _, c := range q.Categories {
			label := c.Label
			if c.Repeat {
				label = RepeatLabel(c)
			}
			sq.Counts = append(sq.Counts, b.withPrev(b.count(label, &c.Figure, 0, q.Unit), q, c.Key))
		}
		if q.Total != nil && len(q.Categories) > 1 {
			sq.Counts = append(sq.Counts, b.withPrev(b.count(TotalLabel(q), q.Total, 0, q.Unit), q, ""))
		}
	case schema.Total:
		return nil // its categories are shown with their counts question
	case schema.Number:
		sq.Counts = append(sq.Counts, b.withPrev(b.count(q.Label, q.Total, q.Decimals, q.Unit), q, ""))
	case schema.Text, schema.TextList:
		for _, t := range q.Texts {
			if t.Ward == b.unit {
				sq.Lines = append(sq.Lines, t.Lines...)
			}
		}
		if len(sq.Lines) == 0 {
			return nil
		}
	case schema.Cases:
		if !b.opts.IncludeCases {
			return nil
		}
		for _, c := range q.Cases {
			if c.Ward != b.unit {
				continue
			}
			var parts []string
			for _, f := range c.Fields {
				if f.Value != "" {
					parts = append(parts, f.Label+"："+f.Value)
				}
			}
			sq.Lines = append(sq.Lines, fmt.Sprintf("事例%d　%s", c.Record, strings.Join(parts, "　")))
		}
		if len(sq.Lines) == 0 {
			return nil
		}
	default:
		return nil
	}
	return sq
}

// previousPeriod is the latest earlier period whose aggregate holds each unit's answers
// (aggregate.HasPerWard); earlier periods from published totals cannot say who moved.
func previousPeriod(res *aggregate.Result) *aggregate.EarlierSource {
	for i := len(res.Earlier) - 1; i >= 0; i-- {
		p := res.Earlier[i].Period
		for _, q := range res.Questions {
			if s := q.EarlierIn(p); s != nil && !s.NoData && s.PerWard {
				return &res.Earlier[i]
			}
		}
	}
	return nil
}

// previousSnapshot is q in the compared period, nil when there is none or that period's
// survey lacked q.
func (b *sheetBuilder) previousSnapshot(q *aggregate.Question) *aggregate.Snapshot {
	if b.prev == nil {
		return nil
	}
	if s := q.EarlierIn(b.prev.Period); s != nil && !s.NoData && s.PerWard {
		return s
	}
	return nil
}

// withPrev adds the unit's figure in the compared period to a count: 「前回 12 件（+2）」.
func (b *sheetBuilder) withPrev(cm *CountMark, q *aggregate.Question, key string) *CountMark {
	if b.previousSnapshot(q) == nil {
		return cm
	}
	v, ok := q.EarlierValue(b.prev.Period, key, b.unit)
	if !ok {
		cm.PrevText = "前回（" + b.prev.PeriodLabel + "）: 回答なし"
		return cm
	}
	cm.Prev = &v
	cm.PrevText = "前回（" + b.prev.PeriodLabel + "）: " + FixedAmount(v, cm.Decimals, cm.Unit)
	if cm.Value != nil && *cm.Value != v {
		d := *cm.Value - v
		sign := "+"
		if d < 0 {
			sign, d = "−", -d
		}
		cm.PrevText += "（" + sign + FixedAmount(d, cm.Decimals, cm.Unit) + "）"
	}
	return cm
}

func (b *sheetBuilder) choice(q *aggregate.Question, r *aggregate.ChoiceRow, prev *aggregate.Snapshot) *ChoiceMark {
	cm := &ChoiceMark{Label: r.Label, Of: b.res.Submission.Counted, Index: -1}
	if q.Type == schema.Choice {
		cm.Label = ""
	}
	cm.Answer = r.Answer(b.unit)
	for i, o := range q.Options {
		n := r.Count(o)
		cm.Values = append(cm.Values, n)
		if o == cm.Answer {
			cm.Index, cm.Same = i, n
		}
	}
	if cm.Answer == "" {
		cm.Text = b.unit + ": 未回答"
	} else {
		cm.Text = fmt.Sprintf("%s: %s — %s中%sと同じ", b.unit, cm.Answer, b.units.Count(cm.Of), b.units.Amount(cm.Same))
	}
	if prev == nil {
		return cm
	}
	cm.PrevAnswer, _ = q.EarlierAnswer(prev.Period, r.Key, b.unit)
	cm.Move, cm.MoveText = choiceMove(q.Options, cm.PrevAnswer, cm.Answer)
	return cm
}

// choiceMove compares two answers by their place in the option list (furthest along first).
func choiceMove(options []string, prev, now string) (Move, string) {
	switch {
	case now == "":
		return MoveNone, ""
	case prev == "":
		return MoveNew, "新規"
	case prev == now:
		return MoveSame, "" // unmarked: most rows do not move, and a mark on each would hide those that do
	}
	pi, ni := slices.Index(options, prev), slices.Index(options, now)
	if pi < 0 || ni < 0 {
		return MoveSame, "前回: " + prev
	}
	m := MoveUp
	if ni > pi {
		m = MoveDown
	}
	return m, fmt.Sprintf("%s %s → %s", m, prev, now)
}

func (b *sheetBuilder) count(label string, f *aggregate.Figure, decimals int, unit string) *CountMark {
	cm := &CountMark{Label: label, Decimals: decimals, Unit: unit}
	vals := f.Values()
	var all []int64
	for _, wc := range f.ByWard {
		all = append(all, wc.Value)
	}
	if len(all) > 0 {
		slices.Sort(all)
		cm.Min, cm.Max = all[0], all[len(all)-1]
		n := len(all)
		cm.Median2 = all[(n-1)/2] + all[n/2]
	}
	amount := func(v int64) string { return FixedAmount(v, decimals, unit) }
	if v, ok := vals[b.unit]; ok {
		cm.Value = &v
		cm.Text = b.unit + " " + amount(v)
	} else {
		cm.Text = b.unit + " 未回答"
	}
	if len(all) > 0 {
		cm.Text += fmt.Sprintf("（最小 %s・中央値 %s・最大 %s）", amount(cm.Min), medianText(cm.Median2, decimals, unit), amount(cm.Max))
	}
	return cm
}

// medianText prints a doubled median: whole when even, with one more decimal place when
// it falls between two values (8.5 件).
func medianText(m2 int64, decimals int, unit string) string {
	if m2%2 == 0 {
		return FixedAmount(m2/2, decimals, unit)
	}
	return strings.TrimSpace(textfmt.Fixed(m2*5, decimals+1) + " " + unit)
}

// MedianValue is the median as a float in the figure's scale, for placing the mark.
func (c *CountMark) MedianValue() float64 { return float64(c.Median2) / 2 }
