package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// axePath is where `npm ci --prefix .ci` puts axe-core, from the module's root.
const axePath = ".ci/node_modules/axe-core/axe.min.js"

// axeInstall is the command that installs axe-core, for the skip or failure message.
const axeInstall = "npm ci --prefix .ci"

// Violation is an axe-core rule a page breaks, with the elements that break it.
type Violation struct {
	ID string `json:"id"`
	// Impact is axe's severity: minor, moderate, serious or critical.
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		// Target is the element's CSS selector; HTML its opening markup.
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// Severe tells whether the violation is serious or critical: what the tests fail on.
func (v Violation) Severe() bool { return v.Impact == "serious" || v.Impact == "critical" }

// String is the violation for a test failure: rule, severity, help, and the first
// elements with what axe says about them.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s — %d element(s)", v.ID, v.Impact, v.Help, len(v.Nodes))
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    …")
			break
		}
		fmt.Fprintf(&b, "\n    %v %s\n      %s", n.Target, clip(n.HTML, 160), strings.ReplaceAll(clip(n.FailureSummary, 400), "\n", " "))
	}
	return b.String()
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// axeRun runs the WCAG 2.0 and 2.1 A/AA rules and axe's best-practice rules on headings and
// landmarks (one h1, no skipped level, one main, every part of the page in a landmark),
// which is what a screen reader needs to move around the page.
const axeRun = `(function () {
  var rules = axe.getRules(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).map(function (r) { return r.ruleId; });
  axe.getRules(['best-practice']).forEach(function (r) {
    if (/heading|landmark|region/.test(r.ruleId) && r.tags.indexOf('deprecated') < 0 && rules.indexOf(r.ruleId) < 0) {
      rules.push(r.ruleId);
    }
  });
  return axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']})
    .then(function (r) { return r.violations; });
})()`

// Axe injects axe-core into the page and returns the rules it breaks, of every severity:
// tests fail on the Severe ones and may list the others. axe-core comes from npm (.ci,
// installed with `npm ci --prefix .ci`); without it the test is skipped, or fails under CI.
func (s *Session) Axe(t testing.TB) []Violation {
	t.Helper()
	src, err := os.ReadFile(axeFile(t))
	if err != nil {
		t.Fatal(err)
	}
	s.Eval(t, string(src)+"\n;void 0", nil)
	var vs []Violation
	s.Eval(t, axeRun, &vs)
	return vs
}

// startDir is the test's directory, taken before any test changes into another (t.Chdir).
var startDir, startErr = os.Getwd()

// axeFile finds axe-core under the module's root, above the test's directory.
func axeFile(t testing.TB) string {
	t.Helper()
	dir, err := startDir, startErr
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("browsertest: no go.mod above the test's directory")
		}
		dir = up
	}
	p := filepath.Join(dir, axePath)
	if _, err := os.Stat(p); err != nil {
		if underCI() {
			t.Fatalf("axe-core not installed: run `%s` in %s", axeInstall, dir)
		}
		t.Skipf("axe-core not installed: run `%s` in %s", axeInstall, dir)
	}
	return p
}
