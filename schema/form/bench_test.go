package form_test

// Benchmarks of reading one return. A return carries the schema's unit list (the ▼ list
// of the 区名 cell, on the hidden 選択肢 sheet), so a return of a 1,741-unit survey is
// larger than one of the 24-ward survey; the sizes show what that costs per file.
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
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
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

// BenchmarkRead is form.Read of one return: open, locate every answer, check.
func BenchmarkRead(b *testing.B) {
	for _, r := range benchReturns(b) {
		b.Run(r.name, func(b *testing.B) {
			st, _ := os.Stat(r.path)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				ret, err := form.Read(r.path, r.sc, form.ReadOptions{})
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

// BenchmarkOpenWorkbook is only excelize's part of opening a return (unzip every part,
// parse the workbook, styles, theme and calc chain), the floor under BenchmarkRead.
func BenchmarkOpenWorkbook(b *testing.B) {
	for _, r := range benchReturns(b) {
		b.Run(r.name, func(b *testing.B) {
			data, err := os.ReadFile(r.path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := excelize.OpenReader(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				f.Close()
			}
		})
	}
}
