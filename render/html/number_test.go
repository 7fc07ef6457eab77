package html

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// TestNumberLines: a number question is a heading line with its total (and range), in
// place between the count charts, and no chart.
func TestNumberLines(t *testing.T) {
	rep := charts.Build(aggregatetest.NumberSample(t), charts.Options{})
	page := render(t, rep)
	want := []string{
		`<h4>（１）相談者<span class="total">`,
		`<h4 class="number">（２）窓口開設日数<span class="total">　103 日（18 日 ～ 22 日）</span></h4>`,
		`<h4 class="number">（３）平均相談時間<span class="total">　8.5 時間</span></h4>` + "\n" + `<p class="note">※小数第１位まで</p>`,
		`<h4>（４）相談内容<span class="total">`,
	}
	last := -1
	for _, w := range want {
		i := strings.Index(page, w)
		if i < 0 || i < last {
			t.Errorf("page lacks %q after the line before it (at %d, before it %d)", w, i, last)
		}
		last = i
	}
	if !strings.Contains(page, `<output id="charts-rendered">0</output>／2</p>`) || chartBlocks(rep) != 2 {
		t.Errorf("want two charts (the counts questions), %d blocks drawn as charts", chartBlocks(rep))
	}
	if !strings.Contains(page, `id="q_days"`) || !strings.Contains(page, `id="q_hours"`) {
		t.Error("the number lines have no anchors")
	}
}
