package formtest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema/form"
)

// Fill writes answers into a workbook made by form.BuildTemplate, by slot key, the way a ward
// would type them: a string is stored as text, an integer as a number, and the lines of a
// text list ("\n"-separated) go one per row. The meta keys "_ward" and "_period" fill the
// header. It is how the tests and the sample returns are produced.
func Fill(f *excelize.File, answers map[string]any) error {
	names := targets(f)
	// excelize numbers shared strings in the order they are first written, so writing in a
	// fixed order (header, then sorted keys) keeps the file byte-identical from run to run.
	keys := make([]string, 0, len(answers))
	for k := range answers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := answers[key]
		name := form.DefinedName(key)
		switch key {
		case form.MetaWard:
			name = form.NameWard
		case form.MetaPeriod:
			name = form.NamePeriod
		case form.MetaForm:
			name = form.NameForm
		}
		t, ok := names[name]
		if !ok {
			return fmt.Errorf("回答欄 %s がありません", key)
		}
		if s, ok := v.(string); ok && t.To > t.From {
			lines := strings.Split(s, "\n")
			if len(lines) > t.To-t.From+1 {
				return fmt.Errorf("%s: %d 行までです（%d 行あります）", key, t.To-t.From+1, len(lines))
			}
			for i, line := range lines {
				if err := f.SetCellStr(t.Sheet, fmt.Sprintf("%s%d", t.Col, t.From+i), line); err != nil {
					return err
				}
			}
			continue
		}
		cell := fmt.Sprintf("%s%d", t.Col, t.From)
		var err error
		if s, ok := v.(string); ok {
			err = f.SetCellStr(t.Sheet, cell, s)
		} else {
			err = f.SetCellValue(t.Sheet, cell, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Cells maps each slot key of a workbook to its cell, for tests that need to know where an
// answer landed.
func Cells(f *excelize.File) map[string]form.Location {
	out := map[string]form.Location{}
	for name, t := range targets(f) {
		out[name] = form.Location{Sheet: t.Sheet, Cell: fmt.Sprintf("%s%d", t.Col, t.From)}
	}
	return out
}

// targets maps each workbook-scoped defined name of a workbook being written to its cell
// or column range.
func targets(f *excelize.File) map[string]form.Range {
	out := map[string]form.Range{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope != "" && dn.Scope != "Workbook" {
			continue
		}
		if r, ok := form.ParseRange(dn.RefersTo); ok {
			out[dn.Name] = r
		}
	}
	return out
}
