package charts

import (
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

// unitCells reads a unit table back from its pages, as a reader of the PDF would: per
// row (a unit, or a foot row) and column key, the cell printed; it fails the test when a
// cell is printed twice or a page breaks the rules of paging.
func unitCells(t *testing.T, ut *UnitTable) map[string]map[string]string {
	t.Helper()
	got := map[string]map[string]string{}
	put := func(page *Matrix, r MatrixRow) {
		if len(r.Cells) != len(page.Columns) {
			t.Fatalf("%s: row %s has %d cells for %d columns", page.Title, r.Ward, len(r.Cells), len(page.Columns))
		}
		if got[r.Ward] == nil {
			got[r.Ward] = map[string]string{}
		}
		for i, c := range page.Columns {
			if _, dup := got[r.Ward][c.Key]; dup {
				t.Errorf("%s: %s × %s printed twice", page.Title, r.Ward, c.Short)
			}
			got[r.Ward][c.Key] = r.Cells[i]
		}
	}
	for _, page := range ut.Pages {
		if !page.Numeric {
			t.Errorf("%s is not marked numeric", page.Title)
		}
		if len(page.Rows) > unitTableRows || len(page.Rows) == 0 {
			t.Errorf("%s holds %d units", page.Title, len(page.Rows))
		}
		last := page.Rows[len(page.Rows)-1].Ward == ut.Rows[len(ut.Rows)-1].Ward
		if last != (len(page.Foot) == 3) {
			t.Errorf("%s: last units %v, %d foot rows", page.Title, last, len(page.Foot))
		}
		w := ut.unitWidth()
		for _, c := range page.Columns {
			for i, uc := range ut.Columns {
				if uc.Key == c.Key {
					w += ut.columnWidths()[i]
				}
			}
		}
		if w > unitTableWidth && len(page.Columns) > 1 {
			t.Errorf("%s is %.1f columns wide, more than %.0f", page.Title, w, unitTableWidth)
		}
		for _, r := range page.Rows {
			put(page, r)
		}
		for _, r := range page.Foot {
			put(page, r)
		}
	}
	return got
}

// checkUnitTable holds every cell of a question's unit table to aggregate.json's figures:
// each counted unit's count per category and its total, the 合計, 最少 and 最大 of each,
// and empty cells for a unit not counted.
func checkUnitTable(t *testing.T, res *aggregate.Result, ut *UnitTable) {
	t.Helper()
	q := res.Question(ut.ID)
	got := unitCells(t, ut)
	if len(got) != len(res.Submission.Wards)+3 {
		t.Errorf("%s: %d rows, want %d units and 3 foot rows", ut.ID, len(got), len(res.Submission.Wards))
	}
	figures := map[string]*aggregate.Figure{q.ID: q.Total}
	for _, c := range q.Categories {
		figures[c.Key] = &c.Figure
	}
	for key, f := range figures {
		values := f.Values()
		for _, ws := range res.Submission.Wards {
			want := ""
			if v, ok := values[ws.Ward]; ok && ws.Status == aggregate.StatusCounted {
				want = Thousands(v)
			}
			if g := got[ws.Ward][key]; g != want {
				t.Errorf("%s %s × %s = %q, aggregate.json has %q", ut.ID, ws.Ward, key, g, want)
			}
		}
		for row, want := range map[string]int64{UnitTableSum: f.Sum, UnitTableMin: f.Min.Value, UnitTableMax: f.Max.Value} {
			if g := got[row][key]; g != Thousands(want) {
				t.Errorf("%s %s × %s = %q, want %s", ut.ID, row, key, g, Thousands(want))
			}
		}
	}
	// The total column is each unit's categories without the 再掲 ones.
	for _, ws := range res.Submission.Wards {
		if ws.Status != aggregate.StatusCounted {
			continue
		}
		var sum int64
		for _, c := range q.Categories {
			if !c.Repeat {
				sum += c.Values()[ws.Ward]
			}
		}
		if got[ws.Ward][q.ID] != Thousands(sum) {
			t.Errorf("%s %s: total %q, its categories add up to %d", ut.ID, ws.Ward, got[ws.Ward][q.ID], sum)
		}
	}
}

func TestUnitTablesAreTheAggregate(t *testing.T) {
	res := aggregatetest.UnitTableSample(t)
	if q := res.Question("o2"); q == nil || !q.UnitTable {
		t.Fatal("unit_table of the schema is not in the aggregate")
	}
	rep := Build(res, Options{})
	if len(rep.UnitTables) != 2 || rep.UnitTables[0].ID != "u3" || rep.UnitTables[1].ID != "o2" {
		t.Fatalf("unit tables %+v", rep.UnitTables)
	}
	u3, o2 := rep.UnitTables[0], rep.UnitTables[1]
	if want := "付表　区別の件数：（１）②個別相談ケース 相談内容別内訳"; o2.Title != want || len(o2.Pages) != 1 || o2.Pages[0].Title != want {
		t.Errorf("o2 titled %q over %d pages, want %q on one", o2.Title, len(o2.Pages), want)
	}
	var codes []string
	for _, c := range u3.Columns {
		codes = append(codes, c.Short)
	}
	if got := strings.Join(codes, " "); !strings.HasPrefix(got, "1 再1 2 3 ") || !strings.HasSuffix(got, " 19 20 合計") {
		t.Errorf("u3 codes %s", got)
	}
	if !u3.Columns[1].Repeat || !u3.Columns[len(u3.Columns)-1].Total || u3.Columns[len(u3.Columns)-1].Label != TotalWithoutRepeat {
		t.Errorf("u3 columns %+v", u3.Columns[:2])
	}
	// Twenty-two columns do not fit across one page beside the key: two even pages.
	if len(u3.Pages) != 2 || len(u3.Pages[0].Columns) != 11 || !strings.HasSuffix(u3.Pages[1].Title, "（2／2）") {
		t.Errorf("u3 over %d pages, %d columns on the first", len(u3.Pages), len(u3.Pages[0].Columns))
	}
	if l := strings.Join(u3.Pages[0].Legend, "／"); l != "単位：件／再1 は再掲（合計には含まない）" {
		t.Errorf("u3 first legend %q", l)
	}
	if l := strings.Join(u3.Pages[1].Legend, "／"); l != "単位：件" {
		t.Errorf("u3 second legend %q", l)
	}
	for _, ut := range rep.UnitTables {
		checkUnitTable(t, res, ut)
	}
	if rep := Build(sample(t), Options{}); len(rep.UnitTables) != 0 {
		t.Errorf("the default schema asks for no unit table, the report has %d", len(rep.UnitTables))
	}
}

// A unit not counted keeps its row, marked with its status and without figures; the
// foot rows are over the units counted.
func TestUnitTableMissingUnit(t *testing.T) {
	res := aggregatetest.UnitTableSample(t, "北区")
	rep := Build(res, Options{})
	for _, ut := range rep.UnitTables {
		r := ut.Rows[0]
		if r.Ward != "北区" || !r.Missing || r.Status != "未提出" || strings.Join(r.Cells, "") != "" {
			t.Errorf("%s first row %+v", ut.ID, r)
		}
		checkUnitTable(t, res, ut)
	}
}

// Many units page down as well as across: every unit once per run of columns, at most
// unitTableRows a page, the foot rows under the last; the pages numbered.
func TestUnitTablePaging(t *testing.T) {
	for _, n := range []int{60, 1741} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var res *aggregate.Result
			if n == 1741 {
				res = aggregatetest.Collection(t, n).Result()
			} else {
				res = aggregatetest.Synthetic(t, n).Collect(t).Result()
			}
			rep := Build(aggregatetest.WithUnitTables(t, res), Options{})
			if len(rep.UnitTables) != 2 {
				t.Fatalf("%d unit tables", len(rep.UnitTables))
			}
			for _, ut := range rep.UnitTables {
				checkUnitTable(t, res, ut)
				rowPages := (n + unitTableRows - 1) / unitTableRows
				if len(ut.Pages)%rowPages != 0 {
					t.Errorf("%s: %d pages for %d pages of units", ut.ID, len(ut.Pages), rowPages)
				}
				of := len(ut.Pages)
				for i, p := range ut.Pages {
					if !strings.HasSuffix(p.Title, fmt.Sprintf("（%d／%d）", i+1, of)) {
						t.Errorf("page %d titled %q", i+1, p.Title)
					}
				}
			}
		})
	}
}

func TestUnitTableTitle(t *testing.T) {
	for _, tc := range []struct{ units, unit, want string }{
		{"区", "件", "付表　区別の件数：（２）相談者内訳"},
		{"相談支援室", "件", "付表　相談支援室別の件数：（２）相談者内訳"},
		{"市町村", "回", "付表　市町村別の回数：（２）相談者内訳"},
		{"区", "か所", "付表　区別の集計：（２）相談者内訳"},
		{"区", "", "付表　区別の集計：（２）相談者内訳"},
	} {
		if got := UnitTableTitle(tc.units, tc.unit, "（２）相談者内訳"); got != tc.want {
			t.Errorf("UnitTableTitle(%q, %q) = %q, want %q", tc.units, tc.unit, got, tc.want)
		}
	}
}

func TestColumnRuns(t *testing.T) {
	for _, tc := range []struct {
		widths []float64
		room   float64
		want   string
	}{
		{[]float64{5, 5, 5}, 20, "[[0 3]]"},
		{[]float64{5, 5, 5, 5, 5}, 20, "[[0 3] [3 5]]"},
		{[]float64{30, 5}, 20, "[[0 1] [1 2]]"},
		{[]float64{5}, 1, "[[0 1]]"},
	} {
		if got := fmt.Sprint(columnRuns(tc.widths, tc.room)); got != tc.want {
			t.Errorf("columnRuns(%v, %v) = %s, want %s", tc.widths, tc.room, got, tc.want)
		}
	}
}
