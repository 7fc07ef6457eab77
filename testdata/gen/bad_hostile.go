package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
)

// Messages of the files refused whole: one the reader finds corrupt at open, one it finds
// too large, and a broken answer sheet.
const (
	msgCorrupt  = "ファイルが壊れているか"
	msgTooLarge = "展開後のサイズが大きすぎる"
	msgSheet1   = "シート「区役所」の中身が壊れていて読めません"
	msgSheet2   = "シート「相談支援室」の中身が壊れていて読めません"
)

// hostileCases are workbooks crafted to cost time or memory out of proportion to their size,
// or to read one value in zaitaku and another in Excel (issue 9, section 4). Each is small
// on disk; each must be refused, quickly and in little memory (TestBadFilesBudget).
func hostileCases() []badCase {
	return []badCase{
		// Ten thousand sheet entries naming one part, and no defined names, so that the id
		// column of every sheet is read: parsed once per entry, this took 26 s and 760 MB
		// from a 70 KB file.
		{file: "同じシートを一万回.xlsx", exit: 2, want: msgCorrupt, code: finding.Unreadable, raw: editPart("xl/workbook.xml", func(wb string) string {
			var b strings.Builder
			for i := 1; i <= 10_000; i++ {
				fmt.Fprintf(&b, `<sheet name="複製%d" sheetId="%d" r:id="rId4"></sheet>`, i, i+10)
			}
			return dropNames(strings.Replace(wb, "</sheets>", b.String()+"</sheets>", 1))
		})},
		// Two sheets of one name: which one is 相談支援室?
		{file: "同じ名前のシート.xlsx", exit: 2, want: msgCorrupt, code: finding.Unreadable, raw: editPart("xl/workbook.xml", func(wb string) string {
			return strings.Replace(wb, `name="相談支援室"`, `name="区役所"`, 1)
		})},
		// A thousand and one sheets, each its own (empty) part, and no defined names.
		{file: "シートが千枚超.xlsx", exit: 2, want: msgTooLarge, code: finding.Unreadable, raw: func(good []byte) ([]byte, error) {
			wb, err := readPart(good, "xl/workbook.xml")
			if err != nil {
				return nil, err
			}
			rels, err := readPart(good, "xl/_rels/workbook.xml.rels")
			if err != nil {
				return nil, err
			}
			var sheets, rel strings.Builder
			parts := map[string][]byte{}
			for i := 1; i <= 1001; i++ {
				fmt.Fprintf(&sheets, `<sheet name="空%d" sheetId="%d" r:id="rX%d"></sheet>`, i, i+10, i)
				fmt.Fprintf(&rel, `<Relationship Id="rX%d" Target="worksheets/x%d.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"></Relationship>`, i, i)
				parts[fmt.Sprintf("xl/worksheets/x%d.xml", i)] = []byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`)
			}
			parts["xl/workbook.xml"] = []byte(dropNames(strings.Replace(string(wb), "</sheets>", sheets.String()+"</sheets>", 1)))
			parts["xl/_rels/workbook.xml.rels"] = []byte(strings.Replace(string(rels), "</Relationships>", rel.String()+"</Relationships>", 1))
			return withParts(good, parts)
		}},
		// Twenty thousand relationships of the workbook.
		{file: "関係が二万件.xlsx", exit: 2, want: msgTooLarge, code: finding.Unreadable, raw: editPart("xl/_rels/workbook.xml.rels", func(rels string) string {
			var b strings.Builder
			for i := 1; i <= 20_000; i++ {
				fmt.Fprintf(&b, `<Relationship Id="rT%d" Target="theme/theme1.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"></Relationship>`, i)
			}
			return strings.Replace(rels, "</Relationships>", b.String()+"</Relationships>", 1)
		})},
		// Ten million unclosed elements (30 MB, 30 KB zipped): a stack of open elements
		// took 760 MB.
		{file: "深い入れ子.xlsx", exit: 2, want: msgSheet1, code: finding.Unreadable, raw: func(good []byte) ([]byte, error) {
			head := `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
			return replacePart(good, "xl/worksheets/sheet1.xml", append([]byte(head), bytes.Repeat([]byte("<a>"), 10_000_000)...))
		}},
		// XML that parsers may read differently: a comment inside a number, a processing
		// instruction inside a text, a CDATA section, a DTD with entities (a billion
		// laughs: never expanded, the DTD refuses the part), an attribute given twice, a
		// cell given twice, a value given twice.
		{file: "数値の中にコメント.xlsx", exit: 2, want: msgSheet2, code: finding.Unreadable, patch: cellXML("o1.03", `<v>1<!-- x -->2</v>`, "")},
		{file: "文字列の中に処理命令.xlsx", exit: 2, want: msgSheet1, code: finding.Unreadable, patch: cellXML("ki3", `<is><t>講演会<?pi x?>を開催</t></is>`, "inlineStr")},
		{file: "CDATAの文字列.xlsx", exit: 2, want: msgSheet1, code: finding.Unreadable, patch: cellXML("a1.1", `<is><t><![CDATA[実施している]]></t></is>`, "inlineStr")},
		{file: "DOCTYPEと実体.xlsx", exit: 2, want: msgSheet2, code: finding.Unreadable, patch: chain(cellXML("o1.03", `<v>&lol9;</v>`, ""), func(data []byte, _ func(string) form.Location) ([]byte, error) {
			dtd := `<!DOCTYPE worksheet [<!ENTITY lol0 "12">`
			for i := 1; i <= 9; i++ {
				dtd += fmt.Sprintf(`<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
			}
			return editPart("xl/worksheets/sheet2.xml", func(s string) string {
				return strings.Replace(s, "?>", "?>"+dtd+"]>", 1)
			})(data)
		})},
		{file: "属性が二重.xlsx", exit: 2, want: msgSheet2, code: finding.Unreadable, patch: chain(cellXML("o1.03", `<v>5</v>`, ""), func(data []byte, at func(string) form.Location) ([]byte, error) {
			l := at("o1.03")
			return editPart("xl/worksheets/sheet2.xml", func(s string) string {
				return strings.Replace(s, `<c r="`+l.Cell+`"`, `<c r="`+l.Cell+`" r="A1"`, 1)
			})(data)
		})},
		{file: "同じセルが二つ.xlsx", exit: 2, want: msgSheet2, code: finding.Unreadable, patch: func(data []byte, at func(string) form.Location) ([]byte, error) {
			l := at("o1.03")
			return cellXML("o1.03", `<v>3</v></c><c r="`+l.Cell+`"><v>5</v>`, "")(data, at)
		}},
		{file: "値が二つ.xlsx", exit: 2, want: msgSheet2, code: finding.Unreadable, patch: cellXML("o1.03", `<v>3</v><v>5</v>`, "")},
	}
}

// dropNames removes a workbook's defined names, as if lost on the way: the reader then
// looks for the answers in the id column of every sheet.
func dropNames(wb string) string {
	i, j := strings.Index(wb, "<definedNames>"), strings.Index(wb, "</definedNames>")
	if i < 0 || j < i {
		return wb
	}
	return wb[:i] + wb[j+len("</definedNames>"):]
}

// chain applies patches in order.
func chain(ps ...func([]byte, func(string) form.Location) ([]byte, error)) func([]byte, func(string) form.Location) ([]byte, error) {
	return func(data []byte, at func(string) form.Location) ([]byte, error) {
		var err error
		for _, p := range ps {
			if data, err = p(data, at); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}

// editPart rewrites one part of a workbook as text.
func editPart(name string, edit func(string) string) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		part, err := readPart(data, name)
		if err != nil {
			return nil, err
		}
		return replacePart(data, name, []byte(edit(string(part))))
	}
}

// withParts rewrites a workbook with parts replaced and new ones added after the others
// (in name order, so the output is deterministic).
func withParts(data []byte, parts map[string][]byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	write := func(name string, body []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err == nil {
			_, err = w.Write(body)
		}
		return err
	}
	done := map[string]bool{}
	for _, f := range zr.File {
		body, ok := parts[f.Name]
		if !ok {
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			body, err = io.ReadAll(rc)
			rc.Close()
			if err != nil {
				return nil, err
			}
		}
		done[f.Name] = true
		if err := write(f.Name, body); err != nil {
			return nil, err
		}
	}
	var names []string
	for n := range parts {
		if !done[n] {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if err := write(n, parts[n]); err != nil {
			return nil, err
		}
	}
	err = zw.Close()
	return out.Bytes(), err
}
