package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// checkPages asserts the layout rules every page keeps: blocks stay in the content box
// and off each other, a block's drawing stays in its box, everything stays on the page,
// and no two lines of text overlap.
func checkPages(t *testing.T, pages []*page) {
	t.Helper()
	pageBox := rect{0, 0, pageW, pageH}
	for _, pg := range pages {
		where := fmt.Sprintf("page %d", pg.number)
		for i, b := range pg.blocks {
			if !b.box.within(pg.content) {
				t.Errorf("%s: block %s %+v leaves the content box %+v", where, b.name, b.box, pg.content)
			}
			for _, o := range pg.blocks[i+1:] {
				if b.box.overlaps(o.box) {
					t.Errorf("%s: blocks %s %+v and %s %+v overlap", where, b.name, b.box, o.name, o.box)
				}
			}
			grown := rect{b.box.x - 0.5, b.box.y - 0.5, b.box.w + 1, b.box.h + 1}
			for _, e := range b.els {
				if !e.bounds().within(grown) {
					t.Errorf("%s: %s draws outside its box %+v: %s", where, b.name, b.box, describe(e))
				}
			}
		}
		var texts []textEl
		for _, e := range pg.elements() {
			if !e.bounds().within(pageBox) {
				t.Errorf("%s: off the page: %s", where, describe(e))
			}
			if te, ok := e.(textEl); ok && te.s != "" {
				texts = append(texts, te)
			}
		}
		for i, a := range texts {
			for _, b := range texts[i+1:] {
				if a.bounds().overlaps(b.bounds()) {
					t.Errorf("%s: text %q %+v overlaps %q %+v", where, a.s, a.bounds(), b.s, b.bounds())
				}
			}
		}
	}
}

func describe(e element) string {
	if te, ok := e.(textEl); ok {
		return fmt.Sprintf("text %q at %+v", te.s, te.bounds())
	}
	return fmt.Sprintf("%T at %+v", e, e.bounds())
}

func layoutOf(t *testing.T, rep *charts.Report) []*page {
	t.Helper()
	pages, err := layoutReport(rep, embeddedMeasurer(t))
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// pageTexts is the text of a page's lines, joined by newlines.
func pageTexts(pg *page) string {
	var b strings.Builder
	for _, e := range pg.elements() {
		if te, ok := e.(textEl); ok {
			b.WriteString(te.s)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestLayoutSample(t *testing.T) {
	for _, cases := range []bool{false, true} {
		rep := sampleReport(t, charts.Options{DocLabel: "資料１", IncludeCases: cases})
		pages := layoutOf(t, rep)
		checkPages(t, pages)
		if pages[0].kind != coverPage || pages[1].kind != sectionPage || pages[len(pages)-1].kind != appendixPage {
			t.Errorf("page order: first %v, second %v, last %v", pages[0].kind, pages[1].kind, pages[len(pages)-1].kind)
		}
		for i, pg := range pages {
			txt := pageTexts(pg)
			num := fmt.Sprintf("- %d -", i+1)
			if (pg.kind == coverPage) == strings.Contains(txt, num) {
				t.Errorf("page %d: page number %q shown %v", i+1, num, strings.Contains(txt, num))
			}
			if pg.kind != coverPage && !strings.Contains(txt, rep.PeriodLabel) {
				t.Errorf("page %d has no running header", i+1)
			}
		}
		// Item pages open with the item's heading; the first page of (ア) holds its chart.
		var found bool
		for _, pg := range pages {
			if pg.kind == itemPage && strings.HasPrefix(pageTexts(pg), "（ア）地域の医療・介護の資源の把握\n") {
				found = strings.Contains(pageTexts(pg), "１．地域で把握可能な既存情報の整理")
			}
		}
		if !found {
			t.Error("no page for （ア） with its chart")
		}
	}
}

// item makes a one-item report.
func itemReport(blocks ...charts.Block) *charts.Report {
	return &charts.Report{
		Title: "区役所・相談支援室の取組について", PeriodLabel: "令和６年度 上半期", Summary: "回答 24／24区", Complete: true, UnitLabel: "区",
		Sections: []*charts.Section{{Title: "Ⅰ．区役所の取組", Items: []*charts.Item{{Heading: "（ア）地域の医療・介護の資源の把握", Blocks: blocks}}}},
	}
}

func series() []charts.Series {
	return []charts.Series{
		{Label: "実施している", Color: "1F4E79", TextColor: "FFFFFF"},
		{Label: "実施に向けて準備・調整中", Color: "5B9BD5", TextColor: "000000"},
		{Label: "現時点では未着手", Color: "BDD7EE", TextColor: "000000"},
	}
}

func TestLongItemFlowsToContinuationPages(t *testing.T) {
	long := &charts.StackedBars{ID: "long", Heading: "（１）とても長い設問", Series: series(), Axis: charts.UnitAxis(24, "（区）")}
	for i := 1; i <= 40; i++ {
		label := fmt.Sprintf("%d．在宅療養中の患者・利用者に対する、訪問診療・往診を提供する医療機関と訪問看護ステーションとの連携体制の構築に向けた取組", i)
		long.Bars = append(long.Bars, charts.StackedBar{Label: label, Lines: charts.Wrap(label, charts.ChoiceLabelWidth), Values: []int{12, 6, 6}})
	}
	texts := &charts.TextList{ID: "t", Heading: "研修テーマ"}
	for i := 0; i < 60; i++ {
		texts.Entries = append(texts.Entries, charts.WardLines{Ward: fmt.Sprintf("第%d区", i+1), Lines: []string{"多職種による事例検討会（独居高齢者の在宅療養）", "ACP（人生会議）を支える多職種の役割"}})
	}
	pages := layoutOf(t, itemReport(charts.Block{Stacked: long}, charts.Block{Texts: texts}))
	checkPages(t, pages)
	items := 0
	for _, pg := range pages {
		if pg.kind != itemPage {
			continue
		}
		items++
		txt := pageTexts(pg)
		if items > 1 && !strings.HasPrefix(txt, "（ア）地域の医療・介護の資源の把握（続き）\n") {
			t.Errorf("continuation page %d opens with %q", pg.number, strings.SplitN(txt, "\n", 2)[0])
		}
	}
	if items < 4 {
		t.Errorf("40 bars and 60 wards took %d item pages", items)
	}
	// Every bar and every ward is on some page, once.
	all := ""
	for _, pg := range pages {
		all += pageTexts(pg)
	}
	for i := 1; i <= 40; i++ {
		if n := strings.Count(all, fmt.Sprintf("\n%d．在宅療養中", i)); n != 1 {
			t.Errorf("bar %d drawn %d times", i, n)
		}
	}
	for i := 1; i <= 60; i++ {
		if n := strings.Count(all, fmt.Sprintf("\n第%d区\n", i)); n != 1 {
			t.Errorf("ward %d listed %d times", i, n)
		}
	}
}

func TestChartMovesWholeToNextPage(t *testing.T) {
	mk := func(id string, n int) charts.Block {
		sb := &charts.StackedBars{ID: id, Heading: "（" + id + "）設問", Series: series(), Axis: charts.UnitAxis(24, "（区）")}
		for i := 0; i < n; i++ {
			sb.Bars = append(sb.Bars, charts.StackedBar{Label: fmt.Sprintf("%d．項目", i+1), Values: []int{10, 10, 4}})
		}
		return charts.Block{Stacked: sb}
	}
	pages := layoutOf(t, itemReport(mk("1", 8), mk("2", 8)))
	checkPages(t, pages)
	var onPage []int
	for _, pg := range pages {
		for _, b := range pg.blocks {
			if strings.HasPrefix(b.name, "stacked") {
				onPage = append(onPage, pg.number)
			}
		}
	}
	// The second chart does not fit under the first: it moves on whole, not split.
	if len(onPage) != 2 || onPage[0] == onPage[1] {
		t.Errorf("charts placed on pages %v", onPage)
	}
}

func TestBreakdownChartsPairUp(t *testing.T) {
	rep := sampleReport(t, charts.Options{DocLabel: "資料１"})
	pages := layoutOf(t, rep)
	var pair *block
	for _, pg := range pages {
		for _, b := range pg.blocks {
			if b.name == "breakdown o2med" {
				pair = b
			}
		}
	}
	if pair == nil {
		t.Fatal("no breakdown pair")
	}
	var med, care *textEl
	for _, e := range pair.els {
		if te, ok := e.(textEl); ok {
			switch {
			case strings.HasPrefix(te.s, "【 医療に関すること（内訳） 】"):
				med = &te
			case strings.HasPrefix(te.s, "【 介護に関すること（内訳） 】"):
				care = &te
			}
		}
	}
	if med == nil || care == nil {
		t.Fatalf("pair titles: %v %v", med, care)
	}
	if med.y != care.y || care.x < pair.box.x+pair.box.w/2-eps || med.x > pair.box.x+eps {
		t.Errorf("not side by side: 医療 at %.1f,%.1f, 介護 at %.1f,%.1f in %+v", med.x, med.y, care.x, care.y, pair.box)
	}
}

func TestCaseRowsSplitAcrossPages(t *testing.T) {
	long := strings.Repeat("・訪問診療・訪問看護で看取りに対応している医療機関と事業所の情報を提供した。\n", 60)
	ct := &charts.CaseTable{ID: "c", Heading: "【看取りの場面】", Columns: []string{"相談者", "基本情報", "相談内容", "相談支援室の対応", "その後の経過"}}
	for i := 0; i < 3; i++ {
		ct.Rows = append(ct.Rows, charts.CaseRow{Ward: "中央区", Cells: []string{"ケアマネジャー", "80歳代 男性\n妻と二人暮らし", long, "・情報を提供した。", "・自宅で逝去された。"}})
	}
	pages := layoutOf(t, itemReport(charts.Block{Cases: ct}))
	checkPages(t, pages)
	n := 0
	for _, pg := range pages {
		txt := pageTexts(pg)
		if pg.kind == itemPage {
			n++
			if n > 1 && !strings.Contains(txt, "【看取りの場面】（続き）") {
				t.Errorf("page %d does not repeat the table heading", pg.number)
			}
			if !strings.Contains(txt, "相談支援室の対応") {
				t.Errorf("page %d does not repeat the table header", pg.number)
			}
		}
	}
	if n < 4 {
		t.Errorf("three 60-line rows took %d pages", n)
	}
}

// The ward column of a case table is titled with the schema's word for a unit.
func TestCaseTableTitlesTheUnitColumnFromTheSchema(t *testing.T) {
	ct := &charts.CaseTable{ID: "c", Heading: "【看取りの場面】", Columns: []string{"相談者"}, Rows: []charts.CaseRow{{Ward: "北部室", Cells: []string{"ケアマネジャー"}}}}
	rep := itemReport(charts.Block{Cases: ct})
	rep.UnitLabel = "相談支援室"
	var txt string
	for _, pg := range layoutOf(t, rep) {
		txt += pageTexts(pg)
	}
	if !strings.Contains(txt, "\n相談支援室\n") || strings.Contains(txt, "\n区\n") {
		t.Errorf("case table header does not say 相談支援室 instead of 区:\n%s", txt)
	}
}

func TestIncompleteReportShowsSummaryEverywhere(t *testing.T) {
	rep := sampleReport(t, charts.Options{DocLabel: "資料１"})
	rep.Complete = false
	rep.Summary = "回答 22／24区（未提出: 北区、西成区）"
	rep.Notice = charts.IncompleteNotice(rep.Summary, rep.Complete)
	for _, m := range rep.Appendix {
		m.Rows[0].Missing, m.Rows[0].Status = true, "未提出"
		m.Rows[0].Cells = make([]string, len(m.Rows[0].Cells))
	}
	rep.Status.Summary = rep.Summary
	rep.Status.Bad[0], rep.Status.Rows[0][2] = true, "未提出"
	pages := layoutOf(t, rep)
	checkPages(t, pages)
	for _, pg := range pages {
		if !strings.Contains(pageTexts(pg), rep.Summary) {
			t.Errorf("page %d (%v) does not show %q", pg.number, pg.kind, rep.Summary)
		}
	}
	// The cover says in its box what the summary means.
	if txt := pageTexts(pages[0]); !strings.Contains(txt, "集計途中の資料です") {
		t.Errorf("cover does not show the notice %q:\n%s", rep.Notice, txt)
	}
	// Without a 資料番号 the cover has no box.
	rep.DocLabel = ""
	if pg := layoutOf(t, rep)[0]; len(pg.blocks) != 1 {
		t.Errorf("cover without DocLabel has %d blocks", len(pg.blocks))
	}
}

func TestFitColumns(t *testing.T) {
	got := fitColumns([]float64{40, 100, 600, 600}, []float64{30, 30, 30, 30}, 700)
	if got[0] != 40 || got[1] != 100 || abs(sum(got)-700) > eps || abs(got[2]-got[3]) > eps {
		t.Errorf("fitColumns = %v", got)
	}
	got = fitColumns([]float64{40, 100}, []float64{30, 30}, 280)
	if abs(sum(got)-280) > eps || abs(got[1]/got[0]-2.5) > eps {
		t.Errorf("fitColumns spreading = %v", got)
	}
}

// The 集計ID given closes the last page, clear of the page number, and appears nowhere
// when none is given.
func TestAggregateIDOnTheLastPage(t *testing.T) {
	rep := sampleReport(t, charts.Options{DocLabel: "資料１", AggregateID: "1a2b-3c4d"})
	pages := layoutOf(t, rep)
	checkPages(t, pages)
	for i, pg := range pages {
		has := strings.Contains(pageTexts(pg), "集計ID 1a2b-3c4d\n")
		if has != (i == len(pages)-1) {
			t.Errorf("page %d of %d: 集計ID shown %v", i+1, len(pages), has)
		}
	}
	var id, num rect
	for _, e := range pages[len(pages)-1].chrome {
		if te, ok := e.(textEl); ok {
			switch {
			case strings.HasPrefix(te.s, "集計ID"):
				id = te.bounds()
			case strings.HasPrefix(te.s, "- "):
				num = te.bounds()
			}
		}
	}
	if id.overlaps(num) || !id.within(rect{0, 0, pageW - marginX + eps, pageH}) {
		t.Errorf("集計ID at %+v, page number at %+v", id, num)
	}
	for i, pg := range layoutOf(t, sampleReport(t, charts.Options{DocLabel: "資料１"})) {
		if strings.Contains(pageTexts(pg), "集計ID") {
			t.Errorf("page %d shows a 集計ID that was not given", i+1)
		}
	}
}
