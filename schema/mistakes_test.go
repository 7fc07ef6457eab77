package schema_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// ---------------------------------------------------------------- mistakes in a schema

// minimal is the smallest valid schema the mistake tests edit. Keep each line unique: the
// tests find expected line numbers by searching for text.
const minimal = `id: test
version: 1
title: テスト調査
units:
  blocks: [北部, 南部]
  list:
    - {name: 北区, block: 北部}
    - {name: 住吉区, block: 南部}
choice_lists:
  - id: yn
    options:
      - label: はい
        aliases: [○]
      - label: いいえ
        aliases: [×]
sheets:
  - id: s1
    name: 区役所
    items:
      - id: a
        mark: ア
        label: 項目ア
        questions:
          - id: q1
            type: choice
            label: 質問1
            choices: yn
          - id: c1
            type: counts
            label: 件数
            categories:
              - {id: x, label: エックス}
              - {id: y, label: ワイ}
          - id: memo
            type: text
            label: 自由記述
`

func mustParse(t *testing.T, src string) *schema.Schema {
	t.Helper()
	s, err := schema.Parse([]byte(src), "test.yaml")
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return s
}

// edit returns minimal with old replaced by new; old must occur exactly once.
func edit(t *testing.T, src, old, new string) string {
	t.Helper()
	if strings.Count(src, old) != 1 {
		t.Fatalf("edit: %q occurs %d times", old, strings.Count(src, old))
	}
	return strings.Replace(src, old, new, 1)
}

// lineOf is the 1-based number of the only line that contains sub.
func lineOf(t *testing.T, src, sub string) int {
	t.Helper()
	n := 0
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, sub) {
			if n != 0 {
				t.Fatalf("lineOf: %q is on lines %d and %d", sub, n, i+1)
			}
			n = i + 1
		}
	}
	if n == 0 {
		t.Fatalf("lineOf: %q is on no line", sub)
	}
	return n
}

// errorsOf asserts that err is an ErrorList naming test.yaml and returns it.
func errorsOf(t *testing.T, err error) schema.ErrorList {
	t.Helper()
	if err == nil {
		t.Fatal("Parse accepted the schema, want an error")
	}
	var list schema.ErrorList
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("error %T %v is not a non-empty schema.ErrorList", err, err)
	}
	for _, e := range list {
		if e.Source != "test.yaml" {
			t.Errorf("error source = %q, want test.yaml", e.Source)
		}
	}
	return list
}

// find returns the error on line whose message contains msg, or nil.
func find(list schema.ErrorList, line int, msg string) *schema.Error {
	for _, e := range list {
		if e.Line == line && strings.Contains(e.Msg, msg) {
			return e
		}
	}
	return nil
}

var hasJapanese = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}\p{Han}]`)

func TestMinimalIsValid(t *testing.T) {
	s := mustParse(t, minimal)
	// Defaults filled in by Parse.
	if s.ReportTitle != "テスト調査" || s.Units.Label != "区" || s.Sheets[0].Title != "区役所" || s.Source != "test.yaml" {
		t.Errorf("defaults: report_title %q, units.label %q, sheet title %q, source %q",
			s.ReportTitle, s.Units.Label, s.Sheets[0].Title, s.Source)
	}
	if s.Period != "half" {
		t.Errorf("period kind = %q, want the default half", s.Period)
	}
	if q := s.Question("q1"); q.Line != lineOf(t, minimal, "- id: q1") || q.List != s.List("yn") {
		t.Errorf("q1 line %d, list %v", q.Line, q.List)
	}
	if c := s.Category("c1.y"); c == nil || c.Line != lineOf(t, minimal, "label: ワイ") {
		t.Errorf("c1.y = %+v", c)
	}
	for _, key := range []string{"c1", "c1.", ".x", "c1.z", "q1.x", "nope.x"} {
		if s.Category(key) != nil {
			t.Errorf("Category(%q) found something", key)
		}
	}
}

func TestSchemaMistakes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		at   string // text on the line the error must name; "" = no line
		msg  string // part of the message
	}{
		{
			name: "tab indentation of a key",
			src:  edit(t, minimal, "  list:\n", "\tlist:\n"),
			at:   "\tlist:", msg: "タブ",
		},
		{
			name: "tab indentation after a value",
			src:  edit(t, minimal, "title: テスト調査\n", "title: テスト調査\n\treport_title: 報告\n"),
			at:   "report_title", msg: "タブ",
		},
		{
			name: "unclosed bracket",
			src:  edit(t, minimal, "blocks: [北部, 南部]", "blocks: [北部, 南部"),
			at:   "blocks:", msg: "] で閉じられていません",
		},
		{
			name: "unclosed brace",
			src:  edit(t, minimal, "{name: 北区, block: 北部}", "{name: 北区, block: 北部"),
			at:   "name: 北区", msg: "} で閉じられていません",
		},
		{
			name: "unclosed bracket on line 1",
			src:  "[id, version\n",
			at:   "[id", msg: "] で閉じられていません",
		},
		{
			name: "key indented too far",
			src:  edit(t, minimal, "title: テスト調査", " title: テスト調査"),
			at:   "title: テスト調査", msg: "字下げ",
		},
		{
			name: "missing space after colon",
			src:  edit(t, minimal, "title: テスト調査", "title:テスト調査"),
			at:   "title:テスト調査", msg: "「:」",
		},
		{
			name: "unclosed quote",
			src:  edit(t, minimal, "label: 自由記述", `label: "自由記述`),
			at:   `"自由記述`, msg: "引用符",
		},
		{
			name: "unknown key (typo)",
			src:  edit(t, minimal, "label: 質問1", "lable: 質問1"),
			at:   "lable:", msg: "不明な項目「lable」",
		},
		{
			name: "key written twice",
			src:  edit(t, minimal, "label: 質問1\n", "label: 質問1\n            label: 質問2\n"),
			at:   "label: 質問2", msg: "「label」が２回",
		},
		{
			name: "version not a number",
			src:  edit(t, minimal, "version: 1", "version: abc"),
			at:   "version: abc", msg: "「abc」は整数として読めません",
		},
		{
			name: "unknown period kind",
			src:  edit(t, minimal, "title: テスト調査\n", "title: テスト調査\nperiod: monthly\n"),
			at:   "period: monthly", msg: "period「monthly」は使えません。month・quarter・half・year・range のどれかを書いてください（月・四半期・半期・年度・月から月までの範囲）",
		},
		{
			name: "period kind not a single value",
			src:  edit(t, minimal, "title: テスト調査\n", "title: テスト調査\nperiod: [month, year]\n"),
			at:   "period: [month", msg: "ここには値が１つ必要です（リストが書かれています）",
		},
		{
			name: "bool not true/false",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            multiple: たぶん\n"),
			at:   "multiple:", msg: "true または false",
		},
		{
			name: "list where a value belongs",
			src:  edit(t, minimal, "choices: yn", "choices: [yn]"),
			at:   "choices: [yn]", msg: "ここには値が１つ必要です（リストが書かれています）",
		},
		{
			name: "value where a list belongs",
			src:  edit(t, minimal, "blocks: [北部, 南部]", "blocks: 北部"),
			at:   "blocks: 北部", msg: "ここにはリスト（- で始まる行、または [ ] ）が必要です（「北部」が書かれています）",
		},
		{
			name: "value where key: value pairs belong",
			src:  edit(t, minimal, "- id: q1\n            type: choice\n            label: 質問1\n            choices: yn\n", "- 質問1\n"),
			at:   "- 質問1", msg: "ここには「キー: 値」の組が必要です（「質問1」が書かれています）",
		},
		{
			name: "key: value pairs where a single value belongs",
			src:  edit(t, minimal, "title: テスト調査", "title: {ja: テスト調査}"),
			at:   "title: {ja:", msg: "ここには値が１つ必要です（「キー: 値」の組が書かれています）",
		},
		{
			name: "bare dash",
			src:  edit(t, minimal, "          - id: memo\n", "          - # 空\n          - id: memo\n"),
			at:   "- # 空", msg: "中身のない要素",
		},
		{
			name: "unknown choice list",
			src:  edit(t, minimal, "choices: yn", "choices: yesno"),
			at:   "- id: q1", msg: "選択肢リスト「yesno」は choice_lists にありません",
		},
		{
			name: "choice without choices",
			src:  edit(t, minimal, "            choices: yn\n", ""),
			at:   "- id: q1", msg: "choices（選択肢リストの id）がありません",
		},
		{
			name: "duplicate question id",
			src:  edit(t, minimal, "          - id: memo\n", "          - {id: q1, type: text, label: 二つ目}\n          - id: memo\n"),
			at:   "二つ目", msg: "id「q1」が重複しています",
		},
		{
			name: "duplicate question id differing in case",
			src:  edit(t, minimal, "          - id: memo\n", "          - {id: Q1, type: text, label: 大文字}\n          - id: memo\n"),
			at:   "大文字", msg: "id「Q1」が重複しています",
		},
		{
			name: "question id that is not ASCII",
			src:  edit(t, minimal, "- id: memo", "- id: メモ"),
			at:   "- id: メモ", msg: "英字で始まる英数字と _",
		},
		{
			name: "duplicate unit",
			src:  edit(t, minimal, "    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 北区, block: 南部}\n"),
			at:   "{name: 北区, block: 南部}", msg: "単位「北区」が重複しています（7行目にもあります）",
		},
		{
			name: "duplicate unit after folding spaces",
			src:  edit(t, minimal, "    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 北　区, block: 北部}\n"),
			at:   "北　区", msg: "重複",
		},
		{
			name: "unit in unknown block",
			src:  edit(t, minimal, "{name: 住吉区, block: 南部}", "{name: 住吉区, block: 東部}"),
			at:   "住吉区", msg: "ブロック「東部」は units.blocks にありません",
		},
		{
			name: "unit without block",
			src:  edit(t, minimal, "{name: 住吉区, block: 南部}", "{name: 住吉区}"),
			at:   "住吉区", msg: "block がありません",
		},
		{
			name: "breakdown_of pointing nowhere",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: c1.z\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at:   "- id: c2", msg: "breakdown_of「c1.z」に当たる区分がありません",
		},
		{
			name: "breakdown_of without the question id",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: x\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at:   "- id: c2", msg: "「設問id.区分id」",
		},
		{
			name: "breakdown_of a 再掲",
			src: edit(t, edit(t, minimal, "              - {id: y, label: ワイ}\n", "              - {id: y, label: ワイ}\n              - {id: xr, label: 再掲, repeat_of: x}\n"),
				"          - id: memo\n", "          - id: c2\n            type: counts\n            label: 内訳\n            breakdown_of: c1.xr\n            categories: [{id: a, label: えー}]\n          - id: memo\n"),
			at: "- id: c2", msg: "再掲の区分です",
		},
		{
			name: "repeat_of pointing nowhere",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: zz}"),
			at:   "label: ワイ", msg: "repeat_of「zz」に当たる区分・合計がありません",
		},
		{
			name: "repeat_of itself",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: y}"),
			at:   "label: ワイ", msg: "自分自身",
		},
		{
			name: "repeat_of a 再掲",
			src:  edit(t, edit(t, minimal, "{id: x, label: エックス}", "{id: x, label: エックス, repeat_of: y}"), "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: x}"),
			at:   "label: エックス", msg: "再掲の再掲",
		},
		{
			name: "every category a 再掲",
			src:  edit(t, edit(t, minimal, "{id: x, label: エックス}", "{id: x, label: エックス, repeat_of: y}"), "{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: x}"),
			at:   "- id: c1", msg: "すべて再掲",
		},
		{
			name: "sum_of pointing nowhere",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n            sum_of: [c1.x, c1.w]\n          - id: memo\n"),
			at:   "- id: t1", msg: "sum_of「c1.w」に当たる区分がありません",
		},
		{
			name: "sum_of a 再掲",
			src: edit(t, edit(t, minimal, "              - {id: y, label: ワイ}\n", "              - {id: y, label: ワイ}\n              - {id: xr, label: 再掲, repeat_of: x}\n"),
				"          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n            sum_of: [c1.x, c1.xr]\n          - id: memo\n"),
			at: "- id: t1", msg: "sum_of「c1.xr」は再掲の区分です",
		},
		{
			name: "total without sum_of",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n          - id: memo\n"),
			at:   "- id: t1", msg: "sum_of（合計する区分）がありません",
		},
		{
			name: "unknown question type",
			src:  edit(t, minimal, "type: text", "type: numeric"),
			at:   "- id: memo", msg: "type「numeric」は使えません",
		},
		{
			name: "rows on a counts question",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            rows: [{label: 行}]\n"),
			at:   "- id: c1", msg: "設問「c1」（counts）には rows は使えません",
		},
		{
			name: "lines on a choice question",
			src:  edit(t, minimal, "choices: yn\n", "choices: yn\n            lines: 3\n"),
			at:   "- id: q1", msg: "lines は使えません",
		},
		{
			name: "sum_of on a counts question",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            sum_of: [c1.x]\n"),
			at:   "- id: c1", msg: "sum_of は使えません",
		},
		{
			name: "show_range on a text question",
			src:  edit(t, minimal, "type: text\n", "type: text\n            show_range: true\n"),
			at:   "- id: memo", msg: "設問「memo」（text）には show_range は使えません",
		},
		{
			name: "show_range not true/false",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            show_range: はい\n"),
			at:   "show_range:", msg: "true または false",
		},
		{
			name: "unit_table on a text question",
			src:  edit(t, minimal, "type: text\n", "type: text\n            unit_table: true\n"),
			at:   "- id: memo", msg: "設問「memo」（text）には unit_table は使えません",
		},
		{
			name: "unit_table not true/false",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            unit_table: 表\n"),
			at:   "unit_table:", msg: "true または false",
		},
		{
			name: "show_range on counts a total sums",
			src: edit(t, edit(t, minimal, "type: counts\n", "type: counts\n            show_range: true\n"),
				"          - id: memo\n", "          - id: t1\n            type: total\n            label: 合計\n            sum_of: [c1.x, c1.y]\n          - id: memo\n"),
			at: "- id: c1", msg: "設問「c1」は合計「t1」とともに期間ごとの表で示すため、show_range は使えません",
		},
		{
			name: "counts without categories",
			src:  edit(t, minimal, "            categories:\n              - {id: x, label: エックス}\n              - {id: y, label: ワイ}\n", ""),
			at:   "- id: c1", msg: "categories がありません",
		},
		{
			name: "category without id",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{label: ワイ}"),
			at:   "label: ワイ", msg: "区分に id がありません",
		},
		{
			name: "duplicate category id",
			src:  edit(t, minimal, "{id: y, label: ワイ}", "{id: x, label: ワイ}"),
			at:   "label: ワイ", msg: "区分 id「x」が重複しています",
		},
		{
			name: "max below min",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            min: 5\n            max: 2\n"),
			at:   "- id: c1", msg: "設問「c1」の max（2）が min（5）より小さくなっています",
		},
		{
			name: "max below the default min",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            max: -1\n"),
			at:   "- id: c1", msg: "設問「c1」の max（-1）が min（0、書かないときの値）より小さくなっています",
		},
		{
			name: "negative min",
			src:  edit(t, minimal, "type: counts\n", "type: counts\n            min: -3\n"),
			at:   "- id: c1", msg: "設問「c1」の min（-3）は 0 以上にしてください",
		},
		{
			name: "block_label without blocks",
			src: edit(t, edit(t, edit(t, minimal, "  blocks: [北部, 南部]\n", "  block_label: 圏域\n"),
				"{name: 北区, block: 北部}", "{name: 北区}"), "{name: 住吉区, block: 南部}", "{name: 住吉区}"),
			at: "block_label: 圏域", msg: "units.block_label（「圏域」）がありますが units.blocks がありません",
		},
		{
			name: "block listed twice",
			src:  edit(t, minimal, "  blocks: [北部, 南部]\n", "  blocks:\n    - 北部\n    - 南部\n    - 北部 # again\n"),
			at:   "北部 # again", msg: "ブロック「北部」が units.blocks に２回あります",
		},
		{
			name: "block without units",
			src:  edit(t, minimal, "  blocks: [北部, 南部]\n", "  blocks:\n    - 北部\n    - 南部\n    - 東部\n"),
			at:   "- 東部", msg: "ブロック「東部」に属する単位がありません",
		},
		{
			name: "version 0",
			src:  edit(t, minimal, "version: 1", "version: 0"),
			at:   "version: 0", msg: "version「0」は使えません。1 以上の整数にしてください",
		},
		{
			name: "version missing",
			src:  edit(t, minimal, "version: 1\n", ""),
			at:   "id: test", msg: "version（定義の版、1 以上の整数）がありません",
		},
		{
			name: "survey id with a slash",
			src:  edit(t, minimal, "id: test\nversion: 1\n", "version: 1\nid: te/st\n"),
			at:   "id: te/st", msg: "調査の id「te/st」に / や空白は使えません",
		},
		{
			name: "text_list with too many lines",
			src:  edit(t, minimal, "type: text\n", "type: text_list\n            lines: 300\n"),
			at:   "- id: memo", msg: "設問「memo」の lines（300）は 1〜200 にしてください",
		},
		{
			name: "cases with too many records",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: cs\n            type: cases\n            label: 事例\n            records: 99\n            fields: [{id: f1, label: 内容}]\n          - id: memo\n"),
			at:   "- id: cs", msg: "設問「cs」の records（99）は 1〜50 にしてください",
		},
		{
			name: "cases field without id",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: cs\n            type: cases\n            label: 事例\n            fields: [{label: 内容}]\n          - id: memo\n"),
			at:   "{label: 内容}", msg: "設問「cs」の事例の項目に id がありません",
		},
		{
			name: "sheet name too long",
			src:  edit(t, minimal, "name: 区役所", "name: "+strings.Repeat("長", 32)),
			at:   "- id: s1", msg: "は 32 文字で、Excel の上限 31 文字を超えています",
		},
		{
			name: "sheet name with a forbidden character",
			src:  edit(t, minimal, "name: 区役所", "name: 区役所/相談"),
			at:   "- id: s1", msg: "Excel で使えない文字",
		},
		{
			name: "alias claimed by two options",
			src:  edit(t, minimal, "aliases: [×]", "aliases: [×, ○]"),
			at:   "label: いいえ", msg: "「○」が「はい」と「いいえ」の両方を指しています",
		},
		{
			name: "alias that is another option's code after folding",
			src:  edit(t, minimal, "aliases: [×]", "aliases: [×, １]"),
			at:   "label: いいえ", msg: "「１」が「はい」と「いいえ」の両方",
		},
		{
			name: "explicit code clashing with a positional one",
			src:  edit(t, minimal, "      - label: いいえ\n", "      - label: いいえ\n        code: 1\n"),
			at:   "label: いいえ", msg: "両方を指しています",
		},
		{
			name: "choice list with one option",
			src:  edit(t, minimal, "      - label: いいえ\n        aliases: [×]\n", ""),
			at:   "- id: yn", msg: "選択肢リスト「yn」には選択肢が２つ以上必要です（1 つしかありません）",
		},
		{
			name: "cases field of an unknown type",
			src:  edit(t, minimal, "          - id: memo\n", "          - id: cs\n            type: cases\n            label: 事例\n            fields:\n              - {id: f1, label: 内容, type: number}\n          - id: memo\n"),
			at:   "{id: f1", msg: "事例の項目「f1」の type「number」は使えません（text か choice）",
		},
		{
			name: "missing id",
			src:  edit(t, minimal, "id: test\n", ""),
			at:   "version: 1", msg: "調査の id がありません",
		},
		{
			name: "no units",
			src:  edit(t, minimal, "  list:\n    - {name: 北区, block: 北部}\n    - {name: 住吉区, block: 南部}\n", ""),
			at:   "units:", msg: "units.list（回答する単位の一覧）がありません",
		},
		{
			name: "empty file",
			src:  "",
			at:   "", msg: "スキーマが空です",
		},
		{
			name: "file of comments only",
			src:  "# まだ何も書いていません\n\n",
			at:   "", msg: "スキーマが空です",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schema.Parse([]byte(tc.src), "test.yaml")
			list := errorsOf(t, err)
			line := 0
			if tc.at != "" {
				line = lineOf(t, tc.src, tc.at)
			}
			if find(list, line, tc.msg) == nil {
				t.Errorf("want an error on line %d containing %q; got:\n%v", line, tc.msg, list)
			}
			for _, e := range list {
				if !hasJapanese.MatchString(e.Msg) {
					t.Errorf("message is not Japanese: %q", e.Msg)
				}
				if strings.Contains(e.Msg, "yaml:") || strings.Contains(e.Msg, "line ") {
					t.Errorf("message leaks parser wording: %q", e.Msg)
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	_, err := schema.Parse([]byte(edit(t, minimal, "version: 1", "version: abc")), "my.yaml")
	if got, want := err.Error(), "my.yaml:2行目: 「abc」は整数として読めません"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	_, err = schema.Parse(nil, "my.yaml")
	if got, want := err.Error(), "my.yaml: スキーマが空です"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

// TestAllMistakesAtOnce: a person fixing a schema sees every mistake in one run, in line
// order. Decoding mistakes (syntax of values, unknown keys) are reported together; the
// checks of meaning follow once those are fixed.
func TestAllMistakesAtOnce(t *testing.T) {
	type want struct{ at, msg string }
	tests := []struct {
		name  string
		src   string
		wants []want
	}{
		{
			name: "decoding",
			src: edit(t, edit(t, edit(t, minimal,
				"version: 1", "version: abc"),
				"label: 質問1", "lable: 質問1"),
				"type: counts\n", "type: counts\n            multiple: たぶん\n"),
			wants: []want{
				{"version: abc", "整数"},
				{"lable:", "不明な項目「lable」"},
				{"multiple:", "true または false"},
			},
		},
		{
			name: "meaning",
			src: edit(t, edit(t, edit(t, edit(t, minimal,
				"    - {name: 住吉区, block: 南部}\n", "    - {name: 住吉区, block: 南部}\n    - {name: 東区, block: 東部}\n"),
				"choices: yn", "choices: yesno"),
				"{id: y, label: ワイ}", "{id: y, label: ワイ, repeat_of: zz}"),
				"type: text", "type: numeric"),
			wants: []want{
				{"東区", "ブロック「東部」"},
				{"- id: q1", "選択肢リスト「yesno」"},
				{"label: ワイ", "repeat_of「zz」"},
				{"- id: memo", "type「numeric」"},
			},
		},
		{
			name: "fixture file",
			src:  string(readFile(t, "testdata/mistakes.yaml")),
			wants: []want{
				{"name: 東区", "ブロック「中部」"},
				{"name: 北 区", "重複"},
				{"label: 現時点では未着手", "「実施中」が「実施している」と「現時点では未着手」"},
				{"id: a1", "選択肢リスト「status」"},
				{"id: u3", "rows は使えません"},
				{"id: o2", "breakdown_of「o1.medical」"},
				{"repeat_of: o1.02", "repeat_of「o1.02」"},
				{"{id: ka2", "id「ka2」が重複"},
				{"id: o4total", "sum_of「o4.care」"},
				{"id: o4total", "sum_of「o4.carekaigi」は再掲"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schema.Parse([]byte(tc.src), "test.yaml")
			list := errorsOf(t, err)
			if len(list) != len(tc.wants) {
				t.Errorf("%d errors, want %d:\n%v", len(list), len(tc.wants), list)
			}
			for _, w := range tc.wants {
				if line := lineOf(t, tc.src, w.at); find(list, line, w.msg) == nil {
					t.Errorf("missing error on line %d containing %q; got:\n%v", line, w.msg, list)
				}
			}
			for i := 1; i < len(list); i++ {
				if list[i].Line < list[i-1].Line {
					t.Errorf("errors out of line order: %d before %d", list[i-1].Line, list[i].Line)
				}
			}
		})
	}
}

func TestAnswerNameCollisionsRejected(t *testing.T) {
	for _, tc := range []struct{ name, questions string }{
		{"row key vs question id", `
          - id: a
            type: choice_group
            label: 行
            choices: yn
            rows: [{label: 一}]
          - id: a_1
            type: choice
            label: 設問
            choices: yn`},
		{"category ids differing in case", `
          - id: c
            type: counts
            label: 件数
            categories: [{id: x, label: 一}, {id: X, label: 二}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := `id: t
version: 1
title: T
units:
  list: [{name: A区}]
choice_lists:
  - id: yn
    options: [{label: はい}, {label: いいえ}]
sheets:
  - id: s
    name: S
    items:
      - id: i
        label: 項目
        questions:` + tc.questions + "\n"
			_, err := schema.Parse([]byte(src), "t.yaml")
			if err == nil || !(strings.Contains(err.Error(), "Excel の名前が同じ") || strings.Contains(err.Error(), "重複")) {
				t.Fatalf("collision not rejected: %v", err)
			}
		})
	}
}

// Every period kind loads, so a monthly survey needs only `period: month`.
func TestPeriodKinds(t *testing.T) {
	for _, k := range schema.PeriodKinds {
		s := mustParse(t, edit(t, minimal, "title: テスト調査\n", "title: テスト調査\nperiod: "+k+"\n"))
		if s.Period != k {
			t.Errorf("period: %s loaded as %q", k, s.Period)
		}
	}
}
