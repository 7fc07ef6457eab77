package summary_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

const returnsDir = "../../testdata/returns"

var (
	sampleOnce sync.Once
	sampleJSON []byte
	sampleErr  error
)

// sample is the aggregate of the 24 sample returns. Each call gets its own copy, so a test
// may change it.
func sample(t *testing.T) *aggregate.Result {
	t.Helper()
	sampleOnce.Do(func() {
		res, err := collect(returnsDir)
		if err != nil {
			sampleErr = err
			return
		}
		var buf bytes.Buffer
		sampleErr = res.WriteJSON(&buf)
		sampleJSON = buf.Bytes()
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	var res aggregate.Result
	if err := json.Unmarshal(sampleJSON, &res); err != nil {
		t.Fatal(err)
	}
	return &res
}

func collect(dir string) (*aggregate.Result, error) {
	files, err := returns.ListReturns(dir)
	if err != nil {
		return nil, err
	}
	c, err := aggregate.Collect(files, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		return nil, err
	}
	return c.Result(), nil
}

func write(t *testing.T, res *aggregate.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := summary.Write(&buf, res, ""); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rows reads a sheet with raw values (6784, not 6,784), padded so any column can be indexed.
func rows(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range rs {
		for len(rs[i]) < 80 {
			rs[i] = append(rs[i], "")
		}
	}
	return rs
}

func itoa[T int | int64](v T) string { return strconv.FormatInt(int64(v), 10) }

func TestSheetsInOrder(t *testing.T) {
	f := open(t, write(t, sample(t)))
	want := []string{"集計", "区別回答", "件数", "自由記述", "提出状況", "グラフ"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
}

// block is one question's table on 集計: the header row naming the columns and the data rows.
type block struct {
	head []string
	rows [][]string
	// at is the sheet row (1-based) of each of rows.
	at []int
}

// summaryBlocks finds every question's table on 集計 by its heading, in question order.
func summaryBlocks(t *testing.T, f *excelize.File, res *aggregate.Result) map[string]block {
	t.Helper()
	rs := rows(t, f, summary.SheetSummary)
	out := map[string]block{}
	pos := 0
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup, schema.Counts, schema.Total:
		default:
			continue
		}
		heading := q.Number + q.Label
		for pos < len(rs) && rs[pos][0] != heading {
			pos++
		}
		if pos == len(rs) {
			t.Fatalf("集計: heading %q of %s not found", heading, q.ID)
		}
		pos++
		hasEarlier := false
		for _, e := range q.Earlier {
			hasEarlier = hasEarlier || !e.NoData
		}
		headRows := 1
		if hasEarlier && (q.Type == schema.Choice || q.Type == schema.ChoiceGroup) {
			headRows = 2 // the period row above the option heads
		}
		pos += headRows - 1
		b := block{head: rs[pos]}
		pos++
		n := len(q.Rows) + len(q.Categories) + 1
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			n = len(q.Rows)
		case schema.Total:
			n = 1
		}
		// A table that runs over a page goes on under its heading marked 「（続き）」 and its
		// header rows again: those rows are not the table's.
		for len(b.rows) < n {
			if rs[pos][0] == heading+summary.Continued {
				pos += 1 + headRows
				continue
			}
			b.rows = append(b.rows, rs[pos])
			b.at = append(b.at, pos+1)
			pos++
		}
		out[q.ID] = b
	}
	return out
}

func (b block) col(t *testing.T, name string) int {
	t.Helper()
	for i, h := range b.head {
		if h == name {
			return i
		}
	}
	t.Fatalf("column %q not in %q", name, b.head)
	return -1
}

func (b block) row(t *testing.T, label string) []string {
	t.Helper()
	for _, r := range b.rows {
		if r[0] == label {
			return r
		}
	}
	t.Fatalf("row %q not found", label)
	return nil
}

func TestSummaryHeader(t *testing.T) {
	res := sample(t)
	f := open(t, write(t, res))
	for cell, want := range map[string]string{"A1": "区役所・相談支援室の取組について", "A2": "令和６年度上半期", "A3": "回答 24／24区"} {
		if got, _ := f.GetCellValue(summary.SheetSummary, cell); got != want {
			t.Errorf("集計!%s = %q, want %q", cell, got, want)
		}
	}
}

// TestSummaryFiguresAsPublished checks 集計 against the figures of 資料１ for the sample.
func TestSummaryFiguresAsPublished(t *testing.T) {
	res := sample(t)
	blocks := summaryBlocks(t, open(t, write(t, res)), res)
	tests := []struct {
		q, row, col, want string
	}{
		{"i1", "推進会議開催状況", "開催している", "18"},
		{"i1", "推進会議開催状況", "現時点では未開催", "6"},
		{"i1", "推進会議開催状況", "合計", "24"},
		{"ka1", "多職種研修会の実施状況", "開催している", "12"},
		{"ki1", "普及啓発の実施状況", "開催している", "9"},
		{"ki1", "普及啓発の実施状況", "現時点では未開催", "15"},
		{"u3", summary.TotalLabel, "合計", "6784"},
		{"o1", summary.TotalLabel, "合計", "515"},
		{"o2", "１．医療に関すること", "合計", "431"},
		{"o2", "２．介護に関すること", "合計", "146"},
		{"o2", "３．福祉に関すること", "合計", "19"},
		{"o2", "４．退院支援に関すること", "合計", "28"},
		{"o2", "５．看取りに関すること", "合計", "14"},
		{"o2", "６．ACP・意思決定に関すること", "合計", "15"},
		{"o2", "７．情報提供ツールに関すること", "合計", "3"},
		{"o2", "８．その他", "合計", "33"},
		{"o2", "合計", "合計", "689"},
		{"o4", "１．市・区の会議、研修会", "合計", "301"},
		{"o4", "２．関係機関との会議、研修会", "合計", "703"},
		{"o4", "（再掲）地域ケア会議", "合計", "49"},
		{"o4", summary.TotalLabel, "合計", "1004"},
		{"o4total", "会議出席回数", "合計", "1004"},
		// Ties name every ward, in official order.
		{"o1", "１．医科", "最小", "0"},
		{"o1", "１．医科", "最小の区", "都島区、大正区、浪速区"},
		{"o1", "１．医科", "最大", "10"},
		{"o1", "１．医科", "最大の区", "平野区"},
		{"o1", summary.TotalLabel, "最小", "3"},
		{"o1", summary.TotalLabel, "最小の区", "浪速区"},
		{"o1", summary.TotalLabel, "最大", "52"},
		{"o1", summary.TotalLabel, "最大の区", "平野区"},
		{"o1", summary.TotalLabel, "北部", "141"},
		{"o1", summary.TotalLabel, "東部", "108"},
		{"o1", summary.TotalLabel, "西部", "73"},
		{"o1", summary.TotalLabel, "南部", "193"},
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.row+"/"+tt.col, func(t *testing.T) {
			b, ok := blocks[tt.q]
			if !ok {
				t.Fatalf("no table for %s", tt.q)
			}
			if got := b.row(t, tt.row)[b.col(t, tt.col)]; got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSummaryRepeatNotInTotal checks that a 再掲 row is shown, marked and indented, and
// left out of the total.
func TestSummaryRepeatNotInTotal(t *testing.T) {
	res := sample(t)
	f := open(t, write(t, res))
	blocks := summaryBlocks(t, f, res)
	for _, id := range []string{"u3", "o1", "o4"} {
		q := res.Question(id)
		b := blocks[id]
		var withRepeat, withoutRepeat int64
		repeats := 0
		for i, r := range b.rows[:len(b.rows)-1] {
			v, err := strconv.ParseInt(r[1], 10, 64)
			if err != nil {
				t.Fatalf("%s %q: sum %q", id, r[0], r[1])
			}
			withRepeat += v
			if !strings.Contains(r[0], "再掲") {
				withoutRepeat += v
				continue
			}
			repeats++
			st, _ := f.GetCellStyle(summary.SheetSummary, fmt.Sprintf("A%d", b.at[i]))
			style, err := f.GetStyle(st)
			if err != nil || style.Alignment == nil || style.Alignment.Indent == 0 {
				t.Errorf("%s: 再掲 row %q is not indented", id, r[0])
			}
		}
		total := b.rows[len(b.rows)-1]
		if total[0] != summary.TotalLabel {
			t.Errorf("%s: last row %q, want %q", id, total[0], summary.TotalLabel)
		}
		if repeats != 1 {
			t.Errorf("%s: %d 再掲 rows, want 1", id, repeats)
		}
		if total[1] != itoa(withoutRepeat) || total[1] != itoa(q.Total.Sum) {
			t.Errorf("%s: total %s, want the rows without 再掲 (%d) = %d", id, total[1], withoutRepeat, q.Total.Sum)
		}
		if withRepeat == withoutRepeat {
			t.Errorf("%s: 再掲 row adds nothing; the test proves nothing", id)
		}
	}
}

// TestSummaryMatchesResult compares every figure on 集計 with the Result.
func TestSummaryMatchesResult(t *testing.T) {
	res := sample(t)
	blocks := summaryBlocks(t, open(t, write(t, res)), res)
	for _, q := range res.Questions {
		b, ok := blocks[q.ID]
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			for i, o := range q.Options {
				if b.head[1+i] != o {
					t.Errorf("%s: column %d = %q, want %q", q.ID, 1+i, b.head[1+i], o)
				}
			}
			for i, r := range q.Rows {
				got := b.rows[i]
				if got[0] != r.Label {
					t.Errorf("%s: row %d label %q, want %q", q.ID, i, got[0], r.Label)
				}
				answered := 0
				for j, o := range q.Options {
					answered += r.Count(o)
					if got[1+j] != itoa(r.Count(o)) {
						t.Errorf("%s %s %s: %s, want %d", q.ID, r.Key, o, got[1+j], r.Count(o))
					}
				}
				if got[1+len(q.Options)] != itoa(answered) {
					t.Errorf("%s %s 合計: %s, want %d", q.ID, r.Key, got[1+len(q.Options)], answered)
				}
			}
		case schema.Counts:
			check := func(got []string, label string, fig *aggregate.Figure) {
				want := []string{label, itoa(fig.Sum), itoa(fig.Min.Value), strings.Join(fig.Min.Wards, "、"), itoa(fig.Max.Value), strings.Join(fig.Max.Wards, "、")}
				for _, bl := range fig.ByBlock {
					want = append(want, itoa(bl.Value))
				}
				if strings.Join(got[:len(want)], "|") != strings.Join(want, "|") {
					t.Errorf("%s:\n got %q\nwant %q", q.ID, got[:len(want)], want)
				}
			}
			for i, c := range q.Categories {
				label := c.Label
				if c.Repeat && !strings.Contains(label, "再掲") {
					label = "（再掲）" + label
				}
				check(b.rows[i], label, &c.Figure)
			}
		default:
			if ok && q.Type != schema.Total {
				t.Errorf("%s (%s) has a table on 集計", q.ID, q.Type)
			}
		}
	}
}

func TestAnswersSheet(t *testing.T) {
	res := sample(t)
	f := open(t, write(t, res))
	rs := rows(t, f, summary.SheetAnswers)
	const keyRow, firstWard = 5, 6 // 0-based
	var rowsOfChoices []*aggregate.ChoiceRow
	for _, q := range res.Questions {
		rowsOfChoices = append(rowsOfChoices, q.Rows...)
	}
	if len(rowsOfChoices) != 43 {
		t.Fatalf("%d choice rows in the sample, want 43", len(rowsOfChoices))
	}
	for i, r := range rowsOfChoices {
		if got := rs[keyRow][3+i]; got != r.Key {
			t.Errorf("key column %d = %q, want %q", 3+i, got, r.Key)
		}
	}
	if len(rs) != firstWard+24 {
		t.Errorf("%d rows, want %d header rows and 24 wards", len(rs), firstWard)
	}
	official := []string{"北区", "都島区", "福島区", "此花区", "中央区", "西区", "港区", "大正区", "天王寺区", "浪速区", "西淀川区", "淀川区",
		"東淀川区", "東成区", "生野区", "旭区", "城東区", "鶴見区", "阿倍野区", "住之江区", "住吉区", "東住吉区", "平野区", "西成区"}
	for i, ward := range official {
		r := rs[firstWard+i]
		if r[0] != ward || r[1] != res.Units.List[i].Block || r[2] != "集計済" {
			t.Errorf("row %d = %q, want %s %s 集計済", firstWard+i+1, r[:3], ward, res.Units.List[i].Block)
		}
		for j, cr := range rowsOfChoices {
			if r[3+j] != cr.Answer(ward) {
				t.Errorf("%s %s = %q, want %q", ward, cr.Key, r[3+j], cr.Answer(ward))
			}
		}
	}
	col := func(key string) int {
		for i, k := range rs[keyRow] {
			if k == key {
				return i
			}
		}
		t.Fatalf("key %s not found", key)
		return 0
	}
	for _, tt := range []struct{ ward, key, want string }{
		{"北区", "i1", "開催している"},
		{"福島区", "i1", "現時点では未開催"},
		{"鶴見区", "i1", "現時点では未開催"},
		{"平野区", "i1", "開催している"},
	} {
		i := sortIndex(official, tt.ward)
		if got := rs[firstWard+i][col(tt.key)]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.ward, tt.key, got, tt.want)
		}
	}
}

func sortIndex(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestCountsSheet(t *testing.T) {
	res := sample(t)
	f := open(t, write(t, res))
	rs := rows(t, f, summary.SheetCounts)
	const labelRow, keyRow, firstWard = 4, 5, 6 // 0-based
	sumRow := firstWard + 24
	if rs[sumRow][0] != "合計" || rs[sumRow+1][0] != "最小" || rs[sumRow+2][0] != "最大" {
		t.Fatalf("rows after the wards: %q %q %q", rs[sumRow][0], rs[sumRow+1][0], rs[sumRow+2][0])
	}
	col := 3
	for _, q := range res.Questions {
		var figs []*aggregate.Figure
		var labels []string
		switch q.Type {
		case schema.Counts:
			for _, c := range q.Categories {
				figs = append(figs, &c.Figure)
				labels = append(labels, c.Label)
			}
			figs = append(figs, q.Total)
			labels = append(labels, "合計")
			for _, c := range q.Categories {
				if c.Repeat {
					labels[len(labels)-1] = summary.TotalLabel
				}
			}
		case schema.Total:
			figs = append(figs, q.Total)
			labels = append(labels, q.Label)
		default:
			continue
		}
		totalCol := col + len(figs) - 1
		for i, fig := range figs {
			c := col + i
			if !strings.Contains(rs[labelRow][c], labels[i]) {
				t.Errorf("%s column %d: label %q, want %q", q.ID, c, rs[labelRow][c], labels[i])
			}
			if strings.Contains(labels[i], "再掲") != strings.Contains(rs[labelRow][c], "再掲") {
				t.Errorf("%s column %q: 再掲 not marked", q.ID, rs[labelRow][c])
			}
			var sum int64
			for w := range 24 {
				v, err := strconv.ParseInt(rs[firstWard+w][c], 10, 64)
				if err != nil {
					t.Fatalf("%s %s: %q", q.ID, rs[firstWard+w][0], rs[firstWard+w][c])
				}
				if v != fig.ByWard[w].Value || rs[firstWard+w][0] != fig.ByWard[w].Ward {
					t.Errorf("%s %s %s = %d, want %d", q.ID, rs[keyRow][c], rs[firstWard+w][0], v, fig.ByWard[w].Value)
				}
				sum += v
			}
			want := []string{itoa(sum), itoa(fig.Min.Value), itoa(fig.Max.Value)}
			got := []string{rs[sumRow][c], rs[sumRow+1][c], rs[sumRow+2][c]}
			if strings.Join(got, ",") != strings.Join(want, ",") || itoa(fig.Sum) != want[0] {
				t.Errorf("%s %s: 合計/最小/最大 = %v, want %v (Sum %d)", q.ID, rs[labelRow][c], got, want, fig.Sum)
			}
		}
		// The per-ward total is the sum of the ward's categories without 再掲.
		if q.Type == schema.Counts {
			for w := range 24 {
				var sum int64
				for i, c := range q.Categories {
					if !c.Repeat {
						v, _ := strconv.ParseInt(rs[firstWard+w][col+i], 10, 64)
						sum += v
					}
				}
				if got := rs[firstWard+w][totalCol]; got != itoa(sum) {
					t.Errorf("%s %s total = %s, want %d", q.ID, rs[firstWard+w][0], got, sum)
				}
			}
		}
		col += len(figs)
	}
	// Numbers are numbers, shown with thousands separators.
	cell := fmt.Sprintf("D%d", firstWard+1)
	if typ, _ := f.GetCellType(summary.SheetCounts, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("件数!%s is text", cell)
	}
	st, _ := f.GetCellStyle(summary.SheetCounts, cell)
	if style, _ := f.GetStyle(st); style == nil || style.NumFmt != 3 {
		t.Errorf("件数!%s is not formatted #,##0", cell)
	}
}

func TestTextsSheet(t *testing.T) {
	res := sample(t)
	data := write(t, res)
	f := open(t, data)
	rs := rows(t, f, summary.SheetTexts)
	if got := strings.Join(rs[3][:3], ","); got != "項目,区,内容" {
		t.Fatalf("header %q", got)
	}
	var want [][3]string
	var cases []aggregate.Case
	for _, q := range res.Questions {
		title := "（" + q.ItemMark + "）" + q.Number + q.Label
		switch q.Type {
		case schema.Text, schema.TextList:
			for _, tx := range q.Texts {
				for _, l := range tx.Lines {
					want = append(want, [3]string{title, tx.Ward, l})
				}
			}
		case schema.Cases:
			want = append(want, [3]string{title, "", fmt.Sprintf("相談事例（具体例）は集計表に含めていません（件数: %d件）", len(q.Cases))})
			cases = append(cases, q.Cases...)
		}
	}
	got := rs[4:]
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if g := [3]string{got[i][0], got[i][1], got[i][2]}; g != want[i] {
			t.Errorf("row %d = %q, want %q", i+5, g, want[i])
		}
	}
	if len(cases) != 23 || want[len(want)-1][2] != "相談事例（具体例）は集計表に含めていません（件数: 23件）" {
		t.Errorf("case note %q", want[len(want)-1][2])
	}
	// No case narrative reaches the workbook.
	all := unzipAll(t, data)
	for _, c := range cases {
		for _, fl := range c.Fields {
			if len([]rune(fl.Value)) > 12 && strings.Contains(all, html.EscapeString(fl.Value)) {
				t.Fatalf("case record of %s (%s) is in the workbook", c.Ward, fl.Label)
			}
		}
	}
}

func unzipAll(t *testing.T, data []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		sb.Write(b)
	}
	return sb.String()
}

func TestStatusSheet(t *testing.T) {
	res := sample(t)
	rs := rows(t, open(t, write(t, res)), summary.SheetStatus)
	if got := strings.Join(rs[3][:8], ","); got != "区,基本保健医療圏,状況,ファイル,SHA-256,エラー数,警告数,指摘" {
		t.Fatalf("header %q", got)
	}
	wards := rs[4:]
	if len(wards) != 24 {
		t.Fatalf("%d rows, want 24", len(wards))
	}
	for i, ws := range res.Submission.Wards {
		r := wards[i]
		want := []string{ws.Ward, ws.Block, "集計済", ws.Files[0].Name, ws.Files[0].SHA256, "0", "0", ""}
		if strings.Join(r[:8], "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, r[:8], want)
		}
	}
}

func TestStatusSheetFindingsAndOthers(t *testing.T) {
	res := sample(t)
	ws := &res.Submission.Wards[1]
	ws.Status, ws.Errors, ws.Warnings = aggregate.StatusExcluded, 1, 1
	ws.Findings = []finding.Finding{
		{File: ws.Files[0].Name, Sheet: "区役所", Cell: "D12", Label: "推進会議開催状況", Severity: finding.Error, Code: finding.NotAChoice, Message: "選択肢にない回答です"},
		{File: ws.Files[0].Name, Sheet: "相談支援室", Cell: "D40", Severity: finding.Warning, Code: finding.GlyphMissing, Message: "前期より大きく増えています"},
	}
	res.Submission.Others = []aggregate.FileStatus{{
		FileInfo: aggregate.FileInfo{Name: "不明.xlsx", SHA256: "abc"},
		Findings: []finding.Finding{{File: "不明.xlsx", Severity: finding.Error, Code: finding.Missing, Message: "区名がありません"}},
	}}
	rs := rows(t, open(t, write(t, res)), summary.SheetStatus)
	r := rs[5]
	if r[2] != "エラーあり（集計から除外）" || r[5] != "1" || r[6] != "1" {
		t.Errorf("excluded ward row %q", r[:8])
	}
	// The cell holds the findings as every command prints them.
	want := ws.Findings[0].Line(false) + "\n" + ws.Findings[1].Line(false)
	if r[7] != want {
		t.Errorf("findings %q, want %q", r[7], want)
	}
	o := rs[4+24]
	if o[3] != "不明.xlsx" || o[5] != "1" || !strings.Contains(o[7], "区名がありません") {
		t.Errorf("other file row %q", o[:8])
	}
}

func TestChartsSheet(t *testing.T) {
	res := sample(t)
	data := write(t, res)
	f := open(t, data)
	var choice []*aggregate.Question
	for _, q := range res.Questions {
		if q.Type == schema.Choice || q.Type == schema.ChoiceGroup {
			choice = append(choice, q)
		}
	}
	parts := zipParts(t, data)
	var charts []string
	for name := range parts {
		if regexp.MustCompile(`^xl/charts/chart\d+\.xml$`).MatchString(name) {
			charts = append(charts, name)
		}
	}
	if len(charts) != len(choice) || len(choice) != 10 {
		t.Fatalf("%d charts, want one per choice question (%d)", len(charts), len(choice))
	}
	formula := regexp.MustCompile(`<f>([^<]*)</f>`)
	for i, q := range choice {
		x := parts[fmt.Sprintf("xl/charts/chart%d.xml", i+1)]
		for _, want := range []string{`<barDir val="bar"`, `<grouping val="stacked"`, `<max val="24"`, `<min val="0"`, `<majorUnit val="6"`, `<legendPos val="b"`} {
			if !strings.Contains(x, want) {
				t.Errorf("chart %d (%s): no %s", i+1, q.ID, want)
			}
		}
		// Every series points at cells holding the option's name, the row labels and
		// the counts.
		refs := formula.FindAllStringSubmatch(x, -1)
		if len(refs) != 3*len(q.Options) {
			t.Fatalf("chart %d (%s): %d references, want 3 per option", i+1, q.ID, len(refs))
		}
		for j, o := range q.Options {
			name := cells(t, f, html.UnescapeString(refs[3*j][1]))
			cats := cells(t, f, html.UnescapeString(refs[3*j+1][1]))
			vals := cells(t, f, html.UnescapeString(refs[3*j+2][1]))
			if len(name) != 1 || name[0] != o {
				t.Errorf("chart %s series %d name %q, want %q", q.ID, j, name, o)
			}
			for k, r := range q.Rows {
				if cats[k] != r.Label || vals[k] != itoa(r.Count(o)) {
					t.Errorf("chart %s %s %s: %q %q, want %q %d", q.ID, r.Key, o, cats[k], vals[k], r.Label, r.Count(o))
				}
			}
			// The same answer has the same colour in every chart.
			if o == "実施している" || o == "開催している" || o == "把握している" {
				ser := strings.Split(x, "<ser>")[1+j]
				if !strings.Contains(ser, `<a:srgbClr val="1F4E79"`) {
					t.Errorf("chart %s: %s is not dark blue", q.ID, o)
				}
			}
		}
	}
	// Charts sit one under another without overlapping.
	anchor := regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
	var drawing string
	for name, x := range parts {
		if strings.HasPrefix(name, "xl/drawings/drawing") && strings.HasSuffix(name, ".xml") {
			drawing = x
		}
	}
	as := anchor.FindAllStringSubmatch(drawing, -1)
	if len(as) != len(choice) {
		t.Fatalf("%d chart anchors, want %d", len(as), len(choice))
	}
	prevEnd := -1
	for _, a := range as {
		from, _ := strconv.Atoi(a[2])
		to, _ := strconv.Atoi(a[4])
		if from <= prevEnd {
			t.Errorf("chart at row %d overlaps the one ending at row %d", from+1, prevEnd+1)
		}
		prevEnd = to
	}
}

// cells reads the values a chart reference like 'グラフ'!$M$7:$M$11 points at.
func cells(t *testing.T, f *excelize.File, ref string) []string {
	t.Helper()
	sheet, rng, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("reference %q", ref)
	}
	sheet = strings.Trim(sheet, "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	if to == "" {
		to = from
	}
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		t.Fatal(err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil || c1 != c2 {
		t.Fatalf("reference %q", ref)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		v, _ := f.GetCellValue(sheet, cellName(c1, r), excelize.Options{RawCellValue: true})
		out = append(out, v)
	}
	return out
}

func zipParts(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(b)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := write(t, sample(t))
	b := write(t, sample(t))
	if !bytes.Equal(a, b) {
		t.Fatal("the same result gave different workbooks")
	}
	if !strings.Contains(zipParts(t, a)["docProps/core.xml"], "2000-01-01T00:00:00Z") {
		t.Error("document dates are not fixed")
	}
}

// TestWardTextIsNeverAFormula: text from the wards that looks like a formula must stay text.
func TestWardTextIsNeverAFormula(t *testing.T) {
	res := sample(t)
	evil := []string{"=1+1", "+1+1", "-1+1", "@SUM(A1)", `=HYPERLINK("http://example.com","x")`, "=cmd|' /C calc'!A0"}
	q := res.Question("ka2")
	q.Texts = []aggregate.WardText{{Ward: "北区", Lines: evil}}
	res.Question("u3").Categories[0].Label = "=1+1"
	res.Question("i2").Rows[0].Label = "+SUM(1,2)"
	data := write(t, res)
	f := open(t, data)
	found := 0
	for _, sheet := range f.GetSheetList() {
		rs, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rs {
			for c, v := range row {
				if !strings.ContainsAny(v[:min(1, len(v))], "=+-@") {
					continue
				}
				cell := cellName(c+1, r+1)
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s %q is a formula", sheet, cell, v)
				}
				typ, _ := f.GetCellType(sheet, cell)
				if typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s %q has type %v, want a string", sheet, cell, v, typ)
				}
				found++
			}
		}
	}
	if found < len(evil)+2 {
		t.Errorf("found %d formula-like cells, want at least %d", found, len(evil)+2)
	}
	for name, x := range zipParts(t, data) {
		if strings.HasPrefix(name, "xl/worksheets/") && (strings.Contains(x, "<f>") || strings.Contains(x, "<f ")) {
			t.Errorf("%s holds a formula", name)
		}
	}
}

// TestIncomplete: with two returns missing, every sheet says so and the two wards are
// blank, not zero.
func TestIncomplete(t *testing.T) {
	dir := t.TempDir()
	files, err := returns.ListReturns(returnsDir)
	if err != nil {
		t.Fatal(err)
	}
	copied := 0
	for _, src := range files {
		name := filepath.Base(src)
		if name == "北区.xlsx" || name == "西区.xlsx" {
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		copied++
	}
	if copied != 22 {
		t.Fatalf("copied %d returns", copied)
	}
	res, err := collect(dir)
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, write(t, res))
	line, _ := f.GetCellValue(summary.SheetSummary, "A3")
	if line != res.Submission.Summary || line != "回答 22／24区（未提出: 北区、西区）" {
		t.Errorf("summary line %q", line)
	}
	st, _ := f.GetCellStyle(summary.SheetSummary, "A3")
	if style, _ := f.GetStyle(st); style == nil || style.Font == nil || !style.Font.Bold || style.Font.Color != "C00000" {
		t.Errorf("incomplete summary line is not red bold: %+v", style)
	}
	for _, sheet := range []string{summary.SheetAnswers, summary.SheetCounts, summary.SheetStatus, summary.SheetCharts} {
		if v, _ := f.GetCellValue(sheet, "A3"); v != line {
			t.Errorf("%s!A3 = %q, want the summary line", sheet, v)
		}
	}
	blocks := summaryBlocks(t, f, res)
	if got := blocks["i1"].row(t, "推進会議開催状況"); got[3] != "22" {
		t.Errorf("i1 answered %q, want 22", got[3])
	}
	for _, sheet := range []string{summary.SheetAnswers, summary.SheetCounts} {
		rs := rows(t, f, sheet)
		for i, ward := range []string{"北区", "西区"} {
			r := rs[6+[]int{0, 5}[i]]
			if r[0] != ward || r[2] != "未提出" {
				t.Errorf("%s: row %q, want %s 未提出", sheet, r[:3], ward)
			}
			if r[3] != "" || r[10] != "" {
				t.Errorf("%s %s: cells %q %q, want blank", sheet, ward, r[3], r[10])
			}
			cell := fmt.Sprintf("D%d", 7+[]int{0, 5}[i])
			st, _ := f.GetCellStyle(sheet, cell)
			if style, _ := f.GetStyle(st); style == nil || len(style.Fill.Color) == 0 || style.Fill.Color[0] != "D9D9D9" {
				t.Errorf("%s!%s (%s) is not grey", sheet, cell, ward)
			}
		}
	}
	rs := rows(t, f, summary.SheetStatus)
	if rs[4][2] != "未提出" || rs[9][2] != "未提出" || rs[5][2] != "集計済" {
		t.Errorf("提出状況: %q %q %q", rs[4][:3], rs[9][:3], rs[5][:3])
	}
}

// TestEarlierPeriods sets last year's figures beside this period's: 「―」 where the earlier
// survey had no such question or category, and options only the earlier survey had.
func TestEarlierPeriods(t *testing.T) {
	res := sample(t)
	prev := sample(t)
	p, err := period.Parse("令和５年度上半期")
	if err != nil {
		t.Fatal(err)
	}
	prev.Period, prev.PeriodLabel = p, p.Japanese()
	i1 := prev.Question("i1")
	i1.Options = []string{"開催している", "開催予定", "開催予定なし"}
	i1.Rows = []*aggregate.ChoiceRow{{Key: "i1", Label: i1.Label, Options: []aggregate.OptionCount{
		{Option: "開催している", Count: 16}, {Option: "開催予定", Count: 8}, {Option: "開催予定なし", Count: 0},
	}}}
	var kept []*aggregate.Question
	for _, q := range prev.Questions {
		if q.ID != "ka1" {
			kept = append(kept, q)
		}
	}
	prev.Questions = kept
	u3 := prev.Question("u3")
	u3.Categories = u3.Categories[:len(u3.Categories)-1]
	u3.Total.Sum = 6000
	if err := res.AttachEarlier([]*aggregate.Loaded{{Result: prev, File: "r5h1.json"}}); err != nil {
		t.Fatal(err)
	}
	f := open(t, write(t, res))
	blocks := summaryBlocks(t, f, res)
	rs := rows(t, f, summary.SheetSummary)

	b := blocks["i1"]
	period := rs[b.at[0]-3]
	if !strings.Contains(strings.Join(period, ","), "令和５年度上半期（回答24区）") || !strings.Contains(strings.Join(period, ","), "令和６年度上半期") {
		t.Errorf("i1 period row %q", period)
	}
	wantHead := []string{"区分（単位：区）", "開催している", "現時点では未開催", "合計", "開催している", "現時点では未開催", "開催予定", "開催予定なし"}
	if strings.Join(b.head[:8], ",") != strings.Join(wantHead, ",") {
		t.Errorf("i1 head %q, want %q", b.head[:8], wantHead)
	}
	if got := strings.Join(b.rows[0][:8], ","); got != "推進会議開催状況,18,6,24,16,―,8,0" {
		t.Errorf("i1 row %q", got)
	}
	// ka1 was not in the earlier survey: no earlier columns at all rather than a column of 「―」.
	if got := strings.Trim(strings.Join(blocks["ka1"].rows[0], ","), ","); got != "多職種研修会の実施状況,12,12,24" {
		t.Errorf("ka1 row %q, want this period's columns only", got)
	}
	u := blocks["u3"]
	c := u.col(t, "令和５年度上半期（回答24区）")
	if got := u.row(t, "20．その他")[c]; got != "―" {
		t.Errorf("u3 その他 earlier %q, want ―", got)
	}
	if got := u.row(t, "１．医科")[c]; got != "865" {
		t.Errorf("u3 医科 earlier %q, want 865", got)
	}
	if got := u.row(t, summary.TotalLabel)[c]; got != "6000" {
		t.Errorf("u3 total earlier %q, want 6000", got)
	}
}

// TestLibreOfficeReadsSummary converts the 集計 sheet to CSV with LibreOffice: the figures
// must survive another spreadsheet program, not only excelize.
func TestLibreOfficeReadsSummary(t *testing.T) {
	bin := formtest.Soffice(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "集計表.xlsx")
	if err := os.WriteFile(src, write(t, sample(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "csv")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	// Comma, double quote, UTF-8 (76), from line 1; the last token picks sheet 1 (集計).
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1`, "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	// LibreOffice names the file after the sheet when one is picked (集計表-集計.csv).
	found, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	sort.Strings(found)
	if len(found) != 1 {
		t.Fatalf("CSV files: %v", found)
	}
	data, err := os.ReadFile(found[0])
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 3 || recs[0][0] != "区役所・相談支援室の取組について" || recs[2][0] != "回答 24／24区" {
		t.Fatalf("not the 集計 sheet: %q", recs[:min(3, len(recs))])
	}
	has := func(cells ...string) bool {
		for _, rec := range recs {
			if len(rec) >= len(cells) && strings.Join(rec[:len(cells)], ",") == strings.Join(cells, ",") {
				return true
			}
		}
		return false
	}
	for _, want := range [][]string{
		{"区分（単位：区）", "開催している", "現時点では未開催", "合計"},
		{"推進会議開催状況", "18", "6", "24"},
		{"多職種研修会の実施状況", "12", "12", "24"},
		{summary.TotalLabel, "6784", "58", "浪速区", "671", "平野区"},
		{"（再掲：積極的役割を担う医療機関）", "348"},
		{"１．医療に関すること", "431"},
		{"合計", "689"},
		{"会議出席回数", "1004", "18", "浪速区", "71", "平野区"},
	} {
		if !has(want...) {
			t.Errorf("no row %q in LibreOffice's CSV", want)
		}
	}
	// A table that runs over a printed page goes on under its heading marked 「（続き）」
	// and its header row, which a reader of the CSV can tell and skip.
	continued := 0
	for i, rec := range recs {
		if !strings.HasSuffix(rec[0], summary.Continued) {
			continue
		}
		continued++
		if i+1 == len(recs) || !strings.HasPrefix(recs[i+1][0], "区分") {
			t.Errorf("CSV row %d %q is not followed by the header row", i+1, rec[0])
		}
	}
	if continued == 0 {
		t.Error("no continued table in LibreOffice's CSV; the sample should have one")
	}
}

func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return n
}

// The 集計ID given is shown on 提出状況 and in the document properties, and nowhere when
// none is given.
func TestAggregateIDShown(t *testing.T) {
	res := sample(t)
	var buf bytes.Buffer
	if err := summary.Write(&buf, res, "1a2b-3c4d"); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	found := false
	for _, r := range rows(t, f, summary.SheetStatus) {
		if r[0] == "集計ID" && r[1] == "1a2b-3c4d" {
			found = true
		}
	}
	if !found {
		t.Error("提出状況 has no 集計ID row")
	}
	props, err := f.GetDocProps()
	if err != nil || props.Identifier != "1a2b-3c4d" || !strings.Contains(props.Keywords, "1a2b-3c4d") {
		t.Errorf("document properties %+v, %v", props, err)
	}
	f = open(t, write(t, res))
	for _, r := range rows(t, f, summary.SheetStatus) {
		if r[0] == "集計ID" {
			t.Error("a 集計ID row with no ID given")
		}
	}
}

// TestEveryFontNamed: a font entry without a name prints in a serif substitute in
// LibreOffice, so every font of the workbook, and every font of a chart's text, names
// BIZ UDPゴシック (the digests its fixed-pitch sibling BIZ UDゴシック).
func TestEveryFontNamed(t *testing.T) {
	parts := zipParts(t, write(t, sample(t)))
	fonts := regexp.MustCompile(`(?s)<fonts[^>]*>(.*?)</fonts>`).FindStringSubmatch(parts["xl/styles.xml"])
	if fonts == nil {
		t.Fatal("no <fonts> in xl/styles.xml")
	}
	entries := regexp.MustCompile(`(?s)<font>(.*?)</font>`).FindAllStringSubmatch(fonts[1], -1)
	if len(entries) < 10 {
		t.Fatalf("%d fonts in xl/styles.xml, want one per kind of cell", len(entries))
	}
	name := regexp.MustCompile(`<name val="([^"]*)"`)
	allowed := map[string]bool{"BIZ UDPゴシック": true, "BIZ UDゴシック": true}
	for i, e := range entries {
		m := name.FindStringSubmatch(e[1])
		if m == nil {
			t.Errorf("font %d has no name: %s", i, e[1])
			continue
		}
		if !allowed[m[1]] {
			t.Errorf("font %d is %q", i, m[1])
		}
		if i > 0 && !strings.Contains(e[1], `<charset val="128"`) {
			t.Errorf("font %d (%s) is not marked Japanese (charset 128)", i, m[1])
		}
	}
	typeface := regexp.MustCompile(`<a:(latin|ea) typeface="([^"]*)"`)
	for part, x := range parts {
		if !strings.HasPrefix(part, "xl/charts/") {
			continue
		}
		// A run's own font; the paragraph defaults (+mn-lt) are overridden by it.
		for _, m := range typeface.FindAllStringSubmatch(x, -1) {
			if m[2] != "BIZ UDPゴシック" && !strings.HasPrefix(m[2], "+mn-") {
				t.Errorf("%s: %s typeface %q", part, m[1], m[2])
			}
		}
	}
}

// TestPrintTitles: every sheet of tables repeats its header rows (and the ward columns of
// the matrices) on each printed page.
func TestPrintTitles(t *testing.T) {
	f := open(t, write(t, sample(t)))
	want := map[string]string{
		summary.SheetSummary: "'集計'!$1:$3",
		summary.SheetAnswers: "'区別回答'!$A:$C,'区別回答'!$1:$6",
		summary.SheetCounts:  "'件数'!$A:$C,'件数'!$1:$6",
		summary.SheetTexts:   "'自由記述'!$1:$4",
		summary.SheetStatus:  "'提出状況'!$1:$4",
	}
	got := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			got[dn.Scope] = dn.RefersTo
		}
	}
	for sheet, ref := range want {
		if got[sheet] != ref {
			t.Errorf("%s: print titles %q, want %q", sheet, got[sheet], ref)
		}
	}
	// The header rows named are the tables' header rows.
	rs := rows(t, f, summary.SheetTexts)
	if strings.Join(rs[3][:3], ",") != "項目,区,内容" {
		t.Errorf("自由記述 row 4 is %q, not the header", rs[3][:3])
	}
	if rs := rows(t, f, summary.SheetStatus); rs[3][0] != "区" || rs[3][4] != "SHA-256" {
		t.Errorf("提出状況 row 4 is %q, not the header", rs[3][:8])
	}
}

// TestSummaryContinuedTables: a table on 集計 that runs over a page goes on, after a
// manual page break, under its heading marked 「（続き）」 and its header rows again,
// styled as the originals; a reader that skips those rows gets the table whole.
func TestSummaryContinuedTables(t *testing.T) {
	// With the earlier periods the wards tied for a minimum make ① 相談者別内訳 run over
	// pages; without them too.
	for _, c := range []struct {
		name string
		res  *aggregate.Result
	}{{"history", aggregatetest.Sample(t)}, {"plain", sample(t)}} {
		res := c.res
		t.Run(c.name, func(t *testing.T) {
			data := write(t, res)
			f := open(t, data)
			rs := rows(t, f, summary.SheetSummary)
			breaks := map[int]bool{}
			sheetXML := zipParts(t, data)["xl/worksheets/sheet1.xml"]
			for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(sheetXML, -1) {
				n, _ := strconv.Atoi(m[1])
				breaks[n+1] = true // a break after row id: the next row starts the page
			}
			// headings is the sheet row of each question's heading.
			headings := map[string]int{}
			for i, r := range rs {
				if _, ok := headings[r[0]]; !ok {
					headings[r[0]] = i + 1
				}
			}
			styles := func(row int) []string {
				var out []string
				for c := 1; c <= 20; c++ {
					v, _ := f.GetCellValue(summary.SheetSummary, cellName(c, row))
					st, _ := f.GetCellStyle(summary.SheetSummary, cellName(c, row))
					out = append(out, fmt.Sprintf("%s/%d", v, st))
				}
				return out
			}
			merges := map[int][]string{}
			mcs, err := f.GetMergeCells(summary.SheetSummary)
			if err != nil {
				t.Fatal(err)
			}
			for _, mc := range mcs {
				c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
				c2, r2, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
				merges[r1] = append(merges[r1], fmt.Sprintf("%d-%d+%d", c1, c2, r2-r1))
			}
			continued := 0
			for _, q := range res.Questions {
				switch q.Type {
				case schema.Choice, schema.ChoiceGroup, schema.Counts, schema.Total:
				default:
					continue
				}
				heading := q.Number + q.Label
				hrow, ok := headings[heading]
				if !ok {
					t.Fatalf("%s: heading %q not on 集計", q.ID, heading)
				}
				headRows := 1
				if len(rs[hrow]) > 0 && rs[hrow][0] == "" {
					headRows = 2 // the period row above the option heads
				}
				for i, r := range rs {
					if r[0] != heading+summary.Continued {
						continue
					}
					continued++
					row := i + 1
					if !breaks[row] {
						t.Errorf("%s: row %d continues the table with no page break before it", q.ID, row)
					}
					hs, _ := f.GetCellStyle(summary.SheetSummary, cellName(1, hrow))
					if cs, _ := f.GetCellStyle(summary.SheetSummary, cellName(1, row)); cs != hs {
						t.Errorf("%s: continued heading in style %d, the heading in %d", q.ID, cs, hs)
					}
					for j := 1; j <= headRows; j++ {
						if got, want := styles(row+j), styles(hrow+j); strings.Join(got, "|") != strings.Join(want, "|") {
							t.Errorf("%s: row %d is %q, want the header row %d %q", q.ID, row+j, got, hrow+j, want)
						}
						if got, want := merges[row+j], merges[hrow+j]; strings.Join(got, ",") != strings.Join(want, ",") {
							t.Errorf("%s: row %d merges %v, the header row %v", q.ID, row+j, got, want)
						}
						gh, _ := f.GetRowHeight(summary.SheetSummary, row+j)
						wh, _ := f.GetRowHeight(summary.SheetSummary, hrow+j)
						if gh != wh {
							t.Errorf("%s: row %d is %v tall, the header row %v", q.ID, row+j, gh, wh)
						}
					}
				}
			}
			if continued == 0 {
				t.Fatal("no table of the sample runs over a page; the test proves nothing")
			}
			// Read back without the repeated rows, the long tables are whole.
			blocks := summaryBlocks(t, f, res)
			for _, id := range []string{"o1", "u3"} {
				q := res.Question(id)
				b := blocks[id]
				for i, c := range q.Categories {
					if b.rows[i][0] != c.Label && !strings.HasSuffix(b.rows[i][0], c.Label) {
						t.Errorf("%s row %d is %q, want %q", id, i, b.rows[i][0], c.Label)
					}
					if b.rows[i][1] != itoa(c.Sum) {
						t.Errorf("%s %s: sum %q, want %d", id, c.Label, b.rows[i][1], c.Sum)
					}
				}
			}
		})
	}
}

// TestMatrixTitlesOnEveryPage: a question of a ward matrix wider than a page is split at
// manual column breaks, and each page of it has the question's title merged over its
// columns there, marked 「（続き）」 after the first; no title runs over a break.
func TestMatrixTitlesOnEveryPage(t *testing.T) {
	wide := sample(t)
	// A choice group of 40 rows is wider than any page of 区別回答.
	q := wide.Question("i2")
	for i := len(q.Rows); i < 40; i++ {
		r := *q.Rows[i%len(q.Rows)]
		r.Key = fmt.Sprintf("%s.x%02d", q.ID, i)
		q.Rows = append(q.Rows, &r)
	}
	for _, c := range []struct {
		sheet, part string
		res         *aggregate.Result
	}{
		{summary.SheetAnswers, "xl/worksheets/sheet2.xml", wide},
		{summary.SheetCounts, "xl/worksheets/sheet3.xml", sample(t)},
	} {
		t.Run(c.sheet, func(t *testing.T) {
			data := write(t, c.res)
			f := open(t, data)
			breaks := map[int]bool{}
			cb := regexp.MustCompile(`(?s)<colBreaks[^>]*>(.*?)</colBreaks>`).FindStringSubmatch(zipParts(t, data)[c.part])
			if cb == nil {
				t.Fatalf("%s has no column breaks", c.sheet)
			}
			for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(cb[1], -1) {
				n, _ := strconv.Atoi(m[1])
				breaks[n+1] = true // a break after column id: the next column starts the page
			}
			const titleRow = 4
			titles := map[int]string{} // first column of each title cell → its text
			mcs, err := f.GetMergeCells(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, mc := range mcs {
				c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
				c2, _, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
				if r1 != titleRow {
					continue
				}
				titles[c1] = mc.GetCellValue()
				for col := c1 + 1; col <= c2; col++ {
					if breaks[col] {
						t.Errorf("%s: title %q runs over the page break before column %d", c.sheet, mc.GetCellValue(), col)
					}
				}
			}
			rs := rows(t, f, c.sheet)
			continued := 0
			for col := range breaks {
				title, ok := titles[col]
				if !ok {
					title = rs[titleRow-1][col-1] // a question of one column is not merged
				}
				if title == "" {
					t.Errorf("%s: the page from column %d has no question title", c.sheet, col)
					continue
				}
				// The column before the break: a question that goes on is marked.
				prev := ""
				for p := col - 1; p > 3 && prev == ""; p-- {
					prev = rs[titleRow-1][p-1]
				}
				if strings.TrimSuffix(prev, summary.Continued) == strings.TrimSuffix(title, summary.Continued) {
					continued++
					if !strings.HasSuffix(title, summary.Continued) {
						t.Errorf("%s: column %d goes on with %q unmarked", c.sheet, col, title)
					}
				} else if strings.HasSuffix(title, summary.Continued) {
					t.Errorf("%s: column %d starts %q marked as continued", c.sheet, col, title)
				}
			}
			if continued == 0 {
				t.Errorf("%s: no question runs over a page; the test proves nothing", c.sheet)
			}
		})
	}
}

// tool finds a command-line tool the print test needs: CI installs it and must not skip.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not installed (apt-get install %s)", name, pkg)
	}
	t.Skipf("%s not installed", name)
	return ""
}

var spaces = regexp.MustCompile(`\s+`)

// TestLibreOfficePrint prints the workbook to PDF with LibreOffice and reads the pages: no
// serif stand-in for a font, a question's headings on the page of its table, and every
// page of a sheet whose table runs over pages headed by the table's header row.
func TestLibreOfficePrint(t *testing.T) {
	bin := formtest.Soffice(t)
	pdftotext := tool(t, "pdftotext", "poppler-utils")
	pdffonts := tool(t, "pdffonts", "poppler-utils")
	// With the earlier periods, as zaitaku aggregate --history writes it.
	res := aggregatetest.Sample(t)
	data := write(t, res)
	dir := t.TempDir()
	src := filepath.Join(dir, "集計表.xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	pdf := filepath.Join(dir, "集計表.pdf")

	out, err := exec.Command(pdffonts, pdf).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		if !strings.Contains(l, "BIZUD") {
			t.Errorf("a font other than BIZ UD Gothic: %s", l)
		}
	}

	out, err = exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Each page names its sheet at the right of its header line.
	bySheet := map[string][]string{}
	for _, page := range strings.Split(string(out), "\f") {
		first, _, _ := strings.Cut(strings.TrimLeft(page, "\n "), "\n")
		fields := strings.Fields(first)
		if len(fields) == 0 {
			continue
		}
		sheet := fields[len(fields)-1]
		bySheet[sheet] = append(bySheet[sheet], spaces.ReplaceAllString(page, ""))
	}
	for _, s := range []string{summary.SheetSummary, summary.SheetAnswers, summary.SheetCounts, summary.SheetTexts, summary.SheetStatus, summary.SheetCharts} {
		if len(bySheet[s]) == 0 {
			t.Errorf("no printed page of %s", s)
		}
	}

	// Tables that run over pages: each page starts with the header row.
	for sheet, head := range map[string]string{
		summary.SheetTexts:   "項目区内容",
		summary.SheetStatus:  "区基本保健医療圏状況ファイルSHA-256エラー数警告数指摘",
		summary.SheetAnswers: "区基本保健医療圏状況",
		summary.SheetCounts:  "区基本保健医療圏状況",
	} {
		if len(bySheet[sheet]) < 2 {
			t.Errorf("%s prints on %d page(s); the sample should run over pages", sheet, len(bySheet[sheet]))
		}
		for i, page := range bySheet[sheet] {
			if !strings.Contains(page, head) {
				t.Errorf("%s page %d has no header row %q", sheet, i+1, head)
			}
		}
	}
	// 比較した過去の集計結果 prints with its table.
	if n := pageOf(bySheet[summary.SheetStatus], 0, "比較した過去の集計結果"); n < 0 || pageOf(bySheet[summary.SheetStatus], n, res.Earlier[len(res.Earlier)-1].File) != n {
		t.Error("比較した過去の集計結果 is not on the page of its table")
	}

	// On 集計, the headings above a table print on the page of the table's first row.
	pages := bySheet[summary.SheetSummary]
	at := 0
	lastItem := ""
	for _, q := range res.Questions {
		var first string
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			first = q.Rows[0].Label
		case schema.Counts:
			first = q.Categories[0].Label
		case schema.Total:
			first = q.Label
		default:
			continue
		}
		heading := spaces.ReplaceAllString(q.Number+q.Label, "")
		n := pageOf(pages, at, heading)
		if n < 0 {
			t.Errorf("%s: heading %q not printed", q.ID, heading)
			continue
		}
		at = n
		if q.Item != lastItem {
			if m := pageOf(pages, max(at-1, 0), spaces.ReplaceAllString(q.ItemHeading, "")); m != n {
				t.Errorf("%s: item heading %q on page %d, its first question on page %d", q.ID, q.ItemHeading, m+1, n+1)
			}
			lastItem = q.Item
		}
		// A long label wraps in its cell: its start is enough.
		if !strings.Contains(pages[n], labelStart(first)) {
			t.Errorf("%s: heading %q on page %d without the table's first row %q", q.ID, heading, n+1, first)
		}
	}
	continuedPages(t, res, rows(t, open(t, data), summary.SheetSummary), pages)

	// The ward matrices name on every page the question of each of its columns. Read in the
	// order the PDF draws its text, a wrapped cell's lines stay together.
	out, err = exec.Command(pdftotext, "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	raw := map[string][]string{}
	for _, page := range strings.Split(string(out), "\f") {
		first, _, _ := strings.Cut(strings.TrimLeft(page, "\n "), "\n")
		if fields := strings.Fields(first); len(fields) > 0 {
			raw[fields[len(fields)-1]] = append(raw[fields[len(fields)-1]], page)
		}
	}
	matrixTitles(t, summary.SheetAnswers, raw[summary.SheetAnswers], answerKeys(res))
	matrixTitles(t, summary.SheetCounts, raw[summary.SheetCounts], countKeys(res))
}

// labelStart is the start of a row label as a page's text holds it: a long label wraps
// in its cell.
func labelStart(label string) string {
	l := []rune(spaces.ReplaceAllString(label, ""))
	return string(l[:min(len(l), 8)])
}

// continuedPages checks the printed pages of 集計 (their text without spaces): below the
// title rows, every page but the first starts with a heading, and a page that goes on
// with a table starts with the table's heading marked 「（続き）」 and its header row.
// rs is the sheet's rows, for the header rows.
func continuedPages(t *testing.T, res *aggregate.Result, rs [][]string, pages []string) {
	t.Helper()
	type table struct {
		heading, head string
		labels        []string
	}
	var tables []table
	var headings []string
	for _, q := range res.Questions {
		var labels []string
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			for _, r := range q.Rows {
				labels = append(labels, r.Label)
			}
		case schema.Counts:
			for _, c := range q.Categories {
				labels = append(labels, c.Label)
			}
		case schema.Total:
			labels = []string{q.Label}
		default:
			continue
		}
		heading := q.Number + q.Label
		tb := table{heading: spaces.ReplaceAllString(heading, ""), labels: labels}
		for i, r := range rs {
			if r[0] == heading && i+1 < len(rs) {
				// The first header cell: the period row's is empty, its first period is not.
				for _, c := range rs[i+1] {
					if c != "" {
						tb.head = spaces.ReplaceAllString(c, "")
						break
					}
				}
				break
			}
		}
		if tb.head == "" {
			t.Fatalf("%s: no header row under %q on 集計", q.ID, heading)
		}
		tables = append(tables, tb)
		headings = append(headings, spaces.ReplaceAllString(q.SheetTitle, ""), spaces.ReplaceAllString(q.ItemHeading, ""), tb.heading)
	}
	titleEnd := spaces.ReplaceAllString(res.Submission.Summary, "")
	continued := 0
pages:
	for i, page := range pages[1:] {
		n := i + 2
		at := strings.Index(page, titleEnd)
		if at < 0 {
			t.Errorf("集計 page %d has no title rows", n)
			continue
		}
		rest := page[at+len(titleEnd):]
		for _, tb := range tables {
			if !strings.HasPrefix(rest, tb.heading+summary.Continued) {
				continue
			}
			continued++
			after := rest[len(tb.heading+summary.Continued):]
			h := strings.Index(after, tb.head)
			if h < 0 {
				t.Errorf("集計 page %d goes on with %q without its header row %q", n, tb.heading, tb.head)
				continue pages
			}
			for _, l := range tb.labels {
				if j := strings.Index(after, labelStart(l)); j >= 0 && j < h {
					t.Errorf("集計 page %d goes on with %q: row %q above the header row", n, tb.heading, l)
				}
			}
			continue pages
		}
		found := false
		for _, h := range headings {
			found = found || h != "" && strings.HasPrefix(rest, h)
		}
		if !found {
			r := []rune(rest)
			t.Errorf("集計 page %d goes on with a table under no heading nor header row: %q…", n, string(r[:min(len(r), 40)]))
		}
	}
	if continued == 0 {
		t.Error("no table on 集計 runs over a page; the sample should have one")
	}
}

// answerKeys is the question title of every key of 区別回答.
func answerKeys(res *aggregate.Result) map[string]string {
	out := map[string]string{}
	for _, q := range res.Questions {
		if q.Type == schema.Choice || q.Type == schema.ChoiceGroup {
			for _, r := range q.Rows {
				out[r.Key] = title(q)
			}
		}
	}
	return out
}

// countKeys is the question title (with its unit) of every key of 件数.
func countKeys(res *aggregate.Result) map[string]string {
	out := map[string]string{}
	for _, q := range res.Questions {
		head := title(q)
		if q.Unit != "" {
			head += "（" + q.Unit + "）"
		}
		switch q.Type {
		case schema.Counts:
			for _, c := range q.Categories {
				out[c.Key] = head
			}
		case schema.Total:
			out[q.ID] = head
		}
	}
	return out
}

// title is a question's title on the ward matrices: 「（イ）（１）推進会議開催状況」.
func title(q *aggregate.Question) string {
	t := q.Number + q.Label
	if q.ItemMark != "" {
		t = "（" + q.ItemMark + "）" + t
	}
	return t
}

// matrixTitles checks that every printed page of a ward matrix (pdftotext -raw) names a
// question and the question of every column key on it.
func matrixTitles(t *testing.T, sheet string, pages []string, keys map[string]string) {
	t.Helper()
	if len(pages) < 2 {
		t.Errorf("%s prints on %d page(s); the sample should run over pages", sheet, len(pages))
	}
	titles := map[string]bool{}
	for _, v := range keys {
		titles[spaces.ReplaceAllString(v, "")] = true
	}
	for i, page := range pages {
		text := spaces.ReplaceAllString(page, "")
		named := false
		for v := range titles {
			named = named || strings.Contains(text, v)
		}
		if !named {
			t.Errorf("%s page %d names no question", sheet, i+1)
		}
		seen := map[string]bool{}
		for _, f := range strings.Fields(page) {
			v, ok := keys[f]
			if !ok || seen[v] {
				continue
			}
			seen[v] = true
			if !strings.Contains(text, spaces.ReplaceAllString(v, "")) {
				t.Errorf("%s page %d has columns of %q (%s) without its title", sheet, i+1, v, f)
			}
		}
	}
}

// pageOf is the first of pages from index from that holds s, or -1.
func pageOf(pages []string, from int, s string) int {
	for i := from; i < len(pages); i++ {
		if strings.Contains(pages[i], s) {
			return i
		}
	}
	return -1
}
