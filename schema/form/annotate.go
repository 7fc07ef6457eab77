package form

import (
	"bytes"
	"io"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema/finding"
)

// severityRank orders the severities, so a cell with several findings is coloured for
// the worst; severityColor is its fill: red, orange, and green for a note (a 前回比
// change the ward has explained, no problem).
var (
	severityRank  = map[finding.Severity]int{finding.Note: 0, finding.Warning: 1, finding.Error: 2}
	severityColor = map[finding.Severity]string{finding.Note: "C6EFCE", finding.Warning: "FFC000", finding.Error: "FF8080"}
)

// Annotate writes to w a copy of the return data with every cell that has a finding
// filled red (errors), orange (warnings) or green (notes) and an Excel comment saying what is wrong, so
// the ward fixes it where it sees it. data is a return the reader has accepted (the
// command reads it first); the copy is edited with excelize, which keeps every part of
// the workbook, within the same size limits.
func Annotate(w io.Writer, data []byte, findings []finding.Finding) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipSize, UnzipXMLSizeLimit: MaxPartSize})
	if err != nil {
		return err
	}
	defer f.Close()

	type mark struct {
		sheet, cell string
		worst       finding.Severity
		msgs        []string
	}
	marks := map[string]*mark{}
	var order []string
	for _, fd := range findings {
		if fd.Cell == "" || fd.Sheet == "" {
			continue
		}
		k := fd.Sheet + "!" + fd.Cell
		m := marks[k]
		if m == nil {
			m = &mark{sheet: fd.Sheet, cell: fd.Cell, worst: finding.Note}
			marks[k] = m
			order = append(order, k)
		}
		if severityRank[fd.Severity] > severityRank[m.worst] {
			m.worst = fd.Severity
		}
		m.msgs = append(m.msgs, "【"+fd.Severity.Japanese()+"】"+fd.Text())
	}
	sort.Strings(order)
	type styleKey struct {
		old int
		sev finding.Severity
	}
	styleCache := map[styleKey]int{}
	for _, k := range order {
		m := marks[k]
		color := severityColor[m.worst]
		old, err := f.GetCellStyle(m.sheet, m.cell)
		if err != nil {
			continue // the sheet is gone; the finding is still printed
		}
		ck := styleKey{old, m.worst}
		id, ok := styleCache[ck]
		if !ok {
			st, err := f.GetStyle(old)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
			if id, err = f.NewStyle(st); err != nil {
				return err
			}
			styleCache[ck] = id
		}
		if err := f.SetCellStyle(m.sheet, m.cell, m.cell, id); err != nil {
			return err
		}
		// The form's live checks fill a cell light red through conditional formatting,
		// which Excel draws over the cell's own fill: on the marked copy, validate's colour
		// must show, so the cell leaves those rules (the other cells keep theirs).
		_ = f.UnsetConditionalFormat(m.sheet, m.cell)
		_ = f.DeleteComment(m.sheet, m.cell)
		text := strings.Join(m.msgs, "\n")
		if err := f.AddComment(m.sheet, excelize.Comment{
			Cell: m.cell, Author: "zaitaku",
			Paragraph: []excelize.RichTextRun{{Text: "zaitaku:\n", Font: &excelize.Font{Bold: true}}, {Text: text}},
			Width:     320, Height: uint(60 + 16*len(m.msgs)),
		}); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}
