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
//
// # Hostile workbooks
//
// A return comes from outside, so the reader also refuses, as ErrCorrupt, what would read
// one value here and another in Excel, and, as ErrTooLarge or ErrCorrupt, what would cost
// time or memory out of proportion to the file's size. XML that Excel and LibreOffice never
// write and that parsers read differently is refused rather than read one way. Excel's own
// reading could not be checked; LibreOffice 7.4's (converting to CSV) and excelize
// v2.11.1's were, on a one-cell workbook for each:
//
//   - a DOCTYPE, and with it any entity but the five of XML (Excel refuses DTDs;
//     LibreOffice drops a cell whose value uses an internal entity, excelize refuses it);
//   - a CDATA section (LibreOffice and excelize read its text);
//   - a processing instruction other than the XML declaration first in the part
//     (both read <t>a<?pi?>b</t> as "ab" and skip one before the root);
//   - text split by a comment or an element (<v>1<!-- x -->2</v>: "12" in both;
//     <v>1<x>2</x>3</v>: "3" in LibreOffice, "13" in excelize), or text outside the root
//     element; comments between elements are skipped, as every parser skips them;
//   - a character XML does not allow (a control character other than tab and line ends,
//     U+FFFE, U+FFFF) in a text or attribute read, or "]]>" in text (LibreOffice drops
//     the cell, excelize refuses the sheet);
//   - an attribute given twice (<c r="B1" r="C1">: LibreOffice drops the cell, excelize
//     reads it as C1, this reader read B1), without quotes (LibreOffice drops the cell,
//     excelize refuses the sheet) or holding "<", a tag name XML does not allow;
//   - a cell given twice in a sheet (LibreOffice reads the last, excelize the first), or a
//     <v>, <f> or <is> twice in a cell (both read the last <v>);
//   - a string item with two <t> (LibreOffice reads both, excelize the last), with its own
//     <t> and runs (both read all; the schema allows it, but no writer does it), or a run
//     with two <t> (both read the last; this reader read both);
//   - two sheets of one name (in any case, as Excel compares them: LibreOffice reads the
//     first, excelize the second), two sheets of one part (ten thousand entries naming
//     one part were parsed ten thousand times), or one relationship id twice.
//
// Caps (sheet.go) bound the work: a part nests at most 64 elements deep and gives an
// element at most 64 attributes (so the stack of open elements and the attribute checks
// cost a bounded amount per byte); the lexer is stopped if it yields more tokens than the
// part has bytes; a workbook has at most 10,000 parts, 1,000 sheets, 10,000 relationships
// per part, 200,000 shared strings of at most 32,767 rich-text runs each, 50,000 defined
// names, and 200,000 cells and 10,000 merged ranges over all the sheets read. Every other
// step is linear in the bytes of the part it reads, and each part is read at most once,
// so a workbook costs time and memory in proportion to its decompressed size, which the
// caller bounds (Open's maxPart; form.checkZipSizes for the whole file).
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
	sheetAt map[string]int // sheet name → index in sheets
	names   []DefinedName
	sstPath string
	sst     []string
	xfFmt   []int          // cell style index → number format id
	fmtCode map[int]string // number format id → custom format code
	parsed  map[string]*Sheet
	failed  map[string]error
	// cells and merges count what the parsed sheets hold, against the caps for the whole
	// workbook: a return split over many sheets costs no more than one.
	cells, merges int
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
	if len(zr.File) > maxParts {
		return nil, fmt.Errorf("%w: more than %d parts", ErrTooLarge, maxParts)
	}
	w := &Workbook{files: map[string]*zip.File{}, maxPart: maxPart, sheetAt: map[string]int{}, parsed: map[string]*Sheet{}, failed: map[string]error{}}
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
	ids := map[string]bool{}
	sc := newScanner(data, name)
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		if tok != tokStart || !sc.is("Relationship") || !sc.in("Relationships") {
			continue
		}
		// Ids are unique in a package; with one given twice, which target a sheet has
		// would depend on the reader.
		id := sc.attr("Id")
		if ids[id] {
			return nil, corrupt("%s: relationship %q given twice", name, id)
		}
		if ids[id] = true; len(ids) > maxRels {
			return nil, fmt.Errorf("%w: %s: more than %d relationships", ErrTooLarge, name, maxRels)
		}
		if sc.attr("TargetMode") == "External" {
			continue
		}
		r := rel{id: id, typ: sc.attr("Type"), target: sc.attr("Target")}
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
	parts := map[string]bool{}
	var localIDs []string // for each definedName, its localSheetId or ""
	for tok := sc.next(); tok != tokEOF; tok = sc.next() {
		switch {
		case tok != tokStart:
		case sc.is("sheet") && sc.in("sheets"):
			e := sheetEntry{name: sc.attr("name"), part: targets[sc.prefixedAttr("id")]}
			if err := w.addSheet(e, parts); err != nil {
				return err
			}
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

// addSheet adds a sheet entry of the workbook. Excel gives each sheet its own name (in any
// case) and its own part; a workbook that does not is refused rather than read one way
// here and another in Excel, and ten thousand entries naming one part are not parsed ten
// thousand times.
// seen holds the lowered names and the part keys of the sheets before it.
func (w *Workbook) addSheet(e sheetEntry, seen map[string]bool) error {
	if len(w.sheets) >= maxSheets {
		return fmt.Errorf("%w: more than %d sheets", ErrTooLarge, maxSheets)
	}
	if key := "name:" + strings.ToLower(e.name); seen[key] {
		return corrupt("two sheets named %q", e.name)
	} else {
		seen[key] = true
	}
	if e.part != "" {
		if key := "part:" + partKey(e.part); seen[key] {
			return corrupt("sheet %q shares its part %s with another sheet", e.name, e.part)
		} else {
			seen[key] = true
		}
	}
	w.sheetAt[e.name] = len(w.sheets)
	w.sheets = append(w.sheets, e)
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
//
// Its own <t> and runs together, or a <t> given twice, are refused: the schema allows the
// first, but no writer does it, and readers differ on the second (package doc).
func richText(sc *scanner) string {
	var b strings.Builder
	depth := sc.depth()
	plain, runs, runTexts := 0, 0, 0
	for tok := sc.next(); tok != tokEOF && sc.depth() >= depth; tok = sc.next() {
		switch {
		case tok != tokStart:
			continue
		case sc.is("r") && sc.depth() == depth+1:
			if runs++; runs > maxRuns {
				sc.tooLarge(fmt.Sprintf("a string of more than %d runs", maxRuns))
			}
			runTexts = 0
			continue
		case sc.is("t") && sc.depth() == depth+1:
			plain++
		case sc.is("t") && sc.in("r"):
			runTexts++
		default:
			continue
		}
		if plain > 1 || plain > 0 && runs > 0 || runTexts > 1 {
			sc.fail("a string with two texts")
		}
		b.WriteString(textOf(sc))
	}
	if plain > 0 && runs > 0 {
		sc.fail("a string with two texts")
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
