package schemacmd

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/cli/clitest"
	"github.com/osaka-city/zaitaku/schema"
)

func execute(t *testing.T, args ...string) (string, int) {
	t.Helper()
	return clitest.Run(NewCmdSchema, args...)
}

func TestDefaultPrintsTheEmbeddedSchema(t *testing.T) {
	out, code := execute(t, "default")
	if code != 0 || out != string(schema.DefaultYAML()) {
		t.Fatalf("exit %d, output differs from the embedded schema", code)
	}
	// What it prints is a valid starting point.
	p := filepath.Join(t.TempDir(), "my.yaml")
	os.WriteFile(p, []byte(out), 0o644)
	out, code = execute(t, "check", p)
	if code != 0 || !strings.Contains(out, "問題はありません") || !strings.Contains(out, "区 24") {
		t.Errorf("check of the default: exit %d\n%s", code, out)
	}
}

func TestCheckReportsLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.yaml")
	bad := strings.Replace(string(schema.DefaultYAML()), "choices: held2", "choices: held3", 1)
	os.WriteFile(p, []byte(bad), 0o644)
	line := 0
	for i, l := range strings.Split(bad, "\n") {
		if strings.Contains(l, "held3") {
			line = i + 1
			break
		}
	}
	out, code := execute(t, "check", p)
	if code != cli.ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	// The error is reported on the question that names the list.
	if !strings.Contains(out, "選択肢リスト「held3」は choice_lists にありません") || !strings.Contains(out, "bad.yaml:") {
		t.Errorf("output:\n%s (list named on line %d)", out, line)
	}
}

func TestShowJSON(t *testing.T) {
	out, code := execute(t, "show", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var info Info
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	if info.ID != "osaka-zaitaku-renkei" || info.Period != (PeriodInfo{"half", "半期単位", "令和６年度上半期", "2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"}) ||
		info.Units.Label != "区" || len(info.Units.List) != 24 || len(info.Units.Blocks) != 4 || len(info.Rules) != 2 {
		t.Errorf("schema: id %q, period %+v, units %+v, %d rules", info.ID, info.Period, info.Units, len(info.Rules))
	}
	byID := map[string]QuestionInfo{}
	for _, q := range info.Questions {
		byID[q.ID] = q
	}
	if len(byID["a1"].Rows) != 5 || byID["a1"].Options[1] != "実施に向けて準備・調整中" {
		t.Errorf("a1: %+v", byID["a1"])
	}
	u3 := byID["u3"]
	if len(u3.Categories) != 21 || u3.Categories[1].RepeatOf != "u3.01" || u3.Categories[0].Label != "１．医科" {
		t.Errorf("u3 categories: %+v", u3.Categories[:2])
	}
	if byID["o2med"].BreakdownOf != "o2.med" || strings.Join(byID["o4total"].SumOf, "+") != "o4.city+o4.org" {
		t.Errorf("o2med/o4total: %+v %+v", byID["o2med"], byID["o4total"])
	}
	text, _ := execute(t, "show")
	if !strings.Contains(text, "（ア）地域の医療・介護の資源の把握") || !strings.Contains(text, "u3.01r") {
		t.Errorf("text show lacks items:\n%s", text[:min(len(text), 500)])
	}
}

// TestShowListsAcceptedSpellings: the text view says, per choice list, which numbers and
// other spellings a pasted answer may use; every one it lists is one Match accepts.
func TestShowListsAcceptedSpellings(t *testing.T) {
	text, _ := execute(t, "show")
	_, section, ok := strings.Cut(text, "■ 選択肢として受け付ける書き方")
	if !ok {
		t.Fatalf("no section on accepted spellings:\n%s", text[max(0, len(text)-500):])
	}
	if !strings.Contains(section, "\nstatus3\n  1 実施している　（実施中・実施済・実施済み・実施・○・〇・◯）\n  2 実施に向けて準備・調整中　（準備・調整中・準備中・調整中・準備・△）\n") {
		t.Errorf("status3 not listed as expected:\n%s", section)
	}
	sc := schema.Default()
	for _, l := range sc.ChoiceLists {
		for _, o := range l.Options {
			for _, spelling := range append([]string{o.Label, fmt.Sprint(o.Code)}, o.Aliases...) {
				if got, ok := l.Match(spelling); !ok || got != o {
					t.Errorf("%s: %q is listed for %s but matches %v", l.ID, spelling, o.Label, got)
				}
			}
		}
	}
}

// rulesYAML is a monthly survey answered by 相談支援室 with a rule of every form.
const rulesYAML = `id: rules-test
version: 1
title: ルールの表示
period: month
units:
  label: 相談支援室
  list:
    - {name: 第一相談支援室}
    - {name: 第二相談支援室}
choice_lists:
  - id: held3
    options:
      - {label: 開催している}
      - {label: 開催予定}
      - {label: 未開催}
sheets:
  - id: s1
    name: 月報
    items:
      - id: a
        label: 相談
        questions:
          - {id: meeting, type: choice, label: 会議, choices: held3}
          - id: client
            type: counts
            label: 相談者
            categories: [{id: med, label: 医科}, {id: other, label: その他}]
          - id: topic
            type: counts
            label: 相談内容
            categories: [{id: med, label: 医療}, {id: care, label: 介護}]
          - {id: total, type: total, label: 相談件数, sum_of: [client.med, client.other]}
          - {id: memo, type: text, label: 備考, required: false}
          - {id: themes, type: text_list, label: 研修テーマ, required: false}
rules:
  - {figure: topic, at_least: client, reason: 相談内容は重複可}
  - {figure: topic.med, at_most: total, level: warning}
  - {figure: topic.care, equal_to: client.other}
  - {require: themes, when: meeting, is: [開催している, 開催予定], otherwise: empty}
  - {require: memo, when: client.other}
  - {require: themes, when: memo}
`

// schema show lists the period kind and every rule, resolved, in the text view and in
// JSON; schema check counts the rules.
func TestShowRulesAndPeriod(t *testing.T) {
	p := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(p, []byte(rulesYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, line string // the rule's Japanese and its line in the text view
		json       RuleInfo
	}{
		{
			"topic（相談内容 ― 合計）が client（相談者 ― 合計）以上であること",
			"  1. topic（相談内容 ― 合計）が client（相談者 ― 合計）以上であること\n     理由: 相談内容は重複可\n",
			RuleInfo{Kind: "compare", Level: "error", Figure: "topic", Op: ">=", Other: "client",
				FigureKeys: []string{"topic.med", "topic.care"}, OtherKeys: []string{"client.med", "client.other"}, Reason: "相談内容は重複可"},
		},
		{
			"topic.med（相談内容 ― １．医療）が total（相談件数）以下であること",
			"  2. ［警告］topic.med（相談内容 ― １．医療）が total（相談件数）以下であること\n",
			RuleInfo{Kind: "compare", Level: "warning", Figure: "topic.med", Op: "<=", Other: "total",
				FigureKeys: []string{"topic.med"}, OtherKeys: []string{"total"}},
		},
		{
			"topic.care（相談内容 ― ２．介護）が client.other（相談者 ― ２．その他）と等しいこと",
			"  3. topic.care（相談内容 ― ２．介護）が client.other（相談者 ― ２．その他）と等しいこと\n",
			RuleInfo{Kind: "compare", Level: "error", Figure: "topic.care", Op: "=", Other: "client.other",
				FigureKeys: []string{"topic.care"}, OtherKeys: []string{"client.other"}},
		},
		{
			"themes（研修テーマ）を記入すること（meeting（会議）が「開催している」か「開催予定」のとき）。そうでないときは空欄にすること",
			"  4. themes（研修テーマ）を記入すること（meeting（会議）が「開催している」か「開催予定」のとき）。そうでないときは空欄にすること\n",
			RuleInfo{Kind: "require", Level: "error", Require: "themes", When: "meeting", Is: []string{"開催している", "開催予定"}, Otherwise: "empty"},
		},
		{
			"memo（備考）を記入すること（client.other（相談者 ― ２．その他）が 1 以上のとき）",
			"  5. memo（備考）を記入すること（client.other（相談者 ― ２．その他）が 1 以上のとき）\n",
			RuleInfo{Kind: "require", Level: "error", Require: "memo", When: "client.other"},
		},
		{
			"themes（研修テーマ）を記入すること（memo（備考）に記入があるとき）",
			"  6. themes（研修テーマ）を記入すること（memo（備考）に記入があるとき）\n",
			RuleInfo{Kind: "require", Level: "error", Require: "themes", When: "memo"},
		},
	}
	out, code := execute(t, "show", "--schema", p, "--format", "json")
	if code != 0 {
		t.Fatalf("show --format json: exit %d\n%s", code, out)
	}
	var info Info
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	if info.Period != (PeriodInfo{"month", "月単位", "令和６年８月", "2024-08 または 令和６年８月 のように指定してください"}) ||
		info.Units.Label != "相談支援室" || info.Units.Blocks != nil || len(info.Units.List) != 2 {
		t.Errorf("period %+v, units %+v", info.Period, info.Units)
	}
	if len(info.Rules) != len(tests) {
		t.Fatalf("%d rules in JSON, want %d", len(info.Rules), len(tests))
	}
	text, code := execute(t, "show", "--schema", p)
	if code != 0 || !strings.Contains(text, "\n期間: 月単位（period: month）。対象期間は 2024-08 または 令和６年８月 のように指定してください\n") {
		t.Errorf("text view: exit %d, no period line:\n%s", code, text)
	}
	for i, tt := range tests {
		got := info.Rules[i]
		want := tt.json
		want.Line = strings.Count(rulesYAML[:strings.Index(rulesYAML, "rules:")], "\n") + 2 + i
		want.Text = tt.text
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("rule %d in JSON:\n got %+v\nwant %+v", i+1, got, want)
		}
		if !strings.Contains(text, tt.line) {
			t.Errorf("text view lacks rule %d:\n%q", i+1, tt.line)
		}
	}
	check, code := execute(t, "check", p)
	if code != 0 || !strings.HasSuffix(check, ": 問題はありません（rules-test 第1版、期間 月単位、シート 1・設問 6・回答欄 8・相談支援室 2・ルール 6）\n") {
		t.Errorf("check: exit %d\n%s", code, check)
	}
}

// A schema without rules says so, rather than leaving the section out.
func TestShowWithoutRules(t *testing.T) {
	p := filepath.Join(t.TempDir(), "norules.yaml")
	src, _, _ := strings.Cut(rulesYAML, "rules:\n")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	text, code := execute(t, "show", "--schema", p)
	if code != 0 || !strings.Contains(text, "\n■ ルール（設問をまたぐ確認）: なし\n") {
		t.Errorf("exit %d, text view:\n%s", code, text)
	}
	out, _ := execute(t, "show", "--schema", p, "--format", "json")
	if !strings.Contains(out, `"rules": []`) {
		t.Errorf("JSON without rules should say \"rules\": []:\n%s", out[max(0, len(out)-200):])
	}
}

// TestShowChangeCheck: show lists each question's 前回比 check, in words and in JSON.
func TestShowChangeCheck(t *testing.T) {
	text, _ := execute(t, "show")
	for _, want := range []string{
		"  u3         （３）活動状況 ①連絡調整機関（counts・必須）",
		"      前回比: 前回の 2 倍以上か 1/2 以下で、差が 20 件 以上なら警告\n",
		"      前回比: 前回より後の選択肢になったら警告\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("show lacks %q", want)
		}
	}
	out, _ := execute(t, "show", "--format", "json")
	var info Info
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	for _, q := range info.Questions {
		c := q.ChangeCheck
		switch q.ID {
		case "u3":
			if c == nil || c.Ratio != 2 || c.MinDifference == nil || *c.MinDifference != 20 || c.ChoiceDown {
				t.Errorf("u3 change_check %+v", c)
			}
		case "i1":
			if c == nil || !c.ChoiceDown {
				t.Errorf("i1 change_check %+v", c)
			}
		case "ka2", "o3":
			if c != nil {
				t.Errorf("%s has a change_check %+v", q.ID, c)
			}
		}
	}
}
