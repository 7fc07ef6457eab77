package returns

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/internal/xlsxread"
)

// helperArea is a block of cells the form's live checks use (form.HelperPrefix names: the
// 確認 box and the hidden flag columns). Nothing in it is ever an answer, so the checks for
// an answer typed one cell off never look at it, whether it holds a formula, its saved
// result or text a tool left there.
type helperArea struct {
	sheet                  string
	col1, row1, col2, row2 int
}

// helperAreas lists the areas of the workbook's helper names; a broken one is skipped.
func helperAreas(defined []xlsxread.DefinedName) []helperArea {
	var out []helperArea
	for _, dn := range defined {
		if dn.Scope != "" || !strings.HasPrefix(strings.ToLower(dn.Name), form.HelperPrefix) {
			continue
		}
		r, ok := form.ParseArea(dn.RefersTo)
		if !ok {
			continue
		}
		a := helperArea{sheet: r.Sheet, row1: r.From, row2: r.To}
		a.col1, _ = excelize.ColumnNameToNumber(r.FromCol)
		a.col2, _ = excelize.ColumnNameToNumber(r.ToCol)
		out = append(out, a)
	}
	return out
}

// inHelper reports whether a cell lies in one of the areas.
func inHelper(areas []helperArea, sheet string, col, row int) bool {
	for _, a := range areas {
		if a.sheet == sheet && a.col1 <= col && col <= a.col2 && a.row1 <= row && row <= a.row2 {
			return true
		}
	}
	return false
}
