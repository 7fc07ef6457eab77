package charts

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
)

func TestQuestionTitles(t *testing.T) {
	res := sample(t)
	q := res.Question("i1")
	if q == nil {
		t.Fatal("no question i1 in the sample")
	}
	if got, want := QuestionHeading(q), q.Number+q.Label; got != want {
		t.Errorf("QuestionHeading = %q, want %q", got, want)
	}
	if got, want := QuestionTitle(q), "（"+q.ItemMark+"）"+q.Number+q.Label; q.ItemMark == "" || got != want {
		t.Errorf("QuestionTitle = %q, want %q (mark %q)", got, want, q.ItemMark)
	}
	q.ItemMark = ""
	if got := QuestionTitle(q); got != QuestionHeading(q) {
		t.Errorf("QuestionTitle without a mark = %q", got)
	}
}

func TestUnitWords(t *testing.T) {
	if got := CategoryHeader("相談支援室"); got != "区分（単位：相談支援室）" {
		t.Errorf("CategoryHeader = %q", got)
	}
	if got := CategoryHeader(""); got != "区分" {
		t.Errorf("CategoryHeader without a unit = %q", got)
	}
	if got := UnitWord("市町村"); got != "（市町村）" {
		t.Errorf("UnitWord = %q", got)
	}
	u := aggregate.Units{Label: "相談支援室", List: []aggregate.Unit{{Name: "北"}}}
	if HasBlocks(u) || BlockHeader(u) != DefaultBlockLabel {
		t.Errorf("units without blocks: HasBlocks %v, BlockHeader %q", HasBlocks(u), BlockHeader(u))
	}
	u.List[0].Block = "北部"
	if !HasBlocks(u) {
		t.Error("a unit with a block: HasBlocks false")
	}
}

// An earlier period's column head counts the units in the schema's word: a one-kanji label
// follows the number, a longer one is counted in 件.
func TestEarlierHead(t *testing.T) {
	tests := []struct {
		label   string
		counted int
		want    string
	}{
		{"区", 24, "令和５年度（回答24区）"},
		{"室", 3, "令和５年度（回答3室）"},
		{"相談支援室", 7, "令和５年度（回答 7 件）"},
		{"相談支援室", 0, "令和５年度"},
	}
	for _, tt := range tests {
		e := &aggregate.Snapshot{PeriodLabel: "令和５年度", Counted: tt.counted}
		if got := EarlierHead(e, tt.label); got != tt.want {
			t.Errorf("EarlierHead(%d, %q) = %q, want %q", tt.counted, tt.label, got, tt.want)
		}
	}
}

// Beside a choice chart, an earlier period's counts are in the schema's word for a unit.
func TestEarlierLinesInTheSchemasWord(t *testing.T) {
	tests := []struct {
		label string
		want  string
	}{
		{"区", "令和５年度上半期：開催している %d区、開催予定 %d区、開催予定なし %d区"},
		{"室", "令和５年度上半期：開催している %d室、開催予定 %d室、開催予定なし %d室"},
		{"相談支援室", "令和５年度上半期：開催している %d 件、開催予定 %d 件、開催予定なし %d 件"},
	}
	for _, tt := range tests {
		res := sample(t)
		res.Units.Label = tt.label
		i1 := find(Build(res, Options{}), "i1").Stacked
		if i1 == nil || len(i1.EarlierLines) != 2 { // 令和５年度上半期, 令和５年度
			t.Fatalf("%s: i1 has no earlier line: %+v", tt.label, i1)
		}
		var n [3]int
		if _, err := fmt.Sscanf(i1.EarlierLines[0], tt.want, &n[0], &n[1], &n[2]); err != nil {
			t.Errorf("%s: earlier line %q, want the form %q: %v", tt.label, i1.EarlierLines[0], tt.want, err)
		} else if got := fmt.Sprintf(tt.want, n[0], n[1], n[2]); got != i1.EarlierLines[0] {
			t.Errorf("%s: earlier line %q, want %q", tt.label, i1.EarlierLines[0], got)
		}
	}
}

// Without blocks the status table has no block column, and the unit word is the schema's.
func TestStatusWithoutBlocks(t *testing.T) {
	res := sample(t)
	res.Units.Label, res.Units.BlockLabel, res.Units.Blocks = "相談支援室", "", nil
	for i := range res.Units.List {
		res.Units.List[i].Block = ""
	}
	for i := range res.Submission.Wards {
		res.Submission.Wards[i].Block = ""
	}
	res.Submission.Others = append(res.Submission.Others, aggregate.FileStatus{FileInfo: aggregate.FileInfo{Name: "x.xlsx"}})
	st := Build(res, Options{}).Status
	if want := []string{"相談支援室", "状況", "ファイル", "エラー", "警告"}; !reflect.DeepEqual(st.Columns, want) {
		t.Errorf("columns %q, want %q", st.Columns, want)
	}
	for _, r := range st.Rows {
		if len(r) != len(st.Columns) {
			t.Errorf("row %q has %d cells for %d columns", r, len(r), len(st.Columns))
		}
		if strings.Contains(r[1], "区") {
			t.Errorf("status %q says 区", r[1])
		}
	}
	if last := st.Rows[len(st.Rows)-1]; last[1] != "相談支援室を特定できないファイル" {
		t.Errorf("unknown unit row %q", last)
	}
}

// Case tables are headed with the value and the label of the first field, as the schema
// names it.
func TestCaseHeadingsFromFieldLabel(t *testing.T) {
	res := sample(t)
	var n int
	for _, q := range res.Questions {
		for i := range q.Cases {
			n++
			q.Cases[i].Fields[0].Label = "局面"
		}
	}
	if n == 0 {
		t.Fatal("no case records in the sample")
	}
	var heads []string
	for _, s := range Build(res, Options{IncludeCases: true}).Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				if b.Cases != nil {
					heads = append(heads, b.Cases.Heading)
				}
			}
		}
	}
	if len(heads) == 0 {
		t.Fatal("no case tables")
	}
	for _, h := range heads {
		if !strings.HasPrefix(h, "【") || !strings.HasSuffix(h, "の局面】") {
			t.Errorf("case heading %q, want 【…の局面】", h)
		}
	}
}

func TestOutlineAndRows(t *testing.T) {
	res := sample(t)
	parts := Outline(res.Questions)
	rep := Build(res, Options{})
	if len(parts) != len(rep.Sections) {
		t.Fatalf("%d parts, %d sections", len(parts), len(rep.Sections))
	}
	n := 0
	for i, p := range parts {
		if p.Title != rep.Sections[i].Title || len(p.Items) != len(rep.Sections[i].Items) {
			t.Errorf("part %d %q with %d items, section %q with %d", i, p.Title, len(p.Items), rep.Sections[i].Title, len(rep.Sections[i].Items))
		}
		for _, it := range p.Items {
			n += len(it.Questions)
		}
	}
	if n != len(res.Questions) {
		t.Errorf("outline holds %d questions of %d", n, len(res.Questions))
	}
	paired := false
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			blocks := 0
			for _, row := range it.Rows() {
				blocks += len(row)
				if len(row) > 1 {
					paired = true
					for _, b := range row {
						if !b.isBreakdown() {
							t.Errorf("%q: a row of %d holds a block that is no 内訳 chart", it.Heading, len(row))
						}
					}
				}
				if len(row) > BreakdownsPerRow {
					t.Errorf("%q: %d blocks in a row", it.Heading, len(row))
				}
			}
			if blocks != len(it.Blocks) {
				t.Errorf("%q: rows hold %d blocks of %d", it.Heading, blocks, len(it.Blocks))
			}
		}
	}
	if !paired {
		t.Error("no 内訳 charts paired in the sample")
	}
}

func TestTotalsAndColours(t *testing.T) {
	q := &aggregate.Question{Categories: []*aggregate.Category{{Label: "a"}, {Label: "b", Repeat: true}}}
	if TotalLabel(q) != TotalWithoutRepeat || RepeatLabel(q.Categories[1]) != "（再掲）b" {
		t.Errorf("TotalLabel %q, RepeatLabel %q", TotalLabel(q), RepeatLabel(q.Categories[1]))
	}
	q.Categories[1].Repeat = false
	if TotalLabel(q) != TotalPlain {
		t.Errorf("TotalLabel without 再掲 = %q", TotalLabel(q))
	}
	if OptionColor(NoReplyLabel, 3, 3) != NoReplyColor {
		t.Errorf("未回答 is %s", OptionColor(NoReplyLabel, 3, 3))
	}
}

func TestUnitAmount(t *testing.T) {
	tests := []struct {
		label string
		n     int64
		want  string
	}{
		{"区", 18, "18区"},
		{"区", 1741, "1,741区"},
		{"相談支援室", 11, "11 件"},
		{"市町村", 1741, "1,741 件"},
	}
	for _, tc := range tests {
		if got := UnitAmount(tc.label, tc.n); got != tc.want {
			t.Errorf("UnitAmount(%q, %d) = %q, want %q", tc.label, tc.n, got, tc.want)
		}
	}
}
