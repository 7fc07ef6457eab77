package check_test

// Benchmarks of reading one return, from the sample returns and from synthetic surveys of
// 24 and 1,741 units. A return made for one unit carries only that unit's name, so the
// cost per return should not depend on the size of the survey; the sizes show that it
// does not.
//
//	go test ./schema/form -run '^$' -bench . -count 5

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/internal/xlsxread"
)

// benchReturn is one return to read and the schema it answers.
type benchReturn struct {
	name string
	sc   *schema.Schema
	path string
}

func benchReturns(b *testing.B) []benchReturn {
	b.Helper()
	out := []benchReturn{{"sample", schema.Default(), filepath.Join("..", "..", "testdata", "returns", "北区.xlsx")}}
	dir := b.TempDir()
	for _, n := range []int{24, 1741} {
		sc := formtest.SyntheticSchema(n)
		data, err := formtest.SyntheticReturn(sc, n/2, formtest.SyntheticSeed)
		if err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("units%d-%s", n, formtest.SyntheticFileName(sc.Units.List[n/2])))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		out = append(out, benchReturn{fmt.Sprintf("units=%d", n), sc, path})
	}
	return out
}

// BenchmarkRead is check.Read of one return: open, locate every answer, check.
func BenchmarkRead(b *testing.B) {
	for _, r := range benchReturns(b) {
		b.Run(r.name, func(b *testing.B) {
			st, _ := os.Stat(r.path)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				ret, err := check.Read(r.path, r.sc, check.ReadOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if len(ret.Findings) > 0 {
					b.Fatalf("%s: %d findings, first %+v", r.name, len(ret.Findings), ret.Findings[0])
				}
			}
		})
	}
}

// benchBytes runs one step on the bytes of each benchmark return.
func benchBytes(b *testing.B, step func(b *testing.B, r benchReturn, data []byte)) {
	for _, r := range benchReturns(b) {
		b.Run(r.name, func(b *testing.B) {
			data, err := os.ReadFile(r.path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				step(b, r, data)
			}
		})
	}
}

// BenchmarkParseWorkbook is the workbook part of reading a return: open it with xlsxread
// and parse the shared strings and both answer sheets, without locating or checking.
func BenchmarkParseWorkbook(b *testing.B) {
	benchBytes(b, func(b *testing.B, r benchReturn, data []byte) {
		w, err := xlsxread.Open(data, 32<<20)
		if err != nil {
			b.Fatal(err)
		}
		for _, sh := range r.sc.Sheets {
			s, err := w.Sheet(sh.Name)
			if err != nil {
				b.Fatal(err)
			}
			s.Cell(4, 3)
		}
	})
}

// BenchmarkOpenExcelize is excelize's open alone (unzip every part, parse the workbook,
// styles, theme and calc chain) for comparison: the reader used it until it became most
// of an aggregate's time.
func BenchmarkOpenExcelize(b *testing.B) {
	benchBytes(b, func(b *testing.B, _ benchReturn, data []byte) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		f.Close()
	})
}
