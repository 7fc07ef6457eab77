package form_test

// Annotate on findings made by hand; the round trip from a return read by check is in
// schema/check's tests, since form comes before check in the flow.

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// An error cell is filled red and a warning cell orange, each with a comment holding every
// finding on it; a finding with no cell marks nothing.
func TestAnnotateFillsBySeverity(t *testing.T) {
	sc := schema.Default()
	path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", formtest.ValidAnswers(sc))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	errCell, warnCell := cells[form.DefinedName("a1.4")], cells[form.DefinedName("a1.1")]
	findings := []finding.Finding{
		{Sheet: errCell.Sheet, Cell: errCell.Cell, Severity: finding.Warning, Message: "警告その一"},
		{Sheet: errCell.Sheet, Cell: errCell.Cell, Severity: finding.Error, Message: "誤りその一", Expected: "はい"},
		{Sheet: warnCell.Sheet, Cell: warnCell.Cell, Severity: finding.Warning, Message: "警告その二"},
		{Severity: finding.Error, Message: "ファイル全体の誤り"},
	}
	src, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !hasConditionalFill(t, src, errCell) || !hasConditionalFill(t, src, warnCell) {
		t.Fatal("the return has no live-check fill on its answers; the test no longer tests its removal")
	}
	src.Close()
	var buf bytes.Buffer
	if err := form.Annotate(&buf, data, findings); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, tc := range []struct {
		loc   form.Location
		color string
		texts []string
	}{
		{errCell, "FF8080", []string{"【警告】警告その一", "【エラー】誤りその一（→ はい）"}},
		{warnCell, "FFC000", []string{"【警告】警告その二"}},
	} {
		idx, _ := f.GetCellStyle(tc.loc.Sheet, tc.loc.Cell)
		st, _ := f.GetStyle(idx)
		if st == nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != tc.color {
			t.Errorf("%s: fill %+v, want %s", tc.loc, st, tc.color)
		}
		comments, _ := f.GetComments(tc.loc.Sheet)
		var text string
		for _, c := range comments {
			if c.Cell == tc.loc.Cell {
				for _, p := range c.Paragraph {
					text += p.Text
				}
			}
		}
		for _, want := range tc.texts {
			if !strings.Contains(text, want) {
				t.Errorf("%s: comments %q lack %q", tc.loc, text, want)
			}
		}
		if strings.Contains(text, "ファイル全体の誤り") {
			t.Errorf("%s: the file-level finding was put on a cell", tc.loc)
		}
	}
	// The live checks' conditional fill would hide validate's colour: the marked cells
	// leave it, an unmarked answer keeps it.
	other := cells[form.DefinedName("a1.2")]
	for _, tc := range []struct {
		loc  form.Location
		want bool
	}{{errCell, false}, {warnCell, false}, {other, true}} {
		if got := hasConditionalFill(t, f, tc.loc); got != tc.want {
			t.Errorf("%s: conditional fill %v, want %v", tc.loc, got, tc.want)
		}
	}
}

// hasConditionalFill tells whether a conditional format of the sheet is set on the cell
// (the live checks set one per marked cell).
func hasConditionalFill(t *testing.T, f *excelize.File, loc form.Location) bool {
	t.Helper()
	cfs, err := f.GetConditionalFormats(loc.Sheet)
	if err != nil {
		t.Fatal(err)
	}
	for ref := range cfs {
		if slices.Contains(strings.Fields(ref), loc.Cell) {
			return true
		}
	}
	return false
}

// The marked copy is the same bytes every time (the checker page's saved copy is compared
// with validate --annotate's): taking cells out of the live checks' conditional formats
// must not reorder the others, including those over a list's several columns.
func TestAnnotateDeterministic(t *testing.T) {
	sc := schema.Default()
	path, cells := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", formtest.ValidAnswers(sc))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	loc := cells[form.DefinedName("a1.4")]
	findings := []finding.Finding{{Sheet: loc.Sheet, Cell: loc.Cell, Severity: finding.Error, Message: "誤り"}}
	var first []byte
	for i := range 20 {
		var buf bytes.Buffer
		if err := form.Annotate(&buf, data, findings); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = buf.Bytes()
		} else if !bytes.Equal(buf.Bytes(), first) {
			t.Fatalf("run %d gives another copy than run 1", i+1)
		}
	}
}
