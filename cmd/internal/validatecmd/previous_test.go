package validatecmd

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema/finding"
)

func sampleReturn(ward string) string {
	return filepath.Join(aggregatetest.Root(), "testdata", "returns", ward+".xlsx")
}

// withRemark copies a sample return into dir with the 備考 of one item written, as a ward
// would type it.
func withRemark(t *testing.T, dir, ward, item, reason string) string {
	t.Helper()
	f, err := excelize.OpenFile(sampleReturn(ward))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, dn := range f.GetDefinedName() {
		if dn.Name != "zq__remark_"+item {
			continue
		}
		sheet, cell, _ := strings.Cut(strings.ReplaceAll(dn.RefersTo, "$", ""), "!")
		if err := f.SetCellStr(strings.Trim(sheet, "'"), cell, reason); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, ward+".xlsx")
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Fatalf("%s has no 備考 cell for item %s", ward, item)
	return ""
}

// TestValidatePrevious: the sample returns against the previous aggregate of
// aggregatetest.PreviousSample: a doubled and a halved count and a choice moved down are
// warned with both values (exit 0); a halved count only 17 apart and a choice moved up are
// not; a reason in the item's 備考 turns the warnings of that item into notes.
func TestValidatePrevious(t *testing.T) {
	prev := aggregatetest.PreviousSample(t, t.TempDir())
	const reason = "包括との定例会を新たに始め、連絡が増えたため"
	for _, tc := range []struct {
		name  string
		file  func(t *testing.T) string
		want  []string
		quiet []string
	}{
		{name: "北区", file: func(*testing.T) string { return sampleReturn("北区") }, want: []string{
			"警告  区役所!",
			"（ア）地域の医療・介護の資源の把握の取組状況 ― ５．在宅医療・介護の必要量（需要）や資源量（供給）の将来推計: 前回「実施している」→ 今回「実施に向けて準備・調整中」。前回（令和５年度下半期）から大きく変わっています。誤りでなければ、その理由を（ア）の備考（区役所!",
			"８．地域包括支援センター・ブランチ: 前回 39 件 → 今回 79 件（2.0倍）。前回（令和５年度下半期）から大きく変わっています。誤りでなければ、その理由を（ウ）の備考（相談支援室!",
			"北区.xlsx: 不備 2件（エラー 0・警告 2）",
		}},
		{name: "都島区", file: func(*testing.T) string { return sampleReturn("都島区") }, want: []string{
			"病院 地域連携相談室等（区内）: 前回 56 件 → 今回 28 件（0.5倍）。",
			"都島区.xlsx: 不備 1件（エラー 0・警告 1）",
		}, quiet: []string{"前回 34 件", "現時点では未着手"}},
		{name: "explained", file: func(t *testing.T) string { return withRemark(t, t.TempDir(), "北区", "u", reason) }, want: []string{
			"参考  相談支援室!",
			"８．地域包括支援センター・ブランチ: 前回 39 件 → 今回 79 件（2.0倍）。説明あり: " + reason,
			"北区.xlsx: 不備 1件（エラー 0・警告 1）（参考 1件）",
		}, quiet: []string{"（ウ）の備考"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := run(t, &Options{Files: []string{tc.file(t)}, Previous: prev})
			if code != cli.ExitOK {
				t.Fatalf("exit %d, want 0 (warnings only):\n%s", code, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, q := range tc.quiet {
				if strings.Contains(out, q) {
					t.Errorf("output says %q:\n%s", q, out)
				}
			}
		})
	}
}

// TestValidatePreviousJSONAndAnnotate: the codes and severities in --format json, and the
// annotated copy's comments on the cells.
func TestValidatePreviousJSONAndAnnotate(t *testing.T) {
	dir := t.TempDir()
	prev := aggregatetest.PreviousSample(t, dir)
	path := withRemark(t, dir, "北区", "u", "連絡会を始めたため")
	out, code := run(t, &Options{Files: []string{path}, Previous: prev, Format: "json"})
	if code != cli.ExitOK {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	var fs []finding.Finding
	if err := json.Unmarshal([]byte(out), &fs); err != nil {
		t.Fatal(err)
	}
	got := map[finding.Code]finding.Severity{}
	for _, f := range fs {
		got[f.Code] = f.Severity
	}
	if len(fs) != 2 || got[finding.ChangeChoice] != finding.Warning || got[finding.ChangeCount] != finding.Note {
		t.Fatalf("findings %+v, want change-choice warning and change-count note", fs)
	}
	annotated := filepath.Join(dir, "確認結果")
	if _, code := run(t, &Options{Files: []string{path}, Previous: prev, Annotate: annotated}); code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	f, err := excelize.OpenFile(filepath.Join(annotated, "北区.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, fd := range fs {
		comments, err := f.GetComments(fd.Sheet)
		if err != nil {
			t.Fatal(err)
		}
		var text string
		for _, c := range comments {
			if c.Cell == fd.Cell {
				for _, p := range c.Paragraph {
					text += p.Text
				}
			}
		}
		if want := "【" + fd.Severity.Japanese() + "】" + fd.Message; !strings.Contains(text, want) {
			t.Errorf("comment on %s = %q, want %q", fd.Where(), text, want)
		}
	}
}

// TestValidatePreviousWithoutUnits: an aggregate of published totals (testdata/history/2022.json)
// has nothing per unit; validate says so and checks as without --previous.
func TestValidatePreviousWithoutUnits(t *testing.T) {
	prev := filepath.Join(aggregatetest.Root(), "testdata", "history", "2022.json")
	out, code := run(t, &Options{Files: []string{sampleReturn("北区")}, Previous: prev})
	if code != cli.ExitOK || !strings.Contains(out, "前回比: 前回（令和４年度）の集計結果 2022.json には区ごとの回答がないため、前回との比較はしていません") || !strings.Contains(out, "北区.xlsx: 問題はありません") {
		t.Fatalf("exit %d, output:\n%s", code, out)
	}
	if _, err := os.Stat(prev); err != nil {
		t.Fatal(err)
	}
	out, code = run(t, &Options{Files: []string{sampleReturn("北区")}, Previous: filepath.Join(t.TempDir(), "ない.json")})
	if code != cli.ExitUsage || !strings.Contains(out, "--previous") {
		t.Fatalf("a missing --previous: exit %d, output:\n%s", code, out)
	}
}
