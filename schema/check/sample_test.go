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
// testdata/sample. Summed over the 24 wards they must give the figures published in 資料１
// (令和６年度上半期), and they must be what the generator makes from the current template.

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

// sampleTotal sums a count key over the returns.
func sampleTotal(returns []*returns.Return, key string) int64 {
	var n int64
	for _, r := range returns {
		n += r.Counts[key]
	}
	return n
}

// questionTotal is one ward's total of a counts question, 再掲 excluded.
func questionTotal(r *returns.Return, q *schema.Question) int64 {
	var n int64
	for _, c := range q.TotalCategories() {
		n += r.Counts[c.Key]
	}
	return n
}

func TestSampleReturnsReproduceShiryo1(t *testing.T) {
	sc, returns := readSampleReturns(t)
	if len(returns) != 24 {
		t.Fatalf("%d sample returns, want 24", len(returns))
	}

	// Choice questions: wards per option.
	for _, tc := range []struct {
		key  string
		want map[string]int
	}{
		{"i1", map[string]int{"開催している": 18, "現時点では未開催": 6}},
		{"ka1", map[string]int{"開催している": 12, "現時点では未開催": 12}},
		{"ki1", map[string]int{"開催している": 9, "現時点では未開催": 15}},
	} {
		got := map[string]int{}
		for _, r := range returns {
			if o := r.Choices[tc.key]; o != nil {
				got[o.Label]++
			}
		}
		for label, n := range tc.want {
			if got[label] != n {
				t.Errorf("%s %s: %d wards, 資料１ has %d", tc.key, label, got[label], n)
			}
		}
	}

	// Question totals, 再掲 excluded: 「①連絡調整機関（ 6,784 件 ）」, 「①相談者別内訳（ 515 件 ）」 …
	for _, tc := range []struct {
		question string
		want     int64
	}{
		{"u3", 6784}, {"o1", 515}, {"o2", 689}, {"o2med", 431}, {"o2care", 146}, {"o4", 1004},
	} {
		q := sc.Question(tc.question)
		var got int64
		for _, r := range returns {
			got += questionTotal(r, q)
		}
		if got != tc.want {
			t.Errorf("%s total (再掲 excluded): %d, 資料１ has %d", tc.question, got, tc.want)
		}
	}

	// Category figures.
	for key, want := range map[string]int64{
		"o2.med": 431, "o2.care": 146, "o2.welfare": 19, "o2.discharge": 28,
		"o2.eol": 14, "o2.acp": 15, "o2.tool": 3, "o2.other": 33,
		"o2med.clinic": 130, "o2med.homevisit": 84, "o2med.hospital": 109, "o2med.dental": 3,
		"o2med.pharmacy": 48, "o2med.nursing": 17, "o2med.procedure": 40, "o2med.other": 0,
		"o2care.cm": 61, "o2care.center": 38, "o2care.provider": 27, "o2care.procedure": 12, "o2care.other": 8,
		"o4.city": 301, "o4.org": 703, "o4total": 1004, "o4.carekaigi": 49,
	} {
		if sc.Category(key) == nil && sc.Question(key) == nil {
			t.Errorf("%s: not an answer of the default schema", key)
			continue
		}
		if got := sampleTotal(returns, key); got != want {
			t.Errorf("%s: %d over the wards, 資料１ has %d", key, got, want)
		}
	}

	// Per ward: 再掲 within its parent, 内訳 adding up, the entered total equal to its parts.
	for _, r := range returns {
		c := r.Counts
		for _, rep := range [][2]string{{"u3.01r", "u3.01"}, {"o1.01r", "o1.01"}, {"o4.carekaigi", "o4total"}} {
			if c[rep[0]] > c[rep[1]] {
				t.Errorf("%s: %s = %d exceeds %s = %d", r.Name, rep[0], c[rep[0]], rep[1], c[rep[1]])
			}
		}
		for breakdown, parent := range map[string]string{"o2med": "o2.med", "o2care": "o2.care"} {
			if got := questionTotal(r, sc.Question(breakdown)); got != c[parent] {
				t.Errorf("%s: %s adds up to %d, %s is %d", r.Name, breakdown, got, parent, c[parent])
			}
		}
		if c["o4total"] != c["o4.city"]+c["o4.org"] {
			t.Errorf("%s: o4total %d ≠ o4.city %d + o4.org %d", r.Name, c["o4total"], c["o4.city"], c["o4.org"])
		}
	}
}

// TestSampleReturnsLookReal checks the sample is varied enough to exercise the report:
// ward sizes differ, every option of the status lists occurs, some wards type aliases or
// codes, and the free text covers every 場面.
func TestSampleReturnsLookReal(t *testing.T) {
	sc, returns := readSampleReturns(t)
	if len(returns) != 24 {
		t.Fatalf("%d sample returns, want 24", len(returns))
	}
	for _, qid := range []string{"u3", "o1", "o4"} {
		q := sc.Question(qid)
		var totals []int64
		for _, r := range returns {
			totals = append(totals, questionTotal(r, q))
		}
		lo, hi := slices.Min(totals), slices.Max(totals)
		if lo == 0 || hi < 3*lo {
			t.Errorf("%s per-ward totals range %d–%d; want every ward above 0 and a large ward well above a small one", qid, lo, hi)
		}
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
	tmp := t.TempDir()
	cmd := exec.Command(goBin, "run", "./testdata/gen", "-o", tmp)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./testdata/gen: %v\n%s", err, out)
	}
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	committed, fresh := names(sampleReturns), names(tmp)
	if !slices.Equal(committed, fresh) {
		t.Fatalf("testdata/returns holds %v, the generator writes %v; run `go run ./testdata/gen`", committed, fresh)
	}
	for _, name := range committed {
		a, err := os.ReadFile(filepath.Join(sampleReturns, name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("testdata/returns/%s is stale: regenerate with `go run ./testdata/gen` from the repository root", name)
		}
	}
}
