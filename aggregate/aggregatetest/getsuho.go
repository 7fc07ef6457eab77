package aggregatetest

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/examples"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// GetsuhoFigure is one figure the 11区月報集計 publishes, as testdata/getsuho/figures.tsv
// lists it: a total over the wards and, where the 月報 prints one, its per-ward range.
type GetsuhoFigure struct {
	// Question is the question id of the 月報 schema; Key a count category key, empty for
	// the question's total.
	Question, Key string
	Value         int64
	// Min and Max are the published 「(5 件 ～ 242 件)」, nil where none is printed.
	Min, Max *int64
	// Source is the line of seed 004 that prints it.
	Source string
}

// String names the figure in a test failure: 「clients.med」, 「topics total」.
func (f GetsuhoFigure) String() string {
	if f.Key != "" {
		return f.Key
	}
	return f.Question + " total"
}

// GetsuhoDir is the folder of the 月報's sample data: figures.tsv, answers.tsv, returns/.
func GetsuhoDir() string { return filepath.Join(Root(), "testdata", "getsuho") }

// Getsuho reads testdata/getsuho/figures.tsv: the one place the 月報's figures are written down.
func Getsuho(tb testing.TB) []GetsuhoFigure {
	tb.Helper()
	path := filepath.Join(GetsuhoDir(), "figures.tsv")
	num := func(n int, s string) *int64 {
		if s == "" {
			return nil
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			tb.Fatalf("%s:%d: %q: %v", path, n, s, err)
		}
		return &v
	}
	var out []GetsuhoFigure
	for _, r := range readFigures(tb, path, 6) {
		c := r.cells
		v := num(r.line, c[2])
		if v == nil {
			tb.Fatalf("%s:%d: no figure", path, r.line)
		}
		out = append(out, GetsuhoFigure{Question: c[0], Key: c[1], Value: *v, Min: num(r.line, c[3]), Max: num(r.line, c[4]), Source: c[5]})
	}
	return out
}

// GetsuhoSchema is the shipped 月報 schema (schema/examples).
func GetsuhoSchema(tb testing.TB) *schema.Schema {
	tb.Helper()
	e, ok := examples.Find("月報")
	if !ok {
		tb.Fatal("schema/examples has no 月報")
	}
	sc, err := e.Schema()
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// GetsuhoSample aggregates the 月報's sample returns (testdata/getsuho/returns) with its schema.
func GetsuhoSample(tb testing.TB) *aggregate.Result {
	tb.Helper()
	files, err := returns.ListReturns(filepath.Join(GetsuhoDir(), "returns"))
	if err != nil {
		tb.Fatal(err)
	}
	c, err := aggregate.Collect(files, GetsuhoSchema(tb), aggregate.CollectOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Result()
}

// getsuhoFigure finds a 月報 figure in an aggregate: a category, or a question's total (a
// counts question's total without 再掲, a number question's sum). It is an error when the
// aggregate lacks it; nothing is guessed.
func getsuhoFigure(res *aggregate.Result, f GetsuhoFigure) (*aggregate.Figure, error) {
	q := res.Question(f.Question)
	if q == nil {
		return nil, fmt.Errorf("no question %s", f.Question)
	}
	if f.Key == "" {
		if q.Total == nil {
			return nil, fmt.Errorf("%s has no total", f.Question)
		}
		return q.Total, nil
	}
	for _, c := range q.Categories {
		if c.Key == f.Key {
			return &c.Figure, nil
		}
	}
	return nil, fmt.Errorf("no category %s", f.Key)
}

// CheckGetsuho checks every published figure of the 月報 against an aggregate of its sample
// returns: each total over the wards and, where the 月報 prints it, the smallest and largest
// ward's figure 「(5 件 ～ 242 件)」.
func CheckGetsuho(tb testing.TB, res *aggregate.Result) {
	tb.Helper()
	for _, f := range Getsuho(tb) {
		got, err := getsuhoFigure(res, f)
		if err != nil {
			tb.Errorf("%s (月報 %d, %s): %v", f, f.Value, f.Source, err)
			continue
		}
		if got.Sum != f.Value {
			tb.Errorf("%s = %d, the 月報 has %d (%s)", f, got.Sum, f.Value, f.Source)
		}
		for _, e := range []struct {
			name string
			want *int64
			got  *aggregate.Extreme
		}{{"min", f.Min, got.Min}, {"max", f.Max, got.Max}} {
			switch {
			case e.want == nil:
			case e.got == nil:
				tb.Errorf("%s has no %s, the 月報 has %d (%s)", f, e.name, *e.want, f.Source)
			case e.got.Value != *e.want:
				tb.Errorf("%s %s = %d, the 月報 has %d (%s)", f, e.name, e.got.Value, *e.want, f.Source)
			}
		}
	}
}
