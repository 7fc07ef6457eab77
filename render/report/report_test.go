package report_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/render/report"
)

// Render draws all three files, and the same aggregate gives the same bytes every time: the
// bureau compares outputs by their bytes, and a deck that changed on every run would look
// like a new report.
func TestRenderDrawsAllThreeDeterministically(t *testing.T) {
	res := aggregatetest.Sample(t)
	opts := report.Options{DocLabel: "資料１", AggregateID: "TEST-ID"}
	a, err := report.Render(res, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Render(res, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		name string
		a, b []byte
	}{{report.PDFName, a.PDF, b.PDF}, {report.HTMLName, a.HTML, b.HTML}, {report.PPTXName, a.PPTX, b.PPTX}} {
		if len(f.a) == 0 {
			t.Errorf("%s is empty", f.name)
		}
		if !bytes.Equal(f.a, f.b) {
			t.Errorf("%s differs between two renders of the same aggregate", f.name)
		}
	}
	z, err := zip.NewReader(bytes.NewReader(a.PPTX), int64(len(a.PPTX)))
	if err != nil {
		t.Fatalf("report.pptx is not a zip package: %v", err)
	}
	var presentation, idOnASlide bool
	for _, f := range z.File {
		if f.Name == "ppt/presentation.xml" {
			presentation = true
		}
		if bytes.HasPrefix([]byte(f.Name), []byte("ppt/slides/slide")) {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			buf.ReadFrom(rc)
			rc.Close()
			idOnASlide = idOnASlide || bytes.Contains(buf.Bytes(), []byte("TEST-ID"))
		}
	}
	if !presentation || !idOnASlide {
		t.Errorf("report.pptx: presentation part %v, 集計ID on a slide %v", presentation, idOnASlide)
	}
}
