// Package returns reads filled-in returns: it opens a workbook (refusing, with a
// FileError saying what to do, anything that is not a usable .xlsx), locates every answer
// cell by its defined name and the hidden id column (resolve.go: one answer, one cell),
// reads each cell as it is stored, and lists a folder of returns (list.go). Judging the
// answers is schema/check's job.
package returns

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
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/internal/xlsxread"
	"github.com/osaka-city/zaitaku/schema/period"
)

// The limits on what a return may expand to (form.MaxFileSize…).
const (
	maxFileSize    = form.MaxFileSize
	maxPartSize    = form.MaxPartSize
	unzipSizeLimit = form.MaxUnzipSize
)

// checkZipSizes refuses a workbook that would expand to more than any real return before
// anything is decompressed, so a zip bomb or a sheet of a hundred megabytes costs
// milliseconds, not memory. The reader's own limit then guards against sizes the zip lies
// about.
func checkZipSizes(data []byte, name string) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return unreadable(name, "ファイルが壊れているか、Excel ファイルではないため開けません。Excel で開けるか確認し、保存し直してください", err)
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if zf.UncompressedSize64 > maxPartSize || total > unzipSizeLimit {
			return unreadable(name, fmt.Sprintf("展開後の大きさが %d MB を超えるため読めません（通常の回答票は 1 MB 未満です）。回答票に記入し直してください", unzipSizeLimit>>20), xlsxread.ErrTooLarge)
		}
	}
	return nil
}

// FileError says a file is not a usable return at all (wrong format, encrypted, corrupt),
// as opposed to a return with findings. Kind says which of the three file-level codes it
// is (finding.Unreadable, finding.WrongFormat, finding.NotAReturn); Err, when set, is the
// underlying error, so callers can test it with errors.Is (fs.ErrNotExist,
// xlsxread.ErrTooLarge…).
type FileError struct {
	File string
	Kind finding.Code
	Msg  string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Msg }

// Unwrap gives the underlying error.
func (e *FileError) Unwrap() error { return e.Err }

// Finding is the file-level finding the file gives wherever it is reported (validate,
// aggregate, 提出状況): the one way a file that cannot be read becomes a finding.
func (e *FileError) Finding() finding.Finding {
	msg := e.Msg
	// 「読めません。」 heads the reason, unless the reason already says it
	// (「Excel 97-2003 形式 (.xls) は読めません。…」 is not said twice).
	if !strings.Contains(msg, "読めません") {
		msg = "読めません。" + msg
	}
	return finding.Finding{File: e.File, Severity: finding.Error, Code: e.Kind, Message: msg}
}

func unreadable(name, msg string, err error) *FileError {
	return &FileError{File: name, Kind: finding.Unreadable, Msg: msg, Err: err}
}

func wrongFormat(name, msg string) *FileError {
	return &FileError{File: name, Kind: finding.WrongFormat, Msg: msg}
}

// Cell is what the reader found in one answer slot.
type Cell struct {
	form.Location
	// Value is the cell's stored value (a formula's saved result), with surrounding spaces trimmed.
	Value string
	// Lines are the non-empty entries of a text list, one per row or line.
	Lines []string
	// Rows are a text list's cells, one per row of its range, each checked on its own.
	Rows []Cell
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
	Beside *form.Location
	// BesideValue is that cell's value.
	BesideValue string
	// Below and BelowValue are the same for the cell under an empty answer cell (an answer
	// typed one row off); the checks ignore it when that cell is itself an answer cell.
	Below      *form.Location
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
	// Remarks are the items' 備考 (reasons for a change since the previous period) by
	// item id, where one was written.
	Remarks map[string]string

	// Findings are every problem found, in form order.
	Findings []finding.Finding

	// Blocked are the answers (slot or header keys) that could not be tied to exactly one
	// cell of their own; they are reported once by locate and read as nothing.
	Blocked map[string]bool
}

// Add records a finding on the return, naming its file.
func (r *Return) Add(f finding.Finding) {
	f.File = r.Name
	r.Findings = append(r.Findings, f)
}

// Errors counts findings of severity error.
func (r *Return) Errors() int { return finding.Count(r.Findings, finding.Error) }

// Warnings counts findings of severity warning.
func (r *Return) Warnings() int { return finding.Count(r.Findings, finding.Warning) }

// Read opens a return and reads every answer cell, located as the schema's form lays
// them out; schema/check then judges the answers (check.Read does both). A file that is
// not a usable return at all gives a *FileError; an answer cell that cannot be found or
// tied to one cell is a finding.
func Read(path string, sc *schema.Schema) (*Return, error) {
	return ReadNamed(path, filepath.Base(path), sc)
}

// ReadNamed is Read with the file called name in every message and finding, for a file
// whose name on disk is not what a person should see (see DisplayName).
func ReadNamed(path, name string, sc *schema.Schema) (*Return, error) {
	data, err := readFile(path, name)
	if err != nil {
		return nil, err
	}
	r, err := ReadBytes(name, data, sc)
	if r != nil {
		r.File = path
	}
	return r, err
}

// ReadBytes is Read on a return already in memory; name is used in messages.
func ReadBytes(name string, data []byte, sc *schema.Schema) (*Return, error) {
	if len(data) == 0 {
		return nil, unreadable(name, "ファイルが空です（0 バイト）。保存し直した回答票を指定してください", nil)
	}
	path := name
	sum := sha256.Sum256(data)
	f, err := openWorkbook(data, name)
	if err != nil {
		return nil, err
	}
	r := &Return{File: path, Name: name, SHA256: hex.EncodeToString(sum[:]), Schema: sc}
	if err := r.locate(f); err != nil {
		return nil, err
	}
	return r, nil
}

// CheckSize refuses a file larger than any return can be (form.MaxFileSize) with the
// FileError a ward reads, before the file is read: ReadNamed checks it on disk, the offline
// checker page (render/checker) on the bytes it was given. It is nil for a size that fits.
func CheckSize(name string, size int64) error {
	if size <= maxFileSize {
		return nil
	}
	return unreadable(name, fmt.Sprintf("ファイルが大きすぎます（%d MB）。回答票は通常 1 MB 未満です。画像などを削除して保存し直してください", size>>20), nil)
}

func readFile(path, name string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, unreadable(name, "ファイルがありません。ファイル名とフォルダを確認してください", err)
	case err != nil:
		return nil, unreadable(name, "ファイルを開けません（"+err.Error()+"）", err)
	case st.IsDir():
		return nil, wrongFormat(name, "フォルダです。回答票の .xlsx ファイルを指定してください")
	case st.Size() == 0:
		return nil, unreadable(name, "ファイルが空です（0 バイト）。保存し直した回答票を指定してください", nil)
	case st.Size() > maxFileSize:
		return nil, CheckSize(name, st.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, unreadable(name, "ファイルを読めません（"+err.Error()+"）", err)
	}
	return data, nil
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// Encrypted .xlsx files are OLE containers with an EncryptionInfo stream (UTF-16 name).
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// errNoSheets is a package xlsxread opens that has no sheet.
var errNoSheets = errors.New("no sheets")

// openWorkbook tells apart the ways a file can fail to be an .xlsx before it is read, so
// each gets a message that says what to do.
func openWorkbook(data []byte, name string) (*xlsxread.Workbook, error) {
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(data, oleMagic):
		if bytes.Contains(data, encryptionInfo) {
			return nil, wrongFormat(name, "パスワードで保護（暗号化）されているため読めません。Excel でパスワードを解除して保存し直してください")
		}
		return nil, wrongFormat(name, adviceXLS)
	case !bytes.HasPrefix(data, zipMagic):
		if msg := otherDocument(data); msg != "" {
			return nil, wrongFormat(name, msg)
		}
		if ext == ".csv" || ext == ".txt" || looksLikeText(data) {
			return nil, wrongFormat(name, adviceCSV)
		}
		return nil, wrongFormat(name, "Excel ファイル（.xlsx）ではありません。回答票を Excel で開き、.xlsx として保存し直してください")
	}
	if err := checkZipSizes(data, name); err != nil {
		return nil, err
	}
	f, err := xlsxread.Open(data, maxPartSize)
	if err == nil && len(f.SheetList()) == 0 {
		err = errNoSheets
	}
	if err != nil {
		// Only a package that is no workbook is looked into: a return never pays for it.
		if msg := otherPackage(data); msg != "" {
			return nil, wrongFormat(name, msg)
		}
		if err == errNoSheets {
			return nil, unreadable(name, "シートがありません。Excel ファイルとして壊れています", nil)
		}
		return nil, openError(name, err)
	}
	return f, nil
}

// openError is the message for a workbook or sheet the reader refused.
func openError(name string, err error) *FileError {
	if errors.Is(err, xlsxread.ErrTooLarge) {
		return unreadable(name, "展開後のサイズが大きすぎるため読めません（通常の回答票ではありません）", err)
	}
	return unreadable(name, "ファイルが壊れているか、Excel ファイルではないため開けません。Excel で開けるか確認し、保存し直してください", err)
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

// target is where an answer is read: a form.Range, with the fields the resolver uses.
type target struct {
	sheet    string
	col      string
	from, to int
}

func parseRef(s string) (target, bool) {
	r, ok := form.ParseRange(s)
	return target{sheet: r.Sheet, col: r.Col, from: r.From, to: r.To}, ok
}

// refCache holds parsed defined-name targets. Every return made from one template has the
// same hundred-odd names, and parsing them each time was 7 % of reading 1,741 returns;
// the cap keeps odd files from growing it without end.
var refCache struct {
	sync.Mutex
	m map[string]refResult
}

type refResult struct {
	t  target
	ok bool
}

const refCacheMax = 1 << 14

func cachedRef(s string) (target, bool) {
	refCache.Lock()
	r, hit := refCache.m[s]
	refCache.Unlock()
	if hit {
		return r.t, r.ok
	}
	t, ok := parseRef(s)
	refCache.Lock()
	if refCache.m == nil {
		refCache.m = map[string]refResult{}
	}
	if len(refCache.m) < refCacheMax {
		refCache.m[s] = refResult{t, ok}
	}
	refCache.Unlock()
	return t, ok
}

// namedTargets maps each workbook-scoped defined name to the cell or column range it
// points at, leaving out names whose sheet no longer exists (#REF! after a deletion).
func namedTargets(sheetList []string, defined []xlsxread.DefinedName) map[string]target {
	sheets := map[string]bool{}
	for _, s := range sheetList {
		sheets[s] = true
	}
	names := map[string]target{}
	for _, dn := range defined {
		if dn.Scope != "" {
			continue
		}
		if t, ok := cachedRef(dn.RefersTo); ok && sheets[t.sheet] {
			names[dn.Name] = t
		}
	}
	return names
}

// locate finds every answer cell by its defined name, checked against the hidden id
// column (resolve.go); a return that lost its names is read by the id column alone.
func (r *Return) locate(f *xlsxread.Workbook) error {
	spots := []*spot{
		{key: form.MetaForm, name: form.NameForm, col: form.AnswerCol, header: "様式"},
		{key: form.MetaWard, name: form.NameWard, col: form.AnswerCol, header: r.Schema.Units.Label + "名"},
		{key: form.MetaPeriod, name: form.NamePeriod, col: form.AnswerCol, header: "対象期間"},
	}
	// The items' 備考 cells come last and are optional: a form made before them has none.
	slots := append(form.Slots(r.Schema), form.RemarkSlots(r.Schema)...)
	all := make([]spot, len(slots))
	for i, s := range slots {
		sp := &all[i]
		*sp = spot{key: s.Key, name: s.Name(), col: form.AnswerCol, slot: s, list: s.Kind == form.SlotList}
		if s.Kind == form.SlotList || (s.Kind == form.SlotText && s.Field == nil && s.Remark == nil) {
			sp.col = form.LabelCol
		}
		spots = append(spots, sp)
	}
	res, findings, blocked := resolve(f, spots)
	r.Blocked = blocked
	rd := &cellReader{f: f, used: map[string]bool{}, helpers: helperAreas(f.DefinedNames())}
	r.Cells = map[string]*Cell{}
	var missing []*spot
	for i, sp := range spots {
		if blocked[sp.key] {
			continue
		}
		if res[i].state == stateMissing {
			// A computed cell lost is no loss: its figure comes from its parts; nor a
			// 備考 cell, which older forms do not have.
			if sp.slot != nil && !sp.slot.Computed && sp.slot.Remark == nil {
				missing = append(missing, sp)
			}
			continue
		}
		c := rd.read(res[i].t, sp.list)
		switch {
		case sp.slot != nil:
			if !sp.list {
				c.Lines = nil
			}
			r.Cells[sp.key] = c
		case sp.key == form.MetaForm:
			r.FormCell = c
		case sp.key == form.MetaWard:
			r.WardCell = c
		case sp.key == form.MetaPeriod:
			r.PeriodCell = c
		}
	}
	for _, sheet := range f.SheetList() {
		if !rd.used[sheet] {
			continue // a broken sheet that holds no answer is no reason to refuse a return
		}
		if err := f.SheetErr(sheet); errors.Is(err, xlsxread.ErrTooLarge) {
			return openError(r.Name, err)
		} else if err != nil {
			return unreadable(r.Name, "シート「"+sheet+"」の中身が壊れていて読めません。Excel で開けるか確認し、保存し直してください", err)
		}
	}
	if len(r.Cells) == 0 && r.FormCell == nil && len(blocked) == 0 {
		var want []string
		for _, sh := range r.Schema.Sheets {
			want = append(want, "「"+sh.Name+"」")
		}
		return &FileError{File: r.Name, Kind: finding.NotAReturn, Msg: "zaitaku の回答票ではありません（" + strings.Join(want, "") + "シートも回答欄も見つかりません）。zaitaku template で作った様式に記入してください"}
	}
	for _, fd := range findings {
		r.Add(fd)
	}
	for _, sp := range missing {
		r.Add(finding.Finding{Severity: finding.Error, Code: finding.SlotMissing, QuestionID: sp.key, Label: sp.label(),
			Message: "回答欄が見つかりません。行・列の削除やシートの変更で様式が崩れています。配布した様式に記入し直してください"})
	}
	return nil
}

// cellReader reads answer cells; a sheet that does not parse reads as empty here and
// refuses the workbook in locate (Workbook.SheetErr).
type cellReader struct {
	f    *xlsxread.Workbook
	used map[string]bool // the sheets answers were read from
	// helpers are the live checks' cells, never taken for a misplaced answer.
	helpers []helperArea
}

// read reads the cell (or, for a list, every row) a target points at.
func (rd *cellReader) read(t target, list bool) *Cell {
	rd.used[t.sheet] = true
	sh, _ := rd.f.Sheet(t.sheet)
	col, err := excelize.ColumnNameToNumber(t.col)
	if sh == nil || err != nil {
		return &Cell{Location: form.Location{Sheet: t.sheet, Cell: fmt.Sprintf("%s%d", t.col, t.from)}}
	}
	first := rd.one(sh, t.sheet, col, t.from)
	c := &first
	if list {
		rows := make([]Cell, 0, t.to-t.from+1)
		rows = append(rows, first)
		c.Lines = append([]string(nil), first.Lines...)
		for row := t.from + 1; row <= t.to; row++ {
			rc := rd.one(sh, t.sheet, col, row)
			rows = append(rows, rc)
			c.Lines = append(c.Lines, rc.Lines...)
		}
		c.Rows = rows
	}
	if c.Value == "" && t.from == t.to {
		if v := plainValue(sh, col+1, t.from); v != "" && !inHelper(rd.helpers, t.sheet, col+1, t.from) {
			ref, _ := excelize.CoordinatesToCellName(col+1, t.from)
			c.Beside, c.BesideValue = &form.Location{Sheet: t.sheet, Cell: ref}, v
		}
		if v := plainValue(sh, col, t.from+1); v != "" && !inHelper(rd.helpers, t.sheet, col, t.from+1) {
			c.Below, c.BelowValue = &form.Location{Sheet: t.sheet, Cell: fmt.Sprintf("%s%d", t.col, t.from+1)}, v
		}
	}
	return c
}

// one reads a single cell: its value, how it is stored and its non-empty lines.
func (rd *cellReader) one(sh *xlsxread.Sheet, sheet string, col, row int) Cell {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	cell := sh.Cell(col, row)
	v := cell.Value
	c := Cell{Location: form.Location{Sheet: sheet, Cell: ref}, Value: strings.TrimSpace(v), Kind: rd.kind(cell)}
	c.Number = c.Kind == KindNumber
	c.NoResult = cell.Formula && v == ""
	if m, ok := sh.MergeAt(col, row); ok && (m.Col1 != col || m.Row1 != row) {
		c.MergedInto = m.String()
	}
	for _, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			c.Lines = append(c.Lines, line)
		}
	}
	return c
}

var plainNumber = regexp.MustCompile(`^-?\d+(\.\d+)?([eE][-+]?\d+)?$`)

// IsPlainNumber reports whether s is a number as a cell stores it ("12", "-3.5", "1E+3").
func IsPlainNumber(s string) bool { return plainNumber.MatchString(s) }

// kind classifies a cell from its stored type and, for numbers, its number format: a date
// is stored as a number (45000) and would otherwise pass as a count.
func (rd *cellReader) kind(c xlsxread.Cell) CellKind {
	raw := c.Value
	if strings.TrimSpace(raw) == "" {
		return KindEmpty
	}
	switch c.Type {
	case "b":
		return KindBool
	case "e":
		return KindError
	case "d":
		return KindDate
	case "s", "inlineStr":
		return KindText
	}
	// A formula's text result is stored as t="str"; a numeric result is stored untyped.
	if !IsPlainNumber(raw) {
		return KindText
	}
	if c.Style != 0 {
		if id, code, custom := rd.f.NumFmt(c.Style); isDateFormat(id, code, custom) {
			return KindDate
		}
	}
	return KindNumber
}

// isDateFormat reports whether a number format shows a date or time: Excel's built-in date
// formats (14–22, 27–36, 45–47, 50–58) or a custom format with date/time letters outside
// quotes and brackets.
func isDateFormat(id int, code string, custom bool) bool {
	switch {
	case id >= 14 && id <= 22, id >= 27 && id <= 36, id >= 45 && id <= 47, id >= 50 && id <= 58:
		return true
	}
	if !custom {
		return false
	}
	quoted, bracket := false, false
	for _, r := range strings.ToLower(code) {
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

// plainValue is a typed-in value of a cell: empty for formulas (the template's own sums).
func plainValue(sh *xlsxread.Sheet, col, row int) string {
	c := sh.Cell(col, row)
	if c.Formula {
		return ""
	}
	return strings.TrimSpace(c.Value)
}
