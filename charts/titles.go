package charts

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// The words every output prints the same way.
const (
	// Dash marks a figure that does not exist (an earlier survey without the question or
	// option), so it is not mistaken for 0.
	Dash = "―"
	// NoReplyLabel counts the units that left a choice unanswered.
	NoReplyLabel = "未回答"
	// TotalPlain heads the total of counts without 再掲 rows; TotalWithoutRepeat the total
	// of counts with them, which it leaves out.
	TotalPlain         = "合計"
	TotalWithoutRepeat = "合計（再掲を除く）"
	// Continued follows the heading of a table or page that goes on from the one before,
	// under its heading and header again: 「（１）…（続き）」.
	Continued = "（続き）"
	// DefaultBlockLabel names the block column when the schema gives blocks no name.
	DefaultBlockLabel = "ブロック"
)

// QuestionHeading is the question as 資料１ heads it under its item: 「（１）推進会議開催状況」.
func QuestionHeading(q *aggregate.Question) string { return q.Number + q.Label }

// QuestionTitle names the question with its item mark, for places without the item
// heading above it (charts, tables of many questions): 「（イ）（１）推進会議開催状況」.
func QuestionTitle(q *aggregate.Question) string {
	if q.ItemMark == "" {
		return QuestionHeading(q)
	}
	return "（" + q.ItemMark + "）" + QuestionHeading(q)
}

// IsChoice reports whether q is answered by choosing options (choice, choice group).
func IsChoice(q *aggregate.Question) bool {
	return q.Type == schema.Choice || q.Type == schema.ChoiceGroup
}

// HasChoice reports whether any question of res is a choice: without one there is nothing
// to chart or to set side by side by unit.
func HasChoice(res *aggregate.Result) bool {
	for _, q := range res.Questions {
		if IsChoice(q) {
			return true
		}
	}
	return false
}

// HasNoReply reports whether some unit left a row of q unanswered.
func HasNoReply(q *aggregate.Question) bool {
	for _, r := range q.Rows {
		if len(r.Unanswered) > 0 {
			return true
		}
	}
	return false
}

// HasRepeat reports whether q has 再掲 categories, which its total leaves out.
func HasRepeat(q *aggregate.Question) bool {
	for _, c := range q.Categories {
		if c.Repeat {
			return true
		}
	}
	return false
}

// TotalLabel heads the total of a counts question: it says so when 再掲 rows are left out.
func TotalLabel(q *aggregate.Question) string {
	if HasRepeat(q) {
		return TotalWithoutRepeat
	}
	return TotalPlain
}

// RepeatLabel marks a 再掲 category unless its label already says so.
func RepeatLabel(c *aggregate.Category) string {
	if c.Repeat && !strings.Contains(c.Label, "再掲") {
		return "（再掲）" + c.Label
	}
	return c.Label
}

// UnitWord is a unit in brackets, for axis ends and headings: 「（区）」, 「（件）」.
func UnitWord(unit string) string { return "（" + unit + "）" }

// CategoryHeader heads the label column of a table of figures in unit:
// 「区分（単位：区）」, or 「区分」 without a unit.
func CategoryHeader(unit string) string {
	if unit == "" {
		return "区分"
	}
	return "区分（単位：" + unit + "）"
}

// HasBlocks reports whether the units are grouped into blocks; without blocks no output
// shows a block column.
func HasBlocks(u aggregate.Units) bool { return u.HasBlocks() }

// BlockHeader heads the block column: the schema's block label, or 「ブロック」.
func BlockHeader(u aggregate.Units) string {
	if u.BlockLabel == "" {
		return DefaultBlockLabel
	}
	return u.BlockLabel
}

// UnknownUnit stands in the unit column for a file that belongs to no unit, and
// UnknownUnitStatus says why: 「区を特定できないファイル」.
const UnknownUnit = "（不明）"

// UnknownUnitStatus is the status of a file that belongs to no unit.
func UnknownUnitStatus(unitLabel string) string {
	return unitLabel + "を特定できないファイル"
}

// QuestionNote is the small print beside a question in a table of figures: what the
// figures are and how they add up: 「（重複可／「…」の内訳）」.
func QuestionNote(res *aggregate.Result, q *aggregate.Question) string {
	var parts []string
	if q.Multiple {
		parts = append(parts, "重複可")
	}
	if q.BreakdownOf != "" {
		parts = append(parts, "「"+KeyLabel(res, q.BreakdownOf)+"」の内訳")
	}
	if len(q.SumOf) > 0 {
		var ls []string
		for _, k := range q.SumOf {
			ls = append(ls, KeyLabel(res, k))
		}
		parts = append(parts, strings.Join(ls, " ＋ ")+" の合計")
	}
	if q.Note != "" {
		parts = append(parts, q.Note)
	}
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "／") + "）"
}

// KeyLabel turns an answer key like o2.med into its question heading or category label;
// the key itself when it cannot be found.
func KeyLabel(res *aggregate.Result, key string) string {
	if q := res.Question(key); q != nil {
		return QuestionHeading(q)
	}
	qid, _, _ := strings.Cut(key, ".")
	if q := res.Question(qid); q != nil {
		if c := q.Category(key); c != nil {
			return c.Label
		}
	}
	return key
}

// figureText is a figure's sum, or Dash for no data (never 0).
func figureText(f *aggregate.Figure) string {
	if f == nil {
		return Dash
	}
	return Thousands(f.Sum)
}

// countText is a count of units as printed in a column of earlier figures: 「10」, or
// Dash where there is no figure (never 0).
func countText(n *int) string {
	if n == nil {
		return Dash
	}
	return Thousands(int64(*n))
}

// rangeText is a category's per-unit range: 「5 件 ～ 242 件」.
func rangeText(c *aggregate.Category, unit string) string {
	if c.Min == nil || c.Max == nil {
		return ""
	}
	return fmt.Sprintf("%s %s ～ %s %s", Thousands(c.Min.Value), unit, Thousands(c.Max.Value), unit)
}

// IsFigure reports whether a table cell holds a figure as the model writes it (6,784, 12),
// which every renderer aligns right.
func IsFigure(s string) bool {
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
