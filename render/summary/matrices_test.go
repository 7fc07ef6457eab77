package summary_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
)

func TestAnswersSheet(t *testing.T) {
	res := sample(t)
	f := open(t, write(t, res))
	rs := rows(t, f, sheetAnswers)
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
