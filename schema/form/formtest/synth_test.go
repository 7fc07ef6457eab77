package formtest_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

func TestSyntheticSchema(t *testing.T) {
	def := schema.Default()
	for _, n := range []int{1, 3, 24, 1741} {
		sc := formtest.SyntheticSchema(n)
		if got := len(sc.Units.List); got != n {
			t.Fatalf("n=%d: %d units", n, got)
		}
		if want := min(n, 4); len(sc.Units.Blocks) != want {
			t.Errorf("n=%d: blocks %v, want %d", n, sc.Units.Blocks, want)
		}
		last := sc.Units.List[n-1]
		if last.Name != formtest.SyntheticUnitName(n-1, n) || sc.Unit(last.Name) != last {
			t.Errorf("n=%d: last unit %q", n, last.Name)
		}
		// Everything but the units is the default survey.
		if sc.FormID() != def.FormID() || len(form.Slots(sc)) != len(form.Slots(def)) {
			t.Errorf("n=%d: form %s with %d slots, want %s with %d", n, sc.FormID(), len(form.Slots(sc)), def.FormID(), len(form.Slots(def)))
		}
	}
	if a, b := formtest.SyntheticUnitName(0, 1741), formtest.SyntheticUnitName(9999, 10000); a != "市町村0001" || b != "市町村10000" {
		t.Errorf("unit names: %s, %s", a, b)
	}
}

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

func TestSyntheticYAMLIsASchemaFile(t *testing.T) {
	data, err := formtest.SyntheticYAML(30)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), formtest.SyntheticSchemaFile)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := schema.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Units.List) != 30 || sc.Units.List[29].Block != sc.Units.Blocks[3] {
		t.Errorf("%d units, last in %s", len(sc.Units.List), sc.Units.List[29].Block)
	}
	if _, err := formtest.SyntheticYAML(0); err == nil {
		t.Error("n=0 accepted")
	}
}
