package charts_test

import (
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// TestNotices: a unit's warnings and notes reach its sheet and the 提出状況 list, the
// 前回比 message split into the change and what follows it: the reason of an explained
// one (説明あり), where to write one otherwise; another warning stays whole; a unit
// without findings has none.
func TestNotices(t *testing.T) {
	res := aggregatetest.SampleWithout(t)
	st := &res.Submission.Wards[0]
	unit := st.Ward
	st.Findings = []finding.Finding{
		{Sheet: "相談支援室", Cell: "D29", Label: "８．包括", Severity: finding.Note, Code: finding.ChangeCount,
			Message: "前回 39 件 → 今回 79 件（2.0倍）。説明あり: 定例会を始めたため"},
		{Sheet: "区役所", Cell: "D14", Label: "５．将来推計", Severity: finding.Warning, Code: finding.ChangeChoice,
			Message: "前回「実施している」→ 今回「準備中」。前回から大きく変わっています。理由を備考に記入してください"},
		{Sheet: "相談支援室", Cell: "D30", Label: "９．訪問", Severity: finding.Warning, Code: finding.OutOfRange, Message: "多すぎます。確認してください"},
		{Sheet: "相談支援室", Cell: "D31", Label: "１．会議", Severity: finding.Warning, Code: finding.ChangeCount,
			Message: "前回 10 回 → 今回 30 回（3.0倍）。前回から大きく変わっています。理由を（エ）の備考に記入してください"},
		{Sheet: "相談支援室", Cell: "D32", Label: "２．研修", Severity: finding.Warning, Code: finding.ChangeCount,
			Message: "前回 5 回 → 今回 20 回（4.0倍）。前回から大きく変わっています。理由を（エ）の備考に記入してください"},
	}
	want := []charts.SheetNotice{
		{Where: "相談支援室!D29", Label: "８．包括", Severity: finding.Note, Text: "前回 39 件 → 今回 79 件（2.0倍）", Explained: true, Reason: "定例会を始めたため"},
		{Where: "区役所!D14", Label: "５．将来推計", Severity: finding.Warning, Text: "前回「実施している」→ 今回「準備中」", Detail: "前回から大きく変わっています。理由を備考に記入してください"},
		{Where: "相談支援室!D30", Label: "９．訪問", Severity: finding.Warning, Text: "多すぎます。確認してください"},
		// Two warnings of one item share their advice: it is said once, under the last.
		{Where: "相談支援室!D31", Label: "１．会議", Severity: finding.Warning, Text: "前回 10 回 → 今回 30 回（3.0倍）"},
		{Where: "相談支援室!D32", Label: "２．研修", Severity: finding.Warning, Text: "前回 5 回 → 今回 20 回（4.0倍）", Detail: "前回から大きく変わっています。理由を（エ）の備考に記入してください"},
	}
	ws, ok := charts.BuildWardSheet(res, unit, charts.Options{})
	if !ok || len(ws.Notices) != len(want) {
		t.Fatalf("%s: %d notices, want %d", unit, len(ws.Notices), len(want))
	}
	for i, n := range ws.Notices {
		if *n != want[i] {
			t.Errorf("notice %d: %+v, want %+v", i, *n, want[i])
		}
	}
	if got, w := ws.Notices[0].Line(), "【説明あり】８．包括（相談支援室!D29）: 前回 39 件 → 今回 79 件（2.0倍）。説明あり: 定例会を始めたため"; got != w {
		t.Errorf("line %q, want %q", got, w)
	}
	if got := ws.Notices[1].Tag(); got != "【警告】" {
		t.Errorf("tag %q", got)
	}
	other := res.Submission.Wards[1].Ward
	if ws, _ := charts.BuildWardSheet(res, other, charts.Options{}); len(ws.Notices) != 0 {
		t.Errorf("%s: notices %+v", other, ws.Notices)
	}
	rep := charts.Build(res, charts.Options{})
	if len(rep.Status.Notices) != 5 || rep.Status.NoticesTitle != charts.NoticesTitle || rep.Status.Notices[4].Unit != unit {
		t.Errorf("提出状況: %q %+v", rep.Status.NoticesTitle, rep.Status.Notices)
	}
	if rep := charts.Build(aggregatetest.SampleWithout(t), charts.Options{}); len(rep.Status.Notices) != 0 || rep.Status.NoticesTitle != "" {
		t.Errorf("提出状況 without findings: %q %+v", rep.Status.NoticesTitle, rep.Status.Notices)
	}
}
