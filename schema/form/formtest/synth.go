package formtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Synthetic returns: the default survey with its 24 wards replaced by n generated units
// (市町村0001 … 市町村1741, spread over the default blocks), and one valid, deterministic
// return per unit. They let the same code path be measured at 24 returns and at 1,741
// (every municipality in Japan).

// SyntheticPeriod is the period every synthetic return is for.
var SyntheticPeriod = period.Period{Year: 2024, Half: period.FirstHalf}

// SyntheticSeed is the seed the generator command and the benchmarks use.
const SyntheticSeed = 1

// SyntheticSchemaFile is the name of the schema file written beside synthetic returns.
const SyntheticSchemaFile = "synth.yaml"

// SyntheticUnitName is the name of the i-th (0-based) of n generated units: 市町村0001.
// The number has a fixed width, so no name is contained in another (the file-name check
// takes the longest unit name found in a file name).
func SyntheticUnitName(i, n int) string {
	w := max(4, len(fmt.Sprint(n)))
	return fmt.Sprintf("市町村%0*d", w, i+1)
}

// SyntheticYAML is the default schema's YAML (comments and all) with units.list replaced by
// n generated units, in contiguous runs over the default blocks (fewer blocks when n is
// smaller than their number, since every block needs a unit).
func SyntheticYAML(n int) ([]byte, error) {
	if n < 1 {
		return nil, fmt.Errorf("synthetic schema: need at least one unit, got %d", n)
	}
	blocks := schema.Default().Units.Blocks
	if len(blocks) > n {
		blocks = blocks[:n]
	}
	lines := strings.SplitAfter(string(schema.DefaultYAML()), "\n")
	var out strings.Builder
	fmt.Fprintf(&out, "# Synthetic survey: the default schema with %d generated units (formtest.SyntheticYAML).\n", n)
	inUnits, replacedList, replacedBlocks := false, false, false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case strings.HasPrefix(l, "units:"):
			inUnits = true
		case inUnits && l != "\n" && !strings.HasPrefix(l, " "):
			inUnits = false
		}
		switch {
		case inUnits && strings.HasPrefix(l, "  blocks:"):
			if len(blocks) > 0 {
				fmt.Fprintf(&out, "  blocks: [%s]\n", strings.Join(blocks, ", "))
			}
			replacedBlocks = true
		case inUnits && strings.TrimRight(l, "\n") == "  list:":
			out.WriteString(l)
			for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "    - ") {
				i++
			}
			for u := 0; u < n; u++ {
				if len(blocks) > 0 {
					fmt.Fprintf(&out, "    - {name: %s, block: %s}\n", SyntheticUnitName(u, n), blocks[u*len(blocks)/n])
				} else {
					fmt.Fprintf(&out, "    - {name: %s}\n", SyntheticUnitName(u, n))
				}
			}
			replacedList = true
		default:
			out.WriteString(l)
		}
	}
	if !replacedList || !replacedBlocks && len(blocks) > 0 {
		return nil, errors.New("synthetic schema: the default schema no longer has units.blocks and a block-style units.list; update formtest.SyntheticYAML")
	}
	return []byte(out.String()), nil
}

// SyntheticSchema is the default schema with n generated units, parsed (and so checked)
// like any schema file. It panics if the default YAML cannot be rewritten, which the
// tests rule out.
func SyntheticSchema(n int) *schema.Schema {
	data, err := SyntheticYAML(n)
	if err != nil {
		panic(err)
	}
	sc, err := schema.Parse(data, fmt.Sprintf("synthetic(%d)", n))
	if err != nil {
		panic("synthetic schema is invalid: " + err.Error())
	}
	return sc
}

// SyntheticAnswers is a complete, consistent answer set for one unit drawn from rng,
// following ValidAnswers's structure (nothing in computed cells): every choice answered (options spread over the list,
// now and then typed as an alias or a number, as wards do), counts small random numbers,
// each 内訳 parent equal to the sum of its breakdown, each entered total the sum of its
// parts, each 再掲 at most its parent; free text, text lists and case records present on
// some units and not others.
func SyntheticAnswers(sc *schema.Schema, unit string, rng *rand.Rand) map[string]any {
	a := map[string]any{form.MetaWard: unit, form.MetaPeriod: SyntheticPeriod.Japanese()}
	counts := map[string]int{}
	for _, s := range form.Slots(sc) {
		switch {
		case s.Field != nil:
			// Case records are filled per record below.
		case s.Kind == form.SlotChoice:
			a[s.Key] = spell(s.List, rng)
		case s.Kind == form.SlotCount && s.Category != nil && !s.Category.IsRepeat() && !s.Computed:
			counts[s.Key] = rng.IntN(21)
		case s.Kind == form.SlotNumber:
			a[s.Key] = numberAnswer(s, rng)
		case s.Kind == form.SlotText && (s.Required() || rng.IntN(10) < 7):
			a[s.Key] = fmt.Sprintf("記入例（%s）：%s の取組を記入しています。", unit, s.Question.Label)
		case s.Kind == form.SlotList:
			k := rng.IntN(s.Question.Lines + 1)
			if s.Required() {
				k = max(k, 1)
			}
			var lines []string
			for i := 1; i <= k; i++ {
				lines = append(lines, fmt.Sprintf("%s %d（%s）", s.Question.Label, i, unit))
			}
			if k > 0 {
				a[s.Key] = strings.Join(lines, "\n")
			}
		}
	}
	qs := sc.Questions()
	// 内訳: the parent is the sum of its breakdown. Later questions first, so a breakdown
	// of a breakdown is settled before the level above adds it up.
	for i := len(qs) - 1; i >= 0; i-- {
		if q := qs[i]; q.Type == schema.Counts && q.BreakdownOf != "" {
			sum := 0
			for _, c := range q.TotalCategories() {
				sum += counts[c.Key]
			}
			counts[q.BreakdownOf] = sum
		}
	}
	for _, q := range qs {
		if q.Type == schema.Total {
			sum := 0
			for _, k := range q.SumOf {
				sum += counts[k]
			}
			counts[q.ID] = sum
		}
	}
	// 再掲 last: at most the (now final) figure it is part of.
	for _, q := range qs {
		for _, c := range q.Categories {
			if c.IsRepeat() {
				counts[c.Key] = rng.IntN(counts[c.RepeatKey] + 1)
			}
		}
	}
	for k, v := range counts {
		if !sc.IsComputed(k) { // the form adds it up; nobody types it
			a[k] = v
		}
	}
	followRules(sc, a, counts, unit)
	for _, q := range qs {
		if q.Type != schema.Cases {
			continue
		}
		records := rng.IntN(q.Records + 1)
		for rec := 1; rec <= records; rec++ {
			for _, f := range q.Fields {
				key := form.CaseKey(q, rec, f)
				if f.Type == schema.Choice {
					a[key] = f.List.Options[rng.IntN(len(f.List.Options))].Label
				} else {
					a[key] = fmt.Sprintf("事例%d の%s（%s）", rec, f.Label, unit)
				}
			}
		}
	}
	return a
}

// followRules makes a the answers the schema's require rules ask for: the required answer
// given where its condition holds, and left empty where the rule says otherwise: empty and
// the condition does not hold. A computed figure, which a holds not, is read from counts.
// It draws nothing from the random source, so a schema without rules gets the answers it
// always got. Compare rules are not arranged for.
func followRules(sc *schema.Schema, a map[string]any, counts map[string]int, unit string) {
	for _, r := range sc.Rules {
		if r.IsCompare() {
			continue
		}
		c, holds := r.Condition, false
		v := a[c.Key]
		if n, ok := counts[c.Key]; ok && sc.IsComputed(c.Key) {
			v = n
		}
		switch v := v.(type) {
		case string:
			if c.IsChoice() {
				o, ok := c.Question.List.Match(v)
				holds = ok && (len(r.Options) == 0 || slices.Contains(r.Options, o))
			} else {
				holds = v != ""
			}
		case int:
			holds = v > 0
		}
		t := r.Target
		switch {
		case holds && (a[t.Key] == nil || a[t.Key] == ""):
			switch {
			case t.IsChoice():
				a[t.Key] = t.Question.List.Options[0].Label
			case t.IsCount():
				a[t.Key] = 1
			default:
				a[t.Key] = fmt.Sprintf("%s（%s）", t.Question.Label, unit)
			}
		case !holds && r.Otherwise == schema.OtherwiseEmpty:
			delete(a, t.Key)
		}
	}
}

// spell picks an option and writes it as a ward might: mostly the label, sometimes the
// first alias or the option's number.
func spell(l *schema.ChoiceList, rng *rand.Rand) string {
	o := l.Options[rng.IntN(len(l.Options))]
	switch rng.IntN(10) {
	case 0:
		return fmt.Sprint(o.Code)
	case 1:
		if len(o.Aliases) > 0 {
			return o.Aliases[0]
		}
	}
	return o.Label
}

// unitRand is the random source of the i-th unit: each unit's answers depend only on the
// seed and its position, whatever order the returns are written in.
func unitRand(seed int64, i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)+1))
}

// SyntheticReturn builds the i-th unit's return (template for that unit, filled with its
// SyntheticAnswers) and returns the workbook's bytes.
func SyntheticReturn(sc *schema.Schema, i int, seed int64) ([]byte, error) {
	u := sc.Units.List[i]
	f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: u.Name, Period: SyntheticPeriod})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := Fill(f, SyntheticAnswers(sc, u.Name, unitRand(seed, i))); err != nil {
		return nil, fmt.Errorf("%s: %w", u.Name, err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("%s: %w", u.Name, err)
	}
	return buf.Bytes(), nil
}

// SyntheticFileName is the file a unit's return is written to: <unit>.xlsx.
func SyntheticFileName(u *schema.Unit) string {
	return strings.NewReplacer("/", "_", `\`, "_").Replace(u.Name) + ".xlsx"
}

// WriteSynthetic writes one valid return per unit of sc into dir (created if need be),
// built on all CPUs. The files depend only on sc and seed.
func WriteSynthetic(dir string, sc *schema.Schema, seed int64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	n := len(sc.Units.List)
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range jobs {
				data, err := SyntheticReturn(sc, i, seed)
				if err == nil {
					err = os.WriteFile(filepath.Join(dir, SyntheticFileName(sc.Units.List[i])), data, 0o644)
				}
				errs[i] = err
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return errors.Join(errs...)
}

// SyntheticDir returns a folder holding n synthetic returns (seed SyntheticSeed) and their
// schema file synth.yaml, made once and kept under os.TempDir()/zaitaku-synth for later
// runs: 1,741 returns take a while to build. The folder's name carries a hash of the
// schema and of the first return's bytes, so a change to the template or the generator
// makes a new folder instead of measuring stale files.
func SyntheticDir(tb testing.TB, n int) string {
	tb.Helper()
	data, err := SyntheticYAML(n)
	if err != nil {
		tb.Fatal(err)
	}
	sc := SyntheticSchema(n)
	first, err := SyntheticReturn(sc, 0, SyntheticSeed)
	if err != nil {
		tb.Fatal(err)
	}
	h := sha256.New()
	h.Write(data)
	h.Write(first)
	root := filepath.Join(os.TempDir(), "zaitaku-synth")
	prefix := fmt.Sprintf("n%d-seed%d-", n, SyntheticSeed)
	dir := filepath.Join(root, prefix+hex.EncodeToString(h.Sum(nil))[:12])
	if _, err := os.Stat(filepath.Join(dir, SyntheticSchemaFile)); err == nil {
		return dir
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		tb.Fatal(err)
	}
	// Stale folders of the same size are from an older generator or template. Only those
	// untouched for a day go: a folder made a moment ago may belong to another checkout
	// with another template, whose tests are reading it right now.
	if old, _ := filepath.Glob(filepath.Join(root, prefix+"*")); len(old) > 0 {
		for _, o := range old {
			if st, err := os.Stat(o); err == nil && o != dir && time.Since(st.ModTime()) > 24*time.Hour {
				os.RemoveAll(o)
			}
		}
	}
	tmp, err := os.MkdirTemp(root, ".tmp-"+prefix)
	if err != nil {
		tb.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	tb.Logf("writing %d synthetic returns to %s (once; kept for later runs)", n, dir)
	if err := WriteSynthetic(tmp, sc, SyntheticSeed); err != nil {
		tb.Fatal(err)
	}
	// The schema file goes last: its presence marks the folder complete.
	if err := os.WriteFile(filepath.Join(tmp, SyntheticSchemaFile), data, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another test binary may have finished the same folder first.
		if _, serr := os.Stat(filepath.Join(dir, SyntheticSchemaFile)); serr != nil {
			tb.Fatal(err)
		}
	}
	return dir
}
