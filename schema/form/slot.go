// Package form is the return workbook (回答票) as zaitaku writes it: the layout of the
// form from a schema (Slots: one answer, one cell, with its label), the blank template
// (WriteTemplate) and the annotated copy that marks each problem in place (Annotate). It
// writes bytes, never files; reading a filled return is schema/returns, judging it
// schema/check.
//
// Every answer cell gets an Excel defined name (zq_<key>), which Excel and LibreOffice
// move along when a ward inserts rows, widens columns or renames a sheet, and its key in
// the hidden id column (A) of its row: the reader checks one against the other, so an
// answer cell moved by cut and paste is reported instead of read.
package form

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
)

// SlotKind says what an answer cell holds.
type SlotKind int

// The slot kinds.
const (
	SlotChoice SlotKind = iota // one option of a choice list
	SlotCount                  // a whole number
	SlotText                   // free text
	SlotList                   // free text, one entry per row of a range
	SlotNumber                 // a number question's value, whole or with decimals
)

// Slot is one answer cell (or, for a text list, one range) of the return.
type Slot struct {
	// Key identifies the answer schema-wide: "a1.1", "u3.01", "o4total", "o3.2.client".
	Key      string
	Kind     SlotKind
	Question *schema.Question
	Row      *schema.Row
	Category *schema.Category
	Field    *schema.Field
	// Record is the case record number (1-based) for cases fields, else 0.
	Record int
	// List is the choice list for SlotChoice.
	List *schema.ChoiceList
	// Computed marks a computed category or total (schema's computed: true): a locked
	// formula cell the ward never types, read only to notice it was typed over.
	Computed bool
	// Remark is the item of a 備考 cell (remark.go); Question is then nil.
	Remark *schema.Item
}

// Name is the Excel defined name of the slot's cell. Dots are not allowed in every tool's
// names, so they become underscores.
func (s *Slot) Name() string { return DefinedName(s.Key) }

// DefinedName turns an answer key into the Excel defined name of its cell.
func DefinedName(key string) string { return "zq_" + strings.ReplaceAll(key, ".", "_") }

// Label describes the slot for a person: the question and, where there is one, the row,
// category or case field, e.g. 「（３）活動状況 ①連絡調整機関 ― ２．歯科」.
func (s *Slot) Label() string {
	if s.Remark != nil {
		return s.Remark.Heading() + " ― 備考"
	}
	q := QuestionLabel(s.Question)
	switch {
	case s.Row != nil:
		return q + " ― " + RowLabel(s.Question, s.Row)
	case s.Category != nil:
		return q + " ― " + CategoryLabel(s.Category)
	case s.Field != nil:
		return fmt.Sprintf("%s ― 事例%d %s", q, s.Record, s.Field.Label)
	}
	return q
}

// QuestionLabel is the question as findings name it, with its item's mark:
// 「（オ）医療に関すること（内訳）」.
func QuestionLabel(q *schema.Question) string {
	if it := q.Item; it != nil && it.Mark != "" {
		return "（" + it.Mark + "）" + q.Heading()
	}
	return q.Heading()
}

// Required reports whether the slot must be answered.
func (s *Slot) Required() bool {
	if s.Field != nil || s.Computed || s.Remark != nil {
		return false
	}
	return s.Question.Required()
}

// Slots lists every answer slot of the schema in form order.
func Slots(sc *schema.Schema) []*Slot {
	var out []*Slot
	for _, q := range sc.Questions() {
		out = append(out, QuestionSlots(q)...)
	}
	return out
}

// QuestionSlots lists the answer slots of one question in form order.
func QuestionSlots(q *schema.Question) []*Slot {
	switch q.Type {
	case schema.Choice:
		return []*Slot{{Key: q.ID, Kind: SlotChoice, Question: q, List: q.List}}
	case schema.ChoiceGroup:
		out := make([]*Slot, len(q.Rows))
		for i, r := range q.Rows {
			out[i] = &Slot{Key: r.Key, Kind: SlotChoice, Question: q, Row: r, List: q.List}
		}
		return out
	case schema.Counts:
		out := make([]*Slot, len(q.Categories))
		for i, c := range q.Categories {
			out[i] = &Slot{Key: c.Key, Kind: SlotCount, Question: q, Category: c, Computed: c.Computed}
		}
		return out
	case schema.Total:
		return []*Slot{{Key: q.ID, Kind: SlotCount, Question: q, Computed: q.Computed}}
	case schema.Number:
		return []*Slot{{Key: q.ID, Kind: SlotNumber, Question: q}}
	case schema.Text:
		return []*Slot{{Key: q.ID, Kind: SlotText, Question: q}}
	case schema.TextList:
		return []*Slot{{Key: q.ID, Kind: SlotList, Question: q}}
	case schema.Cases:
		var out []*Slot
		for r := 1; r <= q.Records; r++ {
			for _, f := range q.Fields {
				s := &Slot{Key: CaseKey(q, r, f), Kind: SlotText, Question: q, Field: f, Record: r}
				if f.Type == schema.Choice {
					s.Kind, s.List = SlotChoice, f.List
				}
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// CaseKey is the key of one field of one case record: "o3.2.client".
func CaseKey(q *schema.Question, record int, f *schema.Field) string {
	return fmt.Sprintf("%s.%d.%s", q.ID, record, f.ID)
}

// RowLabel numbers a choice-group row in the schema's style (schema.Numbering):
// 「１．めざす姿の設定」 in 資料１'s.
func RowLabel(q *schema.Question, r *schema.Row) string {
	for i, x := range q.Rows {
		if x == r {
			return q.Numbering.Format(i+1) + r.Label
		}
	}
	return r.Label
}

// CategoryLabel numbers a category in the schema's style; 再掲 rows carry no number.
func CategoryLabel(c *schema.Category) string {
	if c.IsRepeat() {
		return c.Label
	}
	return c.Question.Numbering.Format(CategoryNumber(c)) + c.Label
}

// CategoryNumber is the number of a category among its question's non-再掲 categories
// (from 1); 0 for a 再掲 row.
func CategoryNumber(c *schema.Category) int {
	if c.IsRepeat() {
		return 0
	}
	n := 0
	for _, x := range c.Question.Categories {
		if !x.IsRepeat() {
			n++
		}
		if x == c {
			break
		}
	}
	return n
}

// Location is an answer cell: sheet and A1 reference.
type Location struct {
	Sheet string
	Cell  string
}

func (l Location) String() string {
	if l.Sheet == "" {
		return l.Cell
	}
	return l.Sheet + "!" + l.Cell
}

// Limits on what a return workbook may expand to; a real return is well under a megabyte,
// so these only stop a zip bomb from taking the machine down. The reader and the
// annotation writer both hold to them.
const (
	MaxFileSize  = 50 << 20
	MaxPartSize  = 32 << 20
	MaxUnzipSize = 64 << 20
)
