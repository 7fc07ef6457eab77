package trendcmd

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/osaka-city/zaitaku/render/longcsv"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// writeText prints the series as an aligned table: a column per period, the city's lines,
// then one line per unit. Widths count full-width characters as two (textfmt.Width).
func writeText(w io.Writer, s *series) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s）\n", s.t.title(), s.t.id())
	if u := s.t.q.Unit; u != "" && !s.t.row {
		fmt.Fprintf(&b, "単位: %s\n", u)
	}
	rows := [][]string{append([]string{""}, labels(s.periods)...)}
	cityHead := cityLabel
	if s.t.row {
		cityHead += "（" + s.unitLabel + "の数）"
	}
	rows = append(rows, []string{cityHead})
	for _, l := range s.city {
		name := "  合計"
		if s.t.row {
			name = "  " + l.option
		}
		rows = append(rows, append([]string{name}, shown(l.cells)...))
	}
	rows = append(rows, []string{s.unitLabel + "ごと"})
	for _, l := range s.units {
		rows = append(rows, append([]string{"  " + l.unit}, shown(l.cells)...))
	}
	widths := make([]int, len(s.periods)+1)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], textfmt.Width(c))
		}
	}
	// A choice series has words in its columns and reads left-aligned; a figure series is
	// numbers, right-aligned under right-aligned period names.
	for k, r := range rows {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-textfmt.Width(c))
			switch {
			case i == 0:
				line.WriteString(c + pad)
			case !s.t.row && (k == 0 || numeric(c) || c == none):
				line.WriteString("  " + pad + c)
			default:
				line.WriteString("  " + c + pad)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	fmt.Fprintf(&b, "%s: その期間に数値がない（調査にない、%sごとの回答がない公表値だけの期間、未提出、回答なし）。0 ではありません\n", none, s.unitLabel)
	_, err := io.WriteString(w, b.String())
	return err
}

func labels(cs []column) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.label
	}
	return out
}

func shown(cs []cell) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.shown
	}
	return out
}

// numeric reports whether a printed cell is a number (right-aligned).
func numeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789,.") == ""
}

// csvHeader names the columns of the CSV: one row per unit (or city line) and period.
func csvHeader(unitLabel string) []string {
	return []string{"期間", "期間（表示）", unitLabel, "設問ID", "設問", "選択肢・区分", "値", "備考"}
}

// writeCSV writes the series long: one row per period and city line, then per unit and
// period, UTF-8 with a byte-order mark so that Excel opens it on a double-click. A unit's
// choice is its option with value 1, as in 集計.csv; a period without a figure has an
// empty value and says why in 備考.
func writeCSV(w io.Writer, s *series) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader(s.unitLabel)); err != nil {
		return err
	}
	category := ""
	if !s.t.row && s.t.key != "" {
		category = s.t.q.Category(s.t.key).Label
	}
	title := s.t.title()
	for _, l := range append(append([]line(nil), s.city...), s.units...) {
		for i, c := range l.cells {
			option := c.option
			if l.option != "" {
				option = l.option
			}
			if !s.t.row {
				option = category
			}
			rec := []string{s.periods[i].code, s.periods[i].label, longcsv.Guard(l.unit), s.t.id(), longcsv.Guard(title), longcsv.Guard(option), c.value, c.note}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
