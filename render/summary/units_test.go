package summary_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// roomsYAML is a survey answered by 相談支援室, without blocks and without a choice
// question: a counts question with a 再掲 row, and free text.
const roomsYAML = `
id: rooms
version: 1
title: 相談支援室の活動調査
report_title: 相談支援室の活動について
units:
  label: 相談支援室
  list:
    - {name: 北部室}
    - {name: 南部室}
sheets:
  - id: room
    name: 相談支援室
    title: Ⅰ．相談支援室の活動
    items:
      - id: a
        mark: ア
        label: 相談の状況
        questions:
          - id: a1
            number: （１）
            type: counts
            label: 相談件数
            unit: 件
            categories:
              - {id: "01", label: 医科}
              - {id: 01r, label: （再掲：病院）, repeat_of: "01"}
              - {id: "02", label: 歯科}
          - id: a2
            number: （２）
            type: text
            label: 取組事例
`

// roomsResult aggregates one valid return per unit of the rooms survey, written through
// the real template.
func roomsResult(t *testing.T) *aggregate.Result {
	t.Helper()
	sc, err := schema.Parse([]byte(roomsYAML), "rooms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, u := range sc.Units.List {
		f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: u.Name, Period: period.Period{Year: 2024, Half: period.FirstHalf}})
		if err != nil {
			t.Fatal(err)
		}
		answers := formtest.ValidAnswers(sc)
		answers[form.MetaWard] = u.Name
		if err := formtest.Fill(f, answers); err != nil {
			t.Fatal(err)
		}
		if err := f.SaveAs(filepath.Join(dir, u.Name+".xlsx")); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	files, err := returns.ListReturns(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := aggregate.Collect(files, sc, aggregate.CollectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res := c.Result()
	if res.Submission.Counted != len(sc.Units.List) {
		t.Fatalf("%d of %d returns counted: %+v", res.Submission.Counted, len(sc.Units.List), res.Submission.Wards)
	}
	return res
}

// A survey whose units are 相談支援室, without blocks and choice questions: no sheet name
// or header says 区, no block column, and no sheet that would only be empty.
func TestUnitWordsFromSchema(t *testing.T) {
	res := roomsResult(t)
	// Flagged as incomplete, so the notice of missing units is printed too.
	res.Submission.Complete = false
	var buf bytes.Buffer
	if err := summary.Write(&buf, res, "abc"); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	want := []string{summary.SheetSummary, summary.SheetCounts, summary.SheetTexts, summary.SheetStatus}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q (no units' answers or charts without choice questions)", got, want)
	}
	headers := 0
	for _, name := range f.GetSheetList() {
		if strings.Contains(name, "区") {
			t.Errorf("sheet name %q says 区", name)
		}
		for i, r := range rows(t, f, name) {
			for j, v := range r {
				if strings.Contains(v, "区") && !strings.Contains(v, "区分") {
					t.Errorf("%s row %d column %d: %q says 区", name, i+1, j+1, v)
				}
				if strings.Contains(v, "ブロック") || strings.Contains(v, "基本保健医療圏") {
					t.Errorf("%s row %d column %d: %q, a block column without blocks", name, i+1, j+1, v)
				}
				if strings.Contains(v, "相談支援室") {
					headers++
				}
			}
		}
	}
	if headers < 5 {
		t.Errorf("%d cells name the units 相談支援室, want the headers and the notice", headers)
	}
	// The units' counts start right after the unit and status columns.
	rs := rows(t, f, summary.SheetCounts)
	if got := rs[3][:3]; got[0] != "相談支援室" || got[1] != "状況" || !strings.Contains(got[2], "相談件数") {
		t.Errorf("件数 header %q, want 相談支援室 | 状況 | the first question", got)
	}
	if got := rs[0][0]; got != "件数（相談支援室別）" {
		t.Errorf("件数 title %q", got)
	}
	st := rows(t, f, summary.SheetStatus)
	if got := st[3][:3]; got[0] != "相談支援室" || got[1] != "状況" || got[2] != "ファイル" {
		t.Errorf("提出状況 header %q, want 相談支援室 | 状況 | ファイル", got)
	}
	found := false
	for _, r := range rows(t, f, summary.SheetSummary) {
		if r[0] == "区分（単位：件）" {
			found = true
			if r[3] != "最小の相談支援室" || r[5] != "最大の相談支援室" || r[6] != "" {
				t.Errorf("集計 header %q, want 最小の相談支援室 / 最大の相談支援室 and no block column", r[:8])
			}
		}
	}
	if !found {
		t.Error("集計 has no counts table")
	}
}

func TestAnswersSheetName(t *testing.T) {
	for in, want := range map[string]string{"区": "区別回答", "相談支援室": "相談支援室別回答", "A/B": "A_B別回答"} {
		if got := summary.AnswersSheet(in); got != want {
			t.Errorf("AnswersSheet(%q) = %q, want %q", in, got, want)
		}
	}
	if got := []rune(summary.AnswersSheet(strings.Repeat("市", 40))); len(got) > 31 {
		t.Errorf("sheet name of %d characters, Excel allows 31", len(got))
	}
}

// TestNoEmptySheet checks that when nobody wrote free text (and the survey has no case
// records) 自由記述 is left out rather than written as a bare header, and that every sheet
// kept has rows under its header.
func TestNoEmptySheet(t *testing.T) {
	res := roomsResult(t)
	for _, q := range res.Questions {
		q.Texts = nil
	}
	f := open(t, write(t, res))
	want := []string{summary.SheetSummary, summary.SheetCounts, summary.SheetStatus}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q (no 自由記述 without free text)", got, want)
	}
	for _, name := range f.GetSheetList() {
		if n := len(rows(t, f, name)); n < 6 {
			t.Errorf("%s has %d rows: its title and header alone", name, n)
		}
	}
}
