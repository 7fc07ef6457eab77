package schema_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// withComputed is minimal with c1.x a subtotal of the breakdown c2 and a computed total t1
// of c1.x and c1.y, as the 月報 groups 相談内容 under 医療.
func withComputed(t *testing.T) string {
	return edit(t, edit(t, minimal,
		"{id: x, label: エックス}", "{id: x, label: エックス, computed: true}"),
		"          - id: memo\n", `          - id: c2
            type: counts
            label: エックスの内訳
            breakdown_of: c1.x
            categories:
              - {id: p, label: ピー}
              - {id: pr, label: （再掲）ピーのうち, repeat_of: p}
              - {id: q, label: キュー}
          - id: t1
            type: total
            label: 合計の欄
            computed: true
            sum_of: [c1.x, c1.y]
          - id: memo
`)
}

func TestComputedResolve(t *testing.T) {
	s := mustParse(t, withComputed(t))
	x := s.Category("c1.x")
	if !x.Computed || x.Breakdown != s.Question("c2") {
		t.Errorf("c1.x: computed %v, breakdown %v", x.Computed, x.Breakdown)
	}
	if got, want := s.ComputedParts("c1.x"), []string{"c2.p", "c2.q"}; !slices.Equal(got, want) {
		t.Errorf("ComputedParts(c1.x) = %v, want %v (再掲 left out)", got, want)
	}
	if got, want := s.ComputedParts("t1"), []string{"c1.x", "c1.y"}; !slices.Equal(got, want) {
		t.Errorf("ComputedParts(t1) = %v, want %v", got, want)
	}
	for _, k := range []string{"c1.y", "c2.p", "q1", "c1", "nope"} {
		if s.ComputedParts(k) != nil || s.IsComputed(k) {
			t.Errorf("%s reads as computed", k)
		}
	}
	// The subtotal comes before the total that adds it up.
	if got, want := s.ComputedKeys(), []string{"c1.x", "t1"}; !slices.Equal(got, want) {
		t.Errorf("ComputedKeys = %v, want %v", got, want)
	}
	if s.Question("t1").Required() {
		t.Error("a computed total reads as required")
	}
	if !s.Question("c1").Required() {
		t.Error("a counts question with a computed category no longer reads as required")
	}
}

// TestComputedChainOrder: a subtotal of subtotals is ordered after its parts, whatever the
// form order.
func TestComputedChainOrder(t *testing.T) {
	src := edit(t, edit(t, withComputed(t),
		"              - {id: p, label: ピー}\n", "              - {id: p, label: ピー, computed: true}\n"),
		"          - id: t1\n", `          - {id: c3, type: counts, label: ピーの内訳, breakdown_of: c2.p, categories: [{id: a, label: エー}]}
          - id: t1
`)
	s := mustParse(t, src)
	if got, want := s.ComputedKeys(), []string{"c2.p", "c1.x", "t1"}; !slices.Equal(got, want) {
		t.Errorf("ComputedKeys = %v, want %v", got, want)
	}
}

func TestComputedMistakes(t *testing.T) {
	base := withComputed(t)
	tests := []struct {
		name, src, at, msg string
	}{
		{"computed without a breakdown",
			edit(t, base, "            breakdown_of: c1.x\n", ""),
			"label: エックス, computed", "区分「c1.x」は computed（内訳の合計を自動計算）ですが、breakdown_of: c1.x と書いた内訳の設問がありません"},
		{"computed with two breakdowns",
			edit(t, base, "          - id: t1\n", "          - {id: c5, type: counts, label: 二つ目の内訳, breakdown_of: c1.x, categories: [{id: r, label: アール}]}\n          - id: t1\n"),
			"label: エックス, computed", "内訳の設問が 2 つあります（「c2」「c5」）"},
		{"computed 再掲",
			edit(t, base, "repeat_of: p}", "repeat_of: p, computed: true}"),
			"（再掲）ピーのうち", "区分「c2.pr」は再掲（repeat_of）なので computed にはできません"},
		{"computed on a counts question",
			edit(t, base, "            label: エックスの内訳\n", "            label: エックスの内訳\n            computed: true\n"),
			"- id: c2", "設問「c2」（counts）には computed は使えません"},
		{"computed on a choice question",
			edit(t, base, "            choices: yn\n", "            choices: yn\n            computed: true\n"),
			"- id: q1", "設問「q1」（choice）には computed は使えません"},
		{"computed total with required",
			edit(t, base, "            computed: true\n            sum_of", "            computed: true\n            required: true\n            sum_of"),
			"- id: t1", "設問「t1」は自動計算の合計（computed）なので required は使えません"},
		{"computed total with bounds",
			edit(t, base, "            computed: true\n            sum_of", "            computed: true\n            max: 10\n            sum_of"),
			"- id: t1", "設問「t1」は自動計算の合計（computed）なので min / max は使えません"},
		{"rule requiring a computed figure",
			base + "rules:\n  - {require: c1.x, when: q1}\n",
			"require: c1.x", "require の「c1.x」は自動計算の欄（computed）なので、記入を求めることはできません"},
		{"computed not true/false",
			edit(t, base, "label: エックス, computed: true}", "label: エックス, computed: はい}"),
			"label: エックス, computed", "「はい」はtrue または falseとして読めません"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schema.Parse([]byte(tc.src), "test.yaml")
			list := errorsOf(t, err)
			line := lineOf(t, tc.src, tc.at)
			if find(list, line, tc.msg) == nil {
				t.Errorf("want an error on line %d containing %q; got:\n%v", line, tc.msg, list)
			}
			if len(list) != 1 {
				t.Errorf("want exactly one error, got:\n%v", list)
			}
		})
	}
}

// TestComputedLoop: a chain of subtotals that loops (c2.p is the total of c3, whose c3.z
// is the total of c4, whose c4.w is the total of c2) is one mistake, on the line of the
// first computed category of the loop, naming the whole loop.
func TestComputedLoop(t *testing.T) {
	src := edit(t, minimal, "          - id: memo\n", `          - {id: c2, type: counts, label: 二, breakdown_of: c4.w, categories: [{id: p, label: ピー, computed: true}, {id: q, label: キュー}]}
          - {id: c3, type: counts, label: 三, breakdown_of: c2.p, categories: [{id: z, label: ゼット, computed: true}]}
          - {id: c4, type: counts, label: 四, breakdown_of: c3.z, categories: [{id: w, label: ダブリュー, computed: true}]}
          - id: memo
`)
	_, err := schema.Parse([]byte(src), "test.yaml")
	list := errorsOf(t, err)
	want := "区分「c2.p」の自動計算（computed）が循環しています（c2.p → c3.z → c4.w → c2.p）"
	if len(list) != 1 || find(list, lineOf(t, src, "{id: c2,"), want) == nil {
		t.Errorf("want only %q on the line of c2; got:\n%v", want, list)
	}
}

// TestDocComputed: the example of docs/schema.md's "Computed subtotals" loads (the formula
// it shows is held to the form's in schema/form).
func TestDocComputed(t *testing.T) {
	doc := string(readFile(t, filepath.Join("..", "docs", "schema.md")))
	_, sec, ok := strings.Cut(doc, "\n### Computed subtotals (`computed: true`)\n")
	if !ok {
		t.Fatal("docs/schema.md has no section Computed subtotals")
	}
	_, block, ok := strings.Cut(sec, "\n```\n")
	block, _, closed := strings.Cut(block, "\n```\n")
	if !ok || !closed {
		t.Fatal("the Computed subtotals section has no example block")
	}
	var questions strings.Builder
	for _, l := range strings.Split(block, "\n") {
		questions.WriteString("          " + l + "\n")
	}
	s := mustParse(t, edit(t, minimal, "          - id: memo\n", questions.String()+"          - id: memo\n"))
	if got, want := s.ComputedKeys(), []string{"content.med", "content.care"}; !slices.Equal(got, want) {
		t.Errorf("the example's computed figures %v, want %v", got, want)
	}
}
