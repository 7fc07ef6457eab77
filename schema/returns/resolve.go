package returns

import (
	"fmt"
	"sort"
	"strings"

	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/internal/xlsxread"
)

// An answer is found twice over: by its defined name (zq_<key>), which Excel and
// LibreOffice move with the cell, and by its key in the hidden id column A, which moves
// with the row. Inserting rows moves both alike. Cutting a cell and pasting it onto
// another moves only the name: Excel makes the overwritten cell's names #REF!, LibreOffice
// leaves them on the cell, so two answers then share one cell. Reading either would put a
// neighbour's figure in the report, so an answer is only read when its name and its row
// agree and no other answer claims its cell.

// spot is one place an answer is looked up: a slot or a header cell.
type spot struct {
	key, name, col string
	list           bool       // a range of rows (a text list); otherwise one cell
	slot           *form.Slot // nil for the header cells
	header         string     // a header cell's label
}

// label is the spot as findings name it; built only for a finding, as labels cost.
func (sp *spot) label() string {
	if sp.slot == nil {
		return sp.header
	}
	return sp.slot.Label()
}

// short is the spot's label inside its question (「２．歯科」), used when every answer
// named in one finding belongs to the same question.
func (sp *spot) short() string {
	s := sp.slot
	switch {
	case s == nil:
		return sp.header
	case s.Row != nil:
		return form.RowLabel(s.Question, s.Row)
	case s.Category != nil:
		return form.CategoryLabel(s.Category)
	case s.Field != nil:
		return fmt.Sprintf("事例%d %s", s.Record, s.Field.Label)
	}
	return form.QuestionLabel(s.Question)
}

// definedName is one workbook-scoped name as the workbook holds it, looked up without
// regard to case as Excel does.
type definedName struct {
	raw    string // the first definition's refersTo, as written
	t      target
	ok     bool     // the first definition points at a cell or column range of a sheet
	others []string // further, different definitions of the same name
}

// nameTable reads every workbook-scoped defined name, keeping broken and repeated ones so
// that they can be reported instead of silently dropped.
func nameTable(sheetList []string, defined []xlsxread.DefinedName) map[string]*definedName {
	sheets := map[string]bool{}
	for _, s := range sheetList {
		sheets[s] = true
	}
	names := make(map[string]*definedName, len(defined))
	// One allocation for all of them; the capacity is never exceeded, so the pointers hold.
	store := make([]definedName, 0, len(defined))
	for _, dn := range defined {
		if dn.Scope != "" {
			continue
		}
		t, ok := cachedRef(dn.RefersTo)
		ok = ok && sheets[t.sheet]
		k := strings.ToLower(dn.Name)
		if cur := names[k]; cur != nil {
			if !(ok && cur.ok && t == cur.t) && cur.raw != dn.RefersTo {
				cur.others = append(cur.others, dn.RefersTo)
			}
			continue
		}
		store = append(store, definedName{raw: dn.RefersTo, t: t, ok: ok})
		names[k] = &store[len(store)-1]
	}
	return names
}

type idRange struct {
	sheet    string
	from, to int
}

// idColumn is column A of the sheets read: every run of consecutive rows of one id, in
// sheet order, chained per id in one slice (almost every id has one run, and a map entry
// per id of a slice of runs cost a tenth of reading a return).
type idColumn struct {
	first map[string]int32 // id → its first run
	runs  []idRange
	next  []int32 // the id's next run, or -1
}

// of appends the id's runs to buf[:0], which holds the usual single run without
// allocating.
func (c *idColumn) of(id string, buf []idRange) []idRange {
	out := buf[:0]
	i, ok := c.first[id]
	for ok && i >= 0 {
		out = append(out, c.runs[i])
		i = c.next[i]
	}
	return out
}

// scanIDColumn reads each id in column A (hidden) and its runs of consecutive rows. Only
// the given sheets are read: those the defined names point at, which are parsed for
// their answers anyway, or every sheet but the lists when names are missing.
func scanIDColumn(f *xlsxread.Workbook, sheets []string) *idColumn {
	c := &idColumn{first: make(map[string]int32, 256), runs: make([]idRange, 0, 256), next: make([]int32, 0, 256)}
	for _, sh := range sheets {
		if sh == form.ListsSheet {
			continue
		}
		s, err := f.Sheet(sh)
		if err != nil {
			continue
		}
		for _, rv := range s.Column(1) {
			v, row := strings.TrimSpace(rv.Value), rv.Row
			if v == "" {
				continue
			}
			last, ok := c.first[v]
			for ok && c.next[last] >= 0 {
				last = c.next[last]
			}
			if ok && c.runs[last].sheet == sh && c.runs[last].to == row-1 {
				c.runs[last].to = row
				continue
			}
			n := int32(len(c.runs))
			c.runs = append(c.runs, idRange{sheet: sh, from: row, to: row})
			c.next = append(c.next, -1)
			if ok {
				c.next[last] = n
			} else {
				c.first[v] = n
			}
		}
	}
	return c
}

// idTarget is where the id column puts a spot: the first run of its id, and for a list
// every row from there to its last run on the same sheet (rows inserted inside a list
// leave gaps in the column).
func idTarget(sp *spot, runs []idRange) (target, bool) {
	if len(runs) == 0 {
		return target{}, false
	}
	t := target{sheet: runs[0].sheet, col: sp.col, from: runs[0].from, to: runs[0].from}
	if sp.list {
		for _, r := range runs {
			if r.sheet == t.sheet {
				t.to = r.to
			}
		}
	}
	return t, true
}

// agrees reports whether a name's target is where the id column puts the spot. Only the
// sheet and rows are compared: the id column knows rows, not columns.
func agrees(sp *spot, t target, runs []idRange) bool {
	if !sp.list {
		if t.from != t.to {
			return false
		}
		for _, r := range runs {
			if r.sheet == t.sheet && r.from <= t.from && t.from <= r.to {
				return true
			}
		}
		return false
	}
	first, last := 0, 0
	for _, r := range runs {
		if r.sheet != t.sheet {
			continue
		}
		if first == 0 {
			first = r.from
		}
		last = r.to
	}
	return first != 0 && t.from == first && t.to == last
}

// spotState is how a spot resolved.
type spotState int

const (
	stateOK       spotState = iota // name and id column agree, or only one of them exists
	stateMissing                   // neither name nor id
	stateBroken                    // the name is #REF! or otherwise unreadable
	stateTwice                     // the name is defined more than once, differently
	stateDisagree                  // the name and the id column point at different rows
)

// resolved is a spot's outcome: the target read when OK, and for the others where the
// answer belongs (the id column's row) when that is known.
type resolved struct {
	state spotState
	t     target
	name  *definedName
	home  target // the id column's target
	hasID bool
}

// cellKey is one cell of one sheet.
type cellKey struct {
	sheet, col string
	row        int
}

// resolve decides, for every spot, which cell (or rows) it reads, and reports on the
// return every spot that cannot be read without guessing. The spots it leaves out of the
// answer map are returned too, so that they are not reported again as missing or empty.
func resolve(f *xlsxread.Workbook, spots []*spot) (out []resolved, findings []finding.Finding, blocked map[string]bool) {
	names := nameTable(f.SheetList(), f.DefinedNames())
	ids := scanIDColumn(f, idSheets(f, names, spots))
	out = make([]resolved, len(spots))
	cl := cellClaims{owner: make(map[cellKey]int, len(spots)+64), shared: map[cellKey][]int{}}
	for i, sp := range spots {
		dn := names[strings.ToLower(sp.name)]
		var buf [1]idRange
		runs := ids.of(sp.key, buf[:])
		res := locate(sp, dn, runs)
		// A spot claims the cell it reads, the cell its name points at, and every row
		// the id column gives it: a row copied over another answer's row (column A
		// included) then shows as two answers on one cell.
		switch res.state {
		case stateOK:
			cl.claim(i, res.t)
		case stateDisagree:
			cl.claim(i, dn.t)
		}
		for _, r := range runs {
			cl.claim(i, target{sheet: r.sheet, col: sp.col, from: r.from, to: r.to})
		}
		out[i] = res
	}
	findings, reported, blocked := sharedCellFindings(f, spots, cl.shared)
	for i, sp := range spots {
		res := out[i]
		if res.state == stateOK || res.state == stateMissing {
			continue
		}
		blocked[sp.key] = true
		if reported[i] {
			continue
		}
		findings = append(findings, spotFinding(f, sp, res))
	}
	return out, findings, blocked
}

// idSheets lists the sheets whose column A is read: those the defined names point at, or
// every sheet when a name is missing.
func idSheets(f *xlsxread.Workbook, names map[string]*definedName, spots []*spot) []string {
	var sheets []string
	seen := map[string]bool{}
	all := false
	for _, sp := range spots {
		dn := names[strings.ToLower(sp.name)]
		switch {
		case dn == nil && sp.slot != nil && sp.slot.Remark != nil:
			// A form made before the 備考 rows has none: no reason to read every sheet.
		case dn == nil:
			all = true
		case dn.ok && !seen[dn.t.sheet]:
			seen[dn.t.sheet] = true
		}
	}
	for _, s := range f.SheetList() {
		if all || seen[s] {
			sheets = append(sheets, s)
		}
	}
	return sheets
}

// locate decides where one spot is read from its defined name (nil when the workbook has
// none) and its runs in the id column: both must agree when both exist.
func locate(sp *spot, dn *definedName, runs []idRange) resolved {
	home, hasID := idTarget(sp, runs)
	res := resolved{name: dn, home: home, hasID: hasID}
	switch {
	case dn == nil && !hasID:
		res.state = stateMissing
	case dn == nil:
		res.t = home
	case len(dn.others) > 0:
		res.state = stateTwice
	case !dn.ok || (!sp.list && dn.t.from != dn.t.to):
		res.state = stateBroken
	case !hasID:
		res.t = dn.t
	case agrees(sp, dn.t, runs):
		res.t = dn.t
	default:
		res.state = stateDisagree
	}
	return res
}

// cellClaims records who claims each cell: the first claimant, and the whole list only
// for the few cells claimed twice.
type cellClaims struct {
	owner  map[cellKey]int
	shared map[cellKey][]int
}

// claim records spot i as a claimant of every row of t.
func (c *cellClaims) claim(i int, t target) {
	for row := t.from; row <= t.to; row++ {
		k := cellKey{t.sheet, t.col, row}
		o, taken := c.owner[k]
		switch {
		case !taken:
			c.owner[k] = i
		case o == i:
		case c.shared[k] == nil:
			c.shared[k] = []int{o, i}
		case c.shared[k][len(c.shared[k])-1] != i:
			c.shared[k] = append(c.shared[k], i)
		}
	}
}

// sharedCellFindings reports the cells claimed by more than one spot, each group once on
// the first cell it shares, in form order. It returns the spots so reported, and blocks
// every spot that shares a cell.
func sharedCellFindings(f *xlsxread.Workbook, spots []*spot, claims map[cellKey][]int) (findings []finding.Finding, reported map[int]bool, blocked map[string]bool) {
	blocked = map[string]bool{}
	var shared []cellKey
	for k := range claims {
		shared = append(shared, k)
	}
	sort.Slice(shared, func(a, b int) bool {
		ca, cb := claims[shared[a]], claims[shared[b]]
		if ca[0] != cb[0] {
			return ca[0] < cb[0]
		}
		if shared[a].sheet != shared[b].sheet {
			return shared[a].sheet < shared[b].sheet
		}
		if shared[a].row != shared[b].row {
			return shared[a].row < shared[b].row
		}
		return shared[a].col < shared[b].col
	})
	reported = map[int]bool{}
	for _, k := range shared {
		idx := claims[k]
		fresh := false
		for _, i := range idx {
			fresh = fresh || !reported[i]
		}
		for _, i := range idx {
			reported[i] = true
			blocked[spots[i].key] = true
		}
		if !fresh {
			continue
		}
		findings = append(findings, sharedCellFinding(f, spots, idx, k))
	}
	return findings, reported, blocked
}

// movedAdvice ends every finding about an answer cell that moved.
const movedAdvice = "切り取り・貼り付けで回答欄が動いた可能性があります。様式を作り直すか、元の位置に値を入力し直してください"

// sharedCellFinding is the error on a cell that two or more answers point at.
func sharedCellFinding(f *xlsxread.Workbook, spots []*spot, idx []int, k cellKey) finding.Finding {
	sameQuestion := true
	for _, i := range idx {
		s := spots[i].slot
		sameQuestion = sameQuestion && s != nil && s.Question == spots[idx[0]].slot.Question
	}
	var labels []string
	for _, i := range idx {
		if sameQuestion {
			labels = append(labels, "「"+spots[i].short()+"」")
		} else {
			labels = append(labels, "「"+spots[i].label()+"」")
		}
	}
	label := spots[idx[0]].label()
	if sameQuestion {
		label = form.QuestionLabel(spots[idx[0]].slot.Question)
	}
	ref := fmt.Sprintf("%s%d", k.col, k.row)
	return finding.Finding{
		Severity: finding.Error, Code: finding.SlotConflict, QuestionID: spots[idx[0]].key, Label: label,
		Sheet: k.sheet, Cell: ref, Value: cellValue(f, k.sheet, ref),
		Message: fmt.Sprintf("%sの回答欄が同じセル %s を指しています。%s", strings.Join(labels, "と"), ref, movedAdvice),
	}
}

// spotFinding is the error on one answer whose name is broken, repeated or elsewhere
// than its row, placed on the answer's own cell (its row in the id column) when known.
func spotFinding(f *xlsxread.Workbook, sp *spot, res resolved) finding.Finding {
	fd := finding.Finding{Severity: finding.Error, QuestionID: sp.key, Label: sp.label()}
	home := ""
	if res.hasID {
		home = fmt.Sprintf("%s%d", res.home.col, res.home.from)
		fd.Sheet, fd.Cell, fd.Value = res.home.sheet, home, cellValue(f, res.home.sheet, home)
	}
	switch res.state {
	case stateTwice:
		fd.Code = finding.SlotAmbiguous
		refs := append([]string{res.name.raw}, res.name.others...)
		fd.Message = fmt.Sprintf("回答欄の名前「%s」が %d 通りに定義されています（%s）。どのセルが回答欄か決められません。様式を作り直すか、配布した様式に記入し直してください",
			sp.name, len(refs), strings.Join(refs, "、"))
	case stateBroken:
		fd.Code = finding.SlotBroken
		fd.Message = fmt.Sprintf("回答欄の名前「%s」の参照先が壊れています（%s）。%s", sp.name, res.name.raw, movedAdvice)
		if !res.hasID {
			fd.Message = fmt.Sprintf("回答欄が見つかりません（回答欄の名前「%s」の参照先が壊れています：%s）。行・列の削除や切り取り・貼り付けで様式が崩れています。配布した様式に記入し直してください", sp.name, res.name.raw)
		}
	case stateDisagree:
		fd.Code = finding.SlotMoved
		nt := res.name.t
		at := form.Location{Sheet: nt.sheet, Cell: fmt.Sprintf("%s%d", nt.col, nt.from)}
		if nt.to != nt.from {
			at.Cell += fmt.Sprintf(":%s%d", nt.col, nt.to)
		}
		want := home
		if sp.list {
			want += fmt.Sprintf(":%s%d", res.home.col, res.home.to)
		}
		fd.Message = fmt.Sprintf("回答欄の名前が %s を指していますが、回答欄は %s!%s です。%s", at, res.home.sheet, want, movedAdvice)
	}
	return fd
}

// cellValue is a cell's trimmed value as stored, for a finding's value field.
func cellValue(f *xlsxread.Workbook, sheet, ref string) string {
	sh, err := f.Sheet(sheet)
	if err != nil || sh == nil {
		return ""
	}
	return strings.TrimSpace(sh.CellRef(ref).Value)
}
