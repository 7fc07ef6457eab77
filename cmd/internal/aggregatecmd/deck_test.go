package aggregatecmd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// deckParts unzips report.pptx into its parts by name.
func deckParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("report.pptx is not a zip package: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

// deckText is the text a person reads in the deck: every run of text (a:t) on the slides
// and every cached label and value (c:v) of the charts, one part after another in name
// order, one line per run.
func deckText(t *testing.T, data []byte) string {
	t.Helper()
	parts := deckParts(t, data)
	var names []string
	for n := range parts {
		if strings.HasPrefix(n, "ppt/slides/slide") || strings.HasPrefix(n, "ppt/charts/chart") {
			if strings.HasSuffix(n, ".xml") {
				names = append(names, n)
			}
		}
	}
	if len(names) == 0 {
		t.Fatal("report.pptx has no slides")
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		d := xml.NewDecoder(bytes.NewReader(parts[n]))
		in := false
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", n, err)
			}
			switch e := tok.(type) {
			case xml.StartElement:
				in = e.Name.Local == "t" || e.Name.Local == "v"
			case xml.EndElement:
				if in {
					b.WriteByte('\n')
				}
				in = false
			case xml.CharData:
				if in {
					b.Write(e)
				}
			}
		}
	}
	return b.String()
}

// lastSlide is the text of the deck's last slide (where the 集計ID is printed).
func lastSlide(t *testing.T, data []byte) string {
	t.Helper()
	parts := deckParts(t, data)
	n := 0
	for name := range parts {
		var i int
		if _, err := fmt.Sscanf(name, "ppt/slides/slide%d.xml", &i); err == nil && i > n {
			n = i
		}
	}
	if n == 0 {
		t.Fatal("report.pptx has no slides")
	}
	return string(parts["ppt/slides/slide"+strconv.Itoa(n)+".xml"])
}
