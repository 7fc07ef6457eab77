// Package aggregate turns the checked returns of one period into the figures of the report:
// per choice question how many wards chose each option (overall and per block, with the
// wards named), per count category the sum over wards with its minimum and maximum wards,
// the free text and case records by ward, the submission status of every ward, and the
// figures of earlier periods beside them. Result is what aggregate.json holds; every
// renderer reads it and nothing else.
package aggregate

import (
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Format and FormatVersion identify aggregate.json; the version is bumped when a field
// changes meaning, so an older report renderer refuses a newer file instead of misreading it.
const (
	Format        = "zaitaku-aggregate"
	FormatVersion = 1
)

// Result is the whole aggregate of one period: the content of aggregate.json.
type Result struct {
	Format        string        `json:"format"`
	FormatVersion int           `json:"format_version"`
	Survey        Survey        `json:"survey"`
	Period        period.Period `json:"period"`
	PeriodLabel   string        `json:"period_label"`
	Units         Units         `json:"units"`
	Submission    Submission    `json:"submission"`
	Questions     []*Question   `json:"questions"`
	// Earlier lists the earlier periods whose figures are set beside this period's.
	Earlier []EarlierSource `json:"earlier,omitempty"`
}

// Survey identifies the schema the returns were checked against.
type Survey struct {
	ID          string `json:"id"`
	Version     int    `json:"version"`
	Title       string `json:"title"`
	ReportTitle string `json:"report_title"`
	// DocLabel is the schema's 資料番号 (資料１), printed on the report unless --doc-label
	// replaces it; "" for none. Absent (nil) in an aggregate.json from before the key.
	DocLabel *string `json:"doc_label,omitempty"`
}

// Units describes who answers, so the report can name wards and blocks without the schema.
type Units struct {
	Label      string   `json:"label"`
	BlockLabel string   `json:"block_label,omitempty"`
	Blocks     []string `json:"blocks,omitempty"`
	List       []Unit   `json:"list"`
}

// Unit is one ward and its block.
type Unit struct {
	Name  string `json:"name"`
	Block string `json:"block,omitempty"`
}

// HasBlocks reports whether the units are grouped into blocks at all: a schema without
// blocks gets no block column in any output rather than an empty one.
func (u Units) HasBlocks() bool {
	if len(u.Blocks) > 0 {
		return true
	}
	for _, x := range u.List {
		if x.Block != "" {
			return true
		}
	}
	return false
}

// Submission says which wards were counted, which were missing or excluded, and why.
type Submission struct {
	// Expected is the number of units in the schema; Counted those whose return was used.
	Expected int `json:"expected"`
	Counted  int `json:"counted"`
	// Complete is true when every unit was counted.
	Complete bool `json:"complete"`
	// Summary is the line every output states: 「回答 24／24区」.
	Summary string `json:"summary"`
	// Missing are units with no return (未提出); Excluded those whose return had errors.
	Missing  []string `json:"missing"`
	Excluded []string `json:"excluded"`
	// Wards has one entry per unit in official order.
	Wards []WardStatus `json:"wards"`
	// Others are files that could not be assigned to a unit (unreadable, unknown ward).
	Others []FileStatus `json:"others,omitempty"`
	// Skipped are files of the returns folder deliberately left unread (zaitaku's own
	// outputs, archives, PDFs), each with why.
	Skipped []returns.Skipped `json:"skipped,omitempty"`
}

// Ward statuses.
const (
	StatusCounted   = "counted"
	StatusMissing   = "missing"
	StatusExcluded  = "excluded"
	StatusDuplicate = "duplicate"
)

// StatusLabel is a ward status in Japanese, as the outputs print it.
func StatusLabel(status string) string {
	switch status {
	case StatusCounted:
		return "集計済"
	case StatusMissing:
		return "未提出"
	case StatusExcluded:
		return "エラーあり（集計から除外）"
	case StatusDuplicate:
		return "重複提出（集計から除外）"
	}
	return status
}

// WardStatus is one unit's submission.
type WardStatus struct {
	Ward     string            `json:"ward"`
	Block    string            `json:"block,omitempty"`
	Status   string            `json:"status"`
	Files    []FileInfo        `json:"files"`
	Errors   int               `json:"errors"`
	Warnings int               `json:"warnings"`
	Findings []finding.Finding `json:"findings"`
}

// FileInfo names an input file and its SHA-256, so a printed report can be traced to the
// exact files it was made from.
type FileInfo struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256,omitempty"`
}

// FileStatus is an input file that belongs to no unit.
type FileStatus struct {
	FileInfo
	Findings []finding.Finding `json:"findings"`
}

// Question is one question's figures. Which fields are set depends on Type.
type Question struct {
	ID          string              `json:"id"`
	Type        schema.QuestionType `json:"type"`
	Sheet       string              `json:"sheet"`
	SheetTitle  string              `json:"sheet_title"`
	Item        string              `json:"item"`
	ItemMark    string              `json:"item_mark,omitempty"`
	ItemHeading string              `json:"item_heading"`
	Number      string              `json:"number,omitempty"`
	Label       string              `json:"label"`
	Note        string              `json:"note,omitempty"`
	Unit        string              `json:"unit,omitempty"`
	Multiple    bool                `json:"multiple,omitempty"`
	BreakdownOf string              `json:"breakdown_of,omitempty"`
	SumOf       []string            `json:"sum_of,omitempty"`
	// ShowRange is the schema's show_range: the report prints each count with its
	// per-unit range. Absent when false, so an aggregate.json without it reads as before.
	ShowRange bool `json:"show_range,omitempty"`
	// UnitTable is the schema's unit_table: the report adds a table of each unit's counts.
	// Absent when false, as ShowRange.
	UnitTable bool `json:"unit_table,omitempty"`
	// Decimals is a number question's decimal places: its figures (Total) are the values
	// × 10^Decimals, exact integers (textfmt.Fixed prints them). Absent for 0 and other types.
	Decimals int `json:"decimals,omitempty"`

	// Options are the option labels of a choice or choice group, in order.
	Options []string `json:"options,omitempty"`
	// Rows are the tallies of a choice (one row) or choice group (one per row).
	Rows []*ChoiceRow `json:"rows,omitempty"`
	// Categories are the count categories; Total is their sum without 再掲 (counts), the
	// entered total (total), or the number question's sum over units (number, scaled by
	// 10^Decimals).
	Categories []*Category `json:"categories,omitempty"`
	Total      *Figure     `json:"total,omitempty"`
	// Texts are free-text answers by ward (text, text_list); Cases the case records.
	Texts []WardText `json:"texts,omitempty"`
	Cases []Case     `json:"cases,omitempty"`

	// Earlier holds this question's figures in each earlier period, in period order; a
	// period whose survey lacked the question has NoData set.
	Earlier []*Snapshot `json:"earlier,omitempty"`
}

// ChoiceRow is the tally of one choice answer over the counted wards.
type ChoiceRow struct {
	Key     string        `json:"key"`
	Label   string        `json:"label"`
	Options []OptionCount `json:"options"`
	// Answered is how many counted wards chose an option (the sum of the option counts).
	Answered int `json:"answered"`
	// Unanswered are counted wards that left an optional choice blank.
	Unanswered []string `json:"unanswered,omitempty"`
}

// Answer returns the option a ward chose, or "" if it did not answer or was not counted.
func (r *ChoiceRow) Answer(ward string) string {
	for _, o := range r.Options {
		for _, w := range o.Wards {
			if w == ward {
				return o.Option
			}
		}
	}
	return ""
}

// Answers maps each ward that answered the row to the option it chose: one pass, for
// renderers that look up every ward (Answer per ward would be quadratic in the wards).
func (r *ChoiceRow) Answers() map[string]string {
	n := 0
	for _, o := range r.Options {
		n += len(o.Wards)
	}
	m := make(map[string]string, n)
	for _, o := range r.Options {
		for _, w := range o.Wards {
			if _, ok := m[w]; !ok { // the first option naming the ward, as Answer does
				m[w] = o.Option
			}
		}
	}
	return m
}

// OptionCount is how many wards chose one option, and which.
type OptionCount struct {
	Option  string       `json:"option"`
	Count   int          `json:"count"`
	Wards   []string     `json:"wards"`
	ByBlock []BlockCount `json:"by_block,omitempty"`
}

// BlockCount is a count or sum within one block.
type BlockCount struct {
	Block string `json:"block"`
	Value int64  `json:"value"`
}

// Category is one count category's figures.
type Category struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Repeat marks 再掲: summed, shown, never added to a total. RepeatOf names what it is part of.
	Repeat   bool   `json:"repeat,omitempty"`
	RepeatOf string `json:"repeat_of,omitempty"`
	Figure
}

// Figure is a count summed over wards: 「1,050 件（5 件 ～ 242 件）」.
type Figure struct {
	Sum int64 `json:"sum"`
	// Wards is how many wards' values went into Sum.
	Wards   int          `json:"wards"`
	Min     *Extreme     `json:"min,omitempty"`
	Max     *Extreme     `json:"max,omitempty"`
	ByBlock []BlockCount `json:"by_block,omitempty"`
	ByWard  []WardCount  `json:"by_ward,omitempty"`
}

// Values maps each ward in ByWard to its value, for renderers that look up every ward.
func (f *Figure) Values() map[string]int64 {
	if f == nil {
		return nil
	}
	m := make(map[string]int64, len(f.ByWard))
	for _, wc := range f.ByWard {
		if _, ok := m[wc.Ward]; !ok { // the first entry, as a search of ByWard finds
			m[wc.Ward] = wc.Value
		}
	}
	return m
}

// Extreme is a minimum or maximum and every ward that holds it.
type Extreme struct {
	Value int64    `json:"value"`
	Wards []string `json:"wards"`
}

// WardCount is one ward's count.
type WardCount struct {
	Ward  string `json:"ward"`
	Value int64  `json:"value"`
}

// WardText is one ward's free text: a single answer is one line, a list one line per entry.
type WardText struct {
	Ward  string   `json:"ward"`
	Lines []string `json:"lines"`
}

// Case is one case record as the ward wrote it.
type Case struct {
	Ward   string      `json:"ward"`
	Record int         `json:"record"`
	Fields []CaseField `json:"fields"`
}

// CaseField is one field of a case record.
type CaseField struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Value string `json:"value"`
}

// Snapshot is a question's figures in an earlier period. When that period's aggregate was
// made from returns (PerWard), its choice rows name the wards behind each option and its
// categories and total keep each ward's count (ByWard), so `zaitaku report` can tell who
// moved from aggregate.json alone; from published totals they hold the sums only.
type Snapshot struct {
	Period      period.Period `json:"period"`
	PeriodLabel string        `json:"period_label"`
	// NoData is set when that period's survey had no such question: shown as no data, not 0.
	NoData  bool `json:"no_data,omitempty"`
	Counted int  `json:"counted,omitempty"`
	// PerWard is set when the figures are ward by ward (HasPerWard of that aggregate):
	// EarlierAnswer and EarlierValue read them. Absent for published totals.
	PerWard    bool         `json:"per_ward,omitempty"`
	Options    []string     `json:"options,omitempty"`
	Rows       []*ChoiceRow `json:"rows,omitempty"`
	Categories []*Category  `json:"categories,omitempty"`
	Total      *Figure      `json:"total,omitempty"`
	// Decimals is a number question's decimal places in that period (Question.Decimals).
	Decimals int `json:"decimals,omitempty"`
}

// EarlierSource names an earlier aggregate.json that figures were taken from.
type EarlierSource struct {
	Period      period.Period `json:"period"`
	PeriodLabel string        `json:"period_label"`
	File        string        `json:"file"`
	SHA256      string        `json:"sha256"`
	Summary     string        `json:"summary"`
}

// Question returns the question with the given id, or nil.
func (r *Result) Question(id string) *Question {
	for _, q := range r.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Row returns the choice row with the given key, or nil.
func (q *Question) Row(key string) *ChoiceRow {
	for _, r := range q.Rows {
		if r.Key == key {
			return r
		}
	}
	return nil
}

// Category returns the category with the given key, or nil.
func (q *Question) Category(key string) *Category {
	for _, c := range q.Categories {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// Count returns the tally of one option in a row, 0 if the option is not in the list.
func (r *ChoiceRow) Count(option string) int {
	for _, o := range r.Options {
		if o.Option == option {
			return o.Count
		}
	}
	return 0
}
