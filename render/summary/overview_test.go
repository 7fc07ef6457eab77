package summary_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
)

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
	pub := func(question, key, option string) string { return published(t, question, key, option) }
	res := sample(t)
	blocks := summaryBlocks(t, open(t, write(t, res)), res)
	tests := []struct {
		q, row, col, want string
	}{
		{"i1", "推進会議開催状況", "開催している", pub("i1", "i1", "開催している")},
		{"i1", "推進会議開催状況", "現時点では未開催", pub("i1", "i1", "現時点では未開催")},
		{"i1", "推進会議開催状況", "合計", "24"},
		{"ka1", "多職種研修会の実施状況", "開催している", pub("ka1", "ka1", "開催している")},
		{"ki1", "普及啓発の実施状況", "開催している", pub("ki1", "ki1", "開催している")},
		{"ki1", "普及啓発の実施状況", "現時点では未開催", pub("ki1", "ki1", "現時点では未開催")},
		{"u3", summary.TotalLabel, "合計", pub("u3", "", "")},
		{"o1", summary.TotalLabel, "合計", pub("o1", "", "")},
		{"o2", "１．医療に関すること", "合計", pub("o2", "o2.med", "")},
		{"o2", "２．介護に関すること", "合計", pub("o2", "o2.care", "")},
		{"o2", "３．福祉に関すること", "合計", pub("o2", "o2.welfare", "")},
		{"o2", "４．退院支援に関すること", "合計", pub("o2", "o2.discharge", "")},
		{"o2", "５．看取りに関すること", "合計", pub("o2", "o2.eol", "")},
		{"o2", "６．ACP・意思決定に関すること", "合計", pub("o2", "o2.acp", "")},
		{"o2", "７．情報提供ツールに関すること", "合計", pub("o2", "o2.tool", "")},
		{"o2", "８．その他", "合計", pub("o2", "o2.other", "")},
		{"o2", "合計", "合計", pub("o2", "", "")},
		{"o4", "１．市・区の会議、研修会", "合計", pub("o4", "o4.city", "")},
		{"o4", "２．関係機関との会議、研修会", "合計", pub("o4", "o4.org", "")},
		{"o4", "（再掲）地域ケア会議", "合計", pub("o4", "o4.carekaigi", "")},
		{"o4", summary.TotalLabel, "合計", pub("o4", "", "")},
		{"o4total", "会議出席回数", "合計", pub("o4total", "", "")},
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

// published is a figure of 資料１ (testdata/shiryo1.tsv) of the sample's period as a
// sheet shows it.
func published(t *testing.T, question, key, option string) string {
	return strconv.FormatInt(aggregatetest.Published(t, "2024H1", question, key, option), 10)
}
