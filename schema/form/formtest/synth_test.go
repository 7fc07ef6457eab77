package formtest_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
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

// TestSyntheticAnswersFollowRules: a synthetic unit gives what the default survey's
// require rules ask for (研修テーマ when the 研修会 was held, and so on), so a synthetic set
// of any size is counted whole. The condition is judged here on the answers as typed.
func TestSyntheticAnswersFollowRules(t *testing.T) {
	sc := formtest.SyntheticSchema(400)
	if len(sc.Rules) == 0 {
		t.Fatal("the default survey has no rules")
	}
	held := 0
	for i, u := range sc.Units.List {
		a := formtest.SyntheticAnswers(sc, u.Name, rand.New(rand.NewPCG(formtest.SyntheticSeed, uint64(i)+1)))
		for _, r := range sc.Rules {
			if r.IsCompare() {
				continue
			}
			holds := false
			switch v := a[r.Condition.Key].(type) {
			case string:
				o, ok := r.Condition.Question.List.Match(v)
				holds = ok && (len(r.Options) == 0 || slices.Contains(r.Options, o))
			case int:
				holds = v > 0
			}
			if !holds {
				continue
			}
			held++
			if a[r.Target.Key] == nil || a[r.Target.Key] == "" {
				t.Errorf("%s: %s holds but %s is empty", u.Name, r.Condition.Key, r.Target.Key)
			}
		}
	}
	if held == 0 {
		t.Error("no rule's condition held in 400 units")
	}
}
