package root

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The data flows one way (docs/architecture.md): schema → form → returns → check →
// aggregate → charts → renderers → render/report → cmd. layerOf places every package of
// the module on that line; the longest matching prefix wins, so a new package below a
// folder takes its folder's place until it is given its own.
var layers = []struct {
	prefix string
	rank   int
}{
	{"schema/textfmt", -1}, // how a figure is written and how wide a character is: a leaf
	{"schema", 0},          // schema, schema/period, schema/finding
	{"schema/examples", 1}, // the shipped surveys, loaded through schema
	{"schema/form", 1},
	{"schema/internal/xlsxread", 2},
	{"schema/returns", 3},
	{"schema/check", 4},
	{"aggregate", 5},
	{"render/checker/pagecheck", 5}, // the checker page's check (run as WebAssembly): check's results as validate prints them
	{"charts", 6},
	{"render/fonts", 7},
	{"render", 8}, // the renderers: pdf, html, pptx, summary, longcsv, checker (and its wasm program and generator)
	{"render/report", 9},
	{"cmd", cmdRank},
	{"testdata", cmdRank}, // testdata/gen, the generator, is a program like cmd
}

const (
	module  = "github.com/osaka-city/zaitaku/"
	cmdRank = 10
)

// testHelpers are imported by tests at or after their layer, never by production code
// (testdata/gen, a program that writes test data, excepted).
var testHelpers = map[string]bool{
	"schema/form/formtest":     true,
	"aggregate/aggregatetest":  true,
	"cmd/internal/cli/clitest": true,
	// headless Chromium and axe-core for the page tests of the renderers
	"render/browsertest": true,
}

var commandPkg = regexp.MustCompile(`^cmd/internal/[a-z]+cmd$`)

// layerOf gives a package's rank, or false when no entry of layers holds it.
func layerOf(pkg string) (int, bool) {
	best, rank := -1, 0
	for _, l := range layers {
		if (pkg == l.prefix || strings.HasPrefix(pkg, l.prefix+"/")) && len(l.prefix) > best {
			best, rank = len(l.prefix), l.rank
		}
	}
	return rank, best >= 0
}

// goPackage is what `go list -json` says of a package that the layer check reads.
type goPackage struct {
	ImportPath                         string
	Imports, TestImports, XTestImports []string
}

// flowViolations lists every import against the flow among pkgs, by the rules of
// docs/architecture.md: nothing imports a later layer, nor a package beside it in its
// layer (a test helper may import the package it helps); a test may also import the test
// helpers at or before its layer; production code imports no test helper; no command
// package imports another; cmd and testdata/gen may import anything else.
func flowViolations(pkgs []goPackage) []string {
	var bad []string
	for _, p := range pkgs {
		from := strings.TrimPrefix(p.ImportPath, module)
		rank, ok := layerOf(from)
		if !ok {
			bad = append(bad, from+": in no layer of layers_test.go")
			continue
		}
		for _, imps := range []struct {
			kind string
			list []string
		}{{"imports", p.Imports}, {"test imports", p.TestImports}, {"external test imports", p.XTestImports}} {
			for _, imp := range imps.list {
				if !strings.HasPrefix(imp, module) {
					continue
				}
				to := strings.TrimPrefix(imp, module)
				if why := importViolation(from, to, rank, imps.kind != "imports"); why != "" {
					bad = append(bad, from+" "+imps.kind+" "+to+": "+why)
				}
			}
		}
	}
	return bad
}

// importViolation says why from (of the given rank) may not import to, or "" if it may.
func importViolation(from, to string, rank int, test bool) string {
	if to == from {
		return ""
	}
	if commandPkg.MatchString(from) && commandPkg.MatchString(to) {
		return "a command package imports another command package"
	}
	toRank, ok := layerOf(to)
	switch {
	case !ok:
		return "in no layer of layers_test.go"
	case testHelpers[to] && !test && !testHelpers[from] && !strings.HasPrefix(from, "testdata/"):
		return "production code imports a test helper"
	case rank == cmdRank:
		return ""
	case toRank > rank:
		return "later in the flow"
	case toRank < rank:
		return ""
	case test && testHelpers[to]:
		return ""
	case strings.HasPrefix(from, to+"/"): // a helper imports the package it helps
		return ""
	}
	return "beside it in the same layer"
}

// Every import of every package and of its tests follows the flow; `go list` gives them.
func TestImportsFollowTheFlow(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("go is not on PATH: the import layers cannot be checked")
		}
		t.Skip("go is not on PATH")
	}
	cmd := exec.Command(goBin, "list", "-json", "./...", "./testdata/gen")
	cmd.Dir = filepath.Join("..", "..", "..")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []goPackage
	seen := map[string]bool{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
		seen[strings.TrimPrefix(p.ImportPath, module)] = true
	}
	for _, want := range []string{"schema", "schema/check", "aggregate", "charts", "render/report", "cmd/internal/root", "schema/form/formtest", "testdata/gen"} {
		if !seen[want] {
			t.Errorf("go list did not list %s (%d packages)", want, len(pkgs))
		}
	}
	for _, v := range flowViolations(pkgs) {
		t.Error(v)
	}
}

// The rules catch each kind of import against the flow.
func TestFlowViolationsCatchEachKind(t *testing.T) {
	pkg := func(path string, imports, tests, xtests []string) goPackage {
		add := func(l []string) []string {
			var out []string
			for _, s := range l {
				out = append(out, module+s)
			}
			return out
		}
		return goPackage{module + path, add(imports), add(tests), add(xtests)}
	}
	for _, tc := range []struct {
		p    goPackage
		want string // "" when allowed
	}{
		{pkg("aggregate", []string{"schema/check", "schema"}, nil, []string{"aggregate", "aggregate/aggregatetest", "schema/form/formtest"}), ""},
		{pkg("aggregate", []string{"charts"}, nil, nil), "aggregate imports charts: later in the flow"},
		{pkg("aggregate", nil, nil, []string{"render/report"}), "aggregate external test imports render/report: later in the flow"},
		{pkg("schema/form", nil, []string{"schema/check"}, nil), "schema/form test imports schema/check: later in the flow"},
		{pkg("schema/form/formtest", nil, nil, []string{"aggregate"}), "schema/form/formtest external test imports aggregate: later in the flow"},
		{pkg("schema/returns", nil, nil, []string{"aggregate/aggregatetest"}), "schema/returns external test imports aggregate/aggregatetest: later in the flow"},
		{pkg("render/pdf", []string{"render/html"}, nil, nil), "render/pdf imports render/html: beside it in the same layer"},
		{pkg("render/pdf", []string{"render/fonts", "charts"}, nil, nil), ""},
		{pkg("render/html", nil, []string{"render/browsertest"}, nil), ""},
		{pkg("render/html", []string{"render/browsertest"}, nil, nil), "render/html imports render/browsertest: production code imports a test helper"},
		{pkg("render/report", []string{"render/pdf", "render/html"}, nil, []string{"render/summary"}), ""},
		{pkg("charts", []string{"aggregate/aggregatetest"}, nil, nil), "charts imports aggregate/aggregatetest: production code imports a test helper"},
		{pkg("cmd/internal/reportcmd", []string{"cmd/internal/aggregatecmd"}, nil, nil), "cmd/internal/reportcmd imports cmd/internal/aggregatecmd: a command package imports another command package"},
		{pkg("cmd/internal/aggregatecmd", nil, nil, []string{"cmd/internal/validatecmd"}), "cmd/internal/aggregatecmd external test imports cmd/internal/validatecmd: a command package imports another command package"},
		{pkg("cmd/internal/aggregatecmd", []string{"cmd/internal/cli", "render/report"}, nil, []string{"cmd/internal/aggregatecmd", "cmd/internal/root"}), ""},
		{pkg("testdata/gen", []string{"schema/form/formtest", "aggregate"}, nil, nil), ""},
		{pkg("newtop", nil, nil, nil), "newtop: in no layer of layers_test.go"},
	} {
		got := strings.Join(flowViolations([]goPackage{tc.p}), "; ")
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.p.ImportPath, got, tc.want)
		}
	}
}
