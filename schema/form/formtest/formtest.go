// Package formtest builds filled-in returns for tests and the generator: a complete,
// consistent answer set, Fill (answers typed into a template by slot key, as a ward
// would) and Cells (where each answer landed), kept out of the production packages; and
// Tool, the one way a test finds a command-line tool it needs (LibreOffice, poppler-utils).
package formtest

import (
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// ValidAnswers returns a complete, consistent set of answers for every slot a ward fills:
// 2 per count category, 1 per 再掲, 内訳 parents and totals equal to their parts, and
// nothing in computed cells (schema's computed: true), which nobody types.
func ValidAnswers(sc *schema.Schema) map[string]any {
	a := map[string]any{form.MetaWard: "北区", form.MetaPeriod: "令和６年度上半期"}
	for _, s := range form.Slots(sc) {
		switch s.Kind {
		case form.SlotChoice:
			a[s.Key] = s.List.Options[0].Label
		case form.SlotCount:
			if !s.Computed {
				a[s.Key] = validCount(sc, s.Key, map[string]bool{})
			}
		case form.SlotNumber:
			a[s.Key] = 2
		case form.SlotText:
			a[s.Key] = "記入例：" + s.Label()
		case form.SlotList:
			a[s.Key] = "在宅歯科講習会\nもしばなゲーム研究会"
		}
	}
	return a
}

// validCount is ValidAnswers's figure for a count key: 1 for a 再掲, the sum of its parts
// for a 内訳 parent, a total or a computed figure, 2 for any other category. seen stops
// a schema whose 内訳 loop (typed parents may) from recursing for ever.
func validCount(sc *schema.Schema, key string, seen map[string]bool) int {
	var parts []string
	if c := sc.Category(key); c != nil {
		switch {
		case c.IsRepeat():
			return 1
		case c.Breakdown != nil:
			for _, p := range c.Breakdown.TotalCategories() {
				parts = append(parts, p.Key)
			}
		}
	} else if q := sc.Question(key); q != nil && q.Type == schema.Total {
		parts = q.SumOf
	}
	if len(parts) == 0 || seen[key] {
		return 2
	}
	seen[key] = true
	n := 0
	for _, p := range parts {
		n += validCount(sc, p, seen)
	}
	delete(seen, key)
	return n
}

// WriteReturn builds the template for 北区, fills it and saves it under dir.
func WriteReturn(t testing.TB, dir, name string, answers map[string]any) (string, map[string]form.Location) {
	t.Helper()
	f, err := form.BuildTemplate(schema.Default(), form.TemplateOptions{Ward: "北区", Period: period.Period{Year: 2024, Half: period.FirstHalf}})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := Fill(f, answers); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path, Cells(f)
}
