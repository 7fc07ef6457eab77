// Package finding holds what the checks say about a return: one Finding type with a stable
// machine-readable Code, the one way a finding is written as a line for people, and the
// text and JSON printers every command and output uses. The codes are listed in
// docs/findings.md.
package finding

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Severity is how bad a finding is: errors stop the aggregate, warnings do not.
type Severity string

// The severities. Note is a finding that is no problem: a 前回比 warning the ward has
// already explained in the item's 備考, shown for the reviewer and counted neither as an
// error nor as a warning.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Note    Severity = "note"
)

// Japanese is the severity as printed for people.
func (s Severity) Japanese() string {
	switch s {
	case Warning:
		return "警告"
	case Note:
		return "参考"
	}
	return "エラー"
}

// Code names the kind of problem, so that tools and tests decide by it and never by the
// Japanese message, which may be reworded. Codes never change meaning once released.
type Code string

// The codes; docs/findings.md explains each.
const (
	// Answers.
	Missing      Code = "missing"      // a required answer is empty
	NotAChoice   Code = "not-a-choice" // an answer that is none of the options
	NotACount    Code = "not-a-count"  // a count that is not a whole number ≥ 0
	OutOfRange   Code = "out-of-range" // a count outside the question's min/max
	TooLong      Code = "too-long"     // more characters than an Excel cell holds
	ControlChar  Code = "control-chars"
	GlyphMissing Code = "glyph-missing" // the report font cannot print a character

	// Rules between answers.
	BreakdownMismatch Code = "breakdown-mismatch" // 内訳 do not add up to their parent
	TotalMismatch     Code = "total-mismatch"     // an entered total is not the sum of its parts
	RepeatExceeds     Code = "repeat-exceeds"     // a 再掲 exceeds what it is part of
	RuleCompare       Code = "rule-compare"       // a schema rule comparing two figures is broken
	RuleRequired      Code = "rule-required"      // a schema rule requires an answer left empty
	RuleEmpty         Code = "rule-empty"         // a schema rule asks an answer given to be empty
	// ComputedOverwritten: a computed (自動計算) cell holds something other than the sum of
	// its parts, which is what is used.
	ComputedOverwritten Code = "computed-overwritten"

	// What a cell holds.
	NoFormulaResult Code = "no-formula-result"
	CellMerged      Code = "cell-merged"
	CellBool        Code = "cell-kind-bool"
	CellError       Code = "cell-kind-error"
	CellDate        Code = "cell-kind-date"
	MisplacedRight  Code = "misplaced-right" // answer cell empty, a valid answer beside it
	MisplacedBelow  Code = "misplaced-below" // answer cell empty, a valid answer below it

	// The form's structure.
	SlotMissing   Code = "slot-missing"   // an answer cell cannot be found
	SlotConflict  Code = "slot-conflict"  // two answers point at one cell
	SlotAmbiguous Code = "slot-ambiguous" // an answer's name is defined more than once
	SlotBroken    Code = "slot-broken"    // an answer's name points nowhere
	SlotMoved     Code = "slot-moved"     // an answer's name and id column disagree
	FormMissing   Code = "form-missing"   // no form number in the header
	WrongSurvey   Code = "wrong-survey"   // the form of another survey
	FormVersion   Code = "form-version"   // an older or newer form version

	// Header.
	UnknownUnit      Code = "unknown-unit"       // the unit named is not in the schema
	UnitNameMismatch Code = "unit-name-mismatch" // the file name names another unit
	NotAPeriod       Code = "not-a-period"       // the period cannot be read
	WrongPeriod      Code = "wrong-period"       // not the period asked for (--period)
	MixedPeriod      Code = "mixed-period"       // not the period most returns name

	// Files.
	DuplicateUnit Code = "duplicate-unit" // more than one return for a unit
	Unreadable    Code = "unreadable"     // missing, empty, corrupt, too large, cannot be read
	WrongFormat   Code = "wrong-format"   // .xls, encrypted, CSV, .ods…: not an .xlsx
	NotAReturn    Code = "not-a-return"   // an .xlsx, but not a zaitaku return
)

// The 前回比 codes: a warning, or a note when the item's 備考 gives a reason.
const (
	// ChangeCount: a count moved beyond the schema's change_check since the previous period.
	ChangeCount Code = "change-count"
	// ChangeChoice: a choice moved to a later option than the previous period's answer.
	ChangeChoice Code = "change-choice"
)

// TooManyDecimals is a number question's value with more decimal places than its
// decimals allow.
const TooManyDecimals Code = "too-many-decimals"

// Finding is one problem in one return, located to its cell where it has one.
type Finding struct {
	File       string   `json:"file"`
	Sheet      string   `json:"sheet"`
	Cell       string   `json:"cell"`
	QuestionID string   `json:"question_id"`
	Label      string   `json:"label"`
	Severity   Severity `json:"severity"`
	Code       Code     `json:"code,omitempty"`
	Message    string   `json:"message"`
	Value      string   `json:"value"`
	Expected   string   `json:"expected,omitempty"`
}

// Where is the finding's sheet!cell, or "" for file-level findings.
func (f Finding) Where() string {
	if f.Sheet == "" {
		return f.Cell
	}
	return f.Sheet + "!" + f.Cell
}

// Line is the finding as one line for people, the same in every command and output, so a
// ward can work down the list in Excel:
// 「エラー  相談支援室!D14  ウ（３）… ― ２．歯科: 「12件」は…（→ 0 以上の整数）」.
// withFile puts the file name first, for lists that mix files. A file-level finding says
// （ファイル全体） where its cell would be; one that belongs to no file (a unit's) says nothing.
func (f Finding) Line(withFile bool) string {
	parts := []string{f.Severity.Japanese()}
	if withFile && f.File != "" {
		parts = append(parts, f.File)
	}
	switch where := f.Where(); {
	case where != "":
		parts = append(parts, where)
	case f.File != "" && !withFile:
		parts = append(parts, "（ファイル全体）")
	}
	msg := f.Text()
	if f.Label != "" {
		msg = f.Label + ": " + msg
	}
	return strings.Join(append(parts, msg), "  ")
}

// Text is the message with what was expected, for where the place is already known (a
// comment on the cell itself). The message usually names the figures that disagree; only
// an expectation it does not already contain is added.
func (f Finding) Text() string {
	if f.Expected != "" && !strings.Contains(f.Message, f.Expected) {
		return f.Message + "（→ " + f.Expected + "）"
	}
	return f.Message
}

// Lines is the findings one Line a line, for a cell or a message.
func Lines(fs []Finding, withFile bool) string {
	lines := make([]string, len(fs))
	for i, f := range fs {
		lines[i] = f.Line(withFile)
	}
	return strings.Join(lines, "\n")
}

// WriteText prints findings for people, one indented Line each.
func WriteText(w io.Writer, fs []Finding, withFile bool) {
	for _, f := range fs {
		fmt.Fprintln(w, "  "+f.Line(withFile))
	}
}

// WriteJSON prints findings as a JSON array for other tools; never null, always an array.
func WriteJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(fs)
}

// Count counts the findings of one severity.
func Count(fs []Finding, sev Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// Summary is the one-line verdict on a return: 「北区.xlsx: 不備 3件（エラー 2・警告 1）」 or
// 「北区.xlsx: 問題はありません」.
// Notes are added after it (「（参考 2件）」): they are no problem, but there is more to read.
func Summary(name string, fs []Finding) string {
	e, w, n := Count(fs, Error), Count(fs, Warning), Count(fs, Note)
	notes := ""
	if n > 0 {
		notes = fmt.Sprintf("（参考 %d件）", n)
	}
	if e+w == 0 {
		return name + ": 問題はありません" + notes
	}
	return fmt.Sprintf("%s: 不備 %d件（エラー %d・警告 %d）%s", name, e+w, e, w, notes)
}

// Codes lists every code, in the order docs/findings.md documents them; a test holds the
// document to it.
var Codes = []Code{
	Missing, NotAChoice, NotACount, OutOfRange, TooManyDecimals, TooLong, ControlChar, GlyphMissing,
	BreakdownMismatch, TotalMismatch, RepeatExceeds, RuleCompare, RuleRequired, RuleEmpty, ComputedOverwritten,
	NoFormulaResult, CellMerged, CellBool, CellError, CellDate, MisplacedRight, MisplacedBelow,
	SlotMissing, SlotConflict, SlotAmbiguous, SlotBroken, SlotMoved, FormMissing, WrongSurvey, FormVersion,
	UnknownUnit, UnitNameMismatch, NotAPeriod, WrongPeriod, MixedPeriod,
	ChangeCount, ChangeChoice,
	DuplicateUnit, Unreadable, WrongFormat, NotAReturn,
}
