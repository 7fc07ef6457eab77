package aggregatecmd

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// TestAggregatePrevious: aggregate --previous compares every return with its ward's
// previous answers (aggregatetest.PreviousSample's hand-made movements): the warnings are
// printed, counted in 提出状況 and kept in aggregate.json, and the aggregate goes ahead
// (exit 0) with the same figures.
func TestAggregatePrevious(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	prev := aggregatetest.PreviousSample(t, t.TempDir())
	msg, code := run(t, &Options{Dir: samples, Output: out, Previous: []string{prev}, Quiet: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	for _, w := range []string{
		"■ 北区（北区.xlsx）: エラー 0・警告 2",
		"前回「実施している」→ 今回「実施に向けて準備・調整中」",
		"８．地域包括支援センター・ブランチ: 前回 39 件 → 今回 79 件（2.0倍）",
		"■ 都島区（都島区.xlsx）: エラー 0・警告 1",
		"病院 地域連携相談室等（区内）: 前回 56 件 → 今回 28 件（0.5倍）",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("output lacks %q:\n%s", w, msg)
		}
	}
	res := readResult(t, out)
	codes := map[string][]finding.Code{}
	for _, ws := range res.Submission.Wards {
		for _, f := range ws.Findings {
			codes[ws.Ward] = append(codes[ws.Ward], f.Code)
		}
		if ws.Ward != "北区" && ws.Ward != "都島区" && len(ws.Findings) > 0 {
			t.Errorf("%s has findings: %+v", ws.Ward, ws.Findings)
		}
	}
	if got := codes["北区"]; len(got) != 2 || got[0] != finding.ChangeChoice || got[1] != finding.ChangeCount {
		t.Errorf("北区 findings %v, want change-choice and change-count", got)
	}
	if got := codes["都島区"]; len(got) != 1 || got[0] != finding.ChangeCount {
		t.Errorf("都島区 findings %v, want change-count", got)
	}
	if res.Submission.Counted != 24 || res.Question("u3").Category("u3.08").Sum != aggregatetest.Sample(t).Question("u3").Category("u3.08").Sum {
		t.Errorf("the 前回比 changed the figures: counted %d", res.Submission.Counted)
	}
	f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if !sheetHas(t, f, summary.SheetStatus, "前回 39 件 → 今回 79 件（2.0倍）") {
		t.Error("提出状況 lacks the 前回比 warning")
	}
}

// TestAggregatePreviousWithoutUnits: an earlier period of published totals only gives
// nothing to compare; the run says so and the outputs are as without a 前回比. --history
// sets periods beside this one and is never compared with, even when it has a ward's
// answers.
func TestAggregatePreviousWithoutUnits(t *testing.T) {
	msg, code := run(t, &Options{Dir: samples, Output: filepath.Join(t.TempDir(), "out"), Previous: []string{filepath.Join(history, "2022.json")}, Quiet: true})
	if code != cli.ExitOK || !strings.Contains(msg, "前回比: 前回（令和４年度）の集計結果 2022.json には区ごとの回答がないため、前回との比較はしていません") {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	dir := t.TempDir()
	aggregatetest.PreviousSample(t, dir)
	out := filepath.Join(t.TempDir(), "out")
	msg, code = run(t, &Options{Dir: samples, Output: out, History: dir, Quiet: true})
	if code != cli.ExitOK || strings.Contains(msg, "前回比") || strings.Contains(msg, "警告") {
		t.Fatalf("--history compared: exit %d:\n%s", code, msg)
	}
	for _, ws := range readResult(t, out).Submission.Wards {
		if len(ws.Findings) > 0 {
			t.Errorf("%s has findings with --history: %+v", ws.Ward, ws.Findings)
		}
	}
}

// TestAggregatePreviousExplained: a reason in 北区's 備考 of (ウ) makes its count's
// finding a note: shown and kept, but not counted as a warning.
func TestAggregatePreviousExplained(t *testing.T) {
	dir := copySamples(t)
	edit(t, filepath.Join(dir, "北区.xlsx"), map[string]string{"zq__remark_u": "包括との定例会を新たに始めたため"})
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: dir, Output: out, Previous: []string{aggregatetest.PreviousSample(t, t.TempDir())}, Quiet: true})
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	for _, w := range []string{
		"■ 北区（北区.xlsx）: エラー 0・警告 1・参考 1",
		"  参考  相談支援室!",
		"前回 39 件 → 今回 79 件（2.0倍）。説明あり: 包括との定例会を新たに始めたため",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("output lacks %q:\n%s", w, msg)
		}
	}
	for _, ws := range readResult(t, out).Submission.Wards {
		if ws.Ward == "北区" && (ws.Warnings != 1 || len(ws.Findings) != 2 || ws.Findings[1].Severity != finding.Note) {
			t.Errorf("北区: %d warnings, findings %+v", ws.Warnings, ws.Findings)
		}
	}
}

// The last report's aggregate.json given with --previous may also lie in the --history
// folder: it is one earlier period, compared with and set beside this one, not refused as
// two aggregates of the same period.
func TestPreviousAlsoInHistory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: samples, Output: out, History: history, Previous: []string{filepath.Join(history, "2023H1.json")}, Quiet: true})
	if code != cli.ExitOK || !strings.Contains(msg, "前回（令和５年度上半期）から大きく変わっています") {
		t.Fatalf("exit %d:\n%s", code, msg)
	}
	if got := len(readResult(t, out).Earlier); got != 3 {
		t.Errorf("%d earlier periods attached, want 3 (2022, 2023H1, 2023)", got)
	}
}
