package aggregatecmd

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// Every output carries the 集計ID of the aggregate.json written with it.
func TestEveryOutputCarriesTheAggregateID(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: samples, Output: out})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	js, _ := os.ReadFile(filepath.Join(out, JSONName))
	id := aggregate.ID(js)
	if len(id) != 9 || !strings.Contains(msg, "集計ID "+id) {
		t.Fatalf("ID %q not in the output:\n%s", id, msg)
	}
	if bytes.Contains(js, []byte(id)) {
		t.Error("aggregate.json carries its own ID")
	}
	html, _ := os.ReadFile(filepath.Join(out, report.HTMLName))
	if !bytes.Contains(html, []byte(`<meta name="zaitaku-aggregate-id" content="`+id+`">`)) || !bytes.Contains(html, []byte(`<span id="aggregate-id">`+id+`</span>`)) {
		t.Error("report.html lacks the ID in its meta tag or footer")
	}
	data, _ := os.ReadFile(filepath.Join(out, CSVName))
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[1:] {
		if r[len(r)-1] != id {
			t.Fatalf("CSV row %d: 集計ID %q", i+2, r[len(r)-1])
		}
	}
	f, err := excelize.OpenFile(filepath.Join(out, SummaryName))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, _ := f.GetDocProps()
	if !sheetHas(t, f, "提出状況", id) || props.Identifier != id {
		t.Errorf("集計表.xlsx: 提出状況 or properties lack the ID (%+v)", props)
	}
	deck, _ := os.ReadFile(filepath.Join(out, report.PPTXName))
	if !strings.Contains(lastSlide(t, deck), "集計ID "+id) {
		t.Error("report.pptx: the last slide lacks the ID")
	}
	bin := formtest.Tool(t, "poppler-utils", "pdftotext")
	info, _ := exec.Command(formtest.Tool(t, "poppler-utils", "pdfinfo"), filepath.Join(out, report.PDFName)).Output()
	if !bytes.Contains(info, []byte("集計ID "+id)) {
		t.Errorf("the PDF's metadata lacks the ID:\n%s", info)
	}
	n := pdfPages(t, filepath.Join(out, report.PDFName))
	last, err := exec.Command(bin, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), filepath.Join(out, report.PDFName), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(last, []byte("集計ID "+id)) {
		t.Errorf("the last page (%d) lacks 集計ID %s:\n%s", n, id, last)
	}
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	info, err := exec.Command(formtest.Tool(t, "poppler-utils", "pdfinfo"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("pdfinfo gives no page count")
	return 0
}

// The output folder holds exactly the six outputs, and the run names each of them.
func TestWritesEveryOutputAndNamesIt(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	msg, code := run(t, &Options{Dir: samples, Output: out})
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	want := []string{JSONName, SummaryName, CSVName, report.PDFName, report.HTMLName, report.PPTXName}
	got := keys(snapshot(t, out))
	sort.Strings(got)
	sorted := append([]string(nil), want...)
	sort.Strings(sorted)
	if strings.Join(got, " ") != strings.Join(sorted, " ") {
		t.Errorf("folder holds %v, want %v", got, sorted)
	}
	var listed []string
	for _, l := range strings.Split(msg, "\n") {
		if strings.HasPrefix(l, "  ") {
			listed = append(listed, strings.TrimSpace(l))
		}
	}
	var paths []string
	for _, n := range want {
		paths = append(paths, filepath.Join(out, n))
	}
	if strings.Join(listed, "\n") != strings.Join(paths, "\n") {
		t.Errorf("printed\n%s\nwant\n%s", strings.Join(listed, "\n"), strings.Join(paths, "\n"))
	}
}

// -o must not be the returns folder: 集計表.xlsx would be read as a return next time.
func TestOutputIntoTheReturnsFolderRefused(t *testing.T) {
	dir := copySamples(t)
	for _, o := range []string{dir, dir + string(filepath.Separator) + "."} {
		msg, code := run(t, &Options{Dir: dir, Output: o})
		if code != cli.ExitUsage || !strings.Contains(msg, "は回答票のフォルダと同じです") {
			t.Errorf("-o %s: exit %d\n%s", o, code, msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, SummaryName)); err == nil {
		t.Error("集計表.xlsx written among the returns")
	}
}

// A file that cannot be replaced leaves all six previous outputs as they were.
func TestOneOutputBlockedKeepsThePreviousSet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if msg, code := run(t, &Options{Dir: samples, Output: out}); code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	before := snapshot(t, out)
	// report.html becomes a folder: the new set cannot be switched in.
	os.Remove(filepath.Join(out, report.HTMLName))
	os.Mkdir(filepath.Join(out, report.HTMLName), 0o755)
	delete(before, report.HTMLName)
	msg, code := run(t, &Options{Dir: samples, Output: out, History: history})
	if code != cli.ExitOutput || !strings.Contains(msg, "report.html という名前のフォルダがある") {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	after := snapshot(t, out)
	delete(after, report.HTMLName)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
	if len(after) != len(before) {
		t.Errorf("files now: %v", keys(after))
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			m[e.Name()] = nil
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = data
	}
	return m
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
