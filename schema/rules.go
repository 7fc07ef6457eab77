package schema

import (
	"fmt"
	"slices"
	"strings"
)

// Rule is one check across questions, judged on every return (per unit): either two figures
// compared (Figure with one of AtLeast, AtMost, EqualTo), or one answer required when
// another has a value (Require with When and optionally Is and Otherwise). It is
// deliberately not an expression language: the few forms a municipal survey needs, written
// so a person can read them (XLSForm's constraint, relevant and required are the model).
type Rule struct {
	// Figure is the figure compared: a counts category ("o2.med"), a total question
	// ("o4total") or a counts question, which stands for its total without 再掲 ("o2").
	Figure string `yaml:"figure"`
	// AtLeast, AtMost and EqualTo name the figure Figure is compared with; exactly one is set.
	AtLeast string `yaml:"at_least"`
	AtMost  string `yaml:"at_most"`
	EqualTo string `yaml:"equal_to"`

	// Require is the answer that must be given when When holds.
	Require string `yaml:"require"`
	// When is the answer the requirement depends on: a choice (or choice-group row), a
	// count or a free text. Without Is it holds when that answer is given (a count: more
	// than 0).
	When string `yaml:"when"`
	// Is lists the options of When's choice list for which Require is required.
	Is Words `yaml:"is"`
	// Otherwise, when "empty", asks Require to be left empty when When does not hold.
	Otherwise string `yaml:"otherwise"`

	// Reason is the schema's own explanation, added to the finding's message.
	Reason string `yaml:"reason"`
	// Level is the severity of a broken rule: "error" (the default; the return is not
	// counted, as with any error) or "warning".
	Level string `yaml:"level"`

	Line int `yaml:"-"`

	// Resolved by Parse.

	// Op is the comparison: ">=", "<=" or "=" (compare rules only).
	Op string `yaml:"-"`
	// Left and Right are Figure and the figure it is compared with (compare rules only).
	Left, Right *Figure `yaml:"-"`
	// Target and Condition are Require and When resolved (require rules only).
	Target, Condition *Answer `yaml:"-"`
	// Options are Is resolved to the options of Condition's list.
	Options []*Option `yaml:"-"`
}

// The rule levels.
const (
	LevelError   = "error"
	LevelWarning = "warning"
)

// OtherwiseEmpty is the one value Otherwise takes.
const OtherwiseEmpty = "empty"

// IsCompare reports whether the rule compares two figures (else it requires an answer).
func (r *Rule) IsCompare() bool { return r.Figure != "" }

// Words is a list of words that may also be written as a single word (`is: 開催している`
// or `is: [開催している, 開催予定]`).
type Words []string

// Figure is a number of a return a rule compares: one counts category, a total question,
// a number question, or the total (without 再掲) of a counts question.
type Figure struct {
	// Key is the reference as written: "o2.med", "o4total", "o2".
	Key string
	// Category is the counts category, or nil.
	Category *Category
	// Question is the total question or the counts question whose total is meant (nil for a
	// category).
	Question *Question
}

// Keys are the answer keys whose counts add up to the figure.
func (f *Figure) Keys() []string {
	switch {
	case f.Category != nil:
		return []string{f.Category.Key}
	case f.Question.Type == Total || f.Question.Type == Number:
		return []string{f.Question.ID}
	}
	var out []string
	for _, c := range f.Question.TotalCategories() {
		out = append(out, c.Key)
	}
	return out
}

// IsQuestionTotal reports whether the figure is a counts question's total, which the form
// computes in its 合計 row rather than asking for.
func (f *Figure) IsQuestionTotal() bool { return f.Category == nil && f.Question.Type == Counts }

// Owner is the question the figure belongs to (for its unit and label).
func (f *Figure) Owner() *Question {
	if f.Category != nil {
		return f.Category.Question
	}
	return f.Question
}

// Answer is one answer cell a require rule names: a choice, a choice-group row, a counts
// category, a total, a text or a text list.
type Answer struct {
	// Key is the answer's key: "ka1", "a1.2", "u3.20", "ka2".
	Key      string
	Question *Question
	// Row and Category are set for a choice-group row and a counts category.
	Row      *Row
	Category *Category
}

// IsChoice reports whether the answer is one option of a choice list.
func (a *Answer) IsChoice() bool { return a.Question.Type == Choice || a.Question.Type == ChoiceGroup }

// IsCount reports whether the answer is a figure: a count, a total or a number question's
// value (scaled by the question's Scale).
func (a *Answer) IsCount() bool {
	return a.Question.Type == Counts || a.Question.Type == Total || a.Question.Type == Number
}

// checkRules resolves every rule and reports what cannot be checked as written.
func (d *decoder) checkRules(s *Schema) {
	for _, r := range s.Rules {
		switch r.Level {
		case "":
			r.Level = LevelError
		case LevelError, LevelWarning:
		default:
			d.errorf(r.Line, "ルールの level「%s」は使えません（error か warning）", r.Level)
		}
		switch {
		case r.Figure != "" && r.Require != "":
			d.errorf(r.Line, "１つのルールに figure と require の両方は書けません。ルールを２つに分けてください")
		case r.Figure != "":
			d.checkCompare(s, r)
		case r.Require != "":
			d.checkRequire(s, r)
		default:
			d.errorf(r.Line, "ルールには figure（件数を比べる）か require（記入を求める）のどちらかが必要です")
		}
	}
}

// checkCompare resolves a compare rule's two figures.
func (d *decoder) checkCompare(s *Schema, r *Rule) {
	var set []string
	var other string
	for _, c := range []struct{ key, op, val string }{{"at_least", ">=", r.AtLeast}, {"at_most", "<=", r.AtMost}, {"equal_to", "=", r.EqualTo}} {
		if c.val != "" {
			set = append(set, c.key)
			r.Op, other = c.op, c.val
		}
	}
	if len(set) != 1 {
		d.errorf(r.Line, "figure「%s」のルールには at_least（以上）・at_most（以下）・equal_to（等しい）のどれか１つが必要です", r.Figure)
		r.Op = ""
	}
	if r.When != "" || len(r.Is) > 0 || r.Otherwise != "" {
		d.errorf(r.Line, "figure のルールには when・is・otherwise は使えません（記入を求めるルールは require で書きます）")
	}
	r.Left = d.figure(s, r.Line, r.Figure)
	if other != "" {
		r.Right = d.figure(s, r.Line, other)
	}
	if r.Left == nil || r.Right == nil || r.Op == "" {
		r.Left, r.Right = nil, nil
		return
	}
	if r.Left.Key == r.Right.Key || slices.Equal(r.Left.Keys(), r.Right.Keys()) {
		d.errorf(r.Line, "ルールが「%s」をそれ自身と比べています", r.Figure)
		r.Left, r.Right = nil, nil
		return
	}
	// A 再掲 never exceeding its parent, and a 内訳 adding up to its parent, are checked for
	// every return already.
	for _, p := range [][2]*Figure{{r.Left, r.Right}, {r.Right, r.Left}} {
		if r.Op == "=" && p[0].IsQuestionTotal() && p[0].Question.BreakdownOf != "" && slices.Equal([]string{p[0].Question.BreakdownOf}, p[1].Keys()) {
			d.errorf(r.Line, "「%s」の合計が「%s」と等しいことは、内訳の点検でもともと確かめています。このルールは不要です", p[0].Key, p[1].Key)
			r.Left, r.Right = nil, nil
			return
		}
	}
	for _, p := range [][2]*Figure{{r.Left, r.Right}, {r.Right, r.Left}} {
		small, big := p[0], p[1]
		if small.Category != nil && small.Category.IsRepeat() && slices.Equal([]string{small.Category.RepeatKey}, big.Keys()) &&
			(r.Op == "<=" && small == r.Left || r.Op == ">=" && small == r.Right) {
			d.errorf(r.Line, "「%s」が「%s」以下であることは、再掲の点検でもともと確かめています。このルールは不要です", small.Key, big.Key)
			r.Left, r.Right = nil, nil
			return
		}
	}
}

// figure resolves a figure reference, or reports why it is not one.
func (d *decoder) figure(s *Schema, line int, key string) *Figure {
	if c := s.Category(key); c != nil {
		return &Figure{Key: key, Category: c}
	}
	q := s.Question(key)
	switch {
	case q == nil:
		d.errorf(line, "ルールの「%s」に当たる件数がありません（区分は「設問id.区分id」、合計は件数の設問の id で書きます）", key)
	case q.Type == Counts || q.Type == Total || q.Type == Number:
		return &Figure{Key: key, Question: q}
	default:
		d.errorf(line, "ルールの「%s」は%sの設問なので件数と比べられません（figure・at_least・at_most・equal_to には件数の区分・合計を書きます）", key, typeWord(q.Type))
	}
	return nil
}

// checkRequire resolves a require rule's two answers and its options.
func (d *decoder) checkRequire(s *Schema, r *Rule) {
	if r.AtLeast != "" || r.AtMost != "" || r.EqualTo != "" {
		d.errorf(r.Line, "require のルールには at_least・at_most・equal_to は使えません（件数を比べるルールは figure で書きます）")
	}
	if r.When == "" {
		d.errorf(r.Line, "require「%s」のルールに when（どの回答のときに記入が必要か）がありません", r.Require)
	}
	if r.Otherwise != "" && r.Otherwise != OtherwiseEmpty {
		d.errorf(r.Line, "otherwise「%s」は使えません（書けるのは empty だけです）", r.Otherwise)
	}
	r.Target = d.answer(s, r.Line, "require", r.Require)
	if r.When != "" {
		r.Condition = d.answer(s, r.Line, "when", r.When)
	}
	if t := r.Target; t != nil && t.IsComputed() {
		d.errorf(r.Line, "require の「%s」は自動計算の欄（computed）なので、記入を求めることはできません", r.Require)
		r.Target = nil
	}
	if t := r.Target; t != nil && t.Question.Required() {
		d.errorf(r.Line, "require の「%s」（%s）はもともと必須の回答です。ルールで求めるには、その設問を required: false にしてください", r.Require, t.Question.Label)
		r.Target = nil
	}
	if r.Target != nil && r.Condition != nil && r.Target.Key == r.Condition.Key {
		d.errorf(r.Line, "require と when が同じ回答「%s」を指しています", r.Require)
		r.Target = nil
	}
	c := r.Condition
	if c == nil || len(r.Is) == 0 {
		return
	}
	if c.IsChoice() && c.Question.List == nil {
		// The question's unknown choice list is reported already.
		r.Condition = nil
		return
	}
	if !c.IsChoice() {
		d.errorf(r.Line, "is は選択式の回答にだけ書けます（when の「%s」は%sです）", r.When, typeWord(c.Question.Type))
		r.Condition = nil
		return
	}
	for _, w := range r.Is {
		o, ok := c.Question.List.Match(w)
		if !ok {
			d.errorf(r.Line, "is の「%s」は when「%s」の選択肢にありません（%s）", w, r.When, strings.Join(c.Question.List.Labels(), "／"))
			r.Condition = nil
			return
		}
		if !slices.Contains(r.Options, o) {
			r.Options = append(r.Options, o)
		}
	}
}

// answer resolves the key of one answer cell a require rule names.
func (d *decoder) answer(s *Schema, line int, field, key string) *Answer {
	if c := s.Category(key); c != nil {
		return &Answer{Key: key, Question: c.Question, Category: c}
	}
	qid, rid, row := strings.Cut(key, ".")
	q := s.Question(qid)
	switch {
	case q == nil:
		d.errorf(line, "ルールの %s「%s」に当たる回答がありません（設問の id、または「設問id.行id」「設問id.区分id」で書きます）", field, key)
		return nil
	case q.Type == Cases:
		d.errorf(line, "ルールの %s「%s」は事例の設問なので指定できません", field, key)
		return nil
	case row:
		if q.Type == ChoiceGroup {
			for _, r := range q.Rows {
				if r.ID == rid {
					return &Answer{Key: key, Question: q, Row: r}
				}
			}
		}
		d.errorf(line, "ルールの %s「%s」に当たる行・区分が設問「%s」にありません", field, key, qid)
		return nil
	case q.Type == ChoiceGroup || q.Type == Counts:
		d.errorf(line, "ルールの %s「%s」は回答欄が複数ある設問です。「%s.行id」「%s.区分id」のように１つの回答欄を指定してください", field, key, key, key)
		return nil
	}
	return &Answer{Key: key, Question: q}
}

// typeWord names a question type for people.
func typeWord(t QuestionType) string {
	switch t {
	case Choice, ChoiceGroup:
		return "選択式"
	case Counts, Total:
		return "件数"
	case Number:
		return "数値"
	case Text, TextList:
		return "記述式"
	case Cases:
		return "事例"
	}
	return fmt.Sprint(t)
}
