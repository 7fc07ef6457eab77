package aggregatecmd

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// Computed figures (schema's computed: true), which no ward types, reach every output as
// figures like any other: the 医療 and 介護 subtotals of formtest.ComputedYAML and its
// computed total, over three units, in aggregate.json, 集計.csv, 集計表.xlsx, the PDF, the
// HTML page and the deck.
func TestComputedFiguresInEveryOutput(t *testing.T) {
	dir := t.TempDir()
	schemaPath := filepath.Join(dir, "computed.yaml")
	if err := os.WriteFile(schemaPath, []byte(formtest.ComputedYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	sc := formtest.ComputedSchema(t)
	returns := filepath.Join(dir, "returns")
	if err := os.MkdirAll(returns, 0o755); err != nil {
		t.Fatal(err)
	}
	// 医療 = 診療所 + 病院 + その他 (往診 is 再掲), 介護 = 介護支援専門員 + その他,
	// 会議出席回数 = 市・区 + 関係機関: 北区 14, 6, 3; 都島区 2, 1, 0; 福島区 30, 12, 8.
	answers := map[string]map[string]any{
		"北区":  {"c1med.clinic": 10, "c1med.clinicr": 2, "c1med.hospital": 3, "c1med.other": 1, "c1care.cm": 5, "c1care.other": 1, "c1.other": 2, "c1.medr": 4, "m1.city": 1, "m1.org": 2},
		"都島区": {"c1med.clinic": 1, "c1med.clinicr": 0, "c1med.hospital": 1, "c1med.other": 0, "c1care.cm": 1, "c1care.other": 0, "c1.other": 5, "c1.medr": 0, "m1.city": 0, "m1.org": 0},
		"福島区": {"c1med.clinic": 20, "c1med.clinicr": 7, "c1med.hospital": 5, "c1med.other": 5, "c1care.cm": 10, "c1care.other": 2, "c1.other": 0, "c1.medr": 30, "m1.city": 4, "m1.org": 4},
	}
	for unit, a := range answers {
		a["_period"] = "令和６年度上半期"
		data, _ := formtest.ComputedReturn(t, sc, unit, a)
		if err := os.WriteFile(filepath.Join(returns, unit+".xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	if keep := os.Getenv("ZAITAKU_COMPUTED_KEEP"); keep != "" {
		out = keep
	}
	if msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: returns, Output: out}); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	wantByUnit := map[string]map[string]int64{
		"c1.med":  {"北区": 14, "都島区": 2, "福島区": 30},
		"c1.care": {"北区": 6, "都島区": 1, "福島区": 12},
		"m1total": {"北区": 3, "都島区": 0, "福島区": 8},
	}

	t.Run(JSONName, func(t *testing.T) {
		res := readResult(t, out)
		c1 := res.Question("c1")
		if c1 == nil || c1.Total == nil || c1.Total.Sum != 14+6+2+2+1+5+30+12+0 {
			t.Fatalf("c1's total (subtotals and その他, without 再掲): %+v", c1)
		}
		seen := 0
		for _, cat := range c1.Categories {
			want, ok := wantByUnit[cat.Key]
			if !ok {
				continue
			}
			seen++
			if got := cat.Figure.Values(); !maps.Equal(got, want) || cat.Figure.Sum != sum(want) {
				t.Errorf("%s: by unit %v sum %d, want %v", cat.Key, got, cat.Figure.Sum, want)
			}
		}
		if seen != 2 {
			t.Errorf("aggregate.json has %d of the two subtotals", seen)
		}
		if m := res.Question("m1total"); m == nil || !maps.Equal(m.Total.Values(), wantByUnit["m1total"]) || m.Total.Sum != 11 {
			t.Errorf("m1total: %+v", m)
		}
	})

	t.Run(CSVName, func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join(out, CSVName))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, r := range recs[1:] {
			got[r[2]+" "+r[1]] = r[5]
		}
		for key, want := range map[string]string{"c1.med 北区": "14", "c1.med 福島区": "30", "c1.care 都島区": "1", "m1total 福島区": "8"} {
			if got[key] != want {
				t.Errorf("%s: %q, want %q", key, got[key], want)
			}
		}
	})

	t.Run(SummaryName, func(t *testing.T) {
		f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		// The overview has a row per category: its total, the least and the most.
		found := false
		rows, _ := f.GetRows(f.GetSheetList()[0], excelize.Options{RawCellValue: true})
		for _, row := range rows {
			found = found || slices.Equal(row, []string{"１．医療", "46", "2", "都島区", "30", "福島区"})
		}
		if !found {
			t.Errorf("no row of %s's first sheet reads １．医療 46, 2 都島区, 30 福島区", SummaryName)
		}
		// The sheet of counts by unit has a column per category: c1.med's holds each unit's.
		rows, _ = f.GetRows(summary.SheetCounts, excelize.Options{RawCellValue: true})
		col, units := -1, 0
		for _, row := range rows {
			if i := slices.Index(row, "c1.med"); i >= 0 {
				col = i
			}
			if col >= 0 && len(row) > col {
				want, ok := wantByUnit["c1.med"][row[0]]
				if ok {
					units++
				}
				if ok && row[col] != fmt.Sprint(want) {
					t.Errorf("%s sheet, %s: c1.med %s, want %d", summary.SheetCounts, row[0], row[col], want)
				}
			}
		}
		if col < 0 || units != 3 {
			t.Errorf("the %s sheet has no column c1.med with the three units (%d)", summary.SheetCounts, units)
		}
	})

	t.Run(report.PDFName, func(t *testing.T) {
		bin := formtest.Tool(t, "poppler-utils", "pdftotext")
		text, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(out, report.PDFName), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"１．医療", "２．介護", "会議出席回数"} {
			if !bytes.Contains(text, []byte(want)) {
				t.Errorf("the PDF does not show %s", want)
			}
		}
	})

	t.Run(report.HTMLName, func(t *testing.T) {
		page, err := os.ReadFile(filepath.Join(out, report.HTMLName))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(page, []byte("１．医療")) || !bytes.Contains(page, []byte("２．介護")) {
			t.Error("the HTML page does not show the subtotals")
		}
	})

	t.Run(report.PPTXName, func(t *testing.T) {
		deck, err := os.ReadFile(filepath.Join(out, report.PPTXName))
		if err != nil {
			t.Fatal(err)
		}
		text := deckText(t, deck)
		if !strings.Contains(text, "１．医療") || !strings.Contains(text, "\n46\n") {
			t.Errorf("the deck does not show １．医療 with its total 46:\n%s", short(text))
		}
	})
}

func sum(m map[string]int64) int64 {
	var s int64
	for _, v := range m {
		s += v
	}
	return s
}
