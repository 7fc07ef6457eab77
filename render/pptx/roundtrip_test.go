package pptx

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestImpressEditsChart is issue 11's round trip: the sample deck is opened in LibreOffice
// Impress (headless, driven through python-uno by testdata/editchart.py), one figure of one
// chart's data is changed as a person would change it in Impress's data table, and the
// deck is saved as .pptx. The saved deck must open again (Impress converts it to PDF with
// every slide, each showing its headings), hold as many charts as ours, every other chart
// with its categories, series and cached values unchanged, and the edited chart with the
// new figure in its cache.
//
// What LibreOffice 7.4 (7.4.7) does with the embedded workbooks, found with this test: it
// reads each chart's data into the chart itself (an internal data provider) and on save
// writes no ppt/embeddings/ part and no c:externalData at all: the saved charts carry their
// figures only as cached values, with formulas such as 「categories」 and 「0」 that point
// at Impress's internal table, not at Sheet1. So after a round trip through LibreOffice the
// figures stay (and PowerPoint draws them), but PowerPoint's 「データの編集」 has no
// workbook to open. The test therefore does not look for the workbooks in LibreOffice's
// copy; it logs how many there are, and a c:externalData that LibreOffice does write must
// lead to a workbook that exists.
func TestImpressEditsChart(t *testing.T) {
	bin := formtest.Tool(t, "libreoffice-impress-nogui", "soffice", "libreoffice")
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	py := pythonUno(t)
	deck, rep := sampleDeck(t)
	ours := deckCharts(t, unzip(t, deck))
	k := chartToEdit(t, ours)
	const row, col = 1, 0
	old := ours[k].vals[col][row]
	value := old + 1

	dir := t.TempDir()
	src, dst := filepath.Join(dir, "report.pptx"), filepath.Join(dir, "edited", "report.pptx")
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(src, deck, 0o644); err != nil {
		t.Fatal(err)
	}
	edit := runEditChart(t, py, src, dst, k, row, col, value)
	if edit.Charts != len(ours) {
		t.Errorf("Impress finds %d charts in our deck, we wrote %d", edit.Charts, len(ours))
	}
	if edit.Before != old || edit.After != value {
		t.Errorf("Impress read %v at row %d, series %d of chart %d and set %v; our cache has %v, the edit was to %v", edit.Before, row, col, k, edit.After, old, value)
	}
	if fmt.Sprint(edit.Categories) != fmt.Sprint(ours[k].cats) {
		t.Errorf("Impress's categories of chart %d %q, ours %q", k, edit.Categories, ours[k].cats)
	}
	if fmt.Sprint(edit.Series) != fmt.Sprint(ours[k].names) {
		t.Errorf("Impress's series of chart %d %q, ours %q", k, edit.Series, ours[k].names)
	}

	saved, err := os.ReadFile(dst)
	if err != nil {
		t.Fatalf("Impress saved no deck: %v", err)
	}
	files := unzip(t, saved)
	theirs := deckCharts(t, files)
	if len(theirs) != len(ours) {
		t.Fatalf("the saved deck has %d charts, ours %d", len(theirs), len(ours))
	}
	for i, c := range theirs {
		o := ours[i]
		if c.slide != o.slide {
			t.Errorf("chart %d: on slide %d after saving, on %d in ours", i, c.slide, o.slide)
		}
		if fmt.Sprint(c.cats) != fmt.Sprint(o.cats) || fmt.Sprint(c.names) != fmt.Sprint(o.names) {
			t.Errorf("chart %d (%s): categories %q series %q after saving, ours %q %q", i, c.part, c.cats, c.names, o.cats, o.names)
		}
		want := fmt.Sprint(o.vals)
		if i == k {
			o.vals[col][row] = value
			want = fmt.Sprint(o.vals)
		}
		if got := fmt.Sprint(c.vals); got != want {
			t.Errorf("chart %d (%s): cached values %s after saving, want %s", i, c.part, got, want)
		}
	}
	t.Logf("LibreOffice's copy has %d embedded workbooks (ours %d) and %d charts with c:externalData", countParts(files, "ppt/embeddings/"), len(ours), countData(theirs))
	for _, c := range theirs {
		if c.data != "" && files[c.data] == nil {
			t.Errorf("%s: c:externalData points at %s, which the package lacks", c.part, c.data)
		}
	}

	out := filepath.Join(dir, "pdf")
	formtest.Convert(t, bin, dst, "pdf:impress_pdf_Export", out)
	b, err := exec.Command(pdftotext, "-layout", filepath.Join(out, "report.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext of the saved deck's PDF: %v", err)
	}
	pages := strings.Split(strings.TrimSuffix(string(b), "\f"), "\f")
	wants := slideTexts(t, rep)
	if len(pages) != len(wants) {
		t.Fatalf("the saved deck converts to %d pages, ours has %d slides", len(pages), len(wants))
	}
	for i, want := range wants {
		for _, w := range want {
			if !strings.Contains(squeeze(pages[i]), squeeze(w)) {
				t.Errorf("saved deck, page %d lacks %q", i+1, w)
			}
		}
	}
}

// pythonUno is the Python that can drive LibreOffice (python3-uno installs the uno module
// for the system's /usr/bin/python3, not for other Pythons on PATH). Like formtest.Tool it
// skips locally and fails under CI when it is missing.
func pythonUno(t *testing.T) string {
	t.Helper()
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if p, err := exec.LookPath("python3"); err == nil {
			py = p
		}
	}
	if out, err := exec.Command(py, "-c", "import uno").CombinedOutput(); err != nil {
		msg := fmt.Sprintf("%s cannot import uno (apt-get install python3-uno): %v\n%s", py, err, out)
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return py
}

// editResult is what testdata/editchart.py reports of its edit.
type editResult struct {
	Charts     int      `json:"charts"`
	Slide      int      `json:"slide"`
	Name       string   `json:"name"`
	Categories []string `json:"categories"`
	Series     []string `json:"series"`
	Before     float64  `json:"before"`
	After      float64  `json:"after"`
}

// runEditChart runs editchart.py on src, saving to dst. A run that fails or takes over
// three minutes fails the test; on the deadline the script is interrupted, so that it
// stops the LibreOffice it started.
func runEditChart(t *testing.T, py, src, dst string, chart, row, col int, value float64) editResult {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "editchart.py"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, script, src, dst, strconv.Itoa(chart), strconv.Itoa(row), strconv.Itoa(col), strconv.FormatFloat(value, 'f', -1, 64))
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("editchart.py: %v\n%s%s", err, out, stderr.String())
	}
	var res editResult
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("editchart.py printed %q: %v\n%s", out, err, stderr.String())
	}
	t.Logf("Impress changed slide %d, chart %q: %v → %v", res.Slide+1, res.Name, res.Before, res.After)
	return res
}

// deckChart is one chart of a deck as any writer of .pptx stores it: where it is, and its
// series names, categories and cached values (by series, then category).
type deckChart struct {
	slide int    // 1-based
	part  string // ppt/charts/chart3.xml
	data  string // the part c:externalData leads to, if any
	names []string
	cats  []string
	vals  [][]float64
}

// deckCharts reads every chart of a deck in the order a reader meets them: slide by slide
// (presentation.xml's list), and on a slide in drawing order. Parts are found through the
// relationships, not by their names, which differ between writers.
func deckCharts(t *testing.T, files map[string][]byte) []deckChart {
	t.Helper()
	var out []deckChart
	for i, slide := range relatedParts(t, files, "ppt/presentation.xml", "sldId") {
		for _, chart := range relatedParts(t, files, slide, "chart") {
			c := readChartPart(t, files, chart)
			c.slide = i + 1
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatal("no chart found through the deck's slides")
	}
	return out
}

// relatedParts lists, in document order, the parts that the elements named local of part point
// at through their r:id.
func relatedParts(t *testing.T, files map[string][]byte, part, local string) []string {
	t.Helper()
	data, ok := files[part]
	if !ok {
		t.Fatalf("the package has no %s", part)
	}
	var rels xRels
	if err := xml.Unmarshal(files[relsName(part)], &rels); err != nil {
		t.Fatalf("%s: %v", relsName(part), err)
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		targets[r.ID] = relTarget(part, r.Target)
	}
	var out []string
	dec := xml.NewDecoder(strings.NewReader(string(data)))
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != local {
			continue
		}
		for _, a := range se.Attr {
			if a.Name.Space == nsRelID && a.Name.Local == "id" {
				target, ok := targets[a.Value]
				if !ok {
					t.Fatalf("%s: <%s r:id=%q> has no relationship", part, local, a.Value)
				}
				out = append(out, target)
			}
		}
	}
	return out
}

const nsRelID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// relTarget is a relationship's target as a name in the package, from the part it is of.
func relTarget(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return target[1:]
	}
	return path.Join(path.Dir(from), target)
}

// xChartCache is the part of a bar chart the round trip compares: each series' name,
// categories and values, with their indexes (a writer may leave out empty points).
type xChartCache struct {
	Ser []struct {
		Name []string `xml:"tx>strRef>strCache>pt>v"`
		Cats xCache   `xml:"cat>strRef>strCache"`
		Vals xCache   `xml:"val>numRef>numCache"`
	} `xml:"chart>plotArea>barChart>ser"`
	ExternalData struct {
		ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"externalData"`
}

type xCache struct {
	Count struct {
		Val int `xml:"val,attr"`
	} `xml:"ptCount"`
	Pt []struct {
		Idx int    `xml:"idx,attr"`
		V   string `xml:"v"`
	} `xml:"pt"`
}

// strings gives the cache's points by index, blank where a point is left out.
func (c xCache) strings() []string {
	out := make([]string, c.Count.Val)
	for _, p := range c.Pt {
		if p.Idx >= 0 && p.Idx < len(out) {
			out[p.Idx] = p.V
		}
	}
	return out
}

// readChartPart reads one chart part's caches and where its external data is.
func readChartPart(t *testing.T, files map[string][]byte, name string) deckChart {
	t.Helper()
	var cs xChartCache
	if err := xml.Unmarshal(files[name], &cs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	c := deckChart{part: name}
	for _, s := range cs.Ser {
		c.names = append(c.names, s.Name...)
		c.cats = s.Cats.strings()
		var vs []float64
		for i, v := range s.Vals.strings() {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: value %d %q: %v", name, i, v, err)
			}
			vs = append(vs, f)
		}
		c.vals = append(c.vals, vs)
	}
	if len(c.vals) == 0 || len(c.cats) == 0 {
		t.Fatalf("%s: no series or no categories", name)
	}
	if id := cs.ExternalData.ID; id != "" {
		var rels xRels
		if err := xml.Unmarshal(files[relsName(name)], &rels); err != nil {
			t.Fatalf("%s: c:externalData %q but no relationships: %v", name, id, err)
		}
		for _, r := range rels.Rel {
			if r.ID == id {
				c.data = relTarget(name, r.Target)
			}
		}
		if c.data == "" {
			t.Fatalf("%s: c:externalData %q has no relationship", name, id)
		}
	}
	return c
}

// chartToEdit picks the chart the round trip edits: a chart of several series and
// categories on a slide with another chart, so that the chart left alone beside it is
// checked too.
func chartToEdit(t *testing.T, cs []deckChart) int {
	t.Helper()
	for i, c := range cs {
		shared := i > 0 && cs[i-1].slide == c.slide || i+1 < len(cs) && cs[i+1].slide == c.slide
		if shared && len(c.vals) > 1 && len(c.cats) > 1 {
			return i
		}
	}
	t.Fatal("the sample deck has no slide with two charts, one of them stacked")
	return -1
}

func countParts(files map[string][]byte, prefix string) int {
	n := 0
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			n++
		}
	}
	return n
}

func countData(cs []deckChart) int {
	n := 0
	for _, c := range cs {
		if c.data != "" {
			n++
		}
	}
	return n
}
