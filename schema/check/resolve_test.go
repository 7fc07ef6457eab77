package check_test

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
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

// slotCode are the codes of an answer cell that cannot be tied to one cell.
var slotCode = map[finding.Code]bool{finding.SlotConflict: true, finding.SlotAmbiguous: true, finding.SlotBroken: true, finding.SlotMoved: true}

// The odd returns of testdata/bad whose answer cells moved: one error on the right cell,
// and none of the answers involved is read, so no figure is taken from a neighbour.
func TestMovedAnswerCellsAreNotRead(t *testing.T) {
	sc := schema.Default()
	cases := []struct {
		file, where, message string
		unread               []string
	}{
		{"LibreOfficeで件数を切り取り貼り付け.xlsx", "相談支援室!D23", "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D23 を指しています。切り取り・貼り付けで回答欄が動いた可能性があります。様式を作り直すか、元の位置に値を入力し直してください", []string{"u3.02", "u3.03"}},
		{"LibreOfficeで選択肢を切り取り貼り付け.xlsx", "区役所!D13", "「４．地域の医療・介護関係者との医療・介護資源の情報共有・活用」と「５．在宅医療・介護の必要量（需要）や資源量（供給）の将来推計」の回答欄が同じセル D13", []string{"a1.4", "a1.5"}},
		{"回答欄の名前が同じセル.xlsx", "相談支援室!D23", "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D23", []string{"u3.02", "u3.03"}},
		{"切り取り貼り付けで名前が#REF!.xlsx", "相談支援室!D23", "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D23", []string{"u3.02", "u3.03"}},
		{"回答欄の名前が２つ.xlsx", "相談支援室!D26", "回答欄の名前「zq_u3_05」が 2 通りに定義されています", []string{"u3.05"}},
		{"回答欄の名前と列Aが不一致.xlsx", "相談支援室!D26", "回答欄の名前が 相談支援室!D200 を指していますが", []string{"u3.05"}},
		{"回答欄のリストが重なる.xlsx", "区役所!C60", "「（カ）研修テーマ」と「（キ）対応策の実施事例」の回答欄が同じセル C60", []string{"ka2", "ki3"}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			r, err := check.Read(filepath.Join("..", "..", "testdata", "bad", tc.file), sc, check.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Findings) != 1 {
				for _, f := range r.Findings {
					t.Logf("finding: %s %s", f.Where(), f.Message)
				}
				t.Fatalf("%d findings, want 1", len(r.Findings))
			}
			f := r.Findings[0]
			if f.Where() != tc.where || f.Severity != finding.Error || !slotCode[f.Code] || !strings.Contains(f.Message, tc.message) {
				t.Errorf("finding %s %s %s %q, want a slot error at %s containing %q", f.Where(), f.Severity, f.Code, f.Message, tc.where, tc.message)
			}
			for _, k := range tc.unread {
				_, count := r.Counts[k]
				_, choice := r.Choices[k]
				_, text := r.Texts[k]
				_, list := r.Lists[k]
				if count || choice || text || list {
					t.Errorf("%s was read as an answer", k)
				}
			}
		})
	}
}

// editReturn writes a valid return, lets edit change it with excelize and reads it back.
func editReturn(t *testing.T, edit func(f *excelize.File, cells map[string]form.Location)) *returns.Return {
	t.Helper()
	sc := schema.Default()
	path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", formtest.ValidAnswers(sc))
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(f, cells)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func setName(t *testing.T, f *excelize.File, name, ref string) {
	t.Helper()
	if err := f.DeleteDefinedName(&excelize.DefinedName{Name: name}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}); err != nil {
		t.Fatal(err)
	}
}

// Edits that keep every answer on its own cell read clean; edits that move one give one
// error on the right cell.
func TestNameAndIDColumnChecks(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(t *testing.T, f *excelize.File, cells map[string]form.Location)
		where string // "" for a clean read
		msg   string
	}{
		{name: "rows inserted inside a text list", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			l := cells[form.DefinedName("ka2")]
			var row int
			fmt.Sscan(l.Cell[1:], &row)
			if err := f.InsertRows(l.Sheet, row+2, 2); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "name of a single cell widened to a range", where: "相談支援室!D26", msg: "参照先が壊れています", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			setName(t, f, "zq_u3_05", "'相談支援室'!$D$26:$D$27")
		}},
		{name: "name on another sheet than its row", where: "相談支援室!D26", msg: "回答欄の名前が 区役所!D200 を指していますが、回答欄は 相談支援室!D26 です", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			setName(t, f, "zq_u3_05", "'区役所'!$D$200")
		}},
		{name: "row copied over the next answer's row, column A included", where: "相談支援室!D24", msg: "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D24 を指しています", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			for _, col := range []string{"A", "D"} {
				v, err := f.GetCellValue("相談支援室", col+"23")
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellStr("相談支援室", col+"24", v); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{name: "name lost, others kept", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			if err := f.DeleteDefinedName(&excelize.DefinedName{Name: "zq_u3_05"}); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "header name pasted over by the period", where: "区役所!D4", msg: "「区名」と「対象期間」の回答欄が同じセル D4", edit: func(t *testing.T, f *excelize.File, cells map[string]form.Location) {
			setName(t, f, form.NameWard, "'区役所'!$D$4")
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := editReturn(t, func(f *excelize.File, cells map[string]form.Location) { tc.edit(t, f, cells) })
			if tc.where == "" {
				for _, fd := range r.Findings {
					t.Errorf("unexpected finding: %s %s", fd.Where(), fd.Message)
				}
				if len(r.Lists["ka2"]) == 0 || r.Counts["u3.05"] == 0 || r.Ward == nil {
					t.Errorf("answers not read: ka2 %q u3.05 %d ward %v", r.Lists["ka2"], r.Counts["u3.05"], r.Ward)
				}
				return
			}
			if len(r.Findings) != 1 {
				for _, fd := range r.Findings {
					t.Logf("finding: %s %s", fd.Where(), fd.Message)
				}
				t.Fatalf("%d findings, want 1", len(r.Findings))
			}
			if fd := r.Findings[0]; fd.Where() != tc.where || !strings.Contains(fd.Message, tc.msg) {
				t.Errorf("finding %s %q, want %s containing %q", fd.Where(), fd.Message, tc.where, tc.msg)
			}
		})
	}
}

// The committed cut-and-paste returns were written by LibreOffice itself, and LibreOffice
// left both answers' names on the pasted-over cell: the situation the reader must catch.
func TestLibreOfficeCutPasteFixturesAreReal(t *testing.T) {
	cases := []struct{ file, cut, pasted, cell string }{
		{"LibreOfficeで件数を切り取り貼り付け.xlsx", "zq_u3_03", "zq_u3_02", "相談支援室!$D$23"},
		{"LibreOfficeで選択肢を切り取り貼り付け.xlsx", "zq_a1_5", "zq_a1_4", "区役所!$D$13"},
	}
	for _, tc := range cases {
		zr, err := zip.OpenReader(filepath.Join("..", "..", "testdata", "bad", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		part := func(name string) string {
			f, err := zr.Open(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			b, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		if app := part("docProps/app.xml"); !strings.Contains(app, "<Application>LibreOffice/") {
			t.Errorf("%s was not saved by LibreOffice: %s", tc.file, app)
		}
		wb := part("xl/workbook.xml")
		for _, name := range []string{tc.cut, tc.pasted} {
			if !regexp.MustCompile(`name="` + name + `"[^>]*>` + regexp.QuoteMeta(tc.cell) + `<`).MatchString(wb) {
				t.Errorf("%s: %s does not point at %s", tc.file, name, tc.cell)
			}
		}
		zr.Close()
	}
}
