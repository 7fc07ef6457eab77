package aggregatecmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// sheetText is a unit's ward sheet in out as pdftotext reads it, with its line breaks
// removed so that a wrapped message reads as one.
func sheetText(t *testing.T, pdftotext, out, unit string) string {
	t.Helper()
	b, err := exec.Command(pdftotext, filepath.Join(out, "区別", unit+".pdf"), "-").Output()
	if err != nil {
		t.Fatalf("%s: %v", unit, err)
	}
	return strings.ReplaceAll(string(b), "\n", "")
}

// TestWardSheetChanges: with --previous (aggregatetest.PreviousSample's hand-made
// movements) and --ward-sheets, 北区's and 都島区's sheets list their 前回比 warnings
// with both values under 「前回からの大きな変化・確認事項」; a ward with none has no such
// part; a reason in 北区's 備考 turns its count's warning into 説明あり with the reason.
func TestWardSheetChanges(t *testing.T) {
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	prev := aggregatetest.PreviousSample(t, t.TempDir())
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: samples, Output: out, Previous: []string{prev}, WardSheets: true, Quiet: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	for unit, want := range map[string][]string{
		"北区":  {charts.NoticesTitle, "【警告】", "前回 39 件 → 今回 79 件（2.0倍）", "前回「実施している」→ 今回「実施に向けて準備・調整中」", "８．地域包括支援センター・ブランチ（相談支援室!"},
		"都島区": {charts.NoticesTitle, "前回 56 件 → 今回 28 件（0.5倍）"},
	} {
		text := sheetText(t, pdftotext, out, unit)
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: sheet lacks %q", unit, w)
			}
		}
		if strings.Contains(text, charts.ExplainedLabel) {
			t.Errorf("%s: an unexplained warning reads as %s", unit, charts.ExplainedLabel)
		}
	}
	if text := sheetText(t, pdftotext, out, "福島区"); strings.Contains(text, charts.NoticesTitle) || !strings.Contains(text, "福島区 区別シート") {
		t.Errorf("福島区 (no findings) has a notices part, or no sheet:\n%s", text)
	}

	dir := copySamples(t)
	reason := "包括との定例会を新たに始めたため"
	edit(t, filepath.Join(dir, "北区.xlsx"), map[string]string{"zq__remark_u": reason})
	out = filepath.Join(t.TempDir(), "explained")
	if msg, code := run(t, &Options{Dir: dir, Output: out, Previous: []string{prev}, WardSheets: true, Quiet: true}); code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	text := sheetText(t, pdftotext, out, "北区")
	for _, w := range []string{"【説明あり】", "前回 39 件 → 今回 79 件（2.0倍）", "説明あり: " + reason, "【警告】", "前回「実施している」"} {
		if !strings.Contains(text, w) {
			t.Errorf("explained 北区: sheet lacks %q", w)
		}
	}
	checkStatusNotices(t, pdftotext, out, reason)
}

// checkStatusNotices: the 提出状況 of report.pdf, report.html and 集計表.xlsx lists each
// ward's 前回比 findings, the explained one as 説明あり with its reason, not as a warning.
func checkStatusNotices(t *testing.T, pdftotext, out, reason string) {
	t.Helper()
	b, err := exec.Command(pdftotext, filepath.Join(out, report.PDFName), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pdfText := strings.ReplaceAll(string(b), "\n", "")
	html, err := os.ReadFile(filepath.Join(out, report.HTMLName))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{charts.NoticesTitle, "【説明あり】", "８．地域包括支援センター・ブランチ（相談支援室!", "前回 39 件 → 今回 79 件（2.0倍）。説明あり: " + reason,
		"【警告】", "前回「実施している」→ 今回「実施に向けて準備・調整中」", "前回 56 件 → 今回 28 件（0.5倍）"} {
		if !strings.Contains(pdfText, w) {
			t.Errorf("report.pdf lacks %q", w)
		}
		if !strings.Contains(string(html), w) {
			t.Errorf("report.html lacks %q", w)
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []string{"参考  相談支援室!", "説明あり: " + reason, "前回 56 件 → 今回 28 件（0.5倍）"} {
		if !sheetHas(t, f, summary.SheetStatus, w) {
			t.Errorf("集計表.xlsx 提出状況 lacks %q", w)
		}
	}
}
