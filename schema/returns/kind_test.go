package returns_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// zipOf is a zip package holding the named parts, each with a little XML.
func zipOf(t *testing.T, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(`<?xml version="1.0"?><x/>`))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A document that is not a return — zaitaku's own report as PDF, HTML or PowerPoint,
// aggregate.json, a Word file — is named for what it is, with what validate and aggregate
// read instead; it is not called a broken Excel file or a CSV.
func TestOtherDocumentsNamed(t *testing.T) {
	const want = "確認・集計できるのは、zaitaku template で作って記入した回答票（Excel の .xlsx）です"
	tests := []struct {
		name string
		data []byte
		is   string
	}{
		{"report.pdf", []byte("%PDF-1.3\n3 0 obj\n<</Creator (zaitaku)>>\n"), "zaitaku が作った報告書（PDF）です。"},
		{"案内.pdf", []byte("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"), "PDF ファイルです（回答票ではありません）。"},
		{"北区.xlsx", []byte("%PDF-1.7\n1 0 obj\n"), "PDF ファイルです（回答票ではありません）。"},
		{"report.html", []byte("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta name=\"generator\" content=\"zaitaku\">\n"), "zaitaku が作った報告書（HTML のページ）です。"},
		{"page.htm", []byte("\xEF\xBB\xBF  <HTML><body>北区</body></HTML>"), "HTML のファイル（ウェブページ）です（回答票ではありません）。"},
		{"aggregate.json", []byte("{\n  \"format\": \"zaitaku-aggregate\",\n  \"format_version\": 1\n}"), "zaitaku aggregate が作った集計結果（aggregate.json）です。報告書を作り直すときは zaitaku report に指定します。"},
		{"data.json", []byte(`{"a": 1}`), "JSON のファイルです（回答票ではありません）。"},
		{"report.pptx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml", "ppt/slides/slide1.xml"), "PowerPoint のファイル（.pptx）です（回答票ではありません）。"},
		{"北区.xlsx", zipOf(t, "[Content_Types].xml", "ppt/presentation.xml"), "PowerPoint のファイル（.pptx）です（回答票ではありません）。"},
		{"依頼文.docx", zipOf(t, "[Content_Types].xml", "word/document.xml"), "Word のファイル（.docx）です（回答票ではありません）。"},
	}
	for _, tt := range tests {
		_, err := returns.ReadBytes(tt.name, tt.data, schema.Default())
		var fe *returns.FileError
		if !errors.As(err, &fe) {
			t.Errorf("%s: error %v, want a *FileError", tt.name, err)
			continue
		}
		if fe.Kind != finding.WrongFormat || fe.Msg != tt.is+want {
			t.Errorf("%s: %s %q, want %s %q", tt.name, fe.Kind, fe.Msg, finding.WrongFormat, tt.is+want)
		}
		if strings.Contains(fe.Msg, "CSV") || strings.Contains(fe.Msg, "壊れています") {
			t.Errorf("%s: %q", tt.name, fe.Msg)
		}
	}
}

// Files that are none of those keep their messages: a CSV is a CSV, a zip of other things
// is not a workbook, a package with no sheet is a broken Excel file.
func TestOtherFilesKeepTheirMessages(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"北区.csv", []byte("区名,回答\n北区,実施している\n"), "CSV やテキストのファイルです"},
		{"北区.xlsx", zipOf(t, "[Content_Types].xml", "xl/workbook.xml"), "Excel"},
		{"写真.xlsx", zipOf(t, "写真/1.xml"), "Excel"},
	}
	for _, tt := range tests {
		_, err := returns.ReadBytes(tt.name, tt.data, schema.Default())
		var fe *returns.FileError
		if !errors.As(err, &fe) || !strings.Contains(fe.Msg, tt.want) || strings.Contains(fe.Msg, "回答票ではありません") {
			t.Errorf("%s: %v, want a message with %q", tt.name, err, tt.want)
		}
	}
}
