package main

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
)

// sharedD23 is the finding when 薬局's count (D24) lands on 歯科's cell (D23).
const sharedD23 = "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D23 を指しています"

// libreOfficeSlotCases are the returns testdata/bad/libreoffice/cutpaste.py made in a real
// LibreOffice Calc: committed as they are, listed in cases.tsv from here.
var libreOfficeSlotCases = [][5]string{
	{"LibreOfficeで件数を切り取り貼り付け.xlsx", "1", "相談支援室!D23", "slot-conflict", sharedD23},
	{"LibreOfficeで選択肢を切り取り貼り付け.xlsx", "1", "区役所!D13", "slot-conflict", "の回答欄が同じセル D13 を指しています"},
}

// slotCases are issue 9's generated returns: answer cells that moved by cut and paste
// (what Excel and LibreOffice do to the defined names, written into workbook.xml), counts
// that are not literally a number, and bad values below the first row of a text list.
func slotCases() []badCase {
	// moveCount puts 薬局's count on 歯科's cell and empties its own, as a cut and paste does.
	moveCount := func(f *excelize.File, at func(string) form.Location) error {
		from, to := at("u3.03"), at("u3.02")
		v, err := f.GetCellValue(from.Sheet, from.Cell)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(to.Sheet, to.Cell, v); err != nil {
			return err
		}
		return f.SetCellValue(from.Sheet, from.Cell, nil)
	}
	return []badCase{
		// LibreOffice: both names end on the pasted-over cell.
		{file: "回答欄の名前が同じセル.xlsx", exit: 1, where: "u3.02", want: sharedD23, code: finding.SlotConflict, edit: moveCount,
			patch: names(map[string]string{"zq_u3_03": "'相談支援室'!$D$23"}, nil)},
		// Excel: the pasted-over cell's name becomes #REF!, the cut cell's name follows it.
		{file: "切り取り貼り付けで名前が#REF!.xlsx", exit: 1, where: "u3.02", want: sharedD23, code: finding.SlotConflict, edit: moveCount,
			patch: names(map[string]string{"zq_u3_02": "'相談支援室'!#REF!", "zq_u3_03": "'相談支援室'!$D$23"}, nil)},
		{file: "回答欄の名前が２つ.xlsx", exit: 1, where: "u3.05", want: "回答欄の名前「zq_u3_05」が 2 通りに定義されています", code: finding.SlotAmbiguous,
			patch: names(nil, map[string]string{"zq_u3_05": "'相談支援室'!$D$30"})},
		{file: "回答欄の名前と列Aが不一致.xlsx", exit: 1, where: "u3.05", want: "回答欄の名前が 相談支援室!D200 を指していますが、回答欄は 相談支援室!D26 です", code: finding.SlotMoved,
			edit: func(f *excelize.File, at func(string) form.Location) error {
				l := at("u3.05")
				v, err := f.GetCellValue(l.Sheet, l.Cell)
				if err != nil {
					return err
				}
				if err := f.SetCellValue(l.Sheet, "D200", v); err != nil {
					return err
				}
				return f.SetCellValue(l.Sheet, l.Cell, nil)
			},
			patch: names(map[string]string{"zq_u3_05": "'相談支援室'!$D$200"}, nil)},
		{file: "回答欄のリストが重なる.xlsx", exit: 1, where: "ki3", want: "の回答欄が同じセル C60 を指しています", code: finding.SlotConflict,
			patch: names(map[string]string{"zq_ka2": "'区役所'!$C$42:$C$60"}, nil)},

		{file: "件数に空白を挟んだ数字.xlsx", exit: 1, where: "u3.05", want: "「3␣5」（␣は半角スペース）は数字が２つ入力されています", code: finding.NotACount, edit: setStr("u3.05", "3 5")},
		{file: "件数に改行を挟んだ数字.xlsx", exit: 1, where: "u3.05", want: "「12⏎3」（⏎は改行）は数字が２つ入力されています", code: finding.NotACount, edit: setStr("u3.05", "12\n3")},
		{file: "件数に全角空白を挟んだ数字.xlsx", exit: 1, where: "u3.05", want: "「3□5」（□は全角スペース）は数字が２つ入力されています", code: finding.NotACount, edit: setStr("u3.05", "3\u30005")},
		{file: "件数に上付き数字.xlsx", exit: 1, where: "u3.05", want: "「1²」は数として読めません", code: finding.NotACount, edit: setStr("u3.05", "1²")},
		{file: "件数に指数表記の文字.xlsx", exit: 1, where: "u3.05", want: "「1e3」は数として読めません", code: finding.NotACount, edit: setStr("u3.05", "1e3")},

		{file: "研修テーマの２行目にTRUE.xlsx", exit: 1, where: "ka2", below: 1, want: "TRUE／FALSE", code: finding.CellBool, patch: listCellXML("ka2", 1, `<v>1</v>`, "b")},
		{file: "研修テーマの３行目に数式だけ.xlsx", exit: 1, where: "ka2", below: 2, want: "数式の計算結果が保存されていません", code: finding.NoFormulaResult, patch: listCellXML("ka2", 2, `<f>C42&amp;C43</f>`, "str")},
		{file: "その他の３行目にエラー値.xlsx", exit: 1, where: "u3other", below: 2, want: "エラー値「#N/A」", code: finding.CellError, patch: listCellXML("u3other", 2, `<f>NA()</f><v>#N/A</v>`, "e")},
	}
}

// names rewrites defined names in workbook.xml (set) and adds second definitions (add),
// for what a cut and paste leaves behind and excelize will not write.
func names(set, add map[string]string) func([]byte, func(string) form.Location) ([]byte, error) {
	return func(data []byte, _ func(string) form.Location) ([]byte, error) {
		const part = "xl/workbook.xml"
		wb, err := readPart(data, part)
		if err != nil {
			return nil, err
		}
		esc := func(s string) string { return strings.ReplaceAll(s, "'", "&#39;") }
		for _, n := range sortedKeys(set) {
			re := regexp.MustCompile(`<definedName name="` + n + `">[^<]*</definedName>`)
			if !re.Match(wb) {
				return nil, fmt.Errorf("no defined name %s", n)
			}
			wb = re.ReplaceAllLiteral(wb, []byte(`<definedName name="`+n+`">`+esc(set[n])+`</definedName>`))
		}
		for _, n := range sortedKeys(add) {
			wb = bytes.Replace(wb, []byte(`</definedNames>`), []byte(`<definedName name="`+n+`">`+esc(add[n])+`</definedName></definedNames>`), 1)
		}
		return replacePart(data, part, wb)
	}
}

func sortedKeys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// listCellXML is cellXML for the row `below` rows under a text list's first row.
func listCellXML(key string, below int, inner, typ string) func([]byte, func(string) form.Location) ([]byte, error) {
	return func(data []byte, at func(string) form.Location) ([]byte, error) {
		l := at(key)
		col, row, err := excelize.CellNameToCoordinates(l.Cell)
		if err != nil {
			return nil, err
		}
		ref, _ := excelize.CoordinatesToCellName(col, row+below)
		moved := func(string) form.Location { return form.Location{Sheet: l.Sheet, Cell: ref} }
		return cellXML(key, inner, typ)(data, moved)
	}
}
