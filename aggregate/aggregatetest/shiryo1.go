package aggregatetest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
)

// Figure is one figure published in 資料１, as testdata/shiryo1.tsv lists it.
type Figure struct {
	// Period is the period it belongs to: "2024H1", or an earlier one such as "2023".
	Period string
	// Question is the question id; Key a choice row or count category key, empty for the
	// question's total; Option the option counted on a choice row.
	Question, Key, Option string
	// Value is the figure as published.
	Value int64
	// Source is where 資料１ prints it (a line of its text), or why the sample has it.
	Source string
}

// String names the figure in a test failure: 「2024H1 u3 total」.
func (f Figure) String() string {
	s := f.Period + " " + f.Question
	switch {
	case f.Option != "":
		s += " " + f.Key + " " + f.Option
	case f.Key != "":
		s += " " + f.Key
	default:
		s += " total"
	}
	return s
}

// Shiryo1 reads testdata/shiryo1.tsv: the one place 資料１'s figures are written down.
func Shiryo1(tb testing.TB) []Figure {
	tb.Helper()
	path := filepath.Join(Root(), "testdata", "shiryo1.tsv")
	var out []Figure
	for _, r := range readFigures(tb, path, 6) {
		v, err := strconv.ParseInt(r.cells[4], 10, 64)
		if err != nil {
			tb.Fatalf("%s:%d: figure %q: %v", path, r.line, r.cells[4], err)
		}
		c := r.cells
		out = append(out, Figure{Period: c[0], Question: c[1], Key: c[2], Option: c[3], Value: v, Source: c[5]})
	}
	return out
}

// figureRow is one row of a published-figures table, with its line for messages.
type figureRow struct {
	line  int
	cells []string
}

// readFigures reads a tab-separated table of published figures: comment lines (#) and
// blank lines skipped, a header row, then rows of exactly columns cells. A table without
// rows fails the test, so a check over its figures never passes by checking none.
func readFigures(tb testing.TB, path string, columns int) []figureRow {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []figureRow
	sc := bufio.NewScanner(f)
	header := true
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != columns {
			tb.Fatalf("%s:%d: %d columns, want %d", path, n, len(c), columns)
		}
		out = append(out, figureRow{line: n, cells: c})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(out) == 0 {
		tb.Fatalf("%s lists no figures", path)
	}
	return out
}

// Published is one figure of 資料１ by period, question, key and option, for tests that
// check how an output prints it; it fails the test when the file does not list it.
func Published(tb testing.TB, period, question, key, option string) int64 {
	tb.Helper()
	for _, f := range Shiryo1(tb) {
		if f.Period == period && f.Question == question && f.Key == key && f.Option == option {
			return f.Value
		}
	}
	tb.Fatalf("testdata/shiryo1.tsv has no figure %s %s %q %q", period, question, key, option)
	return 0
}

// Lookup finds a figure in an aggregate: in its own period, or in the earlier periods
// attached to it. It is an error when the aggregate has no such question, row, category,
// option or earlier period; the value is never guessed.
func Lookup(res *aggregate.Result, f Figure) (int64, error) {
	q := res.Question(f.Question)
	if q == nil {
		return 0, fmt.Errorf("no question %s", f.Question)
	}
	rows, cats, total := q.Rows, q.Categories, q.Total
	if f.Period != res.Period.String() {
		var snap *aggregate.Snapshot
		for _, s := range q.Earlier {
			if s.Period.String() == f.Period {
				snap = s
			}
		}
		if snap == nil || snap.NoData {
			return 0, fmt.Errorf("no figures of %s for %s", f.Period, f.Question)
		}
		rows, cats, total = snap.Rows, snap.Categories, snap.Total
	}
	switch {
	case f.Option != "":
		for _, r := range rows {
			if r.Key == f.Key {
				for _, o := range r.Options {
					if o.Option == f.Option {
						return int64(o.Count), nil
					}
				}
				return 0, fmt.Errorf("row %s has no option %s", f.Key, f.Option)
			}
		}
		return 0, fmt.Errorf("no row %s", f.Key)
	case f.Key != "":
		for _, c := range cats {
			if c.Key == f.Key {
				return c.Sum, nil
			}
		}
		return 0, fmt.Errorf("no category %s", f.Key)
	case total != nil:
		return total.Sum, nil
	}
	return 0, fmt.Errorf("%s has no total", f.Question)
}

// CheckShiryo1 checks every figure of 資料１ against an aggregate of the sample returns:
// those of its own period, and with earlier set those of the earlier periods, which the
// aggregate must then hold (made with --history).
func CheckShiryo1(tb testing.TB, res *aggregate.Result, earlier bool) {
	tb.Helper()
	n := 0
	for _, f := range Shiryo1(tb) {
		if f.Period != res.Period.String() && !earlier {
			continue
		}
		n++
		got, err := Lookup(res, f)
		if err != nil {
			tb.Errorf("%s (資料１ %d, %s): %v", f, f.Value, f.Source, err)
		} else if got != f.Value {
			tb.Errorf("%s = %d, 資料１ has %d (%s)", f, got, f.Value, f.Source)
		}
	}
	if n == 0 {
		tb.Errorf("testdata/shiryo1.tsv has no figure of %s", res.Period)
	}
}
