package pdf

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

// The 区ごとの変化 pages follow each item with choice questions, are planned as such, and
// their text reads back: the headings, the counts, and every ward of a cell whole, never
// broken inside its name (testdata/sample/movements.tsv).
func TestMovesPages(t *testing.T) {
	rep := sampleReport(t, charts.Options{})
	l, err := Layout(rep, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, pg := range l.Pages() {
		if pg.Kind == charts.MovesPage && !strings.HasSuffix(pg.Heading, "（続き）") {
			heads = append(heads, pg.Heading[:strings.Index(pg.Heading, " ― ")])
		}
	}
	want := []string{"（ア）地域の医療・介護の資源の把握", "（イ）在宅医療・介護連携の課題の抽出と対応策の検討", "（カ）医療・介護関係者の研修",
		"（キ）地域住民への普及啓発", "（ウ）切れ目のない在宅医療と介護の提供体制の構築推進", "（エ）医療・介護関係者の情報共有の支援"}
	if strings.Join(heads, "|") != strings.Join(want, "|") {
		t.Errorf("who-moved pages %q, want %q", heads, want)
	}
	text := pdfText(t, render(t, rep))
	for _, w := range []string{
		"区ごとの変化（令和５年度 → 令和６年度上半期）",
		"上がった 2区 変わらず 21区 下がった 1区", // pdftotext gives the full-width spaces as one space
		"令和５年度＼令和６年度上半期",
		"（ア）５ 現時点では未着手が３期連続: 中央区、浪速区",
		"令和４年度は区別の回答がないため比較できません。",
		"都島区、福島区、此花区、港区、旭区、城東区、",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("extracted text lacks %q", w)
		}
	}
	// A line of a cell ends after a 「、」 or a whole name: never inside 東淀川区.
	for _, line := range strings.Split(text, "\n") {
		if strings.HasSuffix(line, "東淀川") || strings.HasPrefix(line, "区、") {
			t.Errorf("a ward's name is broken: %q", line)
		}
	}
}
