// Package longcsv writes the aggregate as a long-format CSV — one row per ward and answer —
// for pivot tables and other tools. It is UTF-8 with a byte-order mark so that Excel on
// Windows opens the Japanese text correctly on a double-click.
package longcsv

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Header names the columns: period, unit (named as the schema calls it: 区, 相談支援室),
// block (named by the schema's block_label, only when it groups units into blocks), question id, label, option or
// category, value, and the 集計ID. The ID is a column, the same in every row, rather than
// a comment line: a line before the header would stop Excel and pivot tools from reading
// the first row as the header, and a column costs a pivot table nothing.
func Header(u aggregate.Units) []string {
	h := []string{"期間", u.Label}
	if u.HasBlocks() {
		h = append(h, charts.BlockHeader(u))
	}
	return append(h, "設問ID", "設問", "選択肢・区分", "値", charts.AggregateIDLabel)
}

// Write writes one row per counted ward and answer: a choice as its chosen option with
// value 1, a count as its category with the number. A ward that was not counted gets one
// row saying why (未提出, 除外), so no ward disappears from the file unnoticed. Free text
// and case records are not included. id is the 集計ID (aggregate.ID) put in every row.
// Earlier periods with per-ward answers (attached by --history/--previous) come first, in
// period order, with their own 期間, so one pivot table spans every period.
func Write(w io.Writer, res *aggregate.Result, id string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	blocks := res.Units.HasBlocks()
	rec := make([]string, 0, 8) // one row, reused: the writer copies it out
	if err := cw.Write(Header(res.Units)); err != nil {
		return err
	}
	if err := writeEarlier(cw, res, id); err != nil {
		return err
	}
	p := res.Period.String()
	// Each ward's answer is looked up in every row and category: index them once, or the
	// lookups grow with the square of the wards (1,741 municipalities).
	answers := map[*aggregate.ChoiceRow]map[string]string{}
	values := map[*aggregate.Figure]map[string]int64{}
	for _, q := range res.Questions {
		for _, r := range q.Rows {
			answers[r] = r.Answers()
		}
		for _, c := range q.Categories {
			values[&c.Figure] = c.Figure.Values()
		}
		if q.Total != nil {
			values[q.Total] = q.Total.Values()
		}
	}
	for _, ws := range res.Submission.Wards {
		row := func(qid, label, option, value string) error {
			rec = append(rec[:0], p, Guard(ws.Ward))
			if blocks {
				rec = append(rec, Guard(ws.Block))
			}
			rec = append(rec, qid, Guard(label), Guard(option), value, id)
			return cw.Write(rec)
		}
		if ws.Status != aggregate.StatusCounted {
			if err := row("_status", "提出状況", aggregate.StatusLabel(ws.Status), ""); err != nil {
				return err
			}
			continue
		}
		for _, q := range res.Questions {
			heading := charts.QuestionTitle(q)
			switch q.Type {
			case schema.Choice, schema.ChoiceGroup:
				for _, r := range q.Rows {
					label := heading
					if q.Type == schema.ChoiceGroup {
						label += " ― " + r.Label
					}
					if a := answers[r][ws.Ward]; a != "" {
						if err := row(r.Key, label, a, "1"); err != nil {
							return err
						}
					}
				}
			case schema.Counts:
				for _, c := range q.Categories {
					if v, ok := values[&c.Figure][ws.Ward]; ok {
						if err := row(c.Key, heading, c.Label, strconv.FormatInt(v, 10)); err != nil {
							return err
						}
					}
				}
			case schema.Total:
				if v, ok := values[q.Total][ws.Ward]; ok {
					if err := row(q.ID, heading, "", strconv.FormatInt(v, 10)); err != nil {
						return err
					}
				}
			case schema.Number:
				// Exact, in the question's decimal places: 「8.5」, never a float's digits.
				if v, ok := values[q.Total][ws.Ward]; ok {
					if err := row(q.ID, heading, "", textfmt.Decimal(v, q.Decimals)); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// Guard keeps a spreadsheet from reading a cell as a formula: text starting with = + - @
// (or a tab or carriage return) gets a leading apostrophe, as OWASP advises for CSV.
func Guard(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
