package returns_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// sjisKitaku is 「北区」 in Shift_JIS, as a Windows zip unpacked on Linux leaves it.
const sjisKitaku = "\x96\x6b\x8b\xe6"

var oleHead = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)

func TestDisplayName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"北区.xlsx", "北区.xlsx"},
		{"report 2024.xlsx", "report 2024.xlsx"},
		{sjisKitaku + ".xlsx", "北区.xlsx"},
		{"\x82\xa0\x82\xa2.xls", "あい.xls"},
		// Not Shift_JIS either (a lead byte before "."): each stray byte shown, the rest kept.
		{"caf\xe9.xlsx", `caf\xE9.xlsx`},
		{"北区\xff.xlsx", `北区\xFF.xlsx`},
		// A lone control character is not taken as Shift_JIS text.
		{"\x81\x01.xlsx", `\x81` + "\x01.xlsx"},
	} {
		got := returns.DisplayName(tc.in)
		if got != tc.want || !utf8.ValidString(got) {
			t.Errorf("DisplayName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Whatever bytes a name holds, what is shown is valid UTF-8.
func FuzzDisplayName(f *testing.F) {
	f.Add(sjisKitaku + ".xlsx")
	f.Add("caf\xe9")
	f.Fuzz(func(t *testing.T, s string) {
		got := returns.DisplayName(s)
		if !utf8.ValidString(got) {
			t.Fatalf("DisplayName(%q) = %q is not UTF-8", s, got)
		}
		if utf8.ValidString(s) && got != s {
			t.Fatalf("a UTF-8 name changed: %q → %q", s, got)
		}
	})
}

// ownSummary writes a workbook the way render/summary does: zaitaku as creator, a title
// ending in 集計表 or a 提出状況 sheet.
func ownSummary(t *testing.T, path, title, sheet string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "zaitaku", Title: title}); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestListFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ret, _ := formtest.WriteReturn(t, dir, "北区.xlsx", formtest.ValidAnswers(schema.Default()))
	xlsx, err := os.ReadFile(ret)
	if err != nil {
		t.Fatal(err)
	}
	write("港区.xls", xlsx) // an .xlsx renamed: read by content
	write("西区.xls", oleHead)
	write(sjisKitaku+"2.xls", oleHead)
	write("東成区.ods", []byte("PK\x03\x04ods"))
	write("生野区.xlsb", []byte("PK\x03\x04xlsb"))
	write("旭区.numbers", []byte("PK\x03\x04numbers"))
	write("メモ.csv", []byte("区名,回答\n北区,1\n"))
	write("集計.csv", []byte("\uFEFF期間,区,ブロック,設問ID,設問,選択肢・区分,値\r\n"))
	write("report.pdf", []byte("%PDF-1.4\n1 0 obj << /Creator <FEFF007A0061006900740061006B0075> >>"))
	write("調査依頼.pdf", []byte("%PDF-1.4\n1 0 obj << /Creator (Word) >>"))
	write("回答票.zip", []byte("PK\x03\x04"))
	write("~$北区.xlsx", []byte("lock"))
	write(".DS_Store", []byte("x"))
	write("README.txt", []byte("x"))
	ownSummary(t, filepath.Join(dir, "集計表.xlsx"), "令和６年度上半期 区役所・相談支援室の取組について 集計表", "集計")
	ownSummary(t, filepath.Join(dir, "前回の結果.xlsx"), "", "提出状況")
	if err := os.Mkdir(filepath.Join(dir, "古い回答票"), 0o755); err != nil {
		t.Fatal(err)
	}

	l, err := returns.ListFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range l.Returns {
		got = append(got, filepath.Base(p))
	}
	if want := []string{"北区.xlsx", "港区.xls"}; !reflect.DeepEqual(got, want) {
		t.Errorf("returns %v, want %v", got, want)
	}
	refused := map[string]string{}
	var order []string
	for _, fe := range l.Refused {
		refused[fe.File] = fe.Msg
		order = append(order, fe.File)
	}
	for name, want := range map[string]string{
		"西区.xls":     "Excel 97-2003 形式 (.xls) は読めません",
		"北区2.xls":    "Excel 97-2003 形式",
		"東成区.ods":    "OpenDocument 形式 (.ods) は読めません",
		"生野区.xlsb":   "Excel バイナリ形式 (.xlsb)",
		"旭区.numbers": "Numbers 形式は読めません",
		"メモ.csv":     "CSV やテキストのファイルです",
	} {
		if !strings.Contains(refused[name], want) {
			t.Errorf("refused %s: %q, want %q", name, refused[name], want)
		}
	}
	if len(refused) != 6 || !sortedStrings(order) {
		t.Errorf("refused %v", order)
	}
	skipped := map[string]string{}
	for _, s := range l.Skipped {
		skipped[s.Name] = s.Note
		if own := strings.Contains(s.Note, "zaitaku"); s.Own != own {
			t.Errorf("%s: own %v", s.Name, s.Own)
		}
	}
	for name, want := range map[string]string{
		"集計表.xlsx":   "zaitaku aggregate が作った集計表",
		"前回の結果.xlsx": "zaitaku aggregate が作った集計表",
		"集計.csv":     "zaitaku aggregate が作った集計.csv",
		"report.pdf": "zaitaku が作った報告書",
		"調査依頼.pdf":   "PDF は読みません",
		"回答票.zip":    "展開して",
	} {
		if !strings.Contains(skipped[name], want) {
			t.Errorf("skipped %s: %q, want %q", name, skipped[name], want)
		}
	}
	if len(skipped) != 6 {
		t.Errorf("skipped %v", skipped)
	}
	if rs, err := returns.ListReturns(dir); err != nil || !reflect.DeepEqual(rs, l.Returns) {
		t.Errorf("ListReturns %v, %v", rs, err)
	}
}

func sortedStrings(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] > s[i] {
			return false
		}
	}
	return true
}

// OwnOutput agrees with ListFolder on what is ours.
func TestOwnOutput(t *testing.T) {
	dir := t.TempDir()
	ownSummary(t, filepath.Join(dir, "集計表.xlsx"), "令和６年度上半期 集計表", "集計")
	ret, _ := formtest.WriteReturn(t, dir, "北区.xlsx", formtest.ValidAnswers(schema.Default()))
	os.WriteFile(filepath.Join(dir, "集計.csv"), []byte("\uFEFF期間,区,ブロック,設問ID,設問,選択肢・区分,値\r\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "メモ.csv"), []byte("a,b\n"), 0o644)
	for name, want := range map[string]bool{"集計表.xlsx": true, "集計.csv": true, filepath.Base(ret): false, "メモ.csv": false, "ない.pdf": false} {
		sk, own := returns.OwnOutput(filepath.Join(dir, name))
		if own != want || (own && (sk.Name != name || !sk.Own || sk.Note == "")) {
			t.Errorf("%s: %+v %v, want %v", name, sk, own, want)
		}
	}
}
