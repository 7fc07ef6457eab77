package aggregatetest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// Set is one folder of returns and the schema they answer, as the benchmarks of
// aggregate and of the outputs read them.
type Set struct {
	Schema *schema.Schema
	Files  []string
}

// Sizes are the sizes the output benchmarks run at: 大阪市 (24) and every municipality in
// Japan (1,741).
var Sizes = []int{24, 1741}

var (
	setsMu sync.Mutex
	sets   = map[int]*Set{}
	cols   = map[int]*aggregate.Collection{}
)

// Returns gives the returns of size n: the 24 sample returns for 24, synthetic returns
// (made once by formtest.SyntheticDir) otherwise. Sizes over 24 skip under -short.
func Returns(tb testing.TB, n int) *Set {
	tb.Helper()
	if n > 24 && testing.Short() {
		tb.Skipf("%d returns: skipped under -short", n)
	}
	setsMu.Lock()
	defer setsMu.Unlock()
	if s := sets[n]; s != nil {
		return s
	}
	dir, sc := filepath.Join(Root(), "testdata", "returns"), schema.Default()
	if n != 24 {
		dir, sc = formtest.SyntheticDir(tb, n), formtest.SyntheticSchema(n)
	}
	s := listSet(tb, dir, sc, n)
	sets[n] = s
	return s
}

// Synthetic is like Returns but always synthetic, so sizes compare like with like.
func Synthetic(tb testing.TB, n int) *Set {
	tb.Helper()
	if n > 24 && testing.Short() {
		tb.Skipf("%d returns: skipped under -short", n)
	}
	key := -n
	setsMu.Lock()
	defer setsMu.Unlock()
	if s := sets[key]; s != nil {
		return s
	}
	s := listSet(tb, formtest.SyntheticDir(tb, n), formtest.SyntheticSchema(n), n)
	sets[key] = s
	return s
}

func listSet(tb testing.TB, dir string, sc *schema.Schema, n int) *Set {
	tb.Helper()
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != n {
		tb.Fatalf("%s: %d returns (%v), want %d", dir, len(files), err, n)
	}
	return &Set{Schema: sc, Files: files}
}

// Collect reads and checks the set's returns; every one must be valid.
func (s *Set) Collect(tb testing.TB) *aggregate.Collection {
	tb.Helper()
	c, err := aggregate.Collect(s.Files, s.Schema, aggregate.CollectOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if !c.Ready() {
		tb.Fatalf("returns not all valid: %s", c.Submission.Summary)
	}
	return c
}

// Collection collects the returns of size n once per test binary, for the benchmarks of
// what comes after reading.
func Collection(tb testing.TB, n int) *aggregate.Collection {
	tb.Helper()
	s := Returns(tb, n)
	setsMu.Lock()
	defer setsMu.Unlock()
	if c := cols[n]; c != nil {
		return c
	}
	c := s.Collect(tb)
	cols[n] = c
	return c
}

// BenchOutput renders one output of the computed aggregate into memory at each of Sizes,
// as writeOutputs does, and reports its size.
func BenchOutput(b *testing.B, render func(*bytes.Buffer, *aggregate.Result) error) {
	for _, n := range Sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			res := Collection(b, n).Result()
			var size int
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := render(&buf, res); err != nil {
					b.Fatal(err)
				}
				size = buf.Len()
			}
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
