package html

import (
	"strings"
	"testing"
)

// The 区ごとの変化 of an item are tables a screen reader can name: a caption with the row
// and its counts, column headers for this period's answers, row headers for the previous
// ones, the units that stayed marked; the lists as paragraphs (testdata/sample/movements.tsv).
func TestMovesTables(t *testing.T) {
	page := render(t, sample(t))
	for _, want := range []string{
		`<h4 id="q_s1_1_moves_h">（ア）地域の医療・介護の資源の把握 ― 区ごとの変化（令和５年度 → 令和６年度上半期）</h4>`,
		`<caption>（ア）５．在宅医療・介護の必要量（需要）や資源量（供給）の将来推計<span class="earlier">上がった 2区　変わらず 21区　下がった 1区</span></caption>`,
		`<thead><tr><th scope="col">令和５年度＼令和６年度上半期</th><th scope="col">実施している</th><th scope="col">実施に向けて準備・調整中</th><th scope="col">現時点では未着手</th></tr></thead>`,
		`<tr><th scope="row">現時点では未着手</th><td></td><td>東成区</td><td class="same">中央区、浪速区、西淀川区</td></tr>`,
		`<p class="moves-line">（ア）５ 現時点では未着手が３期連続: 中央区、浪速区</p>`,
		`<p class="moves-line">令和４年度は区別の回答がないため比較できません。</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, `<section class="moves"`); n != 6 {
		t.Errorf("%d who-moved sections, want 6 (ア イ カ キ ウ エ)", n)
	}
}
