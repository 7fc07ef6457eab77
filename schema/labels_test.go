package schema_test

import (
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

func TestNumberingFormat(t *testing.T) {
	for _, tc := range []struct {
		style schema.Numbering
		n     int
		want  string
		col   string
	}{
		{schema.NumberingDot, 1, "１．", "１"},
		{schema.NumberingDot, 9, "９．", "９"},
		{schema.NumberingDot, 10, "10．", "10"},
		{schema.NumberingParen, 3, "（３）", "（３）"},
		{schema.NumberingParen, 12, "（12）", "（12）"},
		{schema.NumberingCircled, 1, "①", "①"},
		{schema.NumberingCircled, 20, "⑳", "⑳"},
		{schema.NumberingCircled, 21, "（21）", "（21）"},
		{schema.NumberingPlain, 7, "7", "7"},
		{schema.NumberingPlain, 11, "11", "11"},
	} {
		if got := tc.style.Format(tc.n); got != tc.want {
			t.Errorf("%q.Format(%d) = %q, want %q", tc.style, tc.n, got, tc.want)
		}
		if got := tc.style.Column(tc.n); got != tc.col {
			t.Errorf("%q.Column(%d) = %q, want %q", tc.style, tc.n, got, tc.col)
		}
	}
	// Every style names itself: its first number is how a schema writes it.
	for _, s := range schema.NumberingStyles {
		if s.Format(1) != string(s) {
			t.Errorf("style %q writes its first number as %q", s, s.Format(1))
		}
	}
}

// The default survey states the labels that keep its outputs as they were, and a schema
// without the keys gets the default numbering and no document label.
func TestLabelDefaults(t *testing.T) {
	d := schema.Default()
	if d.DocLabel != "資料１" || d.Numbering != schema.NumberingDot || d.ReportTitle != "区役所・相談支援室の取組について" {
		t.Errorf("default: doc_label %q numbering %q report_title %q", d.DocLabel, d.Numbering, d.ReportTitle)
	}
	s := mustParse(t, minimal)
	if s.DocLabel != "" || s.Numbering != schema.DefaultNumbering || s.ReportTitle != "テスト調査" {
		t.Errorf("without the keys: doc_label %q numbering %q report_title %q", s.DocLabel, s.Numbering, s.ReportTitle)
	}
}

// doc_label and numbering load as written.
func TestLabelKeys(t *testing.T) {
	s := mustParse(t, edit(t, minimal, "title: テスト調査\n", "title: テスト調査\ndoc_label: 資料３\nnumbering: ①\n"))
	if s.DocLabel != "資料３" || s.Numbering != schema.NumberingCircled || s.Question("c1").Numbering != schema.NumberingCircled {
		t.Errorf("doc_label %q numbering %q (question %q)", s.DocLabel, s.Numbering, s.Question("c1").Numbering)
	}
	for _, style := range schema.NumberingStyles {
		s := mustParse(t, edit(t, minimal, "title: テスト調査\n", "title: テスト調査\nnumbering: \""+string(style)+"\"\n"))
		if s.Numbering != style {
			t.Errorf("numbering %q loaded as %q", style, s.Numbering)
		}
	}
}

func TestLabelMistakes(t *testing.T) {
	for _, tc := range []struct {
		name, add, at, msg string
	}{
		{"unknown numbering", "numbering: 1.\n", "numbering: 1.", "numbering「1.」は使えません。「１．」・「（１）」・「①」・「1」 のどれか"},
		{"numbering as a list", "numbering: [①]\n", "numbering: [①]", "ここには値が１つ必要です"},
		{"doc label of spaces", "doc_label: \"　\"\n", "doc_label:", "doc_label が空白だけです（資料番号を出さないときは doc_label: \"\" と書きます）"},
		{"doc label over two lines", "doc_label: \"資料\\n１\"\n", "doc_label:", "doc_label に改行やタブは書けません"},
		{"report title of spaces", "report_title: \" \"\n", "report_title:", "report_title が空白だけです（省略すると title を使います）"},
		{"doc label misspelt", "doc_lable: 資料１\n", "doc_lable:", "不明な項目「doc_lable」"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := edit(t, minimal, "title: テスト調査\n", "title: テスト調査\n"+tc.add)
			_, err := schema.Parse([]byte(src), "test.yaml")
			list := errorsOf(t, err)
			if line := lineOf(t, src, tc.at); find(list, line, tc.msg) == nil {
				t.Errorf("want an error on line %d containing %q; got:\n%v", line, tc.msg, list)
			}
		})
	}
	// 「""」 is no label at all: a survey without 資料番号.
	if s := mustParse(t, edit(t, minimal, "title: テスト調査\n", "title: テスト調査\ndoc_label: \"\"\n")); s.DocLabel != "" {
		t.Errorf("doc_label \"\" loaded as %q", s.DocLabel)
	}
}
