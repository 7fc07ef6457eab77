package pptx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestNumberSlides: without a page plan too, a number question's slide holds its line —
// heading, then the total with its range in the accent colour — and its note, and no
// chart; the deck validates against the ECMA-376 schemas.
func TestNumberSlides(t *testing.T) {
	rep := charts.Build(aggregatetest.NumberSample(t), charts.Options{})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	var item *slide
	for _, s := range slides {
		if len(s.marks) > 0 && s.marks[0] == "（ア）相談の状況" {
			item = s
		}
	}
	if item == nil {
		t.Fatal("no slide for the item")
	}
	marks := strings.Join(item.marks, "\n")
	for _, want := range []string{"（２）窓口開設日数\n103 日（18 日 ～ 22 日）", "（３）平均相談時間\n8.5 時間"} {
		if !strings.Contains(marks, want) {
			t.Errorf("the item's slide lacks %q:\n%s", want, marks)
		}
	}
	nCharts, accent, note := 0, false, false
	for _, sh := range item.shapes {
		if sh.chart != nil {
			nCharts++
		}
		if sh.group != nil {
			for _, m := range sh.group.members {
				if m.chart != nil {
					nCharts++
				}
			}
		}
		if sh.text == nil {
			continue
		}
		for _, p := range sh.text.Paras {
			for _, r := range p.Runs {
				accent = accent || (r.Text == "　103 日（18 日 ～ 22 日）" && r.Color == charts.AccentColor)
				note = note || r.Text == "※小数第１位まで"
			}
		}
	}
	if nCharts != 2 || !accent || !note {
		t.Errorf("%d charts (want 2), total in the accent colour %v, note %v", nCharts, accent, note)
	}

	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	validate(t, formtest.Tool(t, "libxml2-utils", "xmllint"), unzip(t, buf.Bytes()))
}
