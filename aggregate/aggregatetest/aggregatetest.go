// Package aggregatetest gives tests the aggregate of the committed sample returns, with the
// earlier periods of testdata/history attached, as the README's first command makes it,
// and the sets of returns the benchmarks of aggregate and of the outputs share (bench.go).
package aggregatetest

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/returns"
)

var (
	once    sync.Once
	encoded []byte
	failure error
)

// Root is the repository's top folder, found from this file so tests in any package can
// reach testdata/.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Sample returns the aggregate of testdata/returns with testdata/history attached. It is
// computed once per test binary; each call gets its own copy, so a test may change it.
func Sample(tb testing.TB) *aggregate.Result {
	tb.Helper()
	once.Do(func() {
		var res *aggregate.Result
		if res, failure = build(); failure == nil {
			var buf bytes.Buffer
			failure = res.WriteJSON(&buf)
			encoded = buf.Bytes()
		}
	})
	if failure != nil {
		tb.Fatal(failure)
	}
	var res aggregate.Result
	if err := json.Unmarshal(encoded, &res); err != nil {
		tb.Fatal(err)
	}
	return &res
}

func build() (*aggregate.Result, error) {
	files, err := returns.ListReturns(filepath.Join(Root(), "testdata", "returns"))
	if err != nil {
		return nil, err
	}
	c, err := aggregate.Collect(files, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		return nil, err
	}
	res := c.Result()
	hist, err := aggregate.LoadDir(filepath.Join(Root(), "testdata", "history"))
	if err != nil {
		return nil, err
	}
	return res, res.AttachEarlier(hist)
}

// SampleWithout aggregates testdata/returns without the returns of the units named (「北区」),
// and without earlier periods, as `zaitaku aggregate --allow-incomplete` aggregates a folder
// that lacks them; with no names it is the complete sample without history.
func SampleWithout(tb testing.TB, missing ...string) *aggregate.Result {
	tb.Helper()
	return collectSample(tb, schema.Default(), "SampleWithout", missing)
}

// collectSample aggregates testdata/returns under sc without the returns of the units
// named; caller names the helper in the failure when a name is not a sample return.
func collectSample(tb testing.TB, sc *schema.Schema, caller string, missing []string) *aggregate.Result {
	tb.Helper()
	files, err := returns.ListReturns(filepath.Join(Root(), "testdata", "returns"))
	if err != nil {
		tb.Fatal(err)
	}
	var kept []string
	for _, f := range files {
		if !slices.Contains(missing, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))) {
			kept = append(kept, f)
		}
	}
	if len(files)-len(kept) != len(missing) {
		tb.Fatalf("%s(%q): %d of the names are not sample returns", caller, missing, len(missing)-(len(files)-len(kept)))
	}
	c, err := aggregate.Collect(kept, sc, aggregate.CollectOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	return c.Result()
}
