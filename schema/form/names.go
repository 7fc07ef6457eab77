package form

import (
	"fmt"
	"regexp"
	"strings"
)

// Range is where a defined name points: one cell of a sheet (From == To) or a run of rows
// of one column, as the template binds every answer (see defineName).
type Range struct {
	Sheet, Col string
	From, To   int
}

// refersToPattern matches a defined name's target: 'Sheet'!$D$8 or Sheet!$D$8:$D$15.
var refersToPattern = regexp.MustCompile(`^=?(?:'((?:[^']|'')+)'|([^!'\s]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$`)

// ParseRange reads a defined name's target as the template writes it and as Excel and
// LibreOffice keep it; anything else (#REF!, two columns, rows backwards) is not a Range.
// Reading returns and the test fixtures both locate answers this one way.
func ParseRange(refersTo string) (Range, bool) {
	a, ok := ParseArea(refersTo)
	if !ok || a.ToCol != a.FromCol {
		return Range{}, false
	}
	return Range{Sheet: a.Sheet, Col: a.FromCol, From: a.From, To: a.To}, true
}

// Area is where a defined name points when it may span columns: the live checks' hidden
// flags (G1:K120) and 確認 box.
type Area struct {
	Sheet          string
	FromCol, ToCol string
	From, To       int
}

// ParseArea reads a defined name's target of one cell or a block of cells: 'Sheet'!$E$2,
// Sheet!$G$1:$K$120. Rows backwards or a broken reference are not an Area.
func ParseArea(refersTo string) (Area, bool) {
	m := refersToPattern.FindStringSubmatch(strings.TrimSpace(refersTo))
	if m == nil {
		return Area{}, false
	}
	a := Area{Sheet: strings.ReplaceAll(m[1], "''", "'"), FromCol: m[3], ToCol: m[3]}
	if a.Sheet == "" {
		a.Sheet = m[2]
	}
	fmt.Sscan(m[4], &a.From)
	a.To = a.From
	if m[6] != "" {
		a.ToCol = m[5]
		fmt.Sscan(m[6], &a.To)
	}
	return a, a.From > 0 && a.To >= a.From
}

// HelperPrefix heads the defined names of cells the form computes for the ward and that
// are never answers (the live checks' 確認 box and hidden flags, live_write.go): the
// reader skips every cell inside such a name's range, so nothing there is ever taken for
// an answer typed in the wrong cell.
const HelperPrefix = "zh_"
