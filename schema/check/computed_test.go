package check_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// readComputed fills formtest.ComputedSchema's form for 北区 with answers, reads and checks
// it, and gives where each answer cell is.
func readComputed(t *testing.T, sc *schema.Schema, answers map[string]any) (*returns.Return, map[string]form.Location) {
	t.Helper()
	data, cells := formtest.ComputedReturn(t, sc, "北区", answers)
	r, err := check.ReadBytes("北区.xlsx", data, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r, cells
}

// wantCounts holds a return's counts for the given keys; -1 means absent.
func wantCounts(t *testing.T, r *returns.Return, want map[string]int64) {
	t.Helper()
	for k, w := range want {
		got, ok := r.Counts[k]
		switch {
		case w < 0 && ok:
			t.Errorf("%s = %d, want it absent", k, got)
		case w >= 0 && (!ok || got != w):
			t.Errorf("%s = %d (read %v), want %d", k, got, ok, w)
		}
	}
}

// A return saved by excelize has no value in its formula cells: the computed figures come
// from their parts, and the cells nobody types are neither missing nor otherwise reported.
func TestComputedFiguresFromTheirParts(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	r, _ := readComputed(t, sc, formtest.ValidAnswers(sc))
	for _, f := range r.Findings {
		t.Errorf("unexpected finding: %s", f.Line(false))
	}
	for _, k := range []string{"c1.med", "c1.care", "m1total"} {
		if c := r.Cells[k]; c == nil || !c.NoResult {
			t.Fatalf("%s: the cell read is %+v, want a formula without a saved result", k, c)
		}
	}
	// c1.med = 2 + 2 + 2 (the 再掲 往診 left out), c1.care = 2 + 2, m1total = 2 + 2.
	wantCounts(t, r, map[string]int64{"c1.med": 6, "c1.care": 4, "m1total": 4, "c1.medr": 1, "c1.other": 2})
}

// With a part of a computed figure empty, the figure is absent and only the empty part is
// reported.
func TestComputedFigureWithAPartMissing(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	a := formtest.ValidAnswers(sc)
	delete(a, "c1med.hospital")
	r, cells := readComputed(t, sc, a)
	if len(r.Findings) != 1 || r.Findings[0].Code != finding.Missing || r.Findings[0].Where() != cells[form.DefinedName("c1med.hospital")].String() {
		t.Errorf("want only a missing finding on c1med.hospital; got %v", r.Findings)
	}
	wantCounts(t, r, map[string]int64{"c1.med": -1, "c1.care": 4, "m1total": 4})
}

// A computed cell a ward typed over (the sheet unprotected) is a warning naming the cell
// and both values; the figure used is still the sum of the parts.
func TestComputedCellTypedOver(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	for _, tc := range []struct {
		name  string
		key   string
		typed any
		msg   string // "" = no finding
	}{
		{"a different number", "c1.med", 40, "自動計算の欄が書き換えられています（入力 40、内訳の合計 6 件）。集計には 6 件を使います"},
		{"a large number", "c1.care", 1234, "（入力 1,234、内訳の合計 4 件）"},
		{"a decimal", "c1.care", 4.5, "（入力 4.5、内訳の合計 4 件）"},
		{"text", "c1.med", "たくさん", "（入力「たくさん」、内訳の合計 6 件）"},
		{"a computed total", "m1total", 5, "（入力 5、「市・区の会議」・「関係機関との会議」の合計 2 ＋ 2 ＝ 4 回）。集計には 4 回を使います"},
		{"the same number", "c1.med", 6, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := formtest.ValidAnswers(sc)
			a[tc.key] = tc.typed
			r, cells := readComputed(t, sc, a)
			want := map[string]int64{"c1.med": 6, "c1.care": 4, "m1total": 4}
			wantCounts(t, r, want)
			if tc.msg == "" {
				if len(r.Findings) != 0 {
					t.Errorf("the sum typed into its own cell gives findings: %v", r.Findings)
				}
				return
			}
			if len(r.Findings) != 1 {
				t.Fatalf("want one warning, got %v", r.Findings)
			}
			f := r.Findings[0]
			if f.Code != finding.ComputedOverwritten || f.Severity != finding.Warning || f.Where() != cells[form.DefinedName(tc.key)].String() ||
				!strings.Contains(f.Message, tc.msg) || f.Expected != check.Thousands(want[tc.key]) {
				t.Errorf("got %s [%s], want a warning on %s containing %q", f.Line(false), f.Code, cells[form.DefinedName(tc.key)], tc.msg)
			}
		})
	}
}

// A 再掲 of a computed figure, and a rule comparing computed figures, are judged on the
// computed values, on the cells they are about.
func TestComputedFiguresInChecksAndRules(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	for _, tc := range []struct {
		name, key string
		value     int
		code      finding.Code
		on        string
		msg       string
	}{
		{"再掲 over a subtotal", "c1.medr", 7, finding.RepeatExceeds, "c1.medr", "再掲（7 件）が「医療」の 6 件 を超えています"},
		{"rule on two subtotals", "c1care.cm", 20, finding.RuleCompare, "c1.care", "相談内容 ― ２．介護 22 件が 相談内容 ― １．医療 6 件"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := formtest.ValidAnswers(sc)
			a[tc.key] = tc.value
			r, cells := readComputed(t, sc, a)
			if len(r.Findings) != 1 {
				t.Fatalf("want one finding, got %v", r.Findings)
			}
			f := r.Findings[0]
			if f.Code != tc.code || f.Where() != cells[form.DefinedName(tc.on)].String() || !strings.Contains(f.Message, tc.msg) {
				t.Errorf("got %s [%s], want %s on %s containing %q", f.Line(false), f.Code, tc.code, cells[form.DefinedName(tc.on)], tc.msg)
			}
		})
	}
}

// A return whose computed cell lost its name and id (a row deleted and retyped) still reads:
// the figure comes from its parts, and nobody is asked to type it back.
func TestComputedCellLostIsNotMissing(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	data, cells := formtest.ComputedReturn(t, sc, "北区", formtest.ValidAnswers(sc))
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	loc := cells[form.DefinedName("c1.med")]
	if err := f.DeleteDefinedName(&excelize.DefinedName{Name: form.DefinedName("c1.med")}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(loc.Sheet, form.IDCol+loc.Cell[1:], ""); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "北区.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Cells["c1.med"] != nil {
		t.Fatal("the computed cell is still found; the test no longer removes it")
	}
	for _, fd := range r.Findings {
		t.Errorf("unexpected finding: %s", fd.Line(false))
	}
	wantCounts(t, r, map[string]int64{"c1.med": 6})
}

// LibreOffice computes the formula cells (by the parts' defined names) when it re-saves a
// return, also after a ward inserted rows inside a breakdown: the cells then hold the sums,
// and the return reads as before, without findings.
func TestComputedAfterLibreOffice(t *testing.T) {
	bin := formtest.Soffice(t)
	sc := formtest.ComputedSchema(t)
	a := formtest.ValidAnswers(sc)
	a["c1med.clinic"] = 10 // c1.med = 10 + 2 + 2
	a["m1.org"] = 7        // m1total = 2 + 7
	data, cells := formtest.ComputedReturn(t, sc, "北区", a)
	f, err := excelize.OpenReader(strings.NewReader(string(data)))
	if err != nil {
		t.Fatal(err)
	}
	// Two rows inserted between 診療所・医師 and 病院, below the 医療 subtotal's cell.
	hospital := cells[form.DefinedName("c1med.hospital")]
	_, row, _ := excelize.CellNameToCoordinates(hospital.Cell)
	if err := f.InsertRows(hospital.Sheet, row, 2); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "北区.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := check.Read(resave(t, bin, path), sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range r.Findings {
		t.Errorf("finding after LibreOffice: %s", fd.Line(false))
	}
	if c := r.Cells["c1med.hospital"]; c == nil || c.Cell == hospital.Cell {
		t.Fatalf("病院 is still at %s; the rows were not inserted", hospital.Cell)
	}
	for key, want := range map[string]string{"c1.med": "14", "c1.care": "4", "m1total": "9"} {
		if c := r.Cells[key]; c == nil || c.Value != want || c.Kind != returns.KindNumber {
			t.Errorf("%s after LibreOffice: cell %+v, want the number %s computed by LibreOffice", key, c, want)
		}
	}
	wantCounts(t, r, map[string]int64{"c1.med": 14, "c1.care": 4, "m1total": 9})
}

// Neither the complete answer set nor the synthetic answers type a computed figure, and
// both fill the form so that it reads without errors, the computed figures adding up.
func TestAnswersLeaveComputedCellsAlone(t *testing.T) {
	sc := formtest.ComputedSchema(t)
	sets := map[string]map[string]any{"ValidAnswers": formtest.ValidAnswers(sc)}
	for i := range 8 {
		sets[fmt.Sprint("SyntheticAnswers ", i)] = formtest.SyntheticAnswers(sc, "北区", rand.New(rand.NewPCG(1, uint64(i))))
	}
	for name, a := range sets {
		for _, key := range sc.ComputedKeys() {
			if _, ok := a[key]; ok {
				t.Errorf("%s types the computed %s", name, key)
			}
		}
		data, _ := formtest.ComputedReturn(t, sc, "北区", a)
		r, err := check.ReadBytes("北区.xlsx", data, sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			// The schema's one rule (介護 ≤ 医療, a warning) is not arranged for by the
			// synthetic answers; nothing else may be found.
			if f.Code != finding.RuleCompare {
				t.Errorf("%s: %s", name, f.Line(false))
			}
		}
		for _, key := range sc.ComputedKeys() {
			var sum int64
			for _, p := range sc.ComputedParts(key) {
				sum += r.Counts[p]
			}
			if got, ok := r.Counts[key]; !ok || got != sum {
				t.Errorf("%s: %s = %d (%v), want %d", name, key, got, ok, sum)
			}
		}
	}
}
