package check_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
)

func TestParseCount(t *testing.T) {
	cases := []struct {
		in      string
		number  bool
		want    int64
		problem string // part of the problem; "" when accepted
	}{
		{in: "0", want: 0},
		{in: "12", want: 12},
		{in: " 12　", want: 12},
		{in: "１２", want: 12},
		{in: "1,234", want: 1234},
		{in: "１，２３４", want: 1234},
		{in: "１,２３４", want: 1234},
		{in: "12,345,678", want: 12345678},
		{in: "007", want: 7},
		{in: "2147483647", want: 2147483647},
		{in: "2147483648", problem: "大きすぎる数です"},
		{in: "3 5", problem: "数字が２つ入力されています"},
		{in: "3　5", problem: "数字が２つ入力されています"},
		{in: "3\n5", problem: "数字が２つ入力されています"},
		{in: "1 2 3", problem: "数字が３つ入力されています"},
		{in: "12,3", problem: "桁区切りの「,」の位置が正しくありません"},
		{in: "0,123", problem: "桁区切り"},
		{in: "1²", problem: "数として読めません"},
		{in: "0x1p4", problem: "数として読めません"},
		{in: "0x10", problem: "数として読めません"},
		{in: "1_000", problem: "数として読めません"},
		{in: "1e3", problem: "数として読めません"},
		{in: "NaN", problem: "数として読めません"},
		{in: "Inf", problem: "数として読めません"},
		{in: "①", problem: "数として読めません"},
		{in: "12件", problem: "単位は不要"},
		{in: "１２ 件", problem: "単位は不要"},
		{in: "-3", problem: "負の数です"},
		{in: "▲3", problem: "負の数です"},
		{in: "－３", problem: "負の数です"},
		{in: "2.5", problem: "整数ではありません"},
		{in: "２．５", problem: "整数ではありません"},
		{in: "3.0", problem: "小数点が入っています"},
		{in: "12\u200b", problem: "目に見えない文字"},
		{in: "不明", problem: "数として読めません"},
		{in: "", problem: "空欄です"},
		// A number cell's stored value is judged as the number it is.
		{in: "1000", number: true, want: 1000},
		{in: "1E+3", number: true, want: 1000},
		{in: "12.0", number: true, want: 12},
		{in: "12.5", number: true, problem: "整数ではありません"},
		{in: "-4", number: true, problem: "負の数です"},
		{in: "1E+15", number: true, problem: "大きすぎる数です"},
		{in: "1E+400", number: true, problem: "大きすぎる数です"},
		{in: "NaN", number: true, problem: "数ではありません"},
		{in: "Inf", number: true, problem: "数ではありません"},
		{in: "0x10", number: true, problem: "数ではありません"},
		{in: "1,234", number: true, problem: "数ではありません"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%q/%v", tc.in, tc.number), func(t *testing.T) {
			n, problem := check.ParseCount(tc.in, tc.number)
			switch {
			case tc.problem == "" && (problem != "" || n != tc.want):
				t.Errorf("ParseCount = %d, %q; want %d", n, problem, tc.want)
			case tc.problem != "" && !strings.Contains(problem, tc.problem):
				t.Errorf("ParseCount = %d, %q; want a problem containing %q", n, problem, tc.problem)
			}
		})
	}
}

func TestVisible(t *testing.T) {
	cases := []struct{ in, shown, legend string }{
		{"3 5", "3␣5", "（␣は半角スペース）"},
		{"12\n3", "12⏎3", "（⏎は改行）"},
		{"12\r\n3", "12⏎3", "（⏎は改行）"},
		{"3　5", "3□5", "（□は全角スペース）"},
		{"3\t5 6", "3⇥5␣6", "（⇥はタブ、␣は半角スペース）"},
		{"1\u00a0234", "1⍽234", "（⍽は改行しないスペース）"},
		{"12\u200b", "12⟨U+200B⟩", ""},
		{"\ufeff7", "⟨U+FEFF⟩7", ""},
		{"１２件", "１２件", ""},
	}
	for _, tc := range cases {
		shown, legend := check.Visible(tc.in)
		if shown != tc.shown || legend != tc.legend {
			t.Errorf("Visible(%q) = %q, %q; want %q, %q", tc.in, shown, legend, tc.shown, tc.legend)
		}
	}
}

// A count's message shows what the cell holds, invisible characters made visible.
func TestCountMessageShowsWhatWasTyped(t *testing.T) {
	r := editReturn(t, func(f *excelize.File, cells map[string]form.Location) {
		l := cells[form.DefinedName("u3.05")]
		if err := f.SetCellStr(l.Sheet, l.Cell, "3 5"); err != nil {
			t.Fatal(err)
		}
	})
	if len(r.Findings) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(r.Findings), r.Findings)
	}
	want := "「3␣5」（␣は半角スペース）は数字が２つ入力されています（空白や改行で区切られています）。0 以上の整数を入力してください"
	if f := r.Findings[0]; f.Message != want || f.Value != "3 5" {
		t.Errorf("finding %q (value %q), want %q", f.Message, f.Value, want)
	}
	if _, ok := r.Counts["u3.05"]; ok {
		t.Error("u3.05 was read as a count")
	}
}

// Every row of a text list is checked as the first row is, and the finding names the
// row's own cell; a rejected row gives no line.
func TestEveryListRowIsChecked(t *testing.T) {
	cases := []struct {
		name string
		row  int // 0-based row of the ka2 list
		set  func(f *excelize.File, sheet, cell string) error
		sev  finding.Severity
		code finding.Code
	}{
		{"TRUE in the second row", 1, func(f *excelize.File, sh, c string) error { return f.SetCellBool(sh, c, true) }, finding.Error, finding.CellBool},
		{"formula without a result in the third row", 2, func(f *excelize.File, sh, c string) error {
			// Emptied first: excelize would keep the old value's string index as the result.
			if err := f.SetCellValue(sh, c, nil); err != nil {
				return err
			}
			return f.SetCellFormula(sh, c, "C42&C43")
		}, finding.Error, finding.NoFormulaResult},
		{"two rows merged", 1, func(f *excelize.File, sh, c string) error { return f.MergeCell(sh, "C42", "E43") }, finding.Error, finding.CellMerged},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var cell string
			var first []string
			r := editReturn(t, func(f *excelize.File, cells map[string]form.Location) {
				l := cells[form.DefinedName("ka2")]
				var row int
				fmt.Sscan(l.Cell[1:], &row)
				cell = fmt.Sprintf("C%d", row+tc.row)
				v, _ := f.GetCellValue(l.Sheet, l.Cell)
				first = []string{v}
				if err := f.UnmergeCell(l.Sheet, fmt.Sprintf("C%d", row+tc.row), fmt.Sprintf("E%d", row+tc.row)); err != nil {
					t.Fatal(err)
				}
				if tc.row == 1 {
					if err := f.UnmergeCell(l.Sheet, l.Cell, fmt.Sprintf("E%d", row)); err != nil {
						t.Fatal(err)
					}
				}
				if err := tc.set(f, l.Sheet, cell); err != nil {
					t.Fatal(err)
				}
			})
			if len(r.Findings) != 1 {
				for _, fd := range r.Findings {
					t.Logf("finding: %s %s", fd.Where(), fd.Message)
				}
				t.Fatalf("%d findings, want 1", len(r.Findings))
			}
			fd := r.Findings[0]
			if fd.Where() != "区役所!"+cell || fd.Severity != tc.sev || fd.Code != tc.code {
				t.Errorf("finding %s %s %s %q, want %s %s at 区役所!%s", fd.Where(), fd.Severity, fd.Code, fd.Message, tc.sev, tc.code, cell)
			}
			for _, line := range r.Lists["ka2"] {
				if line == "1" || line == "TRUE" {
					t.Errorf("the rejected row reached the answers: %q", r.Lists["ka2"])
				}
			}
			if len(r.Lists["ka2"]) == 0 || r.Lists["ka2"][0] != first[0] {
				t.Errorf("ka2 read as %q, want it to start with %q", r.Lists["ka2"], first[0])
			}
		})
	}
}
