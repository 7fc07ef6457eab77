package form

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fill writes answers into a workbook made by BuildTemplate, by slot key, the way a ward
// would type them: a string is stored as text, an integer as a number, and the lines of a
// text list ("\n"-separated) go one per row. The meta keys "_ward" and "_period" fill the
// header. It is how the tests and the sample returns are produced.
func Fill(f *excelize.File, answers map[string]any) error {
	names := excelizeTargets(f)
	// excelize numbers shared strings in the order they are first written, so writing in a
	// fixed order (header, then sorted keys) keeps the file byte-identical from run to run.
	keys := make([]string, 0, len(answers))
	for k := range answers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := answers[key]
		name := DefinedName(key)
		switch key {
		case metaWard:
			name = NameWard
		case metaPeriod:
			name = NamePeriod
		case metaForm:
			name = NameForm
		}
		t, ok := names[name]
		if !ok {
			return fmt.Errorf("回答欄 %s がありません", key)
		}
		if s, ok := v.(string); ok && t.to > t.from {
			lines := strings.Split(s, "\n")
			if len(lines) > t.to-t.from+1 {
				return fmt.Errorf("%s: %d 行までです（%d 行あります）", key, t.to-t.from+1, len(lines))
			}
			for i, line := range lines {
				if err := f.SetCellStr(t.sheet, fmt.Sprintf("%s%d", t.col, t.from+i), line); err != nil {
					return err
				}
			}
			continue
		}
		cell := fmt.Sprintf("%s%d", t.col, t.from)
		var err error
		if s, ok := v.(string); ok {
			err = f.SetCellStr(t.sheet, cell, s)
		} else {
			err = f.SetCellValue(t.sheet, cell, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Cells maps each slot key of a workbook to its cell, for tests that need to know where an
// answer landed.
func Cells(f *excelize.File) map[string]Location {
	out := map[string]Location{}
	for name, t := range excelizeTargets(f) {
		out[name] = Location{Sheet: t.sheet, Cell: fmt.Sprintf("%s%d", t.col, t.from)}
	}
	return out
}

// MetaWard and MetaPeriod are the Fill keys of the header cells.
const (
	MetaWard   = metaWard
	MetaPeriod = metaPeriod
	MetaForm   = metaForm
)
