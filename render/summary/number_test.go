package summary_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/render/summary"
)

// TestNumberQuestions: a number question is listed like a counts total — in 集計 with its
// sum, minimum and maximum (and their units), in 件数 one column with each unit's value —
// with exactly its decimal places, as numbers.
func TestNumberQuestions(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	f := open(t, write(t, res))

	// 集計: the question's heading, then one row with the sum, min and max.
	rs := rows(t, f, summary.SheetSummary)
	find := func(label string) []string {
		for i, r := range rs {
			if len(r) > 0 && strings.Contains(r[0], label) && i+2 < len(rs) {
				return rs[i+2]
			}
		}
		t.Fatalf("集計 has no heading %q", label)
		return nil
	}
	for label, want := range map[string][]string{
		"窓口開設日数": {"窓口開設日数", "103", "18", "第三室", "22", "第二室、第五室"},
		"平均相談時間": {"平均相談時間", "8.5", "0.5", "第三室", "3.2", "第四室"},
	} {
		if got := find(label); strings.Join(got[:min(len(got), 6)], "|") != strings.Join(want, "|") {
			t.Errorf("集計 row of %s: %q, want %q", label, got, want)
		}
	}

	// 件数: one column per number question, beside the counts.
	rs = rows(t, f, summary.SheetCounts)
	const keyRow, firstWard = 5, 6 // 0-based
	col := -1
	for c, k := range rs[keyRow] {
		if k == "hours" {
			col = c
		}
	}
	if col < 0 {
		t.Fatalf("件数 has no column hours: %q", rs[keyRow])
	}
	var got []string
	for w := range 5 {
		got = append(got, rs[firstWard+w][col])
	}
	got = append(got, rs[firstWard+5][col], rs[firstWard+6][col], rs[firstWard+7][col])
	if want := "1.5,2,0.5,3.2,1.3,8.5,0.5,3.2"; strings.Join(got, ",") != want {
		t.Errorf("件数 hours: %s, want %s", strings.Join(got, ","), want)
	}
	// 第二室's 2 is shown as 2.0: a number in #,##0.0, not text.
	cell := fmt.Sprintf("%c%d", 'A'+col, firstWard+2)
	shown, _ := f.GetCellValue(summary.SheetCounts, cell)
	typ, _ := f.GetCellType(summary.SheetCounts, cell)
	st, _ := f.GetCellStyle(summary.SheetCounts, cell)
	style, _ := f.GetStyle(st)
	if shown != "2.0" || typ == excelize.CellTypeSharedString || style == nil || style.CustomNumFmt == nil || *style.CustomNumFmt != "#,##0.0" {
		t.Errorf("件数!%s shows %q (type %v, format %+v), want the number 2 as 2.0", cell, shown, typ, style)
	}
}
