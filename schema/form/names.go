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
	m := refersToPattern.FindStringSubmatch(strings.TrimSpace(refersTo))
	if m == nil {
		return Range{}, false
	}
	r := Range{Sheet: strings.ReplaceAll(m[1], "''", "'"), Col: m[3]}
	if r.Sheet == "" {
		r.Sheet = m[2]
	}
	fmt.Sscan(m[4], &r.From)
	r.To = r.From
	if m[6] != "" {
		if m[5] != m[3] {
			return Range{}, false
		}
		fmt.Sscan(m[6], &r.To)
	}
	return r, r.From > 0 && r.To >= r.From
}

// HelperPrefix heads the defined names of cells the form computes for the ward and that
// are never answers (the live checks' 確認 box and hidden flags, live_write.go): the
// reader skips every cell inside such a name's range, so nothing there is ever taken for
// an answer typed in the wrong cell.
const HelperPrefix = "zh_"
