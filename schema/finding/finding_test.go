package finding_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/finding"
)

// docs/findings.md lists exactly the codes there are, in order, so the document cannot
// drift from the code.
func TestCodesDocumented(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "findings.md"))
	if err != nil {
		t.Fatal(err)
	}
	var doc []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|").FindAllStringSubmatch(string(data), -1) {
		doc = append(doc, m[1])
	}
	var code []string
	seen := map[finding.Code]bool{}
	for _, c := range finding.Codes {
		if seen[c] {
			t.Errorf("code %s listed twice", c)
		}
		seen[c] = true
		code = append(code, string(c))
	}
	if strings.Join(doc, " ") != strings.Join(code, " ") {
		t.Errorf("docs/findings.md lists\n %v\nthe code has\n %v", doc, code)
	}
}

func TestLine(t *testing.T) {
	cell := finding.Finding{File: "北区.xlsx", Sheet: "区役所", Cell: "D13", Label: "（ア）", Severity: finding.Error,
		Code: finding.NotAChoice, Message: "「たぶん」は選択肢にありません", Expected: "実施している／未着手"}
	file := finding.Finding{File: "西区.xls", Severity: finding.Error, Code: finding.WrongFormat, Message: "読めません。"}
	unit := finding.Finding{Label: "区名", Severity: finding.Warning, Code: finding.DuplicateUnit, Message: "複数あります", Expected: "複数"}
	for _, tc := range []struct {
		f        finding.Finding
		withFile bool
		want     string
	}{
		{cell, false, "エラー  区役所!D13  （ア）: 「たぶん」は選択肢にありません（→ 実施している／未着手）"},
		{cell, true, "エラー  北区.xlsx  区役所!D13  （ア）: 「たぶん」は選択肢にありません（→ 実施している／未着手）"},
		{file, false, "エラー  （ファイル全体）  読めません。"},
		{file, true, "エラー  西区.xls  読めません。"},
		{unit, true, "警告  区名: 複数あります"},
	} {
		if got := tc.f.Line(tc.withFile); got != tc.want {
			t.Errorf("Line(%v) = %q, want %q", tc.withFile, got, tc.want)
		}
	}
	if got := finding.Summary("北区.xlsx", []finding.Finding{cell, unit}); got != "北区.xlsx: 不備 2件（エラー 1・警告 1）" {
		t.Errorf("Summary = %q", got)
	}
}

// TestNotes: a note (a 前回比 finding the ward explained) prints as 参考 and is counted
// neither as an error nor as a warning in the verdict, which still mentions it.
func TestNotes(t *testing.T) {
	note := finding.Finding{File: "北区.xlsx", Sheet: "相談支援室", Cell: "D29", Label: "８．地域包括支援センター・ブランチ", Severity: finding.Note,
		Code: finding.ChangeCount, Message: "前回 39 件 → 今回 79 件（2.0倍）。説明あり: 定例会を始めたため"}
	if got, want := note.Line(false), "参考  相談支援室!D29  ８．地域包括支援センター・ブランチ: 前回 39 件 → 今回 79 件（2.0倍）。説明あり: 定例会を始めたため"; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	if got, want := finding.Summary("北区.xlsx", []finding.Finding{note}), "北区.xlsx: 問題はありません（参考 1件）"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	warn := note
	warn.Severity = finding.Warning
	if got, want := finding.Summary("北区.xlsx", []finding.Finding{warn, note}), "北区.xlsx: 不備 1件（エラー 0・警告 1）（参考 1件）"; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}
