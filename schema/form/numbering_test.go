package form_test

import (
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// The form numbers choice-group rows and count categories in the schema's style, in the
// number column beside labels that go without it.
func TestFormNumbering(t *testing.T) {
	for _, tc := range []struct {
		style     string
		row2, cat string
	}{
		{"１．", "２．", "２"},
		{"（１）", "（２）", "（２）"},
		{"①", "②", "②"},
		{"\"1\"", "2", "2"},
	} {
		src := bytes.Replace(schema.DefaultYAML(), []byte("\nnumbering: １．\n"), []byte("\nnumbering: "+tc.style+"\n"), 1)
		sc, err := schema.Parse(src, "numbering.yaml")
		if err != nil {
			t.Fatal(err)
		}
		f, err := form.BuildTemplate(sc, form.TemplateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cells := formtest.Cells(f)
		// a1 is the default survey's first choice group, o2 its first counts question.
		group, counts := sc.Question("a1"), sc.Question("o2")
		if group == nil || counts == nil || group.Type != schema.ChoiceGroup || counts.Type != schema.Counts {
			t.Fatal("the default survey has no choice group a1 or counts o2")
		}
		check := func(key, wantNumber, wantLabel string) {
			t.Helper()
			loc := cells[form.DefinedName(key)]
			row := loc.Cell[1:]
			num, _ := f.GetCellValue(loc.Sheet, form.NumberCol+row)
			label, _ := f.GetCellValue(loc.Sheet, "C"+row)
			if num != wantNumber || label != wantLabel {
				t.Errorf("numbering %s, %s: number %q label %q, want %q %q", tc.style, key, num, label, wantNumber, wantLabel)
			}
		}
		check(group.Rows[1].Key, tc.row2, group.Rows[1].Label)
		check(counts.Categories[1].Key, tc.cat, counts.Categories[1].Label)
		f.Close()
	}
}

// The labels of rows and categories (aggregate.json, every output) carry the number in
// the schema's style; 再掲 rows none.
func TestNumberedLabels(t *testing.T) {
	src := bytes.Replace(schema.DefaultYAML(), []byte("\nnumbering: １．\n"), []byte("\nnumbering: ①\n"), 1)
	sc, err := schema.Parse(src, "numbering.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a1 := sc.Question("a1")
	if got := form.RowLabel(a1, a1.Rows[1]); got != "②"+a1.Rows[1].Label {
		t.Errorf("row label %q", got)
	}
	var got []string
	for _, c := range sc.Question("o2").Categories {
		got = append(got, form.CategoryLabel(c))
	}
	n := 0
	for i, c := range sc.Question("o2").Categories {
		want := c.Label
		if !c.IsRepeat() {
			n++
			want = schema.NumberingCircled.Format(n) + c.Label
		}
		if got[i] != want {
			t.Errorf("category %s: %q, want %q", c.Key, got[i], want)
		}
	}
	if n < 2 {
		t.Fatalf("o2 has %d numbered categories", n)
	}
}
