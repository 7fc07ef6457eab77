package pptx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// sampleDeck is the deck of the sample returns with earlier periods, as 資料１.
func sampleDeck(t *testing.T) ([]byte, *charts.Report) {
	t.Helper()
	return deckWith(t, charts.Options{DocLabel: "資料１", AggregateID: "TEST-ID"})
}

// deckWith is the sample's deck drawn with opts.
func deckWith(t *testing.T, opts charts.Options) ([]byte, *charts.Report) {
	t.Helper()
	rep := charts.Build(aggregatetest.Sample(t), opts)
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), rep
}

// unzip returns the deck's files by name.
func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, _ := sampleDeck(t)
	b, _ := sampleDeck(t)
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same report differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: timestamp %v, want %v", f.Name, f.Modified, zipTime)
		}
		names = append(names, f.Name)
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("entries not in name order: %v", names)
	}
}

// TestSchemaValid validates every XML part of the sample deck, as 資料１ and with the case
// records, against the ECMA-376 Transitional schemas in testdata/ooxml-schemas.
func TestSchemaValid(t *testing.T) {
	xmllint := formtest.Tool(t, "libxml2-utils", "xmllint")
	for _, opts := range []charts.Options{{DocLabel: "資料１", AggregateID: "TEST-ID"}, {IncludeCases: true}} {
		deck, rep := deckWith(t, opts)
		if opts.IncludeCases && !hasCases(rep) {
			t.Fatal("the sample report with IncludeCases has no case table")
		}
		validate(t, xmllint, unzip(t, deck))
	}
}

func hasCases(rep *charts.Report) bool {
	for _, sec := range rep.Sections {
		for _, it := range sec.Items {
			for _, b := range it.Blocks {
				if b.Cases != nil {
					return true
				}
			}
		}
	}
	return false
}

// validate runs xmllint over every XML part of a deck: each must say it validates.
func validate(t *testing.T, xmllint string, files map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, data := range files {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	if len(paths) < 10 {
		t.Fatalf("only %d XML parts", len(paths))
	}
	schema, err := filepath.Abs("../../testdata/ooxml-schemas/all.xsd")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"--noout", "--nonet", "--schema", schema}, paths...)
	out, err := exec.Command(xmllint, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
	if n := strings.Count(string(out), " validates"); n != len(paths) {
		t.Fatalf("%d of %d parts validate:\n%s", n, len(paths), out)
	}
}
