package form

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
)

// A computed figure (schema's computed: true) is a formula cell on the form: the SUM of
// its parts' answer cells by their defined names, which Excel and LibreOffice keep
// pointing at the same cells when a ward inserts rows. It is locked, grey like the 合計
// row, has no input rule, and is labelled 自動計算; the checks never read a figure from it.

// ComputedFormula is the formula of a computed figure's cell (without "="): the SUM of its
// parts' defined names, 「SUM(zq_o2med_clinic,zq_o2med_homevisit,…)」; "" when key is not
// computed.
func ComputedFormula(sc *schema.Schema, key string) string {
	parts := sc.ComputedParts(key)
	if len(parts) == 0 {
		return ""
	}
	names := make([]string, len(parts))
	for i, p := range parts {
		names[i] = DefinedName(p)
	}
	return "SUM(" + strings.Join(names, ",") + ")"
}

// breakdownNote is what the form says beside a 内訳 about its parent: the ward makes them
// agree, or, when the parent is computed, the form adds them up.
func breakdownNote(parent *schema.Category) string {
	if parent.Computed {
		return "　合計が「" + parent.Label + "」の件数になります（自動計算）"
	}
	return "　合計が「" + parent.Label + "」の件数と一致するように記入"
}

// makeComputedStyles adds the label style of computed cells, only for a schema that has
// them, so every other template keeps its bytes.
func (b *builder) makeComputedStyles(ns func(*excelize.Style) int) {
	b.st.computedLabel = b.st.total
	if len(b.sc.ComputedKeys()) == 0 {
		return
	}
	b.st.computedLabel = ns(&excelize.Style{
		Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}},
		Border: []excelize.Border{
			{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
			{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
		},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
	})
}

// computedRow writes a computed figure's row: its number and label, and its locked grey
// formula cell, bound to the slot's defined name and id like any answer so the reader can
// tell when it was typed over.
func (w *sheetWriter) computedRow(s *Slot, number, label string) {
	w.set(colID, s.Key, 0)
	w.set(colNumber, number, w.st.number)
	w.set(colLabel, label, w.st.computedLabel)
	w.check(w.f.SetCellFormula(w.name, w.cell(colAnswer, w.row), ComputedFormula(w.sc, s.Key)))
	w.style(colAnswer, colAnswer, w.st.total)
	w.set(colNote, s.Question.Unit, w.st.unit)
	w.height(labelHeight(label, colWidths[colLabel]))
	w.defineName(s.Name(), colAnswer, 1)
	w.row++
}
