// Package summary writes the Excel summary workbook (集計表.xlsx) from an aggregate result:
// the figures of the report as tables a person can check and reuse, the answers of every
// ward side by side, the submission status, and native charts of the choice questions.
//
// What the workbook shares with the report — question titles and notes, total labels,
// unit words, option colours, earlier-period columns, the grouping under sheet and item
// headings — comes from package charts; this package only lays the sheets out. One file
// per sheet: overview.go (集計), matrices.go (units × answers, units × counts), texts.go,
// status.go, graphs.go; sheet.go holds the cell and print helpers, pages.go the page
// breaks.
//
// The workbook holds values only, never formulas: it is a record of what was aggregated,
// and text from the wards must never be able to run as a formula in someone's Excel.
package summary

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
)

// The sheet names, in workbook order (the units' answers second, see AnswersSheet). They
// are exported so tests and tools that read the workbook back do not repeat the Japanese
// literals.
const (
	SheetSummary = "集計"
	SheetCounts  = "件数"
	SheetTexts   = "自由記述"
	SheetStatus  = charts.StatusTitle
	SheetCharts  = "グラフ"
)

// TotalLabel heads the total row of a counts question that has 再掲 rows, which the total
// leaves out; a question without them has a plain 合計.
const TotalLabel = charts.TotalWithoutRepeat

// Continued follows the heading of a table that runs over a page, where the table's
// header row is repeated at the top of the next page: 「（１）…（続き）」. A program that
// reads the tables back skips such a heading and the header rows under it.
const Continued = charts.Continued

// Dash marks a figure that does not exist (an earlier survey without the question or
// option), so it is not mistaken for 0.
const Dash = charts.Dash

const (
	// font is the typeface of every cell, chart and heading: a font entry without a name
	// prints in a serif substitute in LibreOffice. BIZ UDPゴシック ships with Windows 10
	// (1809) and later and with Debian/Ubuntu (fonts-morisawa-bizud-gothic).
	font = "BIZ UDPゴシック"
	// monoFont is its fixed-pitch sibling, for the SHA-256 digests a person compares by eye.
	monoFont = "BIZ UDゴシック"
	// fontSize is the size of the default font; a style without a size gets it, so that
	// every program prints the same size.
	fontSize = 11
	// charsetShiftJIS marks the fonts as Japanese: where BIZ UDPゴシック is missing,
	// Windows falls back to another Japanese Gothic instead of a Latin font.
	charsetShiftJIS = 128
	// docDate is fixed so the same result always gives the same bytes.
	docDate = "2000-01-01T00:00:00Z"
	// accent fills the section headings, in the report's dark blue.
	accent = string(charts.AccentColor)
)

// Write writes the summary workbook of res to w. id is the 集計ID (aggregate.ID) shown on
// 提出状況 and in the document properties; empty shows none. The same result and id always
// give the same bytes.
func Write(w io.Writer, res *aggregate.Result, id string) error {
	if res == nil {
		return fmt.Errorf("集計結果がありません")
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, res: res, id: id, wards: map[string]aggregate.WardStatus{}}
	for _, ws := range res.Submission.Wards {
		b.wards[ws.Ward] = ws
	}
	if err := b.build(); err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	data, err := sortContentTypes(buf.Bytes())
	if err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("集計表を書き込めません: %w", err)
	}
	return nil
}

type book struct {
	f     *excelize.File
	res   *aggregate.Result
	id    string
	wards map[string]aggregate.WardStatus
	st    styles
	err   error
	// fixedStyles are the number styles with decimal places, by style and places (number.go).
	fixedStyles map[[2]int]int
}

type styles struct {
	title, sub, summary, summaryBad, section, item, question, note          int
	head, headLeft, key, label, repeatLabel, number, repeatNumber, text     int
	centre, dash, totalLabel, totalNumber, grey, noReply, bad, sha, wrapTop int
}

// check keeps the first error so the layout code reads as a sequence of steps.
func (b *book) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

// AnswersSheet names the sheet of the units' answers side by side after the unit label:
// 「区別回答」, 「相談支援室別回答」 (within Excel's 31 characters, without the characters
// a sheet name cannot hold).
func AnswersSheet(unitLabel string) string {
	label := []rune(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return '_'
		}
		return r
	}, unitLabel))
	return string(label[:min(len(label), 28)]) + "別回答"
}

// hasCounts reports whether res has counts, totals or numbers to set side by side by unit.
func hasCounts(res *aggregate.Result) bool {
	for _, q := range res.Questions {
		if q.Type == schema.Counts || q.Type == schema.Total || q.Type == schema.Number {
			return true
		}
	}
	return false
}

// hasTexts reports whether 自由記述 has a row: a line of free text, or a case question
// (counted there, never shown).
func hasTexts(res *aggregate.Result) bool {
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Cases:
			return true
		case schema.Text, schema.TextList:
			for _, t := range q.Texts {
				for _, l := range t.Lines {
					if strings.TrimSpace(l) != "" {
						return true
					}
				}
			}
		}
	}
	return false
}

func (b *book) build() error {
	f := b.f
	b.check(f.SetDefaultFont(font))
	b.makeStyles()
	// Sheets that would hold nothing are left out: the units' answers and the charts
	// without choice questions, the units' counts without counts, 自由記述 without a
	// line of free text or a case question.
	choices, counts := charts.HasChoice(b.res), hasCounts(b.res)
	sheets := []struct {
		name  string
		write func()
		keep  bool
	}{
		{SheetSummary, b.summarySheet, true},
		{AnswersSheet(b.res.Units.Label), b.answersSheet, choices},
		{SheetCounts, b.countsSheet, counts},
		{SheetTexts, b.textsSheet, hasTexts(b.res)},
		{SheetStatus, b.statusSheet, true},
		{SheetCharts, b.chartsSheet, choices},
	}
	for i, sh := range sheets {
		if !sh.keep {
			continue
		}
		if i == 0 {
			b.check(f.SetSheetName("Sheet1", sh.name))
		} else {
			_, err := f.NewSheet(sh.name)
			b.check(err)
		}
	}
	for _, sh := range sheets {
		if sh.keep {
			sh.write()
		}
	}
	props := &excelize.DocProperties{
		Title:    b.res.PeriodLabel + " " + b.res.Survey.ReportTitle + " 集計表",
		Subject:  b.res.Survey.Title,
		Creator:  "zaitaku",
		Created:  docDate,
		Modified: docDate,
	}
	if b.id != "" {
		// Excel shows Keywords as タグ in the file's properties.
		props.Identifier = b.id
		props.Keywords = charts.AggregateIDLabel + " " + b.id
	}
	b.check(f.SetDocProps(props))
	f.SetActiveSheet(0)
	return b.err
}
