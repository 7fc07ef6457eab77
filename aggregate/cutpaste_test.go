package aggregate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// A return whose 薬局 count was cut and pasted onto 歯科's cell in LibreOffice (both
// defined names then point at one cell) is excluded with the error on that cell: the
// moved figure is neither counted twice nor counted under 歯科.
func TestCutAndPastedReturnIsExcluded(t *testing.T) {
	src := filepath.Join("..", "testdata", "returns")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries {
		if e.Name() != "北区.xlsx" {
			copyFile(filepath.Join(src, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
	// The figures without 北区 are what the folder with the cut-and-pasted 北区 must give.
	without := collect(t, dir, aggregate.CollectOptions{Period: h1}).Result()
	copyFile(filepath.Join("..", "testdata", "bad", "LibreOfficeで件数を切り取り貼り付け.xlsx"), filepath.Join(dir, "北区.xlsx"))
	c := collect(t, dir, aggregate.CollectOptions{Period: h1})

	var kita *aggregate.WardStatus
	for i, ws := range c.Submission.Wards {
		if ws.Ward == "北区" {
			kita = &c.Submission.Wards[i]
		}
	}
	if kita == nil || kita.Status != aggregate.StatusExcluded || kita.Errors != 1 {
		t.Fatalf("北区: %+v", kita)
	}
	f := kita.Findings[0]
	if f.Where() != "相談支援室!D23" || f.Code != finding.SlotConflict || !strings.Contains(f.Message, "「２．歯科」と「３．薬局・薬剤師」の回答欄が同じセル D23 を指しています") {
		t.Errorf("北区's finding: %s %s", f.Where(), f.Message)
	}

	with := c.Result()
	figures := func(r *aggregate.Result) map[string]aggregate.Figure {
		out := map[string]aggregate.Figure{}
		for _, q := range r.Questions {
			for _, cat := range q.Categories {
				out[cat.Key] = cat.Figure
			}
		}
		return out
	}
	got, want := figures(with), figures(without)
	for _, key := range []string{"u3.02", "u3.03"} {
		g, w := got[key], want[key]
		if g.Sum != w.Sum || g.Wards != w.Wards || w.Wards == 0 {
			t.Errorf("%s: sum %d over %d wards, want %d over %d (北区 left out)", key, g.Sum, g.Wards, w.Sum, w.Wards)
		}
		if _, ok := g.Values()["北区"]; ok {
			t.Errorf("%s: 北区's value was counted", key)
		}
	}
}
