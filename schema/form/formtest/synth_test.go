package formtest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
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
