package pdf

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// TestNumberLines: a number question is printed as one heading line with its total (and
// range), between the count charts, with no chart of its own; the page plan the deck
// follows holds it as a block of its own, in form order.
func TestNumberLines(t *testing.T) {
	rep := charts.Build(aggregatetest.NumberSample(t), charts.Options{})
	pages := layoutOf(t, rep)
	checkPages(t, pages)
	var item *page
	for _, pg := range pages {
		if pg.kind == itemPage {
			item = pg
		}
	}
	if item == nil {
		t.Fatal("no item page")
	}
	texts := pageTexts(item)
	for _, want := range []string{"（２）窓口開設日数　103 日（18 日 ～ 22 日）\n", "（３）平均相談時間　8.5 時間\n", "※小数第１位まで\n"} {
		if !strings.Contains(texts, want) {
			t.Errorf("item page lacks the line %q:\n%s", want, texts)
		}
	}
	var order []string
	for _, p := range item.plan().Parts {
		for _, b := range p.Blocks {
			switch {
			case b.Counts != nil:
				order = append(order, b.Counts.ID)
			case b.Number != nil:
				order = append(order, b.Number.ID)
			}
		}
	}
	if got := strings.Join(order, ","); got != "c1,days,hours,c2" {
		t.Errorf("plan of the item page: %s, want c1,days,hours,c2", got)
	}
	// One bar chart per counts question: two axes' worth of 「（件）」, none in 日 or 時間.
	if strings.Contains(texts, "（日）") || strings.Contains(texts, "（時間）") {
		t.Errorf("a chart was drawn for a number question:\n%s", texts)
	}

	// Searchable in the PDF itself.
	text := pdfText(t, render(t, rep))
	for _, want := range []string{"窓口開設日数", "103 日（18 日 ～ 22 日）", "8.5 時間"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext finds no %q", want)
		}
	}
}
