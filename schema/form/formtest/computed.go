package formtest

import (
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// ComputedYAML is a small survey with computed figures, shaped like the 月報's 相談内容:
// c1.med and c1.care are subtotals of their breakdowns (c1med with a 再掲, c1care), c1.medr
// a 再掲 of the subtotal c1.med, m1total a computed total, and a rule comparing two
// subtotals. ValidAnswers fills it consistently (c1.med 6, c1.care 4, m1total 4).
const ComputedYAML = `id: computed-test
version: 1
title: 相談支援室 月報（自動計算の試験）
units:
  label: 相談支援室
  list:
    - {name: 北区}
    - {name: 都島区}
    - {name: 福島区}
sheets:
  - id: room
    name: 相談支援室
    items:
      - id: c
        mark: ア
        label: 相談の状況
        questions:
          - id: c1
            number: （１）
            type: counts
            label: 相談内容
            unit: 件
            multiple: true
            categories:
              - {id: med, label: 医療, computed: true}
              - {id: medr, label: （再掲）医療のうち訪問診療, repeat_of: med}
              - {id: care, label: 介護, computed: true}
              - {id: other, label: その他}
          - id: c1med
            type: counts
            label: 医療（内訳）
            unit: 件
            multiple: true
            breakdown_of: c1.med
            categories:
              - {id: clinic, label: 診療所・医師}
              - {id: clinicr, label: （再掲）往診, repeat_of: clinic}
              - {id: hospital, label: 病院}
              - {id: other, label: その他}
          - id: c1care
            type: counts
            label: 介護（内訳）
            unit: 件
            multiple: true
            breakdown_of: c1.care
            categories:
              - {id: cm, label: 介護支援専門員}
              - {id: other, label: その他}
          - id: m1
            number: （２）
            type: counts
            label: 会議・研修会等への参加
            unit: 回
            categories:
              - {id: city, label: 市・区の会議}
              - {id: org, label: 関係機関との会議}
          - id: m1total
            type: total
            label: 会議出席回数
            unit: 回
            computed: true
            sum_of: [m1.city, m1.org]
rules:
  - figure: c1.care
    at_most: c1.med
    level: warning
    reason: 試験用のルールです
`

// ComputedSchema is ComputedYAML parsed (and so checked) like any schema file.
func ComputedSchema(t testing.TB) *schema.Schema {
	t.Helper()
	sc, err := schema.Parse([]byte(ComputedYAML), "computed-test.yaml")
	if err != nil {
		t.Fatalf("ComputedYAML: %v", err)
	}
	return sc
}

// ComputedReturn builds sc's template for unit (2024H1), fills it with answers and gives
// the workbook's bytes and where each answer cell is (by defined name).
func ComputedReturn(t testing.TB, sc *schema.Schema, unit string, answers map[string]any) ([]byte, map[string]form.Location) {
	t.Helper()
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: unit, Period: period.Period{Year: 2024, Half: period.FirstHalf}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a := map[string]any{}
	for k, v := range answers {
		a[k] = v
	}
	a[form.MetaWard] = unit
	if err := Fill(f, a); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), Cells(f)
}
