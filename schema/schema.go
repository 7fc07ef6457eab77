// Package schema holds the survey definition: the units that answer (wards), the reusable
// choice lists, and the sheets → items → questions of the return workbook. The template,
// the validator, the aggregation and the report are all driven by one Schema, so another
// city or another survey is a different YAML file, not different code.
package schema

import (
	"fmt"
	"strings"
)

// QuestionType names the kind of answer a question takes.
type QuestionType string

// The question types. Each maps to a layout in the return workbook and to a rule set in the
// validator.
const (
	// Choice is one answer from a choice list (XLSForm's select_one).
	Choice QuestionType = "choice"
	// ChoiceGroup is several rows answered from the same choice list (資料１'s ア with five rows).
	ChoiceGroup QuestionType = "choice_group"
	// Counts is a whole number per category (件数), summed over units in the aggregate.
	Counts QuestionType = "counts"
	// Total is an entered total that must equal the sum of other count categories.
	Total QuestionType = "total"
	// Text is one free-text answer.
	Text QuestionType = "text"
	// TextList is free text, one entry per row (研修テーマ).
	TextList QuestionType = "text_list"
	// Cases is a small table of case records (相談事例), one block of fields per record.
	Cases QuestionType = "cases"
	// Number is one figure per unit with its unit word (窓口開設日数 1,709 日), whole or with
	// a fixed number of decimal places, summed over units like a counts category.
	Number QuestionType = "number"
)

var questionTypes = []QuestionType{Choice, ChoiceGroup, Counts, Total, Text, TextList, Cases, Number}

// PeriodKinds are the values `period:` takes: a month, a fiscal quarter, a fiscal half
// (and year), a fiscal year, a range of months. They are schema/period's Kinds, in its
// order (schema/check's tests hold the two lists equal).
var PeriodKinds = []string{"month", "quarter", "half", "year", "range"}

// DefaultPeriodKind is the kind of a schema without `period:`: the half-yearly survey
// zaitaku was written for, so its schema and outputs stay as they were.
const DefaultPeriodKind = "half"

// Schema is one survey definition, loaded from YAML.
type Schema struct {
	// ID identifies the survey; a return carries it so a workbook from another survey is refused.
	ID string `yaml:"id"`
	// Version is bumped whenever the questions change, so a return on an old form is recognised.
	Version int `yaml:"version"`
	// Title is the survey's name, printed on the return workbook.
	Title string `yaml:"title"`
	// ReportTitle is the title of the aggregate report (資料１: 区役所・相談支援室の取組について).
	ReportTitle string `yaml:"report_title"`
	// Period is the kind of period a return covers, one of PeriodKinds; returns and
	// --period of another kind are refused. Parse sets the default, DefaultPeriodKind. It
	// is schema/period's Kind by name (period.Kind(sc.Period)): that package sits beside
	// this one in the flow, so neither imports the other.
	Period string `yaml:"period"`
	// Units lists who answers.
	Units Units `yaml:"units"`
	// ChoiceLists are the reusable option lists that choice questions refer to by id.
	ChoiceLists []*ChoiceList `yaml:"choice_lists"`
	// Sheets are the workbook's sheets in order, one per answering body.
	Sheets []*Sheet `yaml:"sheets"`
	// DocLabel is the 資料番号 printed on the report's cover and page headers (資料１), the
	// default of --doc-label; empty prints none.
	DocLabel string `yaml:"doc_label"`
	// Numbering is the style of the numbers zaitaku puts before choice-group rows and
	// count categories (labels.go); Parse sets DefaultNumbering when it is not given.
	Numbering Numbering `yaml:"numbering"`
	// Rules are the checks across questions every return must pass (rules.go).
	Rules []*Rule `yaml:"rules"`
	// ChangeCheck is the default 前回比 check of every counts, total, number and choice
	// question (change.go); nil checks nothing unless a question has its own.
	ChangeCheck *ChangeCheck `yaml:"change_check"`

	// Source names where the schema came from (file path or "default"), for messages.
	Source string `yaml:"-"`

	lists     map[string]*ChoiceList
	questions map[string]*Question
	units     map[string]*Unit
	// computed are the computed figures' keys, parts before wholes (computed.go).
	computed []string
}

// Units are the answering units (wards) in their official order, each in a block.
type Units struct {
	// Label is what one unit is called (区), used in 「（区）」 and 「回答 24／24区」.
	Label string `yaml:"label"`
	// BlockLabel names the grouping (基本保健医療圏).
	BlockLabel string `yaml:"block_label"`
	// Blocks are the block names in display order.
	Blocks []string `yaml:"blocks"`
	// List is every unit in official order.
	List []*Unit `yaml:"list"`
}

// Unit is one answering unit (a ward).
type Unit struct {
	Name  string `yaml:"name"`
	Block string `yaml:"block"`

	Line int `yaml:"-"`
}

// ChoiceList is a reusable list of options.
type ChoiceList struct {
	ID      string    `yaml:"id"`
	Options []*Option `yaml:"options"`

	Line int `yaml:"-"`
}

// Option is one allowed answer of a choice list.
type Option struct {
	// Label is the canonical answer, shown in dropdowns and reports.
	Label string `yaml:"label"`
	// Aliases are other spellings accepted from returns (準備中, 未着手, ○ …).
	Aliases []string `yaml:"aliases"`
	// Code is the number a ward may type instead of the label; 1, 2, 3 … by position if unset.
	Code int `yaml:"code"`

	Line int `yaml:"-"`
}

// Sheet is one sheet of the return workbook, answered by one body (区役所, 相談支援室).
type Sheet struct {
	ID    string `yaml:"id"`
	Name  string `yaml:"name"`
	Title string `yaml:"title"`
	// Body is the answering body's full name when it differs from the sheet name.
	Body  string  `yaml:"body"`
	Items []*Item `yaml:"items"`

	Line int `yaml:"-"`
}

// Item is one of the national items (ア)–(ク).
type Item struct {
	ID        string      `yaml:"id"`
	Mark      string      `yaml:"mark"`
	Label     string      `yaml:"label"`
	Questions []*Question `yaml:"questions"`

	Sheet *Sheet `yaml:"-"`
	Line  int    `yaml:"-"`
}

// Heading is the item's title as 資料１ prints it: 「（ア）地域の医療・介護の資源の把握」.
func (it *Item) Heading() string {
	if it.Mark == "" {
		return it.Label
	}
	return "（" + it.Mark + "）" + it.Label
}

// Question is one question. Which fields apply depends on Type; Check enforces that.
type Question struct {
	ID     string       `yaml:"id"`
	Type   QuestionType `yaml:"type"`
	Number string       `yaml:"number"`
	Label  string       `yaml:"label"`
	// Note is a short remark shown beside the question (重複可, 未開催の区は下半期で開催予定).
	Note string `yaml:"note"`
	// RequiredSet is the YAML value; use Required() for the effective rule.
	RequiredSet *bool `yaml:"required"`

	// Choices is the choice list id (choice, choice_group).
	Choices string `yaml:"choices"`
	// Rows are the sub-questions of a choice group.
	Rows []*Row `yaml:"rows"`

	// Categories are the counted categories (counts).
	Categories []*Category `yaml:"categories"`
	// Unit is the counting unit (件, 回), or a number question's unit (日).
	Unit string `yaml:"unit"`
	// Min and Max bound each count (and a number question's value, in whole units); Min
	// defaults to 0.
	Min *int64 `yaml:"min"`
	Max *int64 `yaml:"max"`
	// Multiple marks counts where one case may fall in several categories (重複可).
	Multiple bool `yaml:"multiple"`
	// BreakdownOf makes this question a 内訳: its categories must add up to that category.
	BreakdownOf string `yaml:"breakdown_of"`
	// ShowRange asks the report to print each count with its per-unit range beside it,
	// 「1,050 件（5 件 ～ 242 件）」, as a monthly report (月報) does; counts and number.
	ShowRange bool `yaml:"show_range"`
	// UnitTable asks the report for a table of each unit's counts of the question, an
	// appendix page after the choice 付表, as a 月報 shows counts by ward; counts only.
	UnitTable bool `yaml:"unit_table"`
	// Decimals is how many decimal places a number question's answer may have (0, the
	// default, for a whole number; at most MaxDecimals). Values are kept exact as integers
	// scaled by 10^Decimals (number.go), never as floats.
	Decimals int `yaml:"decimals"`

	// SumOf lists the category ids a Total must equal the sum of.
	SumOf []string `yaml:"sum_of"`
	// Computed makes a total a sum nobody types: its value is the sum of its SumOf, a
	// formula cell on the form (computed.go); total only.
	Computed bool `yaml:"computed"`

	// Lines is the number of entry rows of a text_list.
	Lines int `yaml:"lines"`

	// Records is the number of case records the form offers; Fields are their fields.
	Records int      `yaml:"records"`
	Fields  []*Field `yaml:"fields"`

	// ChangeCheck is the question's own 前回比 check (change.go): thresholds, or false.
	ChangeCheck *ChangeCheck `yaml:"change_check"`

	Item *Item `yaml:"-"`
	// Numbering is the schema's numbering style, which numbers the question's rows and
	// categories (form.RowLabel, form.CategoryLabel).
	Numbering Numbering `yaml:"-"`
	// List is the resolved choice list (choice, choice_group).
	List *ChoiceList `yaml:"-"`
	Line int         `yaml:"-"`

	// changeRule is the 前回比 check in force, resolved at load (ChangeRule).
	changeRule *ChangeRule
}

// Row is one sub-question of a choice group.
type Row struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`

	// Key is the row's schema-wide id: question id + "." + row id.
	Key  string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Category is one counted category of a counts question.
type Category struct {
	ID    string `yaml:"id"`
	Label string `yaml:"label"`
	// RepeatOf marks a 再掲 row: a subset of the named category (or total), never added to totals.
	RepeatOf string `yaml:"repeat_of"`
	// Computed makes the category a subtotal nobody types: the total (without 再掲) of the
	// one counts question whose breakdown_of names it, a formula cell on the form
	// (computed.go).
	Computed bool `yaml:"computed"`

	// Key is the category's schema-wide id: question id + "." + category id.
	Key string `yaml:"-"`
	// RepeatKey is RepeatOf resolved to a schema-wide id.
	RepeatKey string    `yaml:"-"`
	Question  *Question `yaml:"-"`
	// Breakdown is the counts question whose breakdown_of names the category (the first
	// one, should a schema give two), or nil.
	Breakdown *Question `yaml:"-"`
	Line      int       `yaml:"-"`
}

// IsRepeat reports whether the category is 再掲 (excluded from totals).
func (c *Category) IsRepeat() bool { return c.RepeatOf != "" }

// Field is one field of a case record.
type Field struct {
	ID      string       `yaml:"id"`
	Label   string       `yaml:"label"`
	Type    QuestionType `yaml:"type"`
	Choices string       `yaml:"choices"`

	List *ChoiceList `yaml:"-"`
	Line int         `yaml:"-"`
}

// Required reports whether an answer must be present. Choices and counts are required unless
// the schema says otherwise; free text is optional unless it says otherwise.
func (q *Question) Required() bool {
	if q.RequiredSet != nil {
		return *q.RequiredSet
	}
	if q.Computed {
		return false // nobody types it
	}
	switch q.Type {
	case Choice, ChoiceGroup, Counts, Total, Number:
		return true
	}
	return false
}

// Heading is the question's number and label: 「（１）推進会議開催状況」.
func (q *Question) Heading() string { return q.Number + q.Label }

// MinValue is the smallest allowed count.
func (q *Question) MinValue() int64 {
	if q.Min != nil {
		return *q.Min
	}
	return 0
}

// TotalCategories are the categories that add up to the question's total: all but 再掲.
func (q *Question) TotalCategories() []*Category {
	var out []*Category
	for _, c := range q.Categories {
		if !c.IsRepeat() {
			out = append(out, c)
		}
	}
	return out
}

// List returns the choice list with the given id, or nil.
func (s *Schema) List(id string) *ChoiceList { return s.lists[id] }

// Question returns the question with the given id, or nil.
func (s *Schema) Question(id string) *Question { return s.questions[id] }

// Unit returns the unit with the given name, or nil. Names are compared after folding, so
// a full-width or space-padded ward name still matches.
func (s *Schema) Unit(name string) *Unit { return s.units[Fold(name)] }

// Questions returns every question in form order.
func (s *Schema) Questions() []*Question {
	var out []*Question
	for _, sh := range s.Sheets {
		for _, it := range sh.Items {
			out = append(out, it.Questions...)
		}
	}
	return out
}

// Category returns the counts category with the schema-wide key (e.g. "o2.med"), or nil.
func (s *Schema) Category(key string) *Category {
	qid, cid, ok := strings.Cut(key, ".")
	if !ok {
		return nil
	}
	q := s.questions[qid]
	if q == nil {
		return nil
	}
	for _, c := range q.Categories {
		if c.ID == cid {
			return c
		}
	}
	return nil
}

// UnitsInBlock returns the units of one block in official order.
func (s *Schema) UnitsInBlock(block string) []*Unit {
	var out []*Unit
	for _, u := range s.Units.List {
		if u.Block == block {
			out = append(out, u)
		}
	}
	return out
}

// FormID is the id and version a return workbook carries, e.g. "osaka-zaitaku-renkei/1".
func (s *Schema) FormID() string { return fmt.Sprintf("%s/%d", s.ID, s.Version) }

// Match returns the option that a ward's answer stands for. The answer is folded (NFKC,
// spaces trimmed) and compared with each option's label, aliases and code; anything else is
// no match, never a guess.
func (l *ChoiceList) Match(answer string) (*Option, bool) {
	a := Fold(answer)
	if a == "" {
		return nil, false
	}
	for _, o := range l.Options {
		if a == Fold(o.Label) || a == fmt.Sprint(o.Code) {
			return o, true
		}
		for _, al := range o.Aliases {
			if a == Fold(al) {
				return o, true
			}
		}
	}
	return nil, false
}

// Labels returns the option labels in order.
func (l *ChoiceList) Labels() []string {
	out := make([]string, len(l.Options))
	for i, o := range l.Options {
		out[i] = o.Label
	}
	return out
}
