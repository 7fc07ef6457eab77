package trendcmd

import (
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/render/browsertest"
)

// The trend pages of a choice row (stacked bars with patterns) and of a count (a line)
// pass axe-core in headless Chromium once their chart is drawn: no violation of any
// severity of WCAG 2.1 A/AA or of the heading and landmark rules.
func TestHTMLAccessible(t *testing.T) {
	browsertest.Chromium(t)
	for _, id := range []string{"a1.5", "u3"} {
		t.Run(id, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), id+".html")
			if out, code := run(golden, id, "--format", "html", "-o", path); code != 0 {
				t.Fatalf("exit %d\n%s", code, out)
			}
			s := browsertest.Open(t, path, 1100, 900)
			s.Wait(t, `document.querySelector("#chart svg path") !== null`)
			var label string
			s.Eval(t, `document.getElementById("chart").getAttribute("aria-label")`, &label)
			if label == "" {
				t.Error("the chart has no aria-label")
			}
			for _, v := range s.Axe(t) {
				t.Errorf("%s", v)
			}
		})
	}
}
