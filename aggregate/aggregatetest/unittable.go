package aggregatetest

import (
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// UnitTableQuestions are the counts questions the unit-table schema asks a table of each
// unit's counts for: 相談内容別 (eight categories, 重複可) and 連絡調整機関 (twenty with a
// 再掲, more than fit across one page).
var UnitTableQuestions = []string{"o2", "u3"}

// UnitTableYAML is schema/default.yaml with unit_table: true on UnitTableQuestions and
// nothing else changed, so that the sample returns answer it as they answer the default.
func UnitTableYAML(tb testing.TB) []byte {
	tb.Helper()
	src := schema.DefaultYAML()
	for _, id := range UnitTableQuestions {
		old := []byte("          - id: " + id + "\n")
		if bytes.Count(src, old) != 1 {
			tb.Fatalf("default.yaml: %q occurs %d times", old, bytes.Count(src, old))
		}
		src = bytes.Replace(src, old, append(old, "            unit_table: true\n"...), 1)
	}
	return src
}

// UnitTableSchema is UnitTableYAML loaded.
func UnitTableSchema(tb testing.TB) *schema.Schema {
	tb.Helper()
	sc, err := schema.Parse(UnitTableYAML(tb), "unit_table.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// UnitTableSample aggregates testdata/returns under UnitTableSchema (24 wards, without
// earlier periods), and with missing the named returns left out.
func UnitTableSample(tb testing.TB, missing ...string) *aggregate.Result {
	tb.Helper()
	return collectSample(tb, UnitTableSchema(tb), "UnitTableSample", missing)
}

// WithUnitTables sets unit_table on UnitTableQuestions of an aggregate made under another
// schema (the synthetic sets of any size), as aggregate.json would carry it had the
// schema asked: the flag changes no figure.
func WithUnitTables(tb testing.TB, res *aggregate.Result) *aggregate.Result {
	tb.Helper()
	for _, id := range UnitTableQuestions {
		q := res.Question(id)
		if q == nil {
			tb.Fatalf("the aggregate has no question %s", id)
		}
		q.UnitTable = true
	}
	return res
}
