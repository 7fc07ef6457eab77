package longcsv

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

func TestGuardKeepsFormulasOut(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":       "'=1+1",
		"+81-6":      "'+81-6",
		"-3":         "'-3",
		"@SUM(A1)":   "'@SUM(A1)",
		"北区":         "北区",
		"":           "",
		"１．医科":       "１．医科",
		"（再掲）地域ケア会議": "（再掲）地域ケア会議",
	} {
		if got := Guard(in); got != want {
			t.Errorf("Guard(%q) = %q, want %q", in, got, want)
		}
	}
}

// A schema that calls its units 相談支援室 and has no blocks gets that word in the header
// and no block column at all, in the header or in any row.
func TestUnitWordAndNoBlockColumn(t *testing.T) {
	for _, tc := range []struct {
		units aggregate.Units
		want  string
	}{
		{aggregate.Units{Label: "相談支援室", List: []aggregate.Unit{{Name: "北部室"}}}, "期間,相談支援室,設問ID,設問,選択肢・区分,値,集計ID"},
		{aggregate.Units{Label: "区", Blocks: []string{"北部"}, List: []aggregate.Unit{{Name: "北区", Block: "北部"}}}, "期間,区,ブロック,設問ID,設問,選択肢・区分,値,集計ID"},
		{aggregate.Units{Label: "区", BlockLabel: "基本保健医療圏", Blocks: []string{"北部"}, List: []aggregate.Unit{{Name: "北区", Block: "北部"}}}, "期間,区,基本保健医療圏,設問ID,設問,選択肢・区分,値,集計ID"},
	} {
		u := tc.units.List[0]
		res := &aggregate.Result{Units: tc.units, Submission: aggregate.Submission{Wards: []aggregate.WardStatus{{Ward: u.Name, Block: u.Block, Status: aggregate.StatusMissing}}}}
		var b bytes.Buffer
		if err := Write(&b, res, "1a2b-3c4d"); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(recs[0], ","); got != tc.want {
			t.Errorf("header = %s, want %s", got, tc.want)
		}
		if len(recs) != 2 || len(recs[1]) != len(recs[0]) || recs[1][1] != u.Name {
			t.Errorf("rows = %q, want one row of %d fields for %s", recs[1:], len(recs[0]), u.Name)
		}
	}
}

// A number question is one row per unit, its value exact in its decimal places.
func TestNumberRows(t *testing.T) {
	res := aggregatetest.NumberSample(t)
	var buf bytes.Buffer
	if err := Write(&buf, res, "abcd-1234"); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"2016-08,第一室,days,（ア）（２）窓口開設日数,,20,abcd-1234\r\n",
		"2016-08,第一室,hours,（ア）（３）平均相談時間,,1.5,abcd-1234\r\n",
		"2016-08,第二室,hours,（ア）（３）平均相談時間,,2.0,abcd-1234\r\n",
		"2016-08,第四室,hours,（ア）（３）平均相談時間,,3.2,abcd-1234\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, ",days,"); n != 5 {
		t.Errorf("%d rows for days, want one per unit (5)", n)
	}
}
