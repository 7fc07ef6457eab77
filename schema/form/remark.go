package form

import (
	"strings"

	"github.com/osaka-city/zaitaku/schema"
)

// RemarkPrefix heads the key of an item's 備考 (reason) cell: "_remark.a". A question id
// starts with a letter, so the key and its defined name (zq__remark_a) never clash with an
// answer's.
const RemarkPrefix = "_remark."

// RemarkLabel is the 備考 row's label on the form: what the cell is for.
const RemarkLabel = "前回から大きく変わった回答・件数があれば、その理由（任意）"

// RemarkSlot is the optional 備考 cell that ends every item of the form: free text in
// which a ward gives the reason for a figure that moved a lot since the previous period,
// so the 前回比 check shows it as explained. It is not an answer: the figures never read
// it, and a return on a form made before it reads as one with nothing written there.
func RemarkSlot(it *schema.Item) *Slot {
	return &Slot{Key: RemarkPrefix + it.ID, Kind: SlotText, Remark: it}
}

// RemarkSlots lists every item's 備考 cell in form order.
func RemarkSlots(sc *schema.Schema) []*Slot {
	var out []*Slot
	for _, sh := range sc.Sheets {
		for _, it := range sh.Items {
			out = append(out, RemarkSlot(it))
		}
	}
	return out
}

// RemarkItem is the item id a 備考 key stands for ("" when key is not one).
func RemarkItem(key string) string {
	id, ok := strings.CutPrefix(key, RemarkPrefix)
	if !ok {
		return ""
	}
	return id
}

// writeRemark writes the item's 備考 row: 「備考」 in the number column, what it is for in
// the label column and one wrapped free-text cell across the answer and note columns.
func (w *sheetWriter) writeRemark(it *schema.Item) {
	s := RemarkSlot(it)
	w.set(colID, s.Key, 0)
	w.set(colNumber, "備考", w.st.number)
	w.set(colLabel, RemarkLabel, w.st.label)
	w.set(colAnswer, "", w.st.inputText)
	w.merge(colAnswer, colNote)
	w.style(colAnswer, colNote, w.st.inputText)
	w.height(36)
	w.defineName(s.Name(), colAnswer, 1)
	w.row++
}
