package returns

import (
	"archive/zip"
	"bytes"
)

// A file given where a return is wanted is often another document of the same work: the
// report zaitaku made (PDF, PowerPoint, HTML), aggregate.json, or a Word or PowerPoint file
// of the ward's own. Read says what such a file is and what it wants instead, rather than
// calling a PowerPoint deck a broken Excel file or a PDF a CSV.

// wantReturn ends every message about a file of another kind: what validate and aggregate
// read.
const wantReturn = "確認・集計できるのは、zaitaku template で作って記入した回答票（Excel の .xlsx）です"

var (
	pdfMagic  = []byte("%PDF-")
	utf8BOM   = []byte("\xEF\xBB\xBF")
	htmlHeads = [][]byte{[]byte("<!doctype html"), []byte("<html")}
	ownHTML   = []byte(`<meta name="generator" content="zaitaku">`)
	ownJSON   = []byte(`"format": "zaitaku-aggregate"`)
)

// otherDocument names a file that is not a zip package by what it holds: a PDF, an HTML
// page or a JSON file; "" when it is none of them.
func otherDocument(data []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(data[:min(len(data), 1024)], utf8BOM), " \t\r\n")
	switch {
	case bytes.HasPrefix(data, pdfMagic):
		for _, m := range ownPDFCreator {
			if bytes.Contains(data, m) {
				return "zaitaku が作った報告書（PDF）です。" + wantReturn
			}
		}
		return "PDF ファイルです（回答票ではありません）。" + wantReturn
	case hasHTMLHead(head):
		if bytes.Contains(head, ownHTML) {
			return "zaitaku が作った報告書（HTML のページ）です。" + wantReturn
		}
		return "HTML のファイル（ウェブページ）です（回答票ではありません）。" + wantReturn
	case bytes.HasPrefix(head, []byte("{")):
		if bytes.Contains(head, ownJSON) {
			return "zaitaku aggregate が作った集計結果（aggregate.json）です。報告書を作り直すときは zaitaku report に指定します。" + wantReturn
		}
		return "JSON のファイルです（回答票ではありません）。" + wantReturn
	}
	return ""
}

func hasHTMLHead(head []byte) bool {
	low := bytes.ToLower(head[:min(len(head), 32)])
	for _, h := range htmlHeads {
		if bytes.HasPrefix(low, h) {
			return true
		}
	}
	return false
}

// otherPackage names a zip package that is not a workbook by its parts: a PowerPoint deck
// or a Word document; "" when it is neither (a workbook, or a zip of something else).
func otherPackage(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	for _, f := range zr.File {
		switch f.Name {
		case "ppt/presentation.xml":
			return "PowerPoint のファイル（.pptx）です（回答票ではありません）。" + wantReturn
		case "word/document.xml":
			return "Word のファイル（.docx）です（回答票ではありません）。" + wantReturn
		}
	}
	return ""
}
