package schema_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// ruleSchema has one question of every kind a rule may name, or must refuse to name; the
// rule tests append a `rules:` list to it.
const ruleSchema = `id: test
version: 1
title: テスト調査
units:
  list:
    - {name: 北区}
    - {name: 住吉区}
choice_lists:
  - id: held
    options:
      - label: 開催している
        aliases: [開催]
      - label: 未開催
  - id: yn
    options:
      - label: はい
      - label: いいえ
sheets:
  - id: s1
    name: 相談支援室
    items:
      - id: a
        label: 項目ア
        questions:
          - id: held1
            type: choice
            label: 研修の開催状況
            choices: held
          - id: grp
            type: choice_group
            label: 取組
            choices: yn
            rows:
              - {label: 行一}
              - {id: two, label: 行二}
          - id: client
            type: counts
            label: 相談者
            unit: 件
            categories:
              - {id: med, label: 医療}
              - {id: med_r, label: （再掲）医科, repeat_of: med}
              - {id: other, label: その他}
          - id: topic
            type: counts
            label: 相談内容
            unit: 件
            multiple: true
            categories:
              - {id: med, label: 医療}
              - {id: care, label: 介護}
          - id: topic_med
            type: counts
            label: 医療（内訳）
            unit: 件
            breakdown_of: topic.med
            categories:
              - {id: clinic, label: 診療所}
              - {id: hospital, label: 病院}
          - id: mtg
            type: total
            label: 会議出席回数
            unit: 回
            sum_of: [client.med, client.other]
          - id: themes
            type: text_list
            label: 研修テーマ
          - id: memo
            type: text
            label: 自由記述
          - id: optchoice
            type: choice
            label: 任意の選択
            choices: yn
            required: false
          - id: cases1
            type: cases
            label: 事例
            fields:
              - {id: what, label: 内容}
rules:
`

func TestRulesResolve(t *testing.T) {
	tests := []struct {
		name  string
		rule  string
		check func(t *testing.T, r *schema.Rule)
	}{
		{
			name: "question totals, at_least, default level",
			rule: "  - {figure: topic, at_least: client, reason: 重複可}",
			check: func(t *testing.T, r *schema.Rule) {
				if !r.IsCompare() || r.Op != ">=" || r.Level != schema.LevelError {
					t.Errorf("compare %v op %q level %q", r.IsCompare(), r.Op, r.Level)
				}
				if got := r.Left.Keys(); !slices.Equal(got, []string{"topic.med", "topic.care"}) {
					t.Errorf("left keys %v", got)
				}
				// The total of a counts question leaves out its 再掲.
				if got := r.Right.Keys(); !slices.Equal(got, []string{"client.med", "client.other"}) {
					t.Errorf("right keys %v", got)
				}
				if !r.Left.IsQuestionTotal() || r.Left.Owner().ID != "topic" {
					t.Errorf("left is not topic's total")
				}
			},
		},
		{
			name: "category at_most a total question, warning",
			rule: "  - figure: client.other\n    at_most: mtg\n    level: warning",
			check: func(t *testing.T, r *schema.Rule) {
				if r.Op != "<=" || r.Level != schema.LevelWarning || r.Left.Category == nil || r.Right.Question.ID != "mtg" {
					t.Errorf("op %q level %q left %+v right %+v", r.Op, r.Level, r.Left, r.Right)
				}
				if r.Left.IsQuestionTotal() || r.Right.IsQuestionTotal() || !slices.Equal(r.Right.Keys(), []string{"mtg"}) {
					t.Errorf("a category or a total question is not a question total")
				}
			},
		},
		{
			name: "equal_to",
			rule: "  - {figure: topic.care, equal_to: client.other}",
			check: func(t *testing.T, r *schema.Rule) {
				if r.Op != "=" {
					t.Errorf("op %q", r.Op)
				}
			},
		},
		{
			name: "require when an option, written as one word and by alias",
			rule: "  - {require: themes, when: held1, is: 開催}",
			check: func(t *testing.T, r *schema.Rule) {
				if r.IsCompare() || r.Target.Key != "themes" || r.Condition.Key != "held1" || len(r.Options) != 1 || r.Options[0].Label != "開催している" {
					t.Errorf("target %+v condition %+v options %v", r.Target, r.Condition, r.Options)
				}
				if !r.Condition.IsChoice() || r.Condition.IsCount() {
					t.Errorf("held1 is a choice")
				}
			},
		},
		{
			name: "require when a choice-group row is one of a list, otherwise empty",
			rule: "  - require: memo\n    when: grp.two\n    is: [はい, いいえ, 1]\n    otherwise: empty",
			check: func(t *testing.T, r *schema.Rule) {
				if r.Condition.Row == nil || r.Condition.Row.ID != "two" || len(r.Options) != 2 || r.Otherwise != "empty" {
					t.Errorf("condition %+v options %v otherwise %q", r.Condition, r.Options, r.Otherwise)
				}
			},
		},
		{
			name: "require when a count, an optional choice required",
			rule: "  - {require: optchoice, when: client.other}",
			check: func(t *testing.T, r *schema.Rule) {
				if r.Condition.Category == nil || !r.Condition.IsCount() || r.Target.Question.ID != "optchoice" || len(r.Options) != 0 {
					t.Errorf("condition %+v target %+v", r.Condition, r.Target)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParse(t, ruleSchema+tt.rule+"\n")
			if len(s.Rules) != 1 {
				t.Fatalf("%d rules", len(s.Rules))
			}
			if r := s.Rules[0]; r.Line != lineOf(t, ruleSchema+tt.rule, strings.TrimSpace(strings.Split(tt.rule, "\n")[0])) {
				t.Errorf("rule line %d", r.Line)
			}
			tt.check(t, s.Rules[0])
		})
	}
}

func TestRuleMistakes(t *testing.T) {
	tests := []struct {
		name, rule, msg string
	}{
		{"neither kind", "  - {reason: なし}", "figure（件数を比べる）か require"},
		{"both kinds", "  - {figure: topic, at_least: client, require: themes, when: held1}", "figure と require の両方"},
		{"no comparison", "  - {figure: topic}", "どれか１つが必要です"},
		{"two comparisons", "  - {figure: topic, at_least: client, at_most: mtg}", "どれか１つが必要です"},
		{"unknown figure", "  - {figure: topics, at_least: client}", "「topics」に当たる件数がありません"},
		{"unknown category", "  - {figure: topic.dental, at_least: client}", "「topic.dental」に当たる件数がありません"},
		{"a choice compared", "  - {figure: topic, at_least: held1}", "「held1」は選択式の設問なので件数と比べられません"},
		{"a text compared", "  - {figure: memo, at_most: client}", "「memo」は記述式の設問なので"},
		{"itself", "  - {figure: topic, equal_to: topic}", "それ自身と比べています"},
		{"a 再掲 at most its parent", "  - {figure: client.med_r, at_most: client.med}", "再掲の点検でもともと確かめています"},
		{"a parent at least its 再掲", "  - {figure: client.med, at_least: client.med_r}", "再掲の点検でもともと確かめています"},
		{"a 内訳 equal to its parent", "  - {figure: topic_med, equal_to: topic.med}", "内訳の点検でもともと確かめています"},
		{"when on a compare", "  - {figure: topic, at_least: client, when: held1}", "when・is・otherwise は使えません"},
		{"comparison on a require", "  - {require: themes, when: held1, at_least: client}", "at_least・at_most・equal_to は使えません"},
		{"require without when", "  - {require: themes}", "when（どの回答のときに記入が必要か）がありません"},
		{"unknown require", "  - {require: theme, when: held1}", "require「theme」に当たる回答がありません"},
		{"unknown when", "  - {require: themes, when: held2}", "when「held2」に当たる回答がありません"},
		{"unknown row", "  - {require: themes, when: grp.3}", "行・区分が設問「grp」にありません"},
		{"a whole choice group", "  - {require: themes, when: grp}", "回答欄が複数ある設問です"},
		{"a whole counts question", "  - {require: themes, when: client}", "回答欄が複数ある設問です"},
		{"a case record", "  - {require: cases1, when: held1}", "事例の設問なので指定できません"},
		{"already required", "  - {require: held1, when: themes}", "もともと必須の回答です"},
		{"same answer", "  - {require: memo, when: memo}", "同じ回答「memo」"},
		{"is on a count", "  - {require: themes, when: client.other, is: 3}", "is は選択式の回答にだけ書けます"},
		{"is not an option", "  - {require: themes, when: held1, is: 実施している}", "is の「実施している」は when「held1」の選択肢にありません（開催している／未開催）"},
		{"otherwise other than empty", "  - {require: themes, when: held1, otherwise: blank}", "otherwise「blank」は使えません"},
		{"unknown level", "  - {require: themes, when: held1, level: info}", "level「info」は使えません"},
		{"unknown key", "  - {require: themes, whem: held1}", "不明な項目「whem」"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := ruleSchema + tt.rule + "\n"
			_, err := schema.Parse([]byte(src), "test.yaml")
			list := errorsOf(t, err)
			if e := find(list, lineOf(t, src, strings.TrimSpace(tt.rule)), tt.msg); e == nil {
				t.Errorf("no error on line %d containing %q; got:\n%v", lineOf(t, src, strings.TrimSpace(tt.rule)), tt.msg, list)
			}
			for _, e := range list {
				if !hasJapanese.MatchString(e.Msg) {
					t.Errorf("message not in Japanese: %q", e.Msg)
				}
			}
		})
	}
}

// TestRulesReportedWithOtherMistakes: a rule's mistake is listed with the schema's other
// mistakes, not held back until they are fixed.
func TestRulesReportedWithOtherMistakes(t *testing.T) {
	src := edit(t, ruleSchema, "choices: held\n", "choices: hold\n") + "  - {require: themes, when: nothing}\n"
	list := errorsOf(t, mustNotParse(src))
	if find(list, lineOf(t, src, "- id: held1"), "hold") == nil || find(list, lineOf(t, src, "when: nothing"), "nothing") == nil {
		t.Errorf("want both mistakes, got:\n%v", list)
	}
	// A rule on a question whose list did not resolve is reported without a crash.
	src = edit(t, ruleSchema, "choices: held\n", "choices: hold\n") + "  - {require: themes, when: held1, is: 開催}\n"
	list = errorsOf(t, mustNotParse(src))
	if len(list) != 1 || find(list, lineOf(t, src, "- id: held1"), "hold") == nil {
		t.Errorf("want only the unknown list, got:\n%v", list)
	}
}

func mustNotParse(src string) error {
	_, err := schema.Parse([]byte(src), "test.yaml")
	return err
}

// TestDefaultRules: the default survey's rules load, and each names what it is about.
func TestDefaultRules(t *testing.T) {
	s := schema.Default()
	if len(s.Rules) == 0 {
		t.Fatal("the default survey has no rules")
	}
	for _, r := range s.Rules {
		if r.Reason == "" {
			t.Errorf("default.yaml:%d: a rule without a reason", r.Line)
		}
	}
}

// TestDocRules: the rules docs/schema.md shows in "Rules across questions" load with the
// page's minimal example schema, and the example's own rules are the first of them.
func TestDocRules(t *testing.T) {
	doc := string(readFile(t, filepath.Join("..", "docs", "schema.md")))
	block := func(from string) string {
		t.Helper()
		_, rest, ok := strings.Cut(from, "```yaml\n")
		if !ok {
			t.Fatal("no ```yaml block")
		}
		src, _, ok := strings.Cut(rest, "\n```")
		if !ok {
			t.Fatal("a ```yaml block is not closed")
		}
		return src + "\n"
	}
	example := docMinimalExample(t)
	_, section, ok := strings.Cut(doc, "\n## Rules across questions\n")
	if !ok {
		t.Fatal("docs/schema.md has no ## Rules across questions section")
	}
	head, _, ok := strings.Cut(example, "\nrules:")
	if !ok {
		t.Fatal("the example schema has no rules:")
	}
	s, err := schema.Parse([]byte(head+"\n"+block(section)), "docs/schema.md")
	if err != nil {
		t.Fatalf("the rules of docs/schema.md do not load:\n%v", err)
	}
	kinds := map[bool]int{}
	for _, r := range s.Rules {
		kinds[r.IsCompare()]++
	}
	if kinds[true] < 2 || kinds[false] < 2 {
		t.Errorf("the section shows %d compare and %d require rules, want at least 2 of each", kinds[true], kinds[false])
	}
	ex := mustParse(t, example)
	if len(ex.Rules) == 0 || len(ex.Rules) > len(s.Rules) || ex.Rules[0].Figure != s.Rules[0].Figure {
		t.Errorf("the example's rules are not the section's first")
	}
}
