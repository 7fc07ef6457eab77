package charts

import (
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// NoticesTitle heads the part of a ward sheet that lists what its return was warned of:
// the 前回比 findings first of all, which a clerk must either explain or correct.
const NoticesTitle = "前回からの大きな変化・確認事項"

// ExplainedLabel marks a finding the unit has already explained in the item's 備考: no
// problem, shown so the reviewer reads the reason beside the figure.
const ExplainedLabel = "説明あり"

// explainedPrefix is how the 前回比 check's note introduces the reason it quotes.
const explainedPrefix = ExplainedLabel + ": "

// SheetNotice is one finding of the unit's return on its sheet: where, what, and either
// the reason the unit gave (Explained) or what it is asked to do.
type SheetNotice struct {
	// Where is the cell (相談支援室!D14), Label the answer's label.
	Where string
	Label string
	// Severity is the finding's: a warning, or a note (explained, no problem).
	Severity finding.Severity
	// Text is the finding itself: 「前回 39 件 → 今回 79 件（2.0倍）」.
	Text string
	// Explained is set when the unit gave a reason; Reason is that 備考 text.
	Explained bool
	Reason    string
	// Detail is the rest of a warning's message (where to write a reason); empty for an
	// explained one, and for all but the last of consecutive warnings with the same advice.
	Detail string
}

// sheetNotices lists the unit's warnings and notes in the order its return gave them.
// Errors cannot be there: a return with errors is not counted and gets no figures.
func sheetNotices(st *aggregate.WardStatus) []*SheetNotice {
	var out []*SheetNotice
	for _, f := range st.Findings {
		if f.Severity == finding.Error {
			continue
		}
		n := &SheetNotice{Where: f.Where(), Label: f.Label, Severity: f.Severity, Text: f.Text()}
		if f.Code == finding.ChangeCount || f.Code == finding.ChangeChoice {
			// The 前回比 check writes 「what。rest」: the change, then either the reason
			// quoted or where to write one.
			if what, rest, ok := strings.Cut(f.Message, "。"); ok {
				n.Text, n.Detail = what, rest
			}
		}
		if f.Severity == finding.Note {
			n.Explained = true
			if r, ok := strings.CutPrefix(n.Detail, explainedPrefix); ok {
				n.Reason, n.Detail = r, ""
			}
		}
		out = append(out, n)
	}
	onceEach(out)
	return out
}

// onceEach keeps a run of notices that give the same advice (the 前回比 warnings of one
// item all point to that item's 備考) from repeating it: the advice stays under the last
// of the run only, where the reader has seen every figure it is about.
func onceEach(ns []*SheetNotice) {
	for i := 0; i+1 < len(ns); i++ {
		if ns[i].Detail != "" && ns[i].Detail == ns[i+1].Detail {
			ns[i].Detail = ""
		}
	}
}

// Tag is the notice's mark: 【警告】, or 【説明あり】 for one the unit explained.
func (n *SheetNotice) Tag() string {
	if n.Explained {
		return "【" + ExplainedLabel + "】"
	}
	return "【" + n.Severity.Japanese() + "】"
}

// Line is the notice on one line, for lists of many units (提出状況):
// 「【説明あり】８．…（相談支援室!D29）: 前回 39 件 → 今回 79 件（2.0倍）。説明あり: …」.
func (n *SheetNotice) Line() string {
	s := n.Tag() + n.Label
	if n.Where != "" {
		s += "（" + n.Where + "）"
	}
	if n.Label != "" || n.Where != "" {
		s += ": "
	}
	s += n.Text
	if n.Reason != "" {
		s += "。" + explainedPrefix + n.Reason
	}
	return s
}
