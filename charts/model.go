// Package charts holds the report model: every decision the outputs share, so that each
// renderer (render/pdf, render/html, render/summary, render/longcsv) only lays out and
// draws. Build turns an aggregate into the pages of the report — stacked bars, count bars,
// period tables, lists — each with its scale, ticks, colours and wrapped labels decided;
// the functions beside it decide the rest once for every output: the question title
// (QuestionHeading, QuestionTitle) and note (QuestionNote), totals (TotalLabel,
// RepeatLabel), units and their words (UnitWord, CategoryHeader, HasBlocks, BlockHeader),
// colours (OptionColor, TextColor), earlier periods (EarlierWithData, EarlierOptions,
// EarlierRow, EarlierCategory, EarlierCount, EarlierHead), grouping (Outline,
// Item.Rows) and the words of the report's frame (words.go: AggregateIDLabel, StatusTitle,
// NoteText, IncompleteNotice, AppendixTitle, RepeatNotInTotal), and the tables of each
// unit's counts a counts question asks for (unittable.go: UnitTable). Page (plan.go) is the
// report cut into pages, which every paged output follows: render/pdf makes it (Pages),
// since only it measures text in the printed font; render/report puts it on the report
// (Report.Pages) and render/pptx sets a slide per page.
package charts

// Report is the whole report: cover, sections of item pages, and the closing pages.
type Report struct {
	// Title is the report title (区役所・相談支援室の取組について).
	Title string
	// PeriodLabel is 「令和６年度 上半期」 as the cover prints it.
	PeriodLabel string
	// DocLabel is the 資料番号 on the cover (資料１); empty for none.
	DocLabel string
	// AggregateID is the 集計ID (aggregate.ID) shared by every output of one aggregate;
	// empty for none.
	AggregateID string
	// Summary is the submission line 「回答 24／24区」, shown on every page when incomplete.
	Summary  string
	Complete bool
	// Notice is what an incomplete report says of itself (IncompleteNotice); empty when
	// complete.
	Notice string
	// UnitLabel is what a unit is called (区).
	UnitLabel string
	Sections  []*Section
	// Status is the 提出状況 page; Appendix the ward × question pages under AppendixTitle.
	Status        *StatusTable
	AppendixTitle string
	Appendix      []*Matrix
	// UnitTables are the tables of each unit's counts that counts questions ask for
	// (unit_table), after the appendix.
	UnitTables []*UnitTable
	// Pages is the report cut into pages as report.pdf prints it (render/pdf's Pages),
	// set by whoever renders the paged outputs together, so that report.pptx has the same
	// pages; empty until then.
	Pages []Page
}

// Section is one part of the report (Ⅰ．区役所の取組), one per sheet of the survey.
type Section struct {
	Title string
	Items []*Item
}

// Item is one of the national items with its blocks, in form order.
type Item struct {
	Heading string // 「（ア）地域の医療・介護の資源の把握」
	Blocks  []Block
	// Moves are the item's 区ごとの変化 (who moved since the previous period with per-ward
	// answers), on pages of their own after the item's under MovesHeading; empty when no
	// earlier period with per-ward answers is given.
	MovesHeading string
	Moves        []*Moves
}

// Block is one thing drawn on an item page. Exactly one field is set.
type Block struct {
	Stacked *StackedBars
	Counts  *CountBars
	Periods *PeriodTable
	Texts   *TextList
	Cases   *CaseTable
	// Number is a number question: a heading line with its total (number.go).
	Number *NumberLine
	// Moves is a part of an item's 区ごとの変化 page (moves.go), only on such pages.
	Moves *Moves
}

// Color is an RGB colour as six hex digits, e.g. "1F4E79".
type Color string

// RGB returns the colour's components.
func (c Color) RGB() (r, g, b uint8) {
	var v [3]uint8
	for i := 0; i < 3 && len(c) >= 2*i+2; i++ {
		v[i] = hexByte(c[2*i])<<4 | hexByte(c[2*i+1])
	}
	return v[0], v[1], v[2]
}

func hexByte(c byte) uint8 {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// Axis is a value axis: from 0 to Max with a tick at each of Ticks.
type Axis struct {
	Max   int64
	Ticks []int64
	// Unit is printed at the axis end: 「（区）」, 「（件）」.
	Unit string
}

// Series is one segment kind of a stacked bar: one option of the choice list.
type Series struct {
	Label string
	Color Color
	// TextColor is the colour of a count printed inside a segment (white on dark fills).
	TextColor Color
}

// StackedBars is a choice question: one horizontal bar per row, one segment per option,
// on an axis from 0 to the number of units.
type StackedBars struct {
	ID string
	// Heading is the question heading (「（２）推進会議（ワーキング含む）で検討した内容」).
	Heading string
	// Note is the question's note marked with ※ (NoteText).
	Note   string
	Series []Series
	Bars   []StackedBar
	Axis   Axis
	// Earlier are the earlier periods' figures set beside the bars.
	Earlier []EarlierColumn
	// EarlierLines are earlier figures that are not per row (a single question whose
	// earlier survey had other options): 「令和５年度上半期：開催している 16区、開催予定 8区」.
	EarlierLines []string
}

// Single reports whether the chart is a single question's one bar: drawn without a label
// column, its segments named inside (「開催している 18」).
func (sb *StackedBars) Single() bool {
	return len(sb.Bars) == 1 && len(sb.Bars[0].Lines) == 0
}

// StackedBar is one row of a choice question.
type StackedBar struct {
	Label string
	// Lines is Label wrapped to fit the label column.
	Lines  []string
	Values []int
	// Wards are the units behind each segment, for tooltips.
	Wards [][]string
	// Answered is the number of units that answered.
	Answered int
}

// EarlierColumn is one earlier period's count per bar (nil where it has no data).
type EarlierColumn struct {
	Header []string // e.g. ["令和５年度", "実施している"]
	Values []*int
	// Cells are Values as printed beside the bars: 「10」, or Dash where there is no data.
	Cells []string
}

// CountBars is a counts question: one horizontal bar per category, the total in the heading.
type CountBars struct {
	ID      string
	Heading string
	// Total is the sum over non-再掲 categories, TotalText 「（ 6,784 件 ）」, or with the
	// per-unit range when the question asks for it (RangedTotalText).
	Total     int64
	TotalText string
	Unit      string
	// Title and TitleTotal are the heading line as printed: the heading, in 【 】 for a
	// 内訳 chart, then the total with what separates it from the heading:
	// 「（１）…」「　（ 6,784 件 ）」, 「【 入院 】」「（ 120 件 ）」.
	Title      string
	TitleTotal string
	// Note is the question's note marked with ※ (NoteText).
	Note  string
	Bars  []CountBar
	Axis  Axis
	Color Color
	// Earlier are earlier periods' totals: 「令和５年度 1,706件」.
	EarlierLines []string
	// Breakdown marks a 内訳 chart (of ParentLabel), drawn beside its siblings.
	Breakdown   bool
	ParentLabel string
}

// CountBar is one category.
type CountBar struct {
	// Label is the category, followed by its RangeNote when the question asks for ranges;
	// Lines is it wrapped to the label column.
	Label string
	Lines []string
	// Name is the category alone, without the range note: a tooltip heads with it and
	// states Range on a line of its own.
	Name  string
	Value int64
	// Repeat marks a 再掲 row: drawn indented and hatched, not in the total.
	Repeat bool
	// Range is the per-ward minimum and maximum: 「5 件 ～ 242 件」.
	Range string
	// Wards lists each ward's value for tooltips: 「北区 12」.
	Wards []string
}

// PeriodTable is a count question over periods (資料１'s 会議出席回数 for 令和４年度 /
// 令和５年度 / 令和６年度上半期): one row per figure, one column per period.
type PeriodTable struct {
	ID      string
	Heading string
	Columns []string
	Rows    []PeriodRow
	// Unit is the figures' unit in brackets, like Axis.Unit: 「（回）」; empty for none.
	Unit string
}

// PeriodRow is one figure across periods; empty strings are periods without data.
type PeriodRow struct {
	Label string
	// Indent marks a 内訳 or 再掲 row under the total.
	Indent bool
	Cells  []string
}

// TextList is free text by ward (研修テーマ, 取組事例).
type TextList struct {
	ID      string
	Heading string
	Entries []WardLines
	// Columns is set only on a page of the plan (Page): the entries on that page as its
	// columns hold them, each line as printed (bullets included), a ward whose entry goes
	// on from the column before marked Continued.
	Columns [][]WardLines
}

// WardLines is one ward's entries.
type WardLines struct {
	Ward  string
	Lines []string
}

// CaseTable is the case records of one 場面, anonymised as the wards wrote them; only built
// when the report is asked to include cases.
type CaseTable struct {
	ID      string
	Heading string // 「【入退院支援の場面】」
	// Unit heads the column of the units (区): what the schema calls one.
	Unit    string
	Columns []string
	Rows    []CaseRow
}

// CaseRow is one case record.
type CaseRow struct {
	Ward  string
	Cells []string
}

// StatusTable is the 提出状況 page.
type StatusTable struct {
	// Title heads the page (StatusTitle), EarlierTitle the list of Earlier.
	Title        string
	EarlierTitle string
	Summary      string
	Columns      []string
	Rows         [][]string
	// Bad marks rows (by index) of wards not counted.
	Bad []bool
	// Earlier names the earlier aggregates used for comparison.
	Earlier []string
	// Notices are the warnings and notes of the counted returns (the 前回比 first of
	// all), unit by unit, under NoticesTitle; none when no return had any.
	NoticesTitle string
	Notices      []StatusNotice
}

// StatusNotice is one warning or note of a unit's return on the 提出状況 page.
type StatusNotice struct {
	Unit   string
	Notice *SheetNotice
}

// Matrix is one appendix page: wards down, questions across, short codes in the cells.
type Matrix struct {
	Title string
	// Columns are the question rows shown on this page, with their short headers.
	Columns []MatrixColumn
	Rows    []MatrixRow
	// Legend explains the codes: 「1 実施している　2 実施に向けて準備・調整中 …」.
	Legend []string
	// Numeric marks a page of a unit table (UnitTable.Pages): the cells are figures, and
	// Foot the 合計, 最少 and 最大 rows under the units, on the page of the last units.
	Numeric bool
	Foot    []MatrixRow
}

// MatrixColumn is one question row of the appendix.
type MatrixColumn struct {
	Key   string
	Short string // 「ア1」, 「イ2-3」
	Label string
	// Item is the national item's mark (「イ」): the appendix sets items apart.
	Item string
	// Group is the short code of the question whose row this is when it has several
	// (「イ2」), with Sub the row's part of Short (「3」), GroupHeading the question
	// heading and RowLabel the row's own label; all empty for a one-row question.
	Group        string
	Sub          string
	GroupHeading string
	RowLabel     string
	// Repeat marks a unit table's 再掲 column, not in its total; Total the column of the
	// units' totals.
	Repeat, Total bool
}

// MatrixRow is one ward.
type MatrixRow struct {
	Ward  string
	Cells []string
	// Missing marks a ward not counted (all cells empty, status shown).
	Missing bool
	Status  string
}
