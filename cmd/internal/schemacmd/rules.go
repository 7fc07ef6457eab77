package schemacmd

import (
	"fmt"
	"io"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// PeriodInfo is the schema's period kind as `schema show --format json` prints it.
type PeriodInfo struct {
	// Kind is the schema's `period:` value (half when the schema names none).
	Kind string `json:"kind"`
	// Name is the kind in Japanese: 半期単位.
	Name string `json:"name"`
	// Example is a period of this kind as the form asks for it: 令和６年度上半期.
	Example string `json:"example"`
	// Help says how --period and the form's 対象期間 take it: 「2024H1・2024H2・2024 または
	// 令和６年度上半期 のように指定してください」.
	Help string `json:"help"`
}

func describePeriod(sc *schema.Schema) PeriodInfo {
	k := period.Kind(sc.Period)
	return PeriodInfo{Kind: sc.Period, Name: k.Japanese(), Example: k.Example().Japanese(), Help: k.Help()}
}

// RuleInfo is one rule across questions, resolved as validate judges it.
type RuleInfo struct {
	// Line is the rule's line in the schema file.
	Line int `json:"line"`
	// Kind is "compare" (two figures) or "require" (an answer required when another has a value).
	Kind string `json:"kind"`
	// Level is "error" or "warning".
	Level string `json:"level"`
	// Figure, Op and Other are a compare rule: Figure Op Other, Op one of ">=", "<=", "=".
	Figure string `json:"figure,omitempty"`
	Op     string `json:"op,omitempty"`
	Other  string `json:"other,omitempty"`
	// FigureKeys and OtherKeys are the answer keys whose counts add up to each figure (a
	// counts question stands for the sum of its categories without 再掲).
	FigureKeys []string `json:"figure_keys,omitempty"`
	OtherKeys  []string `json:"other_keys,omitempty"`
	// Require, When, Is and Otherwise are a require rule; Is holds the options' labels.
	Require   string   `json:"require,omitempty"`
	When      string   `json:"when,omitempty"`
	Is        []string `json:"is,omitempty"`
	Otherwise string   `json:"otherwise,omitempty"`
	// Reason is the schema's own explanation, shown in the finding.
	Reason string `json:"reason,omitempty"`
	// Text is the rule in Japanese, as the text view prints it.
	Text string `json:"text"`
}

func describeRules(sc *schema.Schema) []RuleInfo {
	out := []RuleInfo{}
	for _, r := range sc.Rules {
		ri := RuleInfo{Line: r.Line, Level: r.Level, Reason: r.Reason, Text: ruleText(r)}
		if r.IsCompare() {
			ri.Kind, ri.Figure, ri.Op, ri.Other = "compare", r.Left.Key, r.Op, r.Right.Key
			ri.FigureKeys, ri.OtherKeys = r.Left.Keys(), r.Right.Keys()
		} else {
			ri.Kind, ri.Require, ri.When, ri.Otherwise = "require", r.Target.Key, r.Condition.Key, r.Otherwise
			for _, o := range r.Options {
				ri.Is = append(ri.Is, o.Label)
			}
		}
		out = append(out, ri)
	}
	return out
}

// ruleText says a rule in Japanese with each answer's id and its label as findings give it:
// 「ka2（（カ）研修テーマ）を記入すること（ka1（…）が「開催している」のとき）」.
func ruleText(r *schema.Rule) string {
	if r.IsCompare() {
		left, right := figureText(r.Left), figureText(r.Right)
		switch r.Op {
		case ">=":
			return left + "が " + right + "以上であること"
		case "<=":
			return left + "が " + right + "以下であること"
		}
		return left + "が " + right + "と等しいこと"
	}
	c := r.Condition
	var when string
	switch {
	case len(r.Options) > 0:
		var labels []string
		for _, o := range r.Options {
			labels = append(labels, "「"+o.Label+"」")
		}
		when = answerText(c) + "が" + strings.Join(labels, "か") + "のとき"
	case c.IsCount():
		when = answerText(c) + "が 1 以上のとき"
	default:
		when = answerText(c) + "に記入があるとき"
	}
	s := answerText(r.Target) + "を記入すること（" + when + "）"
	if r.Otherwise == schema.OtherwiseEmpty {
		s += "。そうでないときは空欄にすること"
	}
	return s
}

// figureText is a figure's key and its label: 「o2（（オ）個別相談ケース ― 合計）」.
func figureText(f *schema.Figure) string {
	var label string
	switch {
	case f.Category != nil:
		label = (&form.Slot{Question: f.Category.Question, Category: f.Category}).Label()
	case f.IsQuestionTotal():
		label = form.QuestionLabel(f.Question) + " ― 合計"
	default:
		label = form.QuestionLabel(f.Question)
	}
	return f.Key + "（" + label + "）"
}

// answerText is an answer's key and its label, as the findings on its cell are labelled.
func answerText(a *schema.Answer) string {
	return a.Key + "（" + (&form.Slot{Question: a.Question, Row: a.Row, Category: a.Category}).Label() + "）"
}

// writeRules lists the rules validate judges on every return, or says there are none.
func writeRules(w io.Writer, rules []RuleInfo) {
	if len(rules) == 0 {
		fmt.Fprintf(w, "\n■ ルール（設問をまたぐ確認）: なし\n")
		return
	}
	fmt.Fprintf(w, "\n■ ルール（設問をまたぐ確認。回答票ごとに確かめます）\n")
	for i, r := range rules {
		level := ""
		if r.Level == schema.LevelWarning {
			level = "［警告］"
		}
		fmt.Fprintf(w, "  %d. %s%s\n", i+1, level, r.Text)
		if r.Reason != "" {
			fmt.Fprintf(w, "     理由: %s\n", r.Reason)
		}
	}
}
