package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/returns"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// checkRules applies the schema's rules across questions (schema.Rule). A rule is judged
// only when every answer it names was read: an answer that is unreadable, out of place or
// otherwise already reported is not reported a second time through a rule.
func (r *checker) checkRules() {
	if len(r.Schema.Rules) == 0 {
		return
	}
	flagged := map[string]bool{}
	for _, f := range r.Findings {
		flagged[f.QuestionID] = true
	}
	for _, rule := range r.Schema.Rules {
		if rule.IsCompare() {
			r.checkCompare(rule, flagged)
		} else {
			r.checkRequire(rule, flagged)
		}
	}
}

// severity is the finding severity a rule's level asks for.
func severity(rule *schema.Rule) finding.Severity {
	if rule.Level == schema.LevelWarning {
		return finding.Warning
	}
	return finding.Error
}

// because is the rule's reason as the end of a message, 「（…）」, or "".
func because(rule *schema.Rule) string {
	reason := strings.TrimSpace(rule.Reason)
	if reason == "" || strings.HasPrefix(reason, "（") {
		return reason
	}
	return "（" + reason + "）"
}

// figureValue is a figure's value, and whether every count in it was read.
func (r *checker) figureValue(f *schema.Figure) (int64, bool) {
	var sum int64
	for _, k := range f.Keys() {
		v, ok := r.Counts[k]
		if !ok {
			return 0, false
		}
		sum += v
	}
	return sum, true
}

// figureCell is where a figure stands in the return: its answer cell, or for a counts
// question's total the form's 合計 row, written right below the question's last category.
func (r *checker) figureCell(f *schema.Figure) *returns.Cell {
	if !f.IsQuestionTotal() {
		return r.Cells[f.Keys()[0]]
	}
	cats := f.Question.Categories
	last := r.Cells[cats[len(cats)-1].Key]
	if last == nil {
		return nil
	}
	col, row, err := excelize.CellNameToCoordinates(last.Cell)
	if err != nil {
		return nil
	}
	name, err := excelize.CoordinatesToCellName(col, row+1)
	if err != nil {
		return nil
	}
	return &returns.Cell{Location: form.Location{Sheet: last.Sheet, Cell: name}}
}

// figureName names a figure in a message, in the schema's words: 「会議出席回数」,
// 「個別相談ケース 相談内容別内訳の合計」, 「活動状況 ①連絡調整機関 ― １．医科」.
func figureName(f *schema.Figure) string {
	switch {
	case f.Category != nil:
		return f.Category.Question.Label + " ― " + form.CategoryLabel(f.Category)
	case f.IsQuestionTotal():
		return f.Question.Label + "の合計"
	}
	return f.Question.Label
}

// figureLabel is the finding's label for a figure, as the findings on its cell are labelled.
func figureLabel(f *schema.Figure) string {
	switch {
	case f.Category != nil:
		return (&form.Slot{Question: f.Category.Question, Category: f.Category}).Label()
	case f.IsQuestionTotal():
		return form.QuestionLabel(f.Question) + " ― 合計"
	}
	return form.QuestionLabel(f.Question)
}

// checkCompare judges a rule comparing two figures; the finding stands on the first
// figure's cell and names the second figure's cell and value.
func (r *checker) checkCompare(rule *schema.Rule, flagged map[string]bool) {
	left, right := rule.Left, rule.Right
	for _, k := range append(left.Keys(), right.Keys()...) {
		if flagged[k] {
			return
		}
	}
	a, ok1 := r.figureValue(left)
	b, ok2 := r.figureValue(right)
	if !ok1 || !ok2 {
		return
	}
	// A number question's values are scaled by its decimal places: both figures are
	// compared at the finer of the two.
	da, db := figureDecimals(left), figureDecimals(right)
	ca, cb := a, b
	for d := da; d < db; d++ {
		ca *= 10
	}
	for d := db; d < da; d++ {
		cb *= 10
	}
	bText := textfmt.Fixed(b, db)
	var how, expected string
	switch {
	case rule.Op == ">=" && ca < cb:
		how, expected = "より少なくなっています", "≧ "+bText
	case rule.Op == "<=" && ca > cb:
		how, expected = "より多くなっています", "≦ "+bText
	case rule.Op == "=" && ca != cb:
		how, expected = "と一致しません", bText
	default:
		return
	}
	lc, rc := r.figureCell(left), r.figureCell(right)
	where := ""
	if rc != nil {
		where = "（" + rc.Location.String() + "）"
	}
	msg := fmt.Sprintf("%s %sが %s %s%s%s%s",
		figureName(left), figureAmount(a, da, left.Owner().Unit), figureName(right), figureAmount(b, db, right.Owner().Unit), where, how, because(rule))
	f := at(lc, severity(rule), finding.RuleCompare, left.Key, figureLabel(left), msg)
	if left.IsQuestionTotal() {
		f.Value = fmt.Sprint(a)
	}
	f.Expected = expected
	r.add(f)
}

// answerLabel names an answer as the findings on its cell are labelled.
func answerLabel(a *schema.Answer) string {
	return (&form.Slot{Question: a.Question, Row: a.Row, Category: a.Category}).Label()
}

// given reports whether an answer was read with a value.
func (r *checker) given(key string) bool {
	if _, ok := r.Choices[key]; ok {
		return true
	}
	if _, ok := r.Counts[key]; ok {
		return true
	}
	if _, ok := r.Texts[key]; ok {
		return true
	}
	return len(r.Lists[key]) > 0
}

// blank reports whether an answer's cell was found and read as empty, with nothing
// already reported about it.
func (r *checker) blank(key string, flagged map[string]bool) bool {
	return r.Cells[key] != nil && !r.Blocked[key] && !flagged[key] && !r.given(key)
}

// condition says whether a require rule's when holds and whether it is known at all, and
// how to say what the answer is: the answer's name with its cell, and its value
// (「開催している」, 3 件, 未回答; "" for a text that is given).
func (r *checker) condition(rule *schema.Rule, flagged map[string]bool) (holds, known bool, name, value string) {
	c := rule.Condition
	cell := r.Cells[c.Key]
	if cell == nil || r.Blocked[c.Key] || flagged[c.Key] {
		return false, false, "", ""
	}
	name = answerLabel(c) + "（" + cell.Location.String() + "）"
	switch {
	case c.IsChoice():
		o := r.Choices[c.Key]
		if o == nil {
			return false, true, name, "未回答"
		}
		return len(rule.Options) == 0 || slices.Contains(rule.Options, o), true, name, "「" + o.Label + "」"
	case c.IsCount():
		v, ok := r.Counts[c.Key]
		if !ok {
			return false, true, name, "未記入"
		}
		return v > 0, true, name, " " + figureAmount(v, c.Question.Decimals, c.Question.Unit)
	case r.given(c.Key):
		return true, true, name, ""
	}
	return false, true, name, "未記入"
}

// checkRequire judges a rule requiring one answer when another has a value (and, with
// otherwise: empty, leaving it empty when not); the finding stands on the required answer.
func (r *checker) checkRequire(rule *schema.Rule, flagged map[string]bool) {
	t := rule.Target
	cell := r.Cells[t.Key]
	if cell == nil || r.Blocked[t.Key] || flagged[t.Key] {
		return
	}
	holds, known, name, value := r.condition(rule, flagged)
	if !known {
		return
	}
	switch {
	case holds && r.blank(t.Key, flagged):
		since := name + "が" + value + "のため"
		switch {
		case rule.Condition.IsChoice():
			since = name + "が" + value + "と回答されているため"
		case value == "":
			since = name + "に記入があるため"
		}
		r.add(at(cell, severity(rule), finding.RuleRequired, t.Key, answerLabel(t),
			fmt.Sprintf("未記入です。%s、記入が必要です%s", since, because(rule))))
	case !holds && rule.Otherwise == schema.OtherwiseEmpty && r.given(t.Key):
		f := at(cell, severity(rule), finding.RuleEmpty, t.Key, answerLabel(t),
			fmt.Sprintf("%sが記入されていますが、%sが%sのときは空欄にします%s", shortValue(cell), name, value, because(rule)))
		f.Expected = "空欄"
		r.add(f)
	}
}

// shortValue is what a cell holds, quoted and cut short for a message: 「在宅歯科講習会」,
// or for a list its first entry and how many more there are: 「在宅歯科講習会」ほか 2 行.
func shortValue(c *returns.Cell) string {
	v, more := c.Value, 0
	if len(c.Lines) > 0 {
		v, more = c.Lines[0], len(c.Lines)-1
	}
	if rs := []rune(v); len(rs) > 20 {
		v = string(rs[:20]) + "…"
	}
	v, _ = Visible(v)
	if more > 0 {
		return fmt.Sprintf("「%s」ほか %d 行", v, more)
	}
	return "「" + v + "」"
}
