package xlsxread_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/internal/xlsxread"
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// cellIn is a sheet holding one cell D2 with this inner XML and type.
func cellIn(typ, inner string) map[string]string {
	t := ""
	if typ != "" {
		t = ` t="` + typ + `"`
	}
	return map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2"` + t + `>` + inner + `</c></row>`)}
}

// sstOf is a workbook whose shared strings are these items.
func sstOf(items string) map[string]string {
	return map[string]string{"xl/sharedStrings.xml": `<sst ` + ns + `>` + items + `</sst>`}
}

// refusedCases are workbooks the reader refuses: XML that parsers read differently (what
// LibreOffice 7.4 and excelize read is in the package doc), and
// workbooks built to cost far more than their size.
var refusedCases = []struct {
	name  string
	parts map[string]string
	// atOpen: refused by Open; else by Sheet("区役所").
	atOpen bool
	want   error
}{
	// A comment splitting a number: LibreOffice and excelize read "12"; what Excel reads
	// could not be checked, and the next case shows readers do split text differently.
	{"comment inside a number", cellIn("", `<v>1<!-- x -->2</v>`), false, xlsxread.ErrCorrupt},
	{"comment after a number", cellIn("", `<v>12<!-- x --></v>`), false, xlsxread.ErrCorrupt},
	{"comment before a number", cellIn("", `<v><!-- x -->12</v>`), false, xlsxread.ErrCorrupt},
	{"processing instruction inside text", cellIn("inlineStr", `<is><t>a<?pi x?>b</t></is>`), false, xlsxread.ErrCorrupt},
	{"processing instruction between elements", cellIn("", `<?pi x?><v>1</v>`), false, xlsxread.ErrCorrupt},
	{"processing instruction before the root", map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><?pi a>b?><worksheet ` + ns + `><sheetData/></worksheet>`}, false, xlsxread.ErrCorrupt},
	{"XML declaration not first", map[string]string{"xl/worksheets/sheet1.xml": `<!-- x --><?xml version="1.0"?><worksheet ` + ns + `><sheetData/></worksheet>`}, false, xlsxread.ErrCorrupt},
	{"XML declaration without ?>", map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"><worksheet ` + ns + `><sheetData/></worksheet>`}, false, xlsxread.ErrCorrupt},
	{"CDATA text", cellIn("inlineStr", `<is><t><![CDATA[a<b]]></t></is>`), false, xlsxread.ErrCorrupt},
	{"CDATA number", cellIn("", `<v><![CDATA[12]]></v>`), false, xlsxread.ErrCorrupt},
	{"CDATA in shared strings", sstOf(`<si><t><![CDATA[実施している]]></t></si>`), true, xlsxread.ErrCorrupt},
	// Excel refuses a DTD; an entity of it would be read by some parsers and not others.
	{"DOCTYPE with entities", map[string]string{"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "12"><!ENTITY b "&a;&a;">]><worksheet ` + ns + `><sheetData><row r="2"><c r="D2"><v>&b;</v></c></row></sheetData></worksheet>`}, false, xlsxread.ErrCorrupt},
	{"DOCTYPE unused", map[string]string{"xl/workbook.xml": strings.Replace(workbook, `?>`, `?><!DOCTYPE workbook>`, 1)}, true, xlsxread.ErrCorrupt},
	{"markup declaration", cellIn("", `<!ELEMENT v ANY><v>1</v>`), false, xlsxread.ErrCorrupt},
	// Text and elements mixed: LibreOffice reads "3", excelize "13".
	{"text around an element", cellIn("", `<v>1<x>2</x>3</v>`), false, xlsxread.ErrCorrupt},
	{"text before an element", cellIn("", `<v>1<x/></v>`), false, xlsxread.ErrCorrupt},
	{"text in a row", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2">7<c r="D2"><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"text after the root", map[string]string{"xl/worksheets/sheet1.xml": sheet(``) + `x`}, false, xlsxread.ErrCorrupt},
	// Characters and sequences XML does not allow: LibreOffice drops the cell, excelize
	// refuses the sheet.
	{"control character in text", cellIn("inlineStr", "<is><t>a\x01b</t></is>"), false, xlsxread.ErrCorrupt},
	{"U+FFFF in text", cellIn("inlineStr", "<is><t>a\uffffb</t></is>"), false, xlsxread.ErrCorrupt},
	{"control character in an attribute", map[string]string{"xl/worksheets/sheet1.xml": sheet("<row r=\"2\"><c r=\"D2\x02\"><v>1</v></c></row>")}, false, xlsxread.ErrCorrupt},
	{"]]> in text", cellIn("inlineStr", `<is><t>a]]>b</t></is>`), false, xlsxread.ErrCorrupt},
	{"tab, line feed and carriage return", cellIn("inlineStr", "<is><t>a\tb\nc\rd\uFFFD</t></is>"), false, nil},
	// An attribute twice: excelize keeps the last, LibreOffice drops the cell, this reader
	// kept the first.
	{"attribute twice", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2" r="E2"><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"attribute unquoted", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r=D2><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"attribute without value", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2" hidden><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"attribute holding <", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D<2"><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	// A value given twice: LibreOffice reads the last cell, excelize the first.
	{"cell twice", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2"><v>1</v></c><c r="D2"><v>2</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"v twice", cellIn("", `<v>1</v><v>2</v>`), false, xlsxread.ErrCorrupt},
	{"f twice", cellIn("", `<f>1</f><f>2</f><v>1</v>`), false, xlsxread.ErrCorrupt},
	{"is twice", cellIn("inlineStr", `<is><t>a</t></is><is><t>b</t></is>`), false, xlsxread.ErrCorrupt},
	{"t twice in a string", cellIn("inlineStr", `<is><t>a</t><t>b</t></is>`), false, xlsxread.ErrCorrupt},
	// LibreOffice and excelize read "ab"; allowed by the schema, written by no one.
	{"t and runs in a string", sstOf(`<si><t>a</t><r><t>b</t></r></si>`), true, xlsxread.ErrCorrupt},
	{"runs and t in a string", sstOf(`<si><r><t>b</t></r><t>a</t></si>`), true, xlsxread.ErrCorrupt},
	{"t twice in a run", sstOf(`<si><r><t>a</t><t>b</t></r></si>`), true, xlsxread.ErrCorrupt},
	// Sheets: which one is 区役所, and which part is it?
	{"two sheets of one name", map[string]string{"xl/workbook.xml": strings.Replace(workbook, `</sheets>`, `<sheet name="区役所" sheetId="2" r:id="rId9"/></sheets>`, 1)}, true, xlsxread.ErrCorrupt},
	{"two sheets of one name in other case", map[string]string{"xl/workbook.xml": strings.Replace(strings.Replace(workbook, `区役所`, `Sheet`, 1), `</sheets>`, `<sheet name="SHEET" sheetId="2" r:id="rId9"/></sheets>`, 1)}, true, xlsxread.ErrCorrupt},
	{"two sheets of one part", map[string]string{"xl/workbook.xml": strings.Replace(workbook, `</sheets>`, `<sheet name="複製" sheetId="2" r:id="rId1"/></sheets>`, 1)}, true, xlsxread.ErrCorrupt},
	{"relationship id twice", map[string]string{"xl/_rels/workbook.xml.rels": strings.Replace(workbookRels, `Id="rId2"`, `Id="rId1"`, 1)}, true, xlsxread.ErrCorrupt},
	// Nesting and attributes: bounded per element.
	{"elements 65 deep", map[string]string{"xl/worksheets/sheet1.xml": sheet(strings.Repeat("<x>", 63) + strings.Repeat("</x>", 63))}, false, xlsxread.ErrCorrupt},
	{"elements 64 deep", map[string]string{"xl/worksheets/sheet1.xml": sheet(strings.Repeat("<x>", 62) + strings.Repeat("</x>", 62))}, false, nil},
	{"65 attributes", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2"` + attrs(64) + `><v>1</v></c></row>`)}, false, xlsxread.ErrCorrupt},
	{"64 attributes", map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="2"><c r="D2"` + attrs(63) + `><v>1</v></c></row>`)}, false, nil},
	// Counts: far more than any return.
	{"1,001 sheets", map[string]string{"xl/workbook.xml": strings.Replace(workbook, `</sheets>`, manySheets(1000)+`</sheets>`, 1)}, true, xlsxread.ErrTooLarge},
	{"1,000 sheets", map[string]string{"xl/workbook.xml": strings.Replace(workbook, `</sheets>`, manySheets(999)+`</sheets>`, 1)}, true, nil},
	{"10,001 relationships", map[string]string{"xl/_rels/workbook.xml.rels": strings.Replace(workbookRels, `</Relationships>`, manyRels(9998)+`</Relationships>`, 1)}, true, xlsxread.ErrTooLarge},
	{"10,001 parts", manyParts(10_001 - 7), true, xlsxread.ErrTooLarge},
	{"a string of 32,768 runs", sstOf(`<si>` + strings.Repeat(`<r><t>a</t></r>`, 32_768) + `</si>`), true, xlsxread.ErrTooLarge},
	{"a string of 32,767 runs", sstOf(`<si>` + strings.Repeat(`<r><t>a</t></r>`, 32_767) + `</si>`), true, nil},
}

func attrs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, ` a%d="1"`, i)
	}
	return b.String()
}

func manySheets(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<sheet name="s%d" sheetId="%d" r:id="rX%d"/>`, i, i+2, i)
	}
	return b.String()
}

func manyRels(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `<Relationship Id="rX%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme%d.xml"/>`, i, i)
	}
	return b.String()
}

// manyParts is the minimal workbook (seven parts) with n small parts more.
func manyParts(n int) map[string]string {
	out := map[string]string{"xl/worksheets/sheet1.xml": sheet(``)}
	for i := range n {
		out[fmt.Sprintf("p/%d", i)] = "x"
	}
	return out
}

// TestRefused: each crafted workbook is refused with the error it names (or, for the
// controls at a bound, read), at open or when its sheet is read.
func TestRefused(t *testing.T) {
	for _, tc := range refusedCases {
		w, err := xlsxread.Open(build(tc.parts), maxPart)
		if !tc.atOpen && err == nil {
			_, err = w.Sheet("区役所")
		}
		switch {
		case tc.want == nil && err != nil:
			t.Errorf("%s: %v, want it read", tc.name, err)
		case tc.want != nil && !errors.Is(err, tc.want):
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestRefusedInBoundedMemory: ten million unclosed elements (30 MB; 30 KB zipped) are
// refused at the 65th, allocating little beyond the part's own bytes: the stack of open
// elements once took 760 MB.
func TestRefusedInBoundedMemory(t *testing.T) {
	part := sheet(strings.Repeat("<a>", 10_000_000))
	w, err := xlsxread.Open(build(map[string]string{"xl/worksheets/sheet1.xml": part}), maxPart)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = w.Sheet("区役所")
	runtime.ReadMemStats(&after)
	if !errors.Is(err, xlsxread.ErrCorrupt) {
		t.Errorf("got %v, want ErrCorrupt", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(part))+4<<20 {
		t.Errorf("allocated %d MB for a part of %d MB", alloc>>20, len(part)>>20)
	}
}

// TestCellsCappedOverSheets: the cell cap holds for the workbook, not each sheet, so a
// return cannot spread a million cells over ten sheets; a sheet refused does not count.
func TestCellsCappedOverSheets(t *testing.T) {
	body := `<row r="1">` + strings.Repeat(`<c><v>1</v></c>`, 120_000) + `</row>`
	parts := map[string]string{
		"xl/workbook.xml": strings.Replace(workbook, `</sheets>`, `<sheet name="二" sheetId="2" r:id="rId8"/><sheet name="三" sheetId="3" r:id="rId9"/></sheets>`, 1),
		"xl/_rels/workbook.xml.rels": strings.Replace(workbookRels, `</Relationships>`,
			`<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>`+
				`<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/></Relationships>`, 1),
		"xl/worksheets/sheet1.xml": sheet(body),
		"xl/worksheets/sheet2.xml": sheet(body),
		"xl/worksheets/sheet3.xml": sheet(`<row r="1"><c><v>1</v></c></row>`),
	}
	w, err := xlsxread.Open(build(parts), maxPart)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Sheet("区役所"); err != nil {
		t.Errorf("first sheet of 120,000 cells: %v", err)
	}
	if _, err := w.Sheet("二"); !errors.Is(err, xlsxread.ErrTooLarge) {
		t.Errorf("second sheet of 120,000 cells: %v, want ErrTooLarge", err)
	}
	if _, err := w.Sheet("三"); err != nil {
		t.Errorf("a one-cell sheet after the refused one: %v", err)
	}
}

// TestColumnIsSparse: one cell in the last row of a sheet is one entry of its column.
func TestColumnIsSparse(t *testing.T) {
	w, err := xlsxread.Open(build(map[string]string{"xl/worksheets/sheet1.xml": sheet(`<row r="3"><c r="A3"><v>x</v></c></row><row r="1048576"><c r="A1048576"><v>y</v></c></row>`)}), maxPart)
	if err != nil {
		t.Fatal(err)
	}
	s, err := w.Sheet("区役所")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(s.Column(1)); got != "[{3 x} {1048576 y}]" {
		t.Errorf("Column(1) = %s", got)
	}
}
