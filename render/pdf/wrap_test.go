package pdf

import (
	"strings"
	"sync"
	"testing"

	"github.com/osaka-city/zaitaku/charts"
)

var (
	measureOnce sync.Once
	testM       *fontMeasurer
	testMErr    error
)

// embeddedMeasurer measures with the embedded BIZ UDPGothic, as Write does.
func embeddedMeasurer(t *testing.T) *fontMeasurer {
	t.Helper()
	measureOnce.Do(func() { _, testM, testMErr = newDocument(Options{}, pageSizeLandscape) })
	if testMErr != nil {
		t.Fatal(testMErr)
	}
	return testM
}

func TestWrapText(t *testing.T) {
	m := embeddedMeasurer(t)
	const size = 10.0
	for _, tc := range []struct {
		name string
		in   string
		maxW float64
	}{
		{"short", "現状の把握・分析", 200},
		{"long label", "３．在宅療養中の患者・利用者に対する、訪問診療・往診を提供する医療機関と訪問看護ステーションとの連携体制の構築に向けた取組", 150},
		{"punctuation at the break", "あいうえおかきくけこ、さしすせそたちつてと。なにぬねの", 100},
		{"brackets", "あいうえおかきくけこ（さしすせそ）たちつてと「なにぬね」", 90},
		{"ascii word", "情報共有ツールACPInformationSharingの導入について", 120},
		{"bullets and newlines", "・大腿骨骨折で手術・リハビリ後、１週間後に退院予定。\n・訪問診療と訪問薬剤管理に対応できる医療機関・薬局を知りたい。", 120},
		{"narrower than a character", "あいう", 3},
	} {
		lines := wrapText(m, tc.in, size, false, tc.maxW)
		var joined strings.Builder
		for i, l := range lines {
			w := textWidth(m, l.s, size, false) + l.dx
			if w > tc.maxW+eps && len([]rune(l.s)) > 1 {
				t.Errorf("%s: line %q is %.1f wide, max %.1f", tc.name, l.s, w, tc.maxW)
			}
			if i > 0 && l.s != "" && strings.ContainsRune(charts.NoStart, []rune(l.s)[0]) && !strings.HasPrefix(l.s, "・") {
				t.Errorf("%s: line %q starts with a character kinsoku keeps off a line start", tc.name, l.s)
			}
			if r := []rune(l.s); len(r) > 1 && strings.ContainsRune(charts.NoEnd, r[len(r)-1]) {
				t.Errorf("%s: line %q ends with an opening bracket", tc.name, l.s)
			}
			joined.WriteString(l.s)
		}
		// Nothing is lost or added but the breaks.
		want := strings.NewReplacer("\n", "", " ", "").Replace(tc.in)
		if got := strings.ReplaceAll(joined.String(), " ", ""); got != want {
			t.Errorf("%s: lines %+v do not spell %q", tc.name, lines, tc.in)
		}
	}

	// A bullet's following lines hang under its text.
	lines := wrapText(m, "・大腿骨骨折で手術・リハビリ後、１週間後に退院予定。", size, false, 100)
	if len(lines) < 2 || lines[1].dx <= 0 || lines[0].dx != 0 {
		t.Errorf("bullet lines %+v", lines)
	}
	// ASCII words stay whole.
	for _, l := range wrapStrings(m, "情報共有ツールACPの導入", size, false, 80) {
		if strings.Contains(l, "AC") != strings.Contains(l, "CP") {
			t.Errorf("ACP split: %q", l)
		}
	}
}
