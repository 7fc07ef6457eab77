package charts

import (
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// countsOnly aggregates one synthetic return per unit of testdata/counts_only.yaml, a
// survey without choice questions.
func countsOnly(t *testing.T) *aggregate.Result {
	t.Helper()
	sc, err := schema.Load(filepath.Join("testdata", "counts_only.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := formtest.WriteSynthetic(dir, sc, 1); err != nil {
		t.Fatal(err)
	}
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != len(sc.Units.List) {
		t.Fatalf("%d returns (%v)", len(files), err)
	}
	c, err := aggregate.Collect(files, sc, aggregate.CollectOptions{})
	if err != nil || !c.Ready() {
		t.Fatalf("collect: %v", err)
	}
	return c.Result()
}

// TestNoEmptyPages checks that a survey without choice questions gets no chart, appendix
// or page without content, and that an item with nothing to draw (free text nobody wrote)
// and a part left without items are dropped rather than printed as bare headings.
func TestNoEmptyPages(t *testing.T) {
	res := countsOnly(t)
	rep := Build(res, Options{})
	if len(rep.Appendix) != 0 || rep.AppendixTitle != "" {
		t.Errorf("appendix of %d pages (%q) without a choice question", len(rep.Appendix), rep.AppendixTitle)
	}
	var counts, texts int
	for _, sec := range rep.Sections {
		if len(sec.Items) == 0 {
			t.Errorf("part %q has no items", sec.Title)
		}
		for _, it := range sec.Items {
			if len(it.Blocks) == 0 {
				t.Errorf("item %q has nothing to draw", it.Heading)
			}
			for _, b := range it.Blocks {
				switch {
				case b.Stacked != nil:
					t.Errorf("item %q: a choice chart", it.Heading)
				case b.Counts != nil:
					counts++
					if len(b.Counts.Bars) == 0 {
						t.Errorf("count chart %q without bars", b.Counts.Heading)
					}
				case b.Texts != nil:
					texts++
				}
			}
		}
	}
	if counts != 1 || texts != 1 {
		t.Errorf("%d count charts and %d text lists, want 1 and 1", counts, texts)
	}

	// Nobody wrote free text: its item goes, and the part keeps the counts.
	for _, q := range res.Questions {
		q.Texts = nil
	}
	rep = Build(res, Options{})
	if len(rep.Sections) != 1 || len(rep.Sections[0].Items) != 1 || rep.Sections[0].Items[0].Heading != "（ア）相談の状況" {
		t.Fatalf("without free text: %d parts", len(rep.Sections))
	}
	// Nothing at all to draw: no part either.
	for _, q := range res.Questions {
		q.Type = schema.Cases
	}
	if rep = Build(res, Options{}); len(rep.Sections) != 0 {
		t.Errorf("without anything to draw: %d parts", len(rep.Sections))
	}
}
