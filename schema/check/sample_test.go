package check_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// The sample returns of testdata/returns are written by testdata/gen from the tables in
// testdata/sample, and they must be what the generator makes from the current template.
// That they give the figures published in 資料１ (testdata/shiryo1.tsv), and that each
// ward's counts are consistent, is tested through aggregate, which computes the figures
// (aggregate/sample_test.go).

const (
	sampleRoot    = "../.."
	sampleReturns = "../../testdata/returns"
)

var samplePeriod = period.Period{Year: 2024, Half: period.FirstHalf}

// readSampleReturns reads every file of testdata/returns, checked against the default
// schema and period 2024H1.
func readSampleReturns(t *testing.T) (*schema.Schema, []*returns.Return) {
	t.Helper()
	sc := schema.Default()
	entries, err := os.ReadDir(sampleReturns)
	if err != nil {
		t.Fatalf("sample returns missing (run `go run ./testdata/gen` from the repository root): %v", err)
	}
	var out []*returns.Return
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".xlsx" {
			t.Errorf("%s: unexpected entry in testdata/returns", e.Name())
			continue
		}
		r, err := check.Read(filepath.Join(sampleReturns, e.Name()), sc, check.ReadOptions{Period: samplePeriod})
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out = append(out, r)
	}
	return sc, out
}

func TestSampleReturnsOnePerWardWithoutFindings(t *testing.T) {
	sc, returns := readSampleReturns(t)
	if len(returns) != len(sc.Units.List) || len(returns) != 24 {
		t.Fatalf("%d sample returns, want one for each of the %d wards", len(returns), len(sc.Units.List))
	}
	seen := map[string]string{}
	for _, r := range returns {
		for _, f := range r.Findings {
			t.Errorf("%s: %s %s %s: %s (%q)", r.Name, f.Severity, f.Where(), f.QuestionID, f.Message, f.Value)
		}
		if r.Ward == nil {
			t.Errorf("%s: no ward", r.Name)
			continue
		}
		if want := r.Ward.Name + ".xlsx"; r.Name != want {
			t.Errorf("%s: holds the return of %s, want file name %s", r.Name, r.Ward.Name, want)
		}
		if prev, dup := seen[r.Ward.Name]; dup {
			t.Errorf("%s and %s are both returns of %s", prev, r.Name, r.Ward.Name)
		}
		seen[r.Ward.Name] = r.Name
		if r.Period != samplePeriod {
			t.Errorf("%s: period %s, want %s", r.Name, r.Period, samplePeriod)
		}
	}
	for _, u := range sc.Units.List {
		if _, ok := seen[u.Name]; !ok {
			t.Errorf("no sample return for %s", u.Name)
		}
	}
}

// TestSampleReturnsLookReal checks the sample is varied enough to exercise the report:
// every option of the status lists occurs, some wards type aliases or codes, and the free
// text covers every 場面 (that ward sizes differ is checked on the aggregate).
func TestSampleReturnsLookReal(t *testing.T) {
	sc, returns := readSampleReturns(t)
	if len(returns) != 24 {
		t.Fatalf("%d sample returns, want 24", len(returns))
	}
	options := map[string]map[string]int{} // choice list → option label → answers
	aliased := map[string]bool{}
	for _, r := range returns {
		for _, s := range form.Slots(sc) {
			o := r.Choices[s.Key]
			if o == nil || s.Field != nil {
				continue
			}
			if options[s.List.ID] == nil {
				options[s.List.ID] = map[string]int{}
			}
			options[s.List.ID][o.Label]++
			if c := r.Cells[s.Key]; c != nil && c.Value != o.Label {
				aliased[r.Ward.Name] = true
			}
		}
	}
	for _, id := range []string{"status3", "held2", "grasp2"} {
		l := sc.List(id)
		for _, o := range l.Options {
			if options[id][o.Label] == 0 {
				t.Errorf("no sample answer chooses %s %q", id, o.Label)
			}
		}
		if id == "status3" && (options[id][l.Options[0].Label] <= options[id][l.Options[1].Label] || options[id][l.Options[1].Label] < options[id][l.Options[2].Label]) {
			t.Errorf("status3 answers %v: want mostly %s, fewer %s, fewest %s", options[id], l.Options[0].Label, l.Options[1].Label, l.Options[2].Label)
		}
	}
	if n := len(aliased); n < 2 || n > 4 {
		t.Errorf("%d wards answer with aliases or codes, want a few (2–4)", n)
	}

	scenes := map[string]int{}
	for _, r := range returns {
		if n := len(r.Lists["ka2"]); n < 1 || n > 4 {
			t.Errorf("%s: %d 研修テーマ, want 1–4", r.Name, n)
		}
		if len(r.Lists["u3other"]) > 0 && r.Counts["u3.20"] == 0 {
			t.Errorf("%s: 【その他】 details given but u3.20 その他 is 0", r.Name)
		}
		q := sc.Question("o3")
		for rec := 1; rec <= q.Records; rec++ {
			if o := r.Choices[form.CaseKey(q, rec, q.Fields[0])]; o != nil {
				scenes[o.Label]++
			}
		}
	}
	for _, o := range sc.List("scene").Options {
		if scenes[o.Label] == 0 {
			t.Errorf("no sample case record for 場面 %s", o.Label)
		}
	}
}

// TestSampleReturnsUpToDate regenerates the returns and compares them byte for byte with
// the committed ones, so a change to the template or the tables cannot leave them stale.
func TestSampleReturnsUpToDate(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go not on PATH; cannot run testdata/gen")
	}
	root, err := filepath.Abs(sampleRoot)
	if err != nil {
		t.Fatal(err)
	}
	// Every folder the generator writes goes to a temporary folder, so the test compares
	// without touching the committed data.
	tmp := t.TempDir()
	dirs := []struct{ flag, committed string }{
		{"-o", sampleReturns},
		{"-bad", filepath.Join(root, "testdata", "bad")},
		{"-history", filepath.Join(root, "testdata", "history")},
		{"-getsuho-out", filepath.Join(root, "testdata", "getsuho", "returns")},
	}
	args := []string{"run", "./testdata/gen"}
	for _, d := range dirs {
		dir := filepath.Join(tmp, d.flag[1:])
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		args = append(args, d.flag, dir)
	}
	cmd := exec.Command(goBin, args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./testdata/gen: %v\n%s", err, out)
	}
	files := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			if !e.IsDir() {
				out = append(out, e.Name())
			}
		}
		return out
	}
	for _, d := range dirs {
		fresh := filepath.Join(tmp, d.flag[1:])
		committed, written := files(d.committed), files(fresh)
		for _, name := range written {
			if !slices.Contains(committed, name) {
				t.Errorf("the generator writes %s, which %s lacks; run `go run ./testdata/gen`", name, d.committed)
				continue
			}
			a, err := os.ReadFile(filepath.Join(d.committed, name))
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(fresh, name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("%s is stale: regenerate with `go run ./testdata/gen` from the repository root", filepath.Join(d.committed, name))
			}
		}
		if d.flag == "-o" && !slices.Equal(committed, written) {
			t.Errorf("testdata/returns holds %v, the generator writes %v; run `go run ./testdata/gen`", committed, written)
		}
	}
}
