// Package xlsxread reads the cells of an .xlsx workbook, read-only and only the parts a
// return needs: the workbook (sheets and defined names), the shared strings, the number
// formats of the cell styles and the sheets asked for. excelize opens every part of a
// workbook and builds structs for all of it, which at 1,741 returns was most of the time
// an aggregate took; this reader lexes each part it needs once (scan.go).
//
// Values are what excelize's GetCellValue gives with RawCellValue: a shared string's text
// (phonetic guides left out, _xHHHH_ escapes decoded), a number as stored, a boolean as
// 1 or 0, an error value such as #DIV/0!, a formula's saved result; a cell inside a merged
// range reads as the range's top-left cell. The tests hold it to excelize on every cell of
// the sample and odd returns and of workbooks saved by Excel and LibreOffice.
//
// Where excelize reads malformed files in ways that would put a wrong number in a report,
// this reader does not follow it: a shared-string index that is not a number reads as
// nothing (excelize reads string 0), and a cell without a style does not take its row's
// or column's (Excel writes s on every formatted cell). As in excelize, a strings or styles
// part that does not parse refuses the whole workbook.
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
	files   map[string]*zip.File
	maxPart int64
	sheets  []sheetEntry
	names   []DefinedName
	sstPath string
	sst     []string
	xfFmt   []int          // cell style index → number format id
	fmtCode map[int]string // number format id → custom format code
	parsed  map[string]*Sheet
	failed  map[string]error
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
		w.files[partKey(f.Name)] = f
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
	if _, ok := w.files[partKey(wbPart)]; !ok {
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
	if err := w.readStyles(stylesPath); err != nil {
		return nil, err
	}
	// Read now rather than on first use: a broken strings part must refuse the workbook,
	// not turn every text answer into a blank one.
	if err := w.readSharedStrings(); err != nil {
		return nil, err
	}
	return w, nil
}

// partKey is how a part is looked up: part names in a package are case-insensitive, and
// some zip tools write "\" for "/".
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
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
	f, ok := w.files[partKey(name)]
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
	// Exactly the size the zip records (bounded above), and one byte spare for the
	// lexer's end mark. Reading on to the end is what makes archive/zip check the CRC and
	// that the part is no longer than recorded.
	data := make([]byte, f.UncompressedSize64, f.UncompressedSize64+1)
	if _, err := io.ReadFull(rc, data); err != nil {
		return nil, corrupt("%s: %v", name, err)
	}
	if n, err := rc.Read(make([]byte, 1)); n > 0 || err != io.EOF {
		return nil, corrupt("%s: longer than recorded or damaged (%v)", name, err)
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
		if tok != tokStart || !sc.is("Relationship") || !sc.in("Relationships") || sc.attr("TargetMode") == "External" {
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

// textOf collects the text directly inside the element the scanner has just started, up
// to its end (text of elements nested in it is not its own).
func textOf(sc *scanner) string {
	var b strings.Builder
	depth := sc.depth()
	for tok := sc.next(); tok != tokEOF && sc.depth() >= depth; tok = sc.next() {
		if tok == tokText && sc.depth() == depth {
			b.WriteString(sc.textString())
		}
	}
	return b.String()
}

func (w *Workbook) readWorkbook(name string, targets map[string]string) error {
	data, err := w.part(name)
	if err != nil {
		return err
	}
	if data == nil {
		return corrupt("no workbook part %s", name)
	}
	sc := newScanner(data, name)
	var localIDs []string // for each definedName, its localSheetId or ""
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok != tokStart:
		case sc.is("sheet") && sc.in("sheets"):
			w.sheets = append(w.sheets, sheetEntry{name: sc.attr("name"), part: targets[sc.prefixedAttr("id")]})
		case sc.is("definedName") && sc.in("definedNames"):
			if len(w.names) >= maxNames {
				return fmt.Errorf("%w: more than %d defined names", ErrTooLarge, maxNames)
			}
			dn := DefinedName{Name: sc.attr("name")}
			localIDs = append(localIDs, sc.attr("localSheetId"))
			dn.RefersTo = textOf(sc)
			w.names = append(w.names, dn)
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

// readStyles keeps each cell style's number format (numFmts and cellXfs; the numFmt of a
// conditional format is not a cell's). A workbook without a styles part has only the
// general format; one whose styles part does not parse is refused, as excelize refuses it.
func (w *Workbook) readStyles(name string) error {
	data, err := w.part(name)
	if err != nil || data == nil {
		return err
	}
	sc := newScanner(data, name)
	codes := map[int]string{}
	var xfFmt []int
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok != tokStart:
		case sc.is("numFmt") && sc.in("numFmts"):
			if id, err := strconv.Atoi(sc.attr("numFmtId")); err == nil {
				codes[id] = sc.attr("formatCode")
			}
		case sc.is("xf") && sc.in("cellXfs"):
			id, _ := strconv.Atoi(sc.attr("numFmtId"))
			xfFmt = append(xfFmt, id)
		}
	}
	if sc.err != nil {
		return sc.err
	}
	w.fmtCode, w.xfFmt = codes, xfFmt
	return nil
}

// readSharedStrings reads the shared strings.
func (w *Workbook) readSharedStrings() error {
	data, err := w.part(w.sstPath)
	if err != nil || data == nil {
		return err
	}
	sc := newScanner(data, w.sstPath)
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		if tok == tokStart && sc.is("si") && sc.in("sst") {
			if len(w.sst) >= maxStrings {
				return fmt.Errorf("%w: more than %d shared strings", ErrTooLarge, maxStrings)
			}
			w.sst = append(w.sst, richText(sc))
		}
	}
	return sc.err
}

// richText reads a string item the scanner has just started (a shared <si> or an inline
// <is>) up to its end: its own <t> or its runs' <t>, _xHHHH_ escapes decoded. Phonetic
// guides (<rPh>) are reading aids, not the cell's text.
func richText(sc *scanner) string {
	var b strings.Builder
	depth := sc.depth()
	for tok := sc.next(); tok != tokEOF && sc.depth() >= depth; tok = sc.next() {
		if tok == tokStart && sc.is("t") && (sc.depth() == depth+1 || sc.in("r")) {
			b.WriteString(textOf(sc))
		}
	}
	return unescape(b.String())
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
