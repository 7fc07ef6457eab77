package returns

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/osaka-city/zaitaku/schema"
)

// Listing is what a folder of returns holds, sorted out before anything is read, so a
// ward that sent the wrong format is named rather than silently left out.
type Listing struct {
	// Returns are the paths of the workbooks to read as returns, sorted by name.
	Returns []string
	// Refused are files in a format a ward may have sent by mistake (.xls, .ods, .csv…),
	// each with what to do; File is the name as DisplayName shows it. Sorted by name.
	Refused []*FileError
	// Skipped are files deliberately left unread, with why: zaitaku's own outputs,
	// archives, PDFs. Sorted by name.
	Skipped []Skipped
}

// Skipped is a file of a returns folder that is not read, and why.
type Skipped struct {
	Name string `json:"name"`
	Note string `json:"note"`
	// Own marks zaitaku's own outputs, whose Note reads 「…のため読みません」.
	Own bool `json:"-"`
}

// Advice for the formats a ward may send instead of the .xlsx return; .xls and .csv say
// what Read says of such a file given on the command line.
const (
	adviceXLS     = "Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください"
	adviceXLSB    = "Excel バイナリ形式 (.xlsb) は読めません。Excel で開き、「名前を付けて保存」で「Excel ブック (*.xlsx)」を選んで保存し直してください"
	adviceODS     = "OpenDocument 形式 (.ods) は読めません。LibreOffice などで開き、「名前を付けて保存」で「Excel 2007-365 (.xlsx)」を選んで保存し直してください"
	adviceNumbers = "Numbers 形式は読めません。Numbers で開き、「ファイル」→「書き出す」→「Excel」で .xlsx に書き出してください"
	adviceCSV     = "CSV やテキストのファイルです。zaitaku template で作った回答票（.xlsx）に記入して提出してください"

	noteSummary = "zaitaku aggregate が作った集計表のため、回答票としては読みません"
	noteCSV     = "zaitaku aggregate が作った集計.csv のため読みません"
	notePDF     = "PDF は読みません。回答票なら、記入した Excel ファイル（.xlsx）を提出してもらってください"
	noteOwnPDF  = "zaitaku が作った報告書のため読みません"
	noteArchive = "圧縮ファイルは読みません。回答票が入っているなら、展開してこのフォルダに置いてください"
)

// ListReturns lists the returns in a folder: .xlsx and .xlsm files, skipping Excel's ~$
// lock files, hidden files and zaitaku's own 集計表, sorted by name. ListFolder says
// what else the folder holds.
func ListReturns(dir string) ([]string, error) {
	l, err := ListFolder(dir)
	if err != nil {
		return nil, err
	}
	return l.Returns, nil
}

// ListFolder sorts out a folder of returns: what to read, what a ward sent in a format
// zaitaku cannot read, and what is left alone. Sub-folders, Excel's ~$ lock files and
// hidden files are ignored, as is anything else that no ward would send as a return.
func ListFolder(dir string) (*Listing, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	l := &Listing{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || strings.HasPrefix(n, "~$") || strings.HasPrefix(n, ".") {
			continue
		}
		path := filepath.Join(dir, n)
		shown := DisplayName(n)
		refuse := func(msg string) { l.Refused = append(l.Refused, wrongFormat(shown, msg)) }
		skip := func(note string) { l.Skipped = append(l.Skipped, Skipped{Name: shown, Note: note}) }
		own := func(note string) { l.Skipped = append(l.Skipped, Skipped{Name: shown, Note: note, Own: true}) }
		switch strings.ToLower(filepath.Ext(n)) {
		case ".xlsx", ".xlsm":
			if isOwnSummary(path) {
				own(noteSummary)
			} else {
				l.Returns = append(l.Returns, path)
			}
		case ".xls":
			// A workbook saved as .xlsx and renamed is still readable: the reader goes by
			// content, and reading it is kinder than refusing it.
			if hasPrefix(path, zipMagic) {
				l.Returns = append(l.Returns, path)
			} else {
				refuse(adviceXLS)
			}
		case ".xlsb":
			refuse(adviceXLSB)
		case ".ods":
			refuse(adviceODS)
		case ".numbers":
			refuse(adviceNumbers)
		case ".csv":
			if isOwnCSV(path) {
				own(noteCSV)
			} else {
				refuse(adviceCSV)
			}
		case ".pdf":
			if isOwnPDF(path) {
				own(noteOwnPDF)
			} else {
				skip(notePDF)
			}
		case ".zip", ".lzh", ".7z":
			skip(noteArchive)
		}
	}
	sort.Strings(l.Returns)
	sort.Slice(l.Refused, func(i, j int) bool { return l.Refused[i].File < l.Refused[j].File })
	sort.Slice(l.Skipped, func(i, j int) bool { return l.Skipped[i].Name < l.Skipped[j].Name })
	return l, nil
}

// OwnOutput says whether the file at path is one of zaitaku aggregate's outputs, as
// ListFolder would skip it, so a command given one by mistake can say what it is.
func OwnOutput(path string) (Skipped, bool) {
	sk := Skipped{Name: DisplayName(filepath.Base(path)), Own: true}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		sk.Note = noteSummary
		return sk, isOwnSummary(path)
	case ".csv":
		sk.Note = noteCSV
		return sk, isOwnCSV(path)
	case ".pdf":
		sk.Note = noteOwnPDF
		return sk, isOwnPDF(path)
	}
	return Skipped{}, false
}

// UnitInFileName is the unit a file name names (北区_回答.xls → 北区), or nil; the longest
// name wins, so 西淀川区.xls is 西淀川区 and not 淀川区.
func UnitInFileName(sc *schema.Schema, name string) *schema.Unit {
	base := schema.Fold(strings.TrimSuffix(name, filepath.Ext(name)))
	// Usually the file is named after its unit, and no longer match exists; the search
	// below is for names like 北区_回答.xlsx and costs a pass over every unit.
	if u := sc.Unit(base); u != nil {
		return u
	}
	var best *schema.Unit
	for _, u := range sc.Units.List {
		n := schema.Fold(u.Name)
		if strings.Contains(base, n) && (best == nil || len(n) > len(schema.Fold(best.Name))) {
			best = u
		}
	}
	return best
}

// DisplayName is a file name as a person should see it and as every output may carry
// it: valid UTF-8 as it is; a Shift_JIS name (left by unzipping a Windows zip on another
// system) decoded; anything else with each stray byte shown as \xNN, so no output ever
// holds invalid UTF-8 and two different names never look the same.
func DisplayName(name string) string {
	if utf8.ValidString(name) {
		return name
	}
	if s, ok := decodeShiftJIS(name); ok {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		if r == utf8.RuneError && size == 1 {
			fmt.Fprintf(&b, `\x%02X`, name[i])
		} else {
			b.WriteString(name[i : i+size])
		}
		i += size
	}
	return b.String()
}

// decodeShiftJIS decodes s only when it is Shift_JIS through and through: the decoder
// replaces what it cannot read rather than failing, so the text must also encode back to
// the same bytes.
func decodeShiftJIS(s string) (string, bool) {
	out, err := japanese.ShiftJIS.NewDecoder().String(s)
	if err != nil || strings.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	back, err := japanese.ShiftJIS.NewEncoder().String(out)
	if err != nil || back != s {
		return "", false
	}
	for _, r := range out {
		if r < 0x20 || r == 0x7F {
			return "", false
		}
	}
	return out, true
}

func hasPrefix(path string, magic []byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(magic))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, magic)
}

// Markers of zaitaku aggregate's outputs. The literals are those of render/summary,
// render/longcsv and render/pdf, which this package cannot import; the aggregate
// command's tests check the real outputs are recognised.
const (
	ownCreator      = "zaitaku"
	ownSummaryTitle = "集計表"
	ownSummarySheet = "提出状況"
	// ownCSVHeader is the start and ownCSVColumns the fixed middle of 集計.csv's header;
	// between them stand the unit column (named by units.label) and, when the schema has
	// blocks, ブロック.
	ownCSVHeader  = "期間,"
	ownCSVColumns = ",設問ID,設問,選択肢・区分,値"
)

var ownPDFCreator = [][]byte{
	[]byte("/Creator <FEFF007A0061006900740061006B0075>"),
	[]byte("/Creator (zaitaku)"),
}

// isOwnSummary recognises 集計表.xlsx by what is inside, whatever it was renamed to:
// zaitaku wrote it, and its title or its 提出状況 sheet says it is the summary. A return
// made by `zaitaku template` also names zaitaku as its creator but is titled 回答票.
func isOwnSummary(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	var core struct {
		Creator string `xml:"creator"`
		Title   string `xml:"title"`
	}
	if !readZipXML(&zr.Reader, "docProps/core.xml", &core) || strings.TrimSpace(core.Creator) != ownCreator {
		return false
	}
	if strings.HasSuffix(strings.TrimSpace(core.Title), ownSummaryTitle) {
		return true
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
		} `xml:"sheets>sheet"`
	}
	if !readZipXML(&zr.Reader, "xl/workbook.xml", &wb) {
		return false
	}
	for _, s := range wb.Sheets {
		if s.Name == ownSummarySheet {
			return true
		}
	}
	return false
}

// readZipXML decodes one small part; document properties and the workbook part are a few
// kilobytes, so anything larger is not worth reading to tell an output from a return.
func readZipXML(zr *zip.Reader, name string, v any) bool {
	const limit = 1 << 20
	for _, zf := range zr.File {
		if zf.Name != name {
			continue
		}
		if zf.UncompressedSize64 > limit {
			return false
		}
		rc, err := zf.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		return xml.NewDecoder(io.LimitReader(rc, limit)).Decode(v) == nil
	}
	return false
}

// isOwnCSV recognises 集計.csv by its header row.
func isOwnCSV(path string) bool {
	head := readHead(path, 4096)
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	line, _, _ := bytes.Cut(head, []byte("\n"))
	return bytes.HasPrefix(line, []byte(ownCSVHeader)) && bytes.Contains(line, []byte(ownCSVColumns))
}

// isOwnPDF recognises report.pdf by its creator entry.
func isOwnPDF(path string) bool {
	st, err := os.Stat(path)
	if err != nil || st.Size() > maxFileSize {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return false
	}
	for _, m := range ownPDFCreator {
		if bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

func readHead(path string, n int) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	k, _ := io.ReadFull(f, buf)
	return buf[:k]
}
