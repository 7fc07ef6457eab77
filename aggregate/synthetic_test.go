package aggregate_test

// The synthetic returns formtest writes are tested here, where reading, checking and
// collecting them may all be imported (formtest itself sits before returns in the flow).

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Every synthetic return reads back without a finding, for its own unit and the period;
// answers vary between units; the same seed gives the same bytes.
func TestWriteSyntheticValidAndDeterministic(t *testing.T) {
	const n, seed = 12, 7
	sc := formtest.SyntheticSchema(n)
	dir := t.TempDir()
	if err := formtest.WriteSynthetic(dir, sc, seed); err != nil {
		t.Fatal(err)
	}
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != n {
		t.Fatalf("%d files (%v), want %d", len(files), err, n)
	}
	chosen := map[string]bool{} // option labels chosen anywhere
	var lists, texts, sum int64
	for i, u := range sc.Units.List {
		path := filepath.Join(dir, formtest.SyntheticFileName(u))
		r, err := check.Read(path, sc, check.ReadOptions{Period: formtest.SyntheticPeriod})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Findings {
			t.Errorf("%s %s %s: %s (%q)", r.Name, f.Where(), f.QuestionID, f.Message, f.Value)
		}
		if r.Ward != u {
			t.Errorf("%s: unit %v, want %s", r.Name, r.Ward, u.Name)
		}
		for _, o := range r.Choices {
			chosen[o.Label] = true
		}
		lists += int64(len(r.Lists))
		texts += int64(len(r.Texts))
		sum += r.Counts["o4total"]
		if i < 2 {
			written, _ := os.ReadFile(path)
			again, err := formtest.SyntheticReturn(sc, i, seed)
			if err != nil || !bytes.Equal(written, again) {
				t.Errorf("%s: rebuilding with the same seed gives other bytes (%v)", u.Name, err)
			}
		}
	}
	for _, l := range sc.ChoiceLists {
		for _, o := range l.Options {
			if !chosen[o.Label] {
				t.Errorf("option %s of %s never chosen in %d returns", o.Label, l.ID, n)
			}
		}
	}
	if lists == 0 || texts == 0 || sum == 0 {
		t.Errorf("text lists %d, texts %d, o4total sum %d: want some of each", lists, texts, sum)
	}

	c, err := aggregate.Collect(files, sc, aggregate.CollectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Ready() || len(c.Counted) != n || c.Period != formtest.SyntheticPeriod {
		t.Errorf("collect: ready %v, %d counted, period %v: %s", c.Ready(), len(c.Counted), c.Period, c.Submission.Summary)
	}
}
