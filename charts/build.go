package charts

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// Options steer what goes into the report.
type Options struct {
	// DocLabel replaces the survey's 資料番号 (Survey.DocLabel) when set; NoDocLabel
	// prints none whatever the survey says (--doc-label "").
	DocLabel   string
	NoDocLabel bool
	// Title replaces the survey's report title when set.
	Title string
	// IncludeCases adds the case records (相談事例). They hold sensitive health details, so
	// they are left out unless asked for, and then only their fields are shown.
	IncludeCases bool
	// AggregateID is the 集計ID of the aggregate.json the report is drawn from, printed so
	// that a report can be matched with its workbook; empty prints none.
	AggregateID string
}

// Build lays out the report for an aggregate.
func Build(res *aggregate.Result, opts Options) *Report {
	rep := &Report{
		Title:       res.Survey.ReportTitle,
		PeriodLabel: spacedPeriod(res),
		DocLabel:    docLabel(res, opts),
		AggregateID: opts.AggregateID,
		Summary:     reportSummary(res),
		Complete:    res.Submission.Complete,
		UnitLabel:   res.Units.Label,
	}
	if opts.Title != "" {
		rep.Title = opts.Title
	}
	b := &builder{res: res, opts: opts}
	for _, part := range Outline(res.Questions) {
		sec := &Section{Title: part.Title}
		for _, pi := range part.Items {
			item := &Item{Heading: pi.Heading}
			for _, q := range pi.Questions {
				item.Blocks = append(item.Blocks, b.blocks(q)...)
			}
			// An item with nothing to draw (free text nobody wrote, case records left
			// out) gets no page, and a part with no item no title page.
			if len(item.Blocks) > 0 {
				item.MovesHeading, item.Moves = b.moves(pi.Questions)
				sec.Items = append(sec.Items, item)
			}
		}
		if len(sec.Items) > 0 {
			rep.Sections = append(rep.Sections, sec)
		}
	}
	rep.Notice = IncompleteNotice(rep.Summary, rep.Complete)
	rep.Status = b.status()
	rep.Appendix = b.appendix()
	if len(rep.Appendix) > 0 {
		rep.AppendixTitle = AppendixTitle(b.res.Units.Label)
	}
	rep.UnitTables = b.unitTables()
	return rep
}

// docLabel is the 資料番号 the report prints: the one asked for, else the survey's.
func docLabel(res *aggregate.Result, opts Options) string {
	switch {
	case opts.NoDocLabel:
		return ""
	case opts.DocLabel != "":
		return opts.DocLabel
	case res.Survey.DocLabel != nil:
		return *res.Survey.DocLabel
	}
	return ""
}

// spacedPeriod prints 令和６年度上半期 as the cover does: 「令和６年度 上半期」.
func spacedPeriod(res *aggregate.Result) string {
	l := res.PeriodLabel
	for _, h := range []string{"上半期", "下半期"} {
		if strings.HasSuffix(l, h) {
			return strings.TrimSuffix(l, h) + " " + h
		}
	}
	return l
}

type builder struct {
	res  *aggregate.Result
	opts Options
}

// blocks turns one question into what the report draws for it.
func (b *builder) blocks(q *aggregate.Question) []Block {
	switch q.Type {
	case schema.Choice, schema.ChoiceGroup:
		return []Block{{Stacked: b.stacked(q)}}
	case schema.Counts:
		if b.summedByTotal(q) != nil {
			return []Block{{Periods: b.periods(q)}}
		}
		return []Block{{Counts: b.counts(q)}}
	case schema.Total:
		// A total is shown in the period table of the counts it sums.
		return nil
	case schema.Number:
		return []Block{{Number: b.numberLine(q)}}
	case schema.Text, schema.TextList:
		if len(q.Texts) == 0 {
			return nil
		}
		tl := &TextList{ID: q.ID, Heading: QuestionHeading(q)}
		for _, t := range q.Texts {
			tl.Entries = append(tl.Entries, WardLines{Ward: t.Ward, Lines: t.Lines})
		}
		return []Block{{Texts: tl}}
	case schema.Cases:
		if !b.opts.IncludeCases {
			return nil
		}
		var out []Block
		for _, ct := range b.cases(q) {
			out = append(out, Block{Cases: ct})
		}
		return out
	}
	return nil
}

func (b *builder) stacked(q *aggregate.Question) *StackedBars {
	sb := &StackedBars{ID: q.ID, Heading: QuestionHeading(q), Note: NoteText(q.Note), Axis: UnitAxis(b.res.Submission.Expected, UnitWord(b.res.Units.Label))}
	for i, o := range q.Options {
		c := OptionColor(o, i, len(q.Options))
		sb.Series = append(sb.Series, Series{Label: o, Color: c, TextColor: TextColor(c)})
	}
	for _, r := range q.Rows {
		bar := StackedBar{Label: r.Label, Answered: r.Answered}
		if q.Type == schema.ChoiceGroup {
			bar.Lines = Wrap(r.Label, ChoiceLabelWidth)
		}
		for _, o := range q.Options {
			n, wards := 0, []string(nil)
			for _, oc := range r.Options {
				if oc.Option == o {
					n, wards = oc.Count, oc.Wards
				}
			}
			bar.Values = append(bar.Values, n)
			bar.Wards = append(bar.Wards, wards)
		}
		sb.Bars = append(sb.Bars, bar)
	}
	for _, e := range q.Earlier {
		if e.NoData || len(e.Rows) == 0 {
			continue
		}
		if q.Type == schema.Choice {
			// The earlier survey may have had other options (開催予定 / 開催予定なし): list them all.
			var parts []string
			units := schema.Units{Label: b.res.Units.Label}
			for _, oc := range e.Rows[0].Options {
				parts = append(parts, oc.Option+" "+units.Amount(oc.Count))
			}
			sb.EarlierLines = append(sb.EarlierLines, e.PeriodLabel+"："+strings.Join(parts, "、"))
			continue
		}
		// Per row, 資料１ sets beside the bars how many had done it then (令和５年度 実施済).
		first := e.Options[0]
		if len(e.Rows[0].Options) > 0 {
			first = e.Rows[0].Options[0].Option
		}
		col := EarlierColumn{Header: []string{e.PeriodLabel, first}}
		for _, r := range q.Rows {
			v := EarlierCount(e, r.Key, first)
			col.Values = append(col.Values, v)
			col.Cells = append(col.Cells, countText(v))
		}
		sb.Earlier = append(sb.Earlier, col)
	}
	return sb
}

// summedByTotal returns the total question whose sum_of names this question's categories:
// such counts are shown as one table over periods, as 資料１ does for 会議出席回数.
func (b *builder) summedByTotal(q *aggregate.Question) *aggregate.Question {
	for _, t := range b.res.Questions {
		if t.Type != schema.Total {
			continue
		}
		for _, k := range t.SumOf {
			if q.Category(k) != nil {
				return t
			}
		}
	}
	return nil
}

func (b *builder) counts(q *aggregate.Question) *CountBars {
	cb := &CountBars{ID: q.ID, Heading: QuestionHeading(q), Unit: q.Unit, Note: q.Note, Color: CountColor}
	if q.Multiple {
		cb.Note = strings.TrimSpace("重複可　" + strings.ReplaceAll(q.Note, "重複可", ""))
	}
	cb.Note = NoteText(cb.Note)
	if q.Total != nil {
		cb.Total = q.Total.Sum
		cb.TotalText = TotalText(q.Total.Sum, q.Unit)
		if q.ShowRange {
			cb.TotalText = RangedTotalText(q.Total, q.Unit)
		}
	}
	cb.Title = cb.Heading
	if cb.TotalText != "" {
		cb.TitleTotal = "　" + cb.TotalText
	}
	labelWidth := CountLabelWidth
	if q.BreakdownOf != "" {
		cb.Breakdown = true
		// A 内訳 chart stands beside its siblings under their parent's heading: its own
		// heading is bracketed and the total follows it closely.
		cb.Title = "【 " + cb.Heading + " 】"
		cb.TitleTotal = cb.TotalText
		labelWidth = BreakdownLabelWidth
		for _, p := range b.res.Questions {
			if c := p.Category(q.BreakdownOf); c != nil {
				cb.ParentLabel = c.Label
			}
		}
	}
	var max int64
	for _, c := range q.Categories {
		bar := CountBar{Label: c.Label, Lines: Wrap(c.Label, labelWidth), Name: c.Label, Value: c.Sum, Repeat: c.Repeat}
		bar.Range = rangeText(c, q.Unit)
		if q.ShowRange {
			setRange(&bar, c, q.Unit, labelWidth)
		}
		for _, w := range c.ByWard {
			bar.Wards = append(bar.Wards, fmt.Sprintf("%s %s", w.Ward, Thousands(w.Value)))
		}
		max = maxInt(max, c.Sum)
		cb.Bars = append(cb.Bars, bar)
	}
	cb.Axis = NiceAxis(max, UnitWord(q.Unit))
	for _, e := range q.Earlier {
		if !e.NoData && e.Total != nil {
			cb.EarlierLines = append(cb.EarlierLines, fmt.Sprintf("%s %s%s", e.PeriodLabel, Thousands(e.Total.Sum), q.Unit))
		}
	}
	return cb
}

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// periods builds the table of a total and its parts over the earlier periods and this one.
func (b *builder) periods(q *aggregate.Question) *PeriodTable {
	total := b.summedByTotal(q)
	pt := &PeriodTable{ID: q.ID, Heading: QuestionHeading(q)}
	if q.Unit != "" {
		pt.Unit = UnitWord(q.Unit)
	}
	type col struct {
		label string
		total *aggregate.Figure
		cats  []*aggregate.Category
	}
	var cols []col
	// Periods are the earlier ones with data for this question, then this period.
	for i, e := range q.Earlier {
		var te *aggregate.Snapshot
		if i < len(total.Earlier) {
			te = total.Earlier[i]
		}
		if e.NoData && (te == nil || te.NoData) {
			continue
		}
		c := col{label: e.PeriodLabel, cats: e.Categories}
		if te != nil && !te.NoData {
			c.total = te.Total
		}
		cols = append(cols, c)
	}
	cols = append(cols, col{label: b.res.PeriodLabel, total: total.Total, cats: q.Categories})
	for _, c := range cols {
		pt.Columns = append(pt.Columns, c.label)
	}
	row := PeriodRow{Label: total.Label}
	for _, c := range cols {
		row.Cells = append(row.Cells, figureText(c.total))
	}
	pt.Rows = append(pt.Rows, row)
	for _, cat := range q.Categories {
		r := PeriodRow{Label: cat.Label, Indent: true}
		for _, c := range cols {
			var f *aggregate.Figure
			if ec := categoryIn(c.cats, cat.Key); ec != nil {
				f = &ec.Figure
			}
			r.Cells = append(r.Cells, figureText(f))
		}
		pt.Rows = append(pt.Rows, r)
	}
	return pt
}

// cases groups the case records by their first field, the one the schema lists first to
// sort them by (場面), in the order its values first occur; each table is headed with the
// value and the field's label: 「【入退院支援の場面】」.
func (b *builder) cases(q *aggregate.Question) []*CaseTable {
	var groupField, groupLabel string
	if len(q.Cases) > 0 && len(q.Cases[0].Fields) > 1 {
		groupField, groupLabel = q.Cases[0].Fields[0].ID, q.Cases[0].Fields[0].Label
	}
	var order []string
	tables := map[string]*CaseTable{}
	for _, c := range q.Cases {
		group := ""
		var cells, cols []string
		for _, f := range c.Fields {
			if groupField != "" && f.ID == groupField {
				group = f.Value
				continue
			}
			cols = append(cols, f.Label)
			cells = append(cells, f.Value)
		}
		t := tables[group]
		if t == nil {
			h := QuestionHeading(q)
			if group != "" {
				h = "【" + group + "の" + groupLabel + "】"
			}
			t = &CaseTable{ID: fmt.Sprintf("%s.%d", q.ID, len(order)+1), Heading: h, Unit: b.res.Units.Label, Columns: cols}
			tables[group] = t
			order = append(order, group)
		}
		t.Rows = append(t.Rows, CaseRow{Ward: c.Ward, Cells: cells})
	}
	var out []*CaseTable
	for _, g := range order {
		out = append(out, tables[g])
	}
	return out
}

func (b *builder) status() *StatusTable {
	sub := b.res.Submission
	units := b.res.Units
	blocks := HasBlocks(units)
	// row drops the block column when the units have no blocks.
	row := func(unit, block string, rest ...string) []string {
		if !blocks {
			return append([]string{unit}, rest...)
		}
		return append([]string{unit, block}, rest...)
	}
	st := &StatusTable{Title: StatusTitle, EarlierTitle: EarlierAggregatesTitle, Summary: reportSummary(b.res), Columns: row(units.Label, BlockHeader(units), "状況", "ファイル", "エラー", "警告")}
	for _, ws := range sub.Wards {
		var files []string
		for _, f := range ws.Files {
			files = append(files, f.Name)
		}
		st.Rows = append(st.Rows, row(ws.Ward, ws.Block, aggregate.StatusLabel(ws.Status), strings.Join(files, "、"), fmt.Sprint(ws.Errors), fmt.Sprint(ws.Warnings)))
		st.Bad = append(st.Bad, ws.Status != aggregate.StatusCounted)
		if ws.Status == aggregate.StatusCounted {
			for _, n := range sheetNotices(&ws) {
				st.Notices = append(st.Notices, StatusNotice{Unit: ws.Ward, Notice: n})
			}
		}
	}
	if len(st.Notices) > 0 {
		st.NoticesTitle = NoticesTitle
	}
	for _, o := range sub.Others {
		st.Rows = append(st.Rows, row(UnknownUnit, "", UnknownUnitStatus(units.Label), o.Name, fmt.Sprint(len(o.Findings)), "0"))
		st.Bad = append(st.Bad, true)
	}
	for _, e := range b.res.Earlier {
		st.Earlier = append(st.Earlier, fmt.Sprintf("%s（%s、%s）", e.PeriodLabel, e.File, e.Summary))
	}
	return st
}

// matrixColumns is how many question rows fit across one appendix page, matrixRows how
// many units down it: Osaka's 24 wards on one page, a prefecture's municipalities over many.
const (
	matrixColumns = 16
	matrixRows    = 24
)

// appendix is the ward × question matrix of every choice answer, split into pages, each
// cell the option's number (1 = the first option) and a legend per page.
func (b *builder) appendix() []*Matrix {
	var cols []matrixCol
	for _, q := range b.res.Questions {
		if !IsChoice(q) {
			continue
		}
		for i, r := range q.Rows {
			code := toHalf(q.ItemMark + strings.TrimSpace(strings.Trim(q.Number, "（）()")))
			mc := MatrixColumn{Key: r.Key, Short: code, Label: QuestionHeading(q), Item: q.ItemMark}
			if q.Type == schema.ChoiceGroup {
				// The rows of one question share a header cell and a heading in the key.
				mc.Group, mc.Sub = code, fmt.Sprint(i+1)
				mc.Short = code + "-" + mc.Sub
				mc.GroupHeading, mc.RowLabel = mc.Label, r.Label
				mc.Label += " " + r.Label
			}
			// Each column's answers are indexed once for all its pages: looking up every
			// unit in the row itself grows with the square of the units (1,741 municipalities).
			cols = append(cols, matrixCol{mc, r.Answers(), q.Options})
		}
	}
	var out []*Matrix
	wards := b.res.Submission.Wards
	colPages := (len(cols) + matrixColumns - 1) / matrixColumns
	rowPages := max(1, (len(wards)+matrixRows-1)/matrixRows)
	for start := 0; start < len(cols); start += matrixColumns {
		for first := 0; first < len(wards) || first == 0; first += matrixRows {
			out = append(out, b.matrixPage(cols[start:min(start+matrixColumns, len(cols))], wards[first:min(first+matrixRows, len(wards))], len(out)+1, colPages*rowPages))
		}
	}
	return out
}

// matrixCol is one question row of the appendix with what its cells are computed from.
type matrixCol struct {
	MatrixColumn
	answers map[string]string // unit → option chosen
	options []string
}

// matrixPage is one appendix page: some question rows across, some units down.
func (b *builder) matrixPage(page []matrixCol, wards []aggregate.WardStatus, n, of int) *Matrix {
	m := &Matrix{Title: fmt.Sprintf("%s（%d／%d）", AppendixTitle(b.res.Units.Label), n, of)}
	legends := map[string]bool{}
	for _, c := range page {
		m.Columns = append(m.Columns, c.MatrixColumn)
		var parts []string
		for i, o := range c.options {
			parts = append(parts, fmt.Sprintf("%d %s", i+1, o))
		}
		if l := strings.Join(parts, "　"); !legends[l] {
			legends[l] = true
			m.Legend = append(m.Legend, l)
		}
	}
	for _, ws := range wards {
		row := MatrixRow{Ward: ws.Ward, Missing: ws.Status != aggregate.StatusCounted, Status: aggregate.StatusLabel(ws.Status)}
		for _, c := range page {
			cell := ""
			if a := c.answers[ws.Ward]; a != "" {
				for i, o := range c.options {
					if o == a {
						cell = fmt.Sprint(i + 1)
					}
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// toHalf turns the full-width digits of a question number into half-width for short headers.
func toHalf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// summaryNames is how many missing and excluded units the report's summary line names
// before it gives the rest as a number: every unit of a 24-ward city, while a list of
// hundreds (1,741 municipalities) would fill the cover and the 提出状況 page. The names
// left out are not lost: the 提出状況 table lists every unit with its state, and
// aggregate.json keeps the whole line.
const summaryNames = 24

// reportSummary is the submission line as the report prints it (see summaryNames).
func reportSummary(res *aggregate.Result) string {
	sub := res.Submission
	n := len(sub.Missing) + len(sub.Excluded)
	if n <= summaryNames {
		return sub.Summary
	}
	keep := summaryNames
	cut := func(names []string) []string {
		if len(names) == 0 {
			return nil
		}
		k := min(keep, len(names))
		keep -= k
		out := append([]string(nil), names[:k]...)
		if rest := len(names) - k; rest > 0 {
			out = append(out, "ほか"+UnitAmount(res.Units.Label, int64(rest)))
		}
		return out
	}
	missing := cut(sub.Missing)
	excluded := cut(sub.Excluded)
	return aggregate.SummaryLine(res.Units.Label, sub.Counted, sub.Expected, missing, excluded) + "（一覧は「" + StatusTitle + "」）"
}
