package form

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// NumberRange is what a number question accepts, as the form's input message, the
// validator's findings and `schema show` say it: 「0 以上 366 以下の整数」,
// 「0 以上の数（小数第１位まで）」.
func NumberRange(q *schema.Question) string {
	r := fmt.Sprintf("%s 以上", textfmt.Thousands(q.MinValue()))
	if q.Max != nil {
		r += fmt.Sprintf(" %s 以下", textfmt.Thousands(*q.Max))
	}
	if q.Decimals == 0 {
		return r + "の整数"
	}
	return r + "の数（" + DecimalsText(q.Decimals) + "）"
}

// DecimalsText says how many decimal places are allowed: 「小数第１位まで」.
func DecimalsText(decimals int) string {
	return "小数第" + string(rune('０'+decimals)) + "位まで"
}

// numberStyle is the yellow input style of a number question with its decimal places
// shown (#,##0.0), made once per number of places.
func (w *sheetWriter) numberStyle(decimals int) int {
	if decimals == 0 {
		return w.st.inputCount
	}
	if id, ok := w.st.numbers[decimals]; ok {
		return id
	}
	f := "#,##0." + strings.Repeat("0", decimals)
	id, err := w.f.NewStyle(&excelize.Style{
		Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}},
		Border:       []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1}, {Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}},
		Protection:   &excelize.Protection{Locked: false},
		CustomNumFmt: &f,
		Alignment:    &excelize.Alignment{Vertical: "center"},
	})
	w.check(err)
	if w.st.numbers == nil {
		w.st.numbers = map[int]int{}
	}
	w.st.numbers[decimals] = id
	return id
}

// writeNumber writes a number question: its number and label, one answer cell with the
// unit (and note) beside it, validated as a whole number or a decimal within the bounds,
// with an input message saying what to type.
func (w *sheetWriter) writeNumber(s *Slot) {
	q := s.Question
	w.set(colID, s.Key, 0)
	w.set(colNumber, q.Number, w.st.number)
	w.set(colLabel, q.Label, w.st.question)
	w.set(colAnswer, "", w.numberStyle(q.Decimals))
	note := strings.TrimSpace(q.Unit + "　" + q.Note)
	w.set(colNote, note, w.st.unit)
	w.height(max(labelHeight(q.Label, colWidths[colLabel]), labelHeight(note, colWidths[colNote])))

	max := int64(maxCount)
	if q.Max != nil {
		max = *q.Max
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = w.cell(colAnswer, w.row)
	kind := excelize.DataValidationTypeWhole
	if q.Decimals > 0 {
		kind = excelize.DataValidationTypeDecimal
	}
	w.check(dv.SetRange(int(q.MinValue()), int(max), kind, excelize.DataValidationOperatorBetween))
	what := NumberRange(q)
	if q.Max == nil {
		what = fmt.Sprintf("%s 以上 %s 以下%s", textfmt.Thousands(q.MinValue()), textfmt.Thousands(max), strings.TrimPrefix(what, textfmt.Thousands(q.MinValue())+" 以上"))
	}
	title := q.Label
	if r := []rune(title); len(r) > 32 { // Excel's limit for an input message's title
		title = string(r[:31]) + "…"
	}
	dv.SetInput(title, what+"を入力してください。")
	dv.SetError(excelize.DataValidationErrorStyleStop, "入力できない値です", what+"を入力してください。")
	w.check(w.f.AddDataValidation(w.name, dv))
	w.defineName(s.Name(), colAnswer, 1)
	w.row++
}
