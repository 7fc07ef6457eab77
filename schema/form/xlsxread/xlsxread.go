// Package xlsxread reads the cells of an .xlsx workbook, read-only and only the parts a
// return needs: the workbook (sheets and defined names), the shared strings, the number
// formats of the cell styles and the sheets asked for. excelize opens every part of a
// workbook and builds structs for all of it, which at 1,741 returns was most of the time
// an aggregate took; this reader streams each part it needs through encoding/xml once.
//
// Values are what excelize's GetCellValue gives with RawCellValue: a shared string's text
// (phonetic guides left out, _xHHHH_ escapes decoded), a number as stored, a boolean as
// 1 or 0, an error value such as #DIV/0!, a formula's saved result; a cell inside a merged
// range reads as the range's top-left cell. The tests hold it to excelize on every cell of
// the sample and odd returns.
package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// ErrCorrupt is wrapped by every error about a workbook's structure or XML.
var ErrCorrupt = errors.New("xlsxread: corrupt workbook")

// ErrTooLarge is wrapped by the error for a part that decompresses to more than the limit
// given to Open.
var ErrTooLarge = errors.New("xlsxread: part too large")

func corrupt(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))
}

// DefinedName is a name from the workbook's definedNames.
type DefinedName struct {
	Name string
	// Scope is the sheet a local name belongs to, or "" for a workbook-wide name.
	Scope    string
	RefersTo string
}

// Workbook is an opened .xlsx file. It is not safe for concurrent use.
type Workbook struct {
	files    map[string]*zip.File
	maxPart  int64
	sheets   []sheetEntry
	names    []DefinedName
	sstPath  string
	sst      []string
	sstErr   error
	sstDone  bool
	stylesOK bool
	xfFmt    []int          // cell style index → number format id
	fmtCode  map[int]string // number format id → custom format code
	parsed   map[string]*Sheet
	failed   map[string]error
}

type sheetEntry struct {
	name, part string
}

// Open reads the workbook structure of an .xlsx file held in memory. maxPart bounds the
// decompressed size of any one part read (a zip can lie about its sizes).
func Open(data []byte, maxPart int64) (*Workbook, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt("zip: %v", err)
	}
	w := &Workbook{files: map[string]*zip.File{}, maxPart: maxPart, parsed: map[string]*Sheet{}, failed: map[string]error{}}
	for _, f := range zr.File {
		w.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	wbPart := "xl/workbook.xml"
	if rels, err := w.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = r.target
				break
			}
		}
	}
	if _, ok := w.files[wbPart]; !ok {
		return nil, corrupt("no workbook part %s", wbPart)
	}
	rels, err := w.rels(relsPart(wbPart), path.Dir(wbPart))
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	w.sstPath = path.Join(path.Dir(wbPart), "sharedStrings.xml")
	stylesPath := path.Join(path.Dir(wbPart), "styles.xml")
	for _, r := range rels {
		targets[r.id] = r.target
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			w.sstPath = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPath = r.target
		}
	}
	if err := w.readWorkbook(wbPart, targets); err != nil {
		return nil, err
	}
	w.readStyles(stylesPath)
	return w, nil
}

// SheetList is the sheets' names in workbook order, hidden ones included; it may be empty.
func (w *Workbook) SheetList() []string {
	out := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		out[i] = s.name
	}
	return out
}

// DefinedNames is every defined name of the workbook, in file order.
func (w *Workbook) DefinedNames() []DefinedName { return w.names }

// NumFmt is the number format of a cell style: its id and, when the workbook defines a
// code for that id, the code.
func (w *Workbook) NumFmt(style int) (id int, code string, custom bool) {
	if style < 0 || style >= len(w.xfFmt) {
		return 0, "", false
	}
	id = w.xfFmt[style]
	code, custom = w.fmtCode[id]
	return id, code, custom
}

// part returns the decompressed bytes of a part, or nil when the workbook has no such part.
func (w *Workbook) part(name string) ([]byte, error) {
	f, ok := w.files[name]
	if !ok {
		return nil, nil
	}
	if f.UncompressedSize64 > uint64(w.maxPart) {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, name, w.maxPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, corrupt("%s: %v", name, err)
	}
	defer rc.Close()
	// Sized from the zip's own record (bounded above), one byte spare for the lexer's end
	// mark; a part that turns out longer still stops at the limit.
	buf := bytes.NewBuffer(make([]byte, 0, f.UncompressedSize64+1))
	if _, err := buf.ReadFrom(io.LimitReader(rc, w.maxPart+1)); err != nil {
		return nil, corrupt("%s: %v", name, err)
	}
	data := buf.Bytes()
	if int64(len(data)) > w.maxPart {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrTooLarge, name, w.maxPart)
	}
	return data, nil
}

func relsPart(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

type rel struct {
	id, typ, target string
}

// rels reads a relationships part; targets are resolved against dir, the folder of the
// part they belong to.
func (w *Workbook) rels(name, dir string) ([]rel, error) {
	data, err := w.part(name)
	if err != nil || data == nil {
		return nil, err
	}
	var out []rel
	sc := newScanner(data, name)
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		if tok != tokStart || !sc.is("Relationship") || sc.attr("TargetMode") == "External" {
			continue
		}
		r := rel{id: sc.attr("Id"), typ: sc.attr("Type"), target: sc.attr("Target")}
		if strings.HasPrefix(r.target, "/") {
			r.target = path.Clean(strings.TrimPrefix(r.target, "/"))
		} else {
			r.target = path.Join(dir, r.target)
		}
		out = append(out, r)
	}
	return out, sc.err
}

func (w *Workbook) readWorkbook(name string, targets map[string]string) error {
	data, err := w.part(name)
	if err != nil {
		return err
	}
	sc := newScanner(data, name)
	var localIDs []string // for each definedName, its localSheetId or ""
	var text *strings.Builder
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok == tokStart && sc.is("sheet"):
			w.sheets = append(w.sheets, sheetEntry{name: sc.attr("name"), part: targets[sc.attr("id")]})
		case tok == tokStart && sc.is("definedName"):
			w.names = append(w.names, DefinedName{Name: sc.attr("name")})
			localIDs = append(localIDs, sc.attr("localSheetId"))
			text = &strings.Builder{}
		case tok == tokText && text != nil:
			text.WriteString(sc.textString())
		case tok == tokEnd && sc.is("definedName") && text != nil:
			w.names[len(w.names)-1].RefersTo = text.String()
			text = nil
		}
	}
	if sc.err != nil {
		return sc.err
	}
	for i, id := range localIDs {
		if id == "" {
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n < 0 || n >= len(w.sheets) {
			w.names[i].Scope = "#" + id // a local name of no sheet: never workbook-wide
			continue
		}
		w.names[i].Scope = w.sheets[n].name
	}
	return nil
}

// readStyles keeps each cell style's number format. A workbook without a readable styles
// part has only the general format, as excelize treats it.
func (w *Workbook) readStyles(name string) {
	data, err := w.part(name)
	if err != nil || data == nil {
		return
	}
	sc := newScanner(data, name)
	codes := map[int]string{}
	var xfFmt []int
	inXfs := false
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok == tokStart && sc.is("numFmt"):
			if id, err := strconv.Atoi(sc.attr("numFmtId")); err == nil {
				codes[id] = sc.attr("formatCode")
			}
		case sc.is("cellXfs"):
			inXfs = tok == tokStart
		case tok == tokStart && inXfs && sc.is("xf"):
			id, _ := strconv.Atoi(sc.attr("numFmtId"))
			xfFmt = append(xfFmt, id)
		}
	}
	if sc.err == nil {
		w.fmtCode, w.xfFmt = codes, xfFmt
	}
}

// sharedStrings reads the shared strings on first use; most cells a return is read for
// are text, but a workbook may have none.
func (w *Workbook) sharedStrings() ([]string, error) {
	if w.sstDone {
		return w.sst, w.sstErr
	}
	w.sstDone = true
	data, err := w.part(w.sstPath)
	if err != nil || data == nil {
		w.sstErr = err
		return nil, err
	}
	sc := newScanner(data, w.sstPath)
	var (
		cur      strings.Builder
		inSI     bool
		phonetic int // depth inside rPh, whose text is a reading guide, not the cell's
		inT      bool
		list     []string
	)
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok == tokStart && sc.is("si"):
			inSI, phonetic, inT = true, 0, false
			cur.Reset()
		case !inSI:
		case sc.is("rPh"):
			if tok == tokStart {
				phonetic++
			} else if phonetic > 0 {
				phonetic--
			}
		case sc.is("t"):
			inT = tok == tokStart && phonetic == 0
		case tok == tokText && inT:
			cur.WriteString(sc.textString())
		case tok == tokEnd && sc.is("si"):
			inSI = false
			list = append(list, unescape(cur.String()))
		}
	}
	if sc.err != nil {
		w.sstErr = sc.err
		return nil, sc.err
	}
	w.sst = list
	return w.sst, nil
}

// unescape decodes the _xHHHH_ escapes Excel writes for characters XML cannot hold (a
// carriage return is _x000D_), as excelize does; _x005F_ is a literal underscore.
func unescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			b.WriteString(s)
			return b.String()
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
		if err != nil || s[i+6] != '_' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		if n < 0xD800 || n > 0xDFFF { // a lone surrogate is dropped, as excelize drops it
			b.WriteRune(rune(n))
		}
		s = s[i+7:]
	}
}
