package charts

import (
	"strings"

	"github.com/osaka-city/zaitaku/schema"
)

// The words of the report's frame that every output prints the same way: the PDF, the
// HTML page, the summary workbook and the CSV.
const (
	// AggregateIDLabel names the 集計ID that ties the outputs of one aggregate together.
	AggregateIDLabel = "集計ID"
	// StatusTitle heads the 提出状況 page (and the workbook sheet of that name).
	StatusTitle = "提出状況"
	// EarlierAggregatesTitle heads the list of earlier aggregates used for comparison.
	EarlierAggregatesTitle = "比較に用いた過去の集計"
	// RepeatNotInTotal says of a 再掲 row that the total leaves it out (the counterpart of
	// TotalWithoutRepeat on the total).
	RepeatNotInTotal = "再掲（合計には含まない）"
	// NoteMark starts a note, the way 資料１ prints its remarks.
	NoteMark = "※"
)

// NoteText marks a note as one: 「※…」, once, also when the schema's note already starts
// with the mark; empty stays empty.
func NoteText(s string) string {
	if s == "" || strings.HasPrefix(s, NoteMark) {
		return s
	}
	return NoteMark + s
}

// AppendixTitle heads the appendix of answers by unit: 「付表　区別の回答」.
func AppendixTitle(unitLabel string) string { return "付表　" + unitLabel + "別の回答" }

// IncompleteNotice is what an incomplete report says of itself on every page or screen:
// 「集計途中の資料です（回答 22／24区）」; empty when the report is complete.
func IncompleteNotice(summary string, complete bool) string {
	if complete {
		return ""
	}
	return "集計途中の資料です（" + summary + "）"
}

// UnitAmount is n units in the schema's word, with thousands separators, where the text
// around it already names them (a tooltip, a heading): 「1,741区」, or 「11 件」 for a
// unit named by a longer noun (schema.Units.Amount's rule).
func UnitAmount(label string, n int64) string {
	u := schema.Units{Label: label}
	return u.Amount(int(n))
}
