package pptx

import (
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// The 月報's count labels carry each category's per-unit range (show_range). In the deck's
// narrow 内訳 label boxes a range is never broken inside its parentheses: each label box
// holds every range on one line of its own text, with nothing after it, and no line is
// wider than the box.
func TestRangedLabelsKeepTheRangeWhole(t *testing.T) {
	rep := charts.Build(aggregatetest.GetsuhoSample(t), charts.Options{})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	note := regexp.MustCompile(`（[0-9,]+ 件 ～ [0-9,]+ 件）|（各 [0-9,]+ 件）`)
	ranged, broken := 0, 0
	for n, s := range slides {
		for _, sh := range flat(s.shapes) {
			if sh.text == nil || sh.text.Name != "項目名" {
				continue
			}
			w, _ := sh.text.inner()
			for _, p := range sh.text.Paras {
				var text strings.Builder
				for _, r := range p.Runs {
					text.WriteString(r.Text)
				}
				line := text.String()
				if strings.Contains(line, "～") {
					ranged++
					if !note.MatchString(line) || !strings.HasSuffix(line, "）") {
						broken++
						t.Errorf("slide %d: a range is cut: %q", n+1, line)
					}
				}
				if lw := textMM(line, p.Runs[0].Size); lw > w+0.01 && len(p.Runs) > 0 {
					t.Errorf("slide %d: %q is %.1f mm wide, its box %.1f mm", n+1, line, lw, w)
				}
			}
		}
	}
	// 6 相談者 + 6 相談内容 + 8 医療 + 5 介護 categories, each with its range.
	if ranged != 25 {
		t.Errorf("%d label lines carry a range, want 25", ranged)
	}
}

// textMM is the estimated width of s at size points, as fitText measures it.
func textMM(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		w += charMM(r, size)
	}
	return w
}
