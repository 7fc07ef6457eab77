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

// ValidAnswers returns a complete, consistent set of answers for every slot: 2 per count
// category, 1 per 再掲, 内訳 parents and totals equal to their parts.
func ValidAnswers(sc *schema.Schema) map[string]any {
	a := map[string]any{form.MetaWard: "北区", form.MetaPeriod: "令和６年度上半期"}
	for _, s := range form.Slots(sc) {
		switch s.Kind {
		case form.SlotChoice:
			a[s.Key] = s.List.Options[0].Label
		case form.SlotCount:
			if s.Category != nil && s.Category.IsRepeat() {
				a[s.Key] = 1
			} else {
				a[s.Key] = 2
			}
		case form.SlotNumber:
			a[s.Key] = 2
		case form.SlotText:
			a[s.Key] = "記入例：" + s.Label()
		case form.SlotList:
			a[s.Key] = "在宅歯科講習会\nもしばなゲーム研究会"
		}
	}
	for _, q := range sc.Questions() {
		switch {
		case q.Type == schema.Counts && q.BreakdownOf != "":
			a[q.BreakdownOf] = 2 * len(q.TotalCategories())
		case q.Type == schema.Total:
			a[q.ID] = 2 * len(q.SumOf)
		}
	}
	return a
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
