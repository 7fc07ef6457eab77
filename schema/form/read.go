package form

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Limits on what a return may expand to; a real return is well under a megabyte, so these
// only stop a zip bomb from taking the machine down.
const (
	maxFileSize       = 50 << 20
	maxPartSize       = 32 << 20
	unzipSizeLimit    = 64 << 20
	unzipXMLSizeLimit = 32 << 20
)

// checkZipSizes refuses a workbook that would expand to more than any real return before
// anything is decompressed, so a zip bomb or a sheet of a hundred megabytes costs
// milliseconds, not memory. excelize's own limits then guard against sizes the zip lies about.
func checkZipSizes(data []byte, name string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FileError{name, "ファイルが壊れているか、Excel ファイルではないため開けません。Excel で開けるか確認し、保存し直してください"}
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > maxPartSize || total > unzipSizeLimit {
			return &FileError{name, fmt.Sprintf("展開後の大きさが %d MB を超えるため読めません（通常の回答票は 1 MB 未満です）。回答票に記入し直してください", unzipSizeLimit>>20)}
		}
	}
	return nil
}

// FileError says a file is not a usable return at all (wrong format, encrypted, corrupt),
// as opposed to a return with findings.
type FileError struct {
	File string
	Msg  string
}

func (e *FileError) Error() string { return e.File + ": " + e.Msg }

// Location is an answer cell: sheet and A1 reference.
type Location struct {
	Sheet string
	Cell  string
}

func (l Location) String() string {
	if l.Sheet == "" {
		return l.Cell
	}
	return l.Sheet + "!" + l.Cell
}

// Cell is what the reader found in one answer slot.
type Cell struct {
	Location
	// Value is the cell's stored value (a formula's saved result), with surrounding spaces trimmed.
	Value string
	// Lines are the non-empty entries of a text list, one per row or line.
	Lines []string
	// Number reports that the cell holds a number rather than text.
	Number bool
	// NoResult reports a formula whose result was never saved, so its value is unknown.
	NoResult bool
	// Kind is what the workbook says the cell holds: a boolean, an error value (#DIV/0!),
	// a date or text are all things a count cell must not silently become a number from.
	Kind CellKind
	// MergedInto names the merged range that swallowed the cell when it is not the range's
	// top-left cell (Excel keeps only the top-left value of a merge).
	MergedInto string
	// Beside is what stands in the cell to the right of an empty answer cell: an answer
	// typed one cell off.
	Beside *Location
	// BesideValue is that cell's value.
	BesideValue string
	// Below and BelowValue are the same for the cell under an empty answer cell (an answer
	// typed one row off); the checks ignore it when that cell is itself an answer cell.
	Below      *Location
	BelowValue string
}

// CellKind is how a cell's value is stored.
type CellKind int

// The cell kinds the checks tell apart.
const (
	KindEmpty CellKind = iota
	KindText
	KindNumber
	KindDate
	KindBool
	KindError
)

// Return is one ward's return as read and checked.
type Return struct {
	// File is the path as given; Name is its base name, used in messages.
	File   string
	Name   string
	SHA256 string
	Schema *schema.Schema

	// Raw header values and where they were found.
	WardCell, PeriodCell, FormCell *Cell

	// Cells holds every answer slot found, by slot key.
	Cells map[string]*Cell

	// Checked answers, filled by the validator for valid cells only.
	Ward    *schema.Unit
	Period  period.Period
	Choices map[string]*schema.Option
	Counts  map[string]int64
	Texts   map[string]string
	Lists   map[string][]string

	// Findings are every problem found, in form order.
	Findings []Finding
}

// Errors counts findings of severity error.
func (r *Return) Errors() int { return count(r.Findings, Error) }

// Warnings counts findings of severity warning.
func (r *Return) Warnings() int { return count(r.Findings, Warning) }

func count(fs []Finding, sev Severity) int {
	n := 0
	for _, f := range fs {
		if f.Severity == sev {
			n++
		}
	}
	return n
}

// ReadOptions are the expectations a return is checked against.
type ReadOptions struct {
	// Period, when set, is the period every return must be for.
	Period period.Period
}

// Read opens a return, reads every answer and checks it against the schema. A file that is
// not a usable return at all gives a *FileError; problems inside a return are Findings.
func Read(path string, sc *schema.Schema, opts ReadOptions) (*Return, error) {
	name := filepath.Base(path)
	data, err := readFile(path, name)
	if err != nil {
		return nil, err
	}
	r, err := ReadBytes(name, data, sc, opts)
	if r != nil {
		r.File = path
	}
	return r, err
}

// ReadBytes is Read on a return already in memory; name is used in messages.
func ReadBytes(name string, data []byte, sc *schema.Schema, opts ReadOptions) (*Return, error) {
	if len(data) == 0 {
		return nil, &FileError{name, "ファイルが空です（0 バイト）。保存し直した回答票を指定してください"}
	}
	path := name
	sum := sha256.Sum256(data)
	f, err := openWorkbook(data, name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := &Return{File: path, Name: name, SHA256: hex.EncodeToString(sum[:]), Schema: sc}
	if err := r.locate(f); err != nil {
		return nil, err
	}
	r.check(opts)
	return r, nil
}

func readFile(path, name string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &FileError{name, "ファイルがありません。ファイル名とフォルダを確認してください"}
	case err != nil:
		return nil, &FileError{name, "ファイルを開けません（" + err.Error() + "）"}
	case st.IsDir():
		return nil, &FileError{name, "フォルダです。回答票の .xlsx ファイルを指定してください"}
	case st.Size() == 0:
		return nil, &FileError{name, "ファイルが空です（0 バイト）。保存し直した回答票を指定してください"}
	case st.Size() > maxFileSize:
		return nil, &FileError{name, fmt.Sprintf("ファイルが大きすぎます（%d MB）。回答票は通常 1 MB 未満です。画像などを削除して保存し直してください", st.Size()>>20)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{name, "ファイルを読めません（" + err.Error() + "）"}
	}
	return data, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// Encrypted .xlsx files are OLE containers with an EncryptionInfo stream (UTF-16 name).
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// openWorkbook tells apart the ways a file can fail to be an .xlsx before excelize sees it,
// so each gets a message that says what to do.
func openWorkbook(data []byte, name string) (*excelize.File, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptionInfo) {
			return nil, &FileError{name, "パスワードで保護（暗号化）されているため読めません。Excel でパスワードを解除して保存し直してください"}
		}
		return nil, &FileError{name, "Excel 97-2003 形式 (.xls) は読めません。Excel で .xlsx として保存し直してください"}
	case !bytes.HasPrefix(data, zipMagic):
		if ext == ".csv" || ext == ".txt" || looksLikeText(data) {
			return nil, &FileError{name, "CSV やテキストのファイルです。zaitaku template で作った回答票（.xlsx）に記入して提出してください"}
		}
		return nil, &FileError{name, "Excel ファイル（.xlsx）ではありません。回答票を Excel で開き、.xlsx として保存し直してください"}
	}
	if err := checkZipSizes(data, name); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    unzipSizeLimit,
		UnzipXMLSizeLimit: unzipXMLSizeLimit,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrOptionsUnzipSizeLimit) {
			return nil, &FileError{name, "展開後のサイズが大きすぎるため読めません（通常の回答票ではありません）"}
		}
		return nil, &FileError{name, "ファイルが壊れているか、Excel ファイルではないため開けません。Excel で開けるか確認し、保存し直してください"}
	}
	if f.GetSheetList() == nil || len(f.GetSheetList()) == 0 {
		f.Close()
		return nil, &FileError{name, "シートがありません。Excel ファイルとして壊れています"}
	}
	return f, nil
}

func looksLikeText(data []byte) bool {
	n := min(len(data), 512)
	for _, b := range data[:n] {
		if b < 0x09 || (b > 0x0d && b < 0x20) {
			return false
		}
	}
	return true
}

// refersTo matches a defined name's target: 'Sheet'!$D$8 or Sheet!$D$8:$D$15.
var refersTo = regexp.MustCompile(`^=?(?:'((?:[^']|'')+)'|([^!'\s]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$`)

type target struct {
	sheet    string
	col      string
	from, to int
}

func parseRef(s string) (target, bool) {
	m := refersTo.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return target{}, false
	}
	t := target{sheet: strings.ReplaceAll(m[1], "''", "'"), col: m[3]}
	if t.sheet == "" {
		t.sheet = m[2]
	}
	fmt.Sscan(m[4], &t.from)
	t.to = t.from
	if m[6] != "" {
		if m[5] != m[3] {
			return target{}, false
		}
		fmt.Sscan(m[6], &t.to)
	}
	return t, t.from > 0 && t.to >= t.from
}

// namedTargets maps each workbook-scoped defined name to the cell or column range it
// points at, leaving out names whose sheet no longer exists (#REF! after a deletion).
func namedTargets(f *excelize.File) map[string]target {
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	names := map[string]target{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope != "" && dn.Scope != "Workbook" {
			continue
		}
		if t, ok := parseRef(dn.RefersTo); ok && sheets[t.sheet] {
			names[dn.Name] = t
		}
	}
	return names
}

// locate finds every answer cell: first by defined name, then by the id column.
func (r *Return) locate(f *excelize.File) error {
	names := namedTargets(f)
	// The id column is only the fallback for files that lost their names; scanning it reads
	// whole sheets (over half of a read), so it happens only when a name is missing.
	var ids map[string]idRange
	find := func(name, key, col string) (target, bool) {
		if t, ok := names[name]; ok {
			return t, true
		}
		if ids == nil {
			ids = scanIDColumn(f)
		}
		if rows, ok := ids[key]; ok {
			return target{sheet: rows.sheet, col: col, from: rows.from, to: rows.to}, true
		}
		return target{}, false
	}
	rd := newCellReader(f)
	r.Cells = map[string]*Cell{}
	if t, ok := find(NameForm, metaForm, colAnswer); ok {
		r.FormCell = rd.read(t)
	}
	if t, ok := find(NameWard, metaWard, colAnswer); ok {
		r.WardCell = rd.read(t)
	}
	if t, ok := find(NamePeriod, metaPeriod, colAnswer); ok {
		r.PeriodCell = rd.read(t)
	}
	var missing []*Slot
	for _, s := range Slots(r.Schema) {
		col := colAnswer
		if s.Kind == SlotList || (s.Kind == SlotText && s.Field == nil) {
			col = colLabel
		}
		t, ok := find(s.Name(), s.Key, col)
		if !ok {
			missing = append(missing, s)
			continue
		}
		c := rd.read(t)
		if s.Kind != SlotList {
			c.Lines = nil
		}
		r.Cells[s.Key] = c
	}
	for _, sheet := range f.GetSheetList() {
		if rd.broken[sheet] {
			return &FileError{r.Name, "シート「" + sheet + "」の中身が壊れていて読めません。Excel で開けるか確認し、保存し直してください"}
		}
	}
	if len(r.Cells) == 0 && r.FormCell == nil {
		var want []string
		for _, sh := range r.Schema.Sheets {
			want = append(want, "「"+sh.Name+"」")
		}
		return &FileError{r.Name, "zaitaku の回答票ではありません（" + strings.Join(want, "") + "シートも回答欄も見つかりません）。zaitaku template で作った様式に記入してください"}
	}
	for _, s := range missing {
		r.add(Finding{Severity: Error, QuestionID: s.Key, Label: s.Label(),
			Message: "回答欄が見つかりません。行・列の削除やシートの変更で様式が崩れています。配布した様式に記入し直してください"})
	}
	return nil
}

type idRange struct {
	sheet    string
	from, to int
}

// scanIDColumn maps each id in column A (hidden) to its rows, for returns whose defined
// names were lost on the way.
func scanIDColumn(f *excelize.File) map[string]idRange {
	out := map[string]idRange{}
	for _, sh := range f.GetSheetList() {
		if sh == ListsSheet {
			continue
		}
		cols, err := f.GetCols(sh, excelize.Options{RawCellValue: true})
		if err != nil || len(cols) == 0 {
			continue
		}
		for i, v := range cols[0] {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			row := i + 1
			if cur, ok := out[v]; ok && cur.sheet == sh && cur.to == row-1 {
				cur.to = row
				out[v] = cur
				continue
			}
			if _, ok := out[v]; !ok {
				out[v] = idRange{sheet: sh, from: row, to: row}
			}
		}
	}
	return out
}

type cellReader struct {
	f *excelize.File
	// broken holds sheets whose XML does not parse; excelize would re-parse them on every
	// cell read, so they are tried once and the workbook is refused.
	broken map[string]bool
	dates  map[int]bool                    // style id → has a date number format
	merges map[string][]excelize.MergeCell // sheet → merged ranges
}

func newCellReader(f *excelize.File) *cellReader {
	return &cellReader{f: f, broken: map[string]bool{}, dates: map[int]bool{}, merges: map[string][]excelize.MergeCell{}}
}

// usable reports whether a sheet's XML parses, trying each sheet once.
func (rd *cellReader) usable(sheet string) bool {
	if b, ok := rd.broken[sheet]; ok {
		return !b
	}
	_, err := rd.f.GetCellValue(sheet, "A1")
	rd.broken[sheet] = err != nil
	return err == nil
}

func (rd *cellReader) read(t target) *Cell {
	c := &Cell{Location: Location{Sheet: t.sheet, Cell: fmt.Sprintf("%s%d", t.col, t.from)}}
	if !rd.usable(t.sheet) {
		return c
	}
	for row := t.from; row <= t.to; row++ {
		ref := fmt.Sprintf("%s%d", t.col, row)
		v, _ := rd.f.GetCellValue(t.sheet, ref, excelize.Options{RawCellValue: true})
		if row == t.from {
			c.Value = strings.TrimSpace(v)
			c.Kind = rd.kind(t.sheet, ref, v)
			c.Number = c.Kind == KindNumber
			if formula, _ := rd.f.GetCellFormula(t.sheet, ref); formula != "" && v == "" {
				c.NoResult = true
			}
			c.MergedInto = rd.mergedInto(t.sheet, ref)
			if c.Value == "" && t.from == t.to {
				rd.lookBeside(c, t.sheet, t.col, row)
				if v := rd.plainValue(t.sheet, fmt.Sprintf("%s%d", t.col, row+1)); v != "" {
					c.Below, c.BelowValue = &Location{Sheet: t.sheet, Cell: fmt.Sprintf("%s%d", t.col, row+1)}, v
				}
			}
		}
		for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				c.Lines = append(c.Lines, line)
			}
		}
	}
	return c
}

var plainNumber = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

func isPlainNumber(s string) bool { return plainNumber.MatchString(s) }

// kind classifies a cell from its stored type and, for numbers, its number format: a date
// is stored as a number (45000) and would otherwise pass as a count.
func (rd *cellReader) kind(sheet, ref, raw string) CellKind {
	if strings.TrimSpace(raw) == "" {
		return KindEmpty
	}
	typ, _ := rd.f.GetCellType(sheet, ref)
	switch typ {
	case excelize.CellTypeBool:
		return KindBool
	case excelize.CellTypeError:
		return KindError
	case excelize.CellTypeDate:
		return KindDate
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return KindText
	case excelize.CellTypeFormula:
		// A formula with a string result; a numeric result is stored untyped.
		if !isPlainNumber(raw) {
			return KindText
		}
	}
	if !isPlainNumber(raw) {
		return KindText
	}
	if id, err := rd.f.GetCellStyle(sheet, ref); err == nil && id != 0 && rd.isDateStyle(id) {
		return KindDate
	}
	return KindNumber
}

func (rd *cellReader) isDateStyle(id int) bool {
	if d, ok := rd.dates[id]; ok {
		return d
	}
	st, err := rd.f.GetStyle(id)
	d := err == nil && st != nil && isDateFormat(st.NumFmt, st.CustomNumFmt)
	rd.dates[id] = d
	return d
}

// isDateFormat reports whether a number format shows a date or time: Excel's built-in date
// formats (14–22, 27–36, 45–47, 50–58) or a custom format with date/time letters outside
// quotes and brackets.
func isDateFormat(id int, custom *string) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	}
	if custom == nil {
		return false
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(*custom) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case bracket:
		case strings.ContainsRune("ymdhs年月日", r):
			return true
		}
	}
	return false
}

// mergedInto returns the merged range ref belongs to when it is not the range's top-left.
func (rd *cellReader) mergedInto(sheet, ref string) string {
	ms, ok := rd.merges[sheet]
	if !ok {
		ms, _ = rd.f.GetMergeCells(sheet, true)
		rd.merges[sheet] = ms
	}
	col, row, err := excelize.CellNameToCoordinates(ref)
	if err != nil {
		return ""
	}
	for _, m := range ms {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		if col >= c1 && col <= c2 && row >= r1 && row <= r2 && (col != c1 || row != r1) {
			return m.GetStartAxis() + ":" + m.GetEndAxis()
		}
	}
	return ""
}

// lookBeside notes a value in the cell right of an empty answer cell, the usual place an
// answer lands when typed one cell off.
func (rd *cellReader) lookBeside(c *Cell, sheet, col string, row int) {
	n, err := excelize.ColumnNameToNumber(col)
	if err != nil {
		return
	}
	next, _ := excelize.ColumnNumberToName(n + 1)
	ref := fmt.Sprintf("%s%d", next, row)
	if v := rd.plainValue(sheet, ref); v != "" {
		c.Beside, c.BesideValue = &Location{Sheet: sheet, Cell: ref}, v
	}
}

// plainValue is a typed-in value of a cell: empty for formulas (the template's own sums).
func (rd *cellReader) plainValue(sheet, ref string) string {
	if f, _ := rd.f.GetCellFormula(sheet, ref); f != "" {
		return ""
	}
	v, _ := rd.f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	return strings.TrimSpace(v)
}
