package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// badCase is one odd or hostile return: how it is made from a good one, and what
// `zaitaku validate` must say about it. The list is written to cases.tsv, which the tests
// read, so the files and their expected findings cannot drift apart.
type badCase struct {
	file string
	// exit is validate's exit code; where the sheet!cell of the finding ("" for the file).
	exit  int
	where string
	// below moves where that many rows down, to one row of a text list.
	below int
	// want is a part of the message (or 問題はありません for a return that must be accepted).
	want string
	// code is the finding's code; none for a return that must be accepted.
	code finding.Code
	// edit changes the good return; raw, when set, makes the bytes instead.
	edit func(f *excelize.File, at func(key string) form.Location) error
	// patch rewrites the saved workbook's XML for what excelize cannot write.
	patch func(data []byte, at func(key string) form.Location) ([]byte, error)
	raw   func(good []byte) ([]byte, error)
}

func setStr(key, v string) func(*excelize.File, func(string) form.Location) error {
	return func(f *excelize.File, at func(string) form.Location) error {
		l := at(key)
		return f.SetCellStr(l.Sheet, l.Cell, v)
	}
}

// badCases lists the odd workbooks of issue 5 that are generated; old-format.xls and
// encrypted.xlsx were made with LibreOffice and are committed as they are.
func badCases() []badCase {
	return []badCase{
		{file: "件数に単位.xlsx", exit: 1, where: "u3.02", want: "数字以外の文字を含みます", code: finding.NotACount, edit: setStr("u3.02", "12件")},
		{file: "件数が全角と桁区切り.xlsx", exit: 0, want: "問題はありません", edit: setStr("u3.01", "１,２３４")},
		{file: "数値が文字列.xlsx", exit: 0, want: "問題はありません", edit: setStr("o1.03", "7")},
		{file: "件数に日付.xlsx", exit: 1, where: "o1.03", want: "日付として入力されています", code: finding.CellDate, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("o1.03")
			return f.SetCellValue(l.Sheet, l.Cell, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
		}},
		{file: "件数にTRUE.xlsx", exit: 1, where: "o1.03", want: "TRUE／FALSE", code: finding.CellBool, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("o1.03")
			return f.SetCellBool(l.Sheet, l.Cell, true)
		}},
		{file: "件数にエラー値.xlsx", exit: 1, where: "o1.03", want: "エラー値「#DIV/0!」", code: finding.CellError, patch: cellXML("o1.03", `<f>1/0</f><v>#DIV/0!</v>`, "e")},
		{file: "数式と計算結果.xlsx", exit: 0, want: "問題はありません", patch: cellXML("o1.03", `<f>1+1</f><v>2</v>`, "")},
		{file: "数式で計算結果なし.xlsx", exit: 1, where: "o1.03", want: "数式の計算結果が保存されていません", code: finding.NoFormulaResult, patch: cellXML("o1.03", `<f>1+1</f>`, "")},
		{file: "回答欄が結合.xlsx", exit: 1, where: "a1.1", want: "他のセルと結合されています", code: finding.CellMerged, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("a1.1")
			return f.MergeCell(l.Sheet, "C"+l.Cell[1:], l.Cell)
		}},
		{file: "行とシートを非表示.xlsx", exit: 0, want: "問題はありません", edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("a1.1")
			var row int
			fmt.Sscan(l.Cell[1:], &row)
			if err := f.SetRowVisible(l.Sheet, row, false); err != nil {
				return err
			}
			return f.SetSheetVisible("相談支援室", false)
		}},
		{file: "シート名を変更.xlsx", exit: 0, want: "問題はありません", edit: func(f *excelize.File, _ func(string) form.Location) error {
			return f.SetSheetName("区役所", "区役所（北区）")
		}},
		{file: "シートを追加.xlsx", exit: 0, want: "問題はありません", edit: func(f *excelize.File, _ func(string) form.Location) error {
			if _, err := f.NewSheet("メモ"); err != nil {
				return err
			}
			return f.SetCellStr("メモ", "A1", "=提出前に課長確認")
		}},
		{file: "１行ずれて入力.xlsx", exit: 1, where: "a1.5", want: "すぐ下の", code: finding.MisplacedBelow, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("a1.5")
			v, _ := f.GetCellValue(l.Sheet, l.Cell)
			var row int
			fmt.Sscan(l.Cell[1:], &row)
			if err := f.SetCellStr(l.Sheet, l.Cell, ""); err != nil {
				return err
			}
			return f.SetCellStr(l.Sheet, fmt.Sprintf("D%d", row+1), v)
		}},
		{file: "隣のセルに入力.xlsx", exit: 1, where: "a1.2", want: "右隣の", code: finding.MisplacedRight, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("a1.2")
			if err := f.SetCellStr(l.Sheet, l.Cell, ""); err != nil {
				return err
			}
			return f.SetCellStr(l.Sheet, "E"+l.Cell[1:], "実施している")
		}},
		{file: "リストの上に貼り付け.xlsx", exit: 1, where: "a1.3", want: "「実施済み（一部）」は選択肢にありません", code: finding.NotAChoice, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("a1.3")
			if err := f.DeleteDataValidation(l.Sheet); err != nil {
				return err
			}
			return f.SetCellStr(l.Sheet, l.Cell, "実施済み（一部）")
		}},
		{file: "文字数が上限超え.xlsx", exit: 1, where: "ki3", want: "Excel の上限 32767 字を超えています", code: finding.TooLong, patch: cellXML("ki3", "<is><t>"+strings.Repeat("講演会を開催した。", 3700)+"</t></is>", "inlineStr")},
		{file: "制御文字.xlsx", exit: 0, where: "ki3", want: "制御文字が含まれていたため取り除きました", code: finding.ControlChar, patch: cellXML("ki3", "<is><t>区民向け講演会を開催_x0007_した</t></is>", "inlineStr")},
		{file: "空のファイル.xlsx", exit: 2, want: "ファイルが空です", code: finding.Unreadable, raw: func([]byte) ([]byte, error) { return nil, nil }},
		{file: "途中で切れた.xlsx", exit: 2, want: "ファイルが壊れているか", code: finding.Unreadable, raw: func(good []byte) ([]byte, error) { return good[:4096], nil }},
		{file: "中身が別のzip.xlsx", exit: 2, want: "ファイルが壊れているか", code: finding.Unreadable, raw: func([]byte) ([]byte, error) {
			return zipOf(map[string][]byte{"readme.txt": []byte("これは回答票ではありません")})
		}},
		{file: "CSVを改名.xlsx", exit: 2, want: "CSV やテキストのファイルです", code: finding.WrongFormat, raw: func([]byte) ([]byte, error) { return []byte("区名,回答\n北区,実施している\n"), nil }},
		{file: "zip爆弾.xlsx", exit: 2, want: "展開後の大きさが", code: finding.Unreadable, raw: func(good []byte) ([]byte, error) {
			return replacePart(good, "xl/worksheets/sheet1.xml", bytes.Repeat([]byte{' '}, 200<<20))
		}},
		{file: "100MBのシート.xlsx", exit: 2, want: "展開後の大きさが", code: finding.Unreadable, raw: func(good []byte) ([]byte, error) {
			// Rows and cells may leave out their r attribute, so a hundred megabytes of
			// them compress to a small file to commit.
			row := []byte(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`)
			var b bytes.Buffer
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			for b.Len() < 100<<20 {
				b.Write(row)
			}
			b.WriteString(`</sheetData></worksheet>`)
			return replacePart(good, "xl/worksheets/sheet2.xml", b.Bytes())
		}},
		{file: "百万セルのシート.xlsx", exit: 2, want: "展開後のサイズが大きすぎる", code: finding.Unreadable, raw: func(good []byte) ([]byte, error) {
			// Under the size check (20 MB), but a million cells: the reader refuses a sheet
			// of far more cells than a return has instead of holding them all.
			var b bytes.Buffer
			b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			for i := 0; i < 10_000; i++ {
				b.WriteString(`<row>` + strings.Repeat(`<c><v>1</v></c>`, 100) + `</row>`)
			}
			b.WriteString(`</sheetData></worksheet>`)
			return replacePart(good, "xl/worksheets/sheet2.xml", b.Bytes())
		}},
		// A rule of the default schema across questions: 研修会 開催している, no 研修テーマ.
		{file: "研修を開催して研修テーマが未記入.xlsx", exit: 1, where: "ka2", want: "「開催している」と回答されているため、記入が必要です", code: finding.RuleRequired, edit: func(f *excelize.File, at func(string) form.Location) error {
			l := at("ka2")
			col, row, err := excelize.CellNameToCoordinates(l.Cell)
			if err != nil {
				return err
			}
			for i := 0; i < schema.Default().Question("ka2").Lines; i++ {
				cell, _ := excelize.CoordinatesToCellName(col, row+i)
				if err := f.SetCellStr(l.Sheet, cell, ""); err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

// allBadCases is every generated case: issue 5's and issue 9's (bad_slots.go).
func allBadCases() []badCase { return append(badCases(), slotCases()...) }

// writeBad writes the generated odd returns and cases.tsv into dir, starting from the good
// sample return of 北区.
func writeBad(returnsDir, dir string) (int, error) {
	good, err := os.ReadFile(filepath.Join(returnsDir, "北区.xlsx"))
	if err != nil {
		return 0, err
	}
	var manifest strings.Builder
	manifest.WriteString("# file\texit\twhere\tcode\tmessage part — written by go run ./testdata/gen; checked by cmd/internal/validatecmd TestBadFiles\n")
	cases := append(allBadCases(), hostileCases()...)
	for _, c := range cases {
		data, where, err := c.make(good)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", c.file, err)
		}
		if err := writeBytes(filepath.Join(dir, c.file), data); err != nil {
			return 0, err
		}
		code := string(c.code)
		if code == "" {
			code = "-"
		}
		fmt.Fprintf(&manifest, "%s\t%d\t%s\t%s\t%s\n", c.file, c.exit, where, code, c.want)
	}
	for _, fixed := range [][5]string{
		{"old-format.xls", "2", "", "wrong-format", "Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください"},
		{"encrypted.xlsx", "2", "", "wrong-format", "パスワードで保護（暗号化）されているため読めません"},
	} {
		manifest.WriteString(strings.Join(fixed[:], "\t") + "\n")
	}
	for _, fixed := range libreOfficeSlotCases {
		manifest.WriteString(strings.Join(fixed[:], "\t") + "\n")
	}
	return len(cases), writeBytes(filepath.Join(dir, "cases.tsv"), []byte(manifest.String()))
}

// make builds the case's bytes and resolves its finding's cell.
func (c badCase) make(good []byte) ([]byte, string, error) {
	if c.raw != nil {
		data, err := c.raw(good)
		return data, "", err
	}
	f, err := excelize.OpenReader(bytes.NewReader(good))
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	cells := formtest.Cells(f)
	at := func(key string) form.Location { return cells[form.DefinedName(key)] }
	where := ""
	if c.where != "" {
		l := at(c.where)
		if c.below > 0 {
			col, row, err := excelize.CellNameToCoordinates(l.Cell)
			if err != nil {
				return nil, "", err
			}
			l.Cell, _ = excelize.CoordinatesToCellName(col, row+c.below)
		}
		where = l.String()
	}
	if c.edit != nil {
		if err := c.edit(f, at); err != nil {
			return nil, "", err
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, "", err
	}
	data := buf.Bytes()
	if c.patch != nil {
		if data, err = c.patch(data, at); err != nil {
			return nil, "", err
		}
	}
	return data, where, nil
}

// cellXML replaces one answer cell's XML, for cell contents excelize will not write (an
// error value, a formula with or without a cached result, over-long or raw text).
func cellXML(key, inner, typ string) func([]byte, func(string) form.Location) ([]byte, error) {
	return func(data []byte, at func(string) form.Location) ([]byte, error) {
		l := at(key)
		part := "xl/worksheets/sheet1.xml"
		if l.Sheet == "相談支援室" {
			part = "xl/worksheets/sheet2.xml"
		}
		sheet, err := readPart(data, part)
		if err != nil {
			return nil, err
		}
		re := regexp.MustCompile(`<c r="` + l.Cell + `"([^>]*?)(/>|>.*?</c>)`)
		m := re.FindSubmatch(sheet)
		if m == nil {
			return nil, fmt.Errorf("cell %s not found in %s", l.Cell, part)
		}
		attrs := regexp.MustCompile(` t="[^"]*"`).ReplaceAll(m[1], nil)
		if typ != "" {
			attrs = append(attrs, []byte(` t="`+typ+`"`)...)
		}
		repl := []byte(`<c r="` + l.Cell + `"` + string(attrs) + `>` + inner + `</c>`)
		sheet = bytes.Replace(sheet, m[0], repl, 1)
		return replacePart(data, part, sheet)
	}
}

func readPart(data []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			return io.ReadAll(rc)
		}
	}
	return nil, fmt.Errorf("no %s in the workbook", name)
}

// replacePart rewrites a workbook zip with one part's content replaced, keeping the order
// and a fixed modification time so the output is deterministic (withParts with one part).
func replacePart(data []byte, name string, content []byte) ([]byte, error) {
	return withParts(data, map[string][]byte{name: content})
}

func zipOf(parts map[string][]byte) ([]byte, error) {
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for name, body := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return nil, err
		}
		w.Write(body)
	}
	err := zw.Close()
	return out.Bytes(), err
}
