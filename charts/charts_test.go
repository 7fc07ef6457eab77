package charts

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
)

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want []string
	}{
		{"現状の把握・分析", 56, []string{"現状の把握・分析"}},
		// 資料１ breaks this row after 「医師」 (29 characters); the label column does too.
		{"１．在宅療養中の患者・利用者に対する主治医を含む複数の医師による対応体制などの取組", ChoiceLabelWidth,
			[]string{"１．在宅療養中の患者・利用者に対する主治医を含む複数の医師", "による対応体制などの取組"}},
		// A line never starts with 、 or ）: the break moves back one character.
		{"あいうえおかきくけこ、さし", 20, []string{"あいうえおかきくけ", "こ、さし"}},
		{"あいうえおかきくけ、こさしすせそ", 20, []string{"あいうえおかきくけ、", "こさしすせそ"}},
		{"あいうえおかきくけこ（さしすせそ）", 22, []string{"あいうえおかきくけこ", "（さしすせそ）"}},
		// ASCII words are not split.
		{"情報共有ツールACPの導入", 16, []string{"情報共有ツール", "ACPの導入"}},
	} {
		got := Wrap(tc.in, tc.max)
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		for _, l := range got {
			if Width(l) > tc.max {
				t.Errorf("line %q is %d wide, max %d", l, Width(l), tc.max)
			}
		}
	}
}

func TestAxes(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  Axis
		want []int64
	}{
		{"24 wards, quarters", UnitAxis(24, "（区）"), []int64{0, 6, 12, 18, 24}},
		{"11 units", UnitAxis(11, "（区）"), []int64{0, 2, 4, 6, 8, 10, 11}},
		{"相談内容別 431", NiceAxis(431, "（件）"), []int64{0, 100, 200, 300, 400, 500}},
		{"医療の内訳 130", NiceAxis(130, "（件）"), []int64{0, 50, 100, 150}},
		{"連絡調整機関 1,500", NiceAxis(1500, "（件）"), []int64{0, 500, 1000, 1500}},
		{"連絡調整機関 1,501", NiceAxis(1501, "（件）"), []int64{0, 500, 1000, 1500, 2000}},
		{"small", NiceAxis(3, "（件）"), []int64{0, 1, 2, 3}},
		{"zero", NiceAxis(0, "（件）"), []int64{0, 1}},
	} {
		if !reflect.DeepEqual(tc.got.Ticks, tc.want) || tc.got.Max != tc.want[len(tc.want)-1] {
			t.Errorf("%s: ticks %v max %d, want %v", tc.name, tc.got.Ticks, tc.got.Max, tc.want)
		}
	}
}

func TestColoursFixedPerOption(t *testing.T) {
	// Colours go by position, as 資料１ colours its lists: the first answer dark, the last
	// light, the middle of three medium, whatever the words; dark/medium/light differ in
	// greyscale.
	for _, tc := range []struct {
		index, n int
		want     Color
	}{{0, 3, colorDark}, {1, 3, colorMedium}, {2, 3, colorLight}, {0, 2, colorDark}, {1, 2, colorLight}} {
		if got := OptionColor("回答", tc.index, tc.n); got != tc.want {
			t.Errorf("option %d of %d: %s, want %s", tc.index, tc.n, got, tc.want)
		}
	}
	grey := func(c Color) int { r, g, b := c.RGB(); return (299*int(r) + 587*int(g) + 114*int(b)) / 1000 }
	d, m, l := grey(colorDark), grey(colorMedium), grey(colorLight)
	if m-d < 50 || l-m < 50 {
		t.Errorf("greyscale levels too close: %d %d %d", d, m, l)
	}
}

// TestTextColorContrast: a count printed on any fill an option can get reaches 4.5:1
// (WCAG 2.1 AA), white on dark fills and black on light ones, including the mid grey of
// a fourth option, where a brightness threshold used to give white at 3.9:1.
func TestTextColorContrast(t *testing.T) {
	fills := []Color{NoReplyColor, CountColor, RepeatColor}
	for n := 1; n <= 9; n++ {
		for i := range n {
			fills = append(fills, OptionColor("回答", i, n))
		}
	}
	for _, f := range fills {
		if c := Contrast(f, TextColor(f)); c < 4.5 {
			t.Errorf("%s on %s: %.2f:1", TextColor(f), f, c)
		}
	}
	if TextColor(colorDark) != White || TextColor(colorLight) != black || TextColor("7F7F7F") != black {
		t.Error("white on dark, black on light and mid grey")
	}
	if c := Contrast(White, black); c < 20.9 || c > 21.1 {
		t.Errorf("white on black is %.2f:1, want 21:1", c)
	}
}

func sample(t *testing.T) *aggregate.Result { return aggregatetest.Sample(t) }

func find(rep *Report, id string) Block {
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				switch {
				case b.Stacked != nil && b.Stacked.ID == id, b.Counts != nil && b.Counts.ID == id,
					b.Periods != nil && b.Periods.ID == id, b.Texts != nil && b.Texts.ID == id:
					return b
				}
			}
		}
	}
	return Block{}
}

func TestBuildFromSample(t *testing.T) {
	rep := Build(sample(t), Options{DocLabel: "資料１"})
	// pub is a figure of 資料１ (testdata/shiryo1.tsv); num and text as the models hold it.
	pub := func(period, question, key, option string) int64 {
		return aggregatetest.Published(t, period, question, key, option)
	}
	num := func(period, question, key, option string) int { return int(pub(period, question, key, option)) }
	text := func(period, question, key, option string) string {
		return Thousands(pub(period, question, key, option))
	}
	if rep.PeriodLabel != "令和６年度 上半期" || rep.Title != "区役所・相談支援室の取組について" || rep.Summary != "回答 24／24区" {
		t.Errorf("cover: %q %q %q", rep.PeriodLabel, rep.Title, rep.Summary)
	}
	if len(rep.Sections) != 2 || rep.Sections[0].Title != "Ⅰ．区役所の取組" || rep.Sections[1].Items[0].Heading != "（ウ）切れ目のない在宅医療と介護の提供体制の構築推進" {
		t.Errorf("sections %+v", rep.Sections)
	}

	i1 := find(rep, "i1").Stacked
	if i1 == nil || !reflect.DeepEqual(i1.Bars[0].Values, []int{num("2024H1", "i1", "i1", "開催している"), num("2024H1", "i1", "i1", "現時点では未開催")}) || i1.Series[0].Color != colorDark {
		t.Fatalf("i1 %+v", i1)
	}
	// 令和５年度上半期 as published, with that survey's options; 令和５年度's i1 was not
	// published: 19 / 5 are the sample's (testdata/sample/movements.tsv).
	if want := []string{fmt.Sprintf("令和５年度上半期：開催している %d区、開催予定 %d区、開催予定なし %d区", num("2023H1", "i1", "i1", "開催している"), num("2023H1", "i1", "i1", "開催予定"), num("2023H1", "i1", "i1", "開催予定なし")),
		"令和５年度：開催している 19区、現時点では未開催 5区"}; !reflect.DeepEqual(i1.EarlierLines, want) {
		t.Errorf("i1 earlier %q, want %q", i1.EarlierLines, want)
	}
	// ウ(1): 令和５年度 as published; 令和５年度上半期 the sample's (10, 17, 19 as well).
	u1 := find(rep, "u1").Stacked
	if len(u1.Earlier) != 2 || *u1.Earlier[1].Values[0] != num("2023", "u1", "u1.1", "実施している") || *u1.Earlier[1].Values[1] != num("2023", "u1", "u1.2", "実施している") || *u1.Earlier[1].Values[2] != num("2023", "u1", "u1.3", "実施している") ||
		!reflect.DeepEqual(u1.Earlier[1].Header, []string{"令和５年度", "実施している"}) ||
		!reflect.DeepEqual(u1.Earlier[0].Cells, []string{"10", "17", "19"}) || !reflect.DeepEqual(u1.Earlier[0].Header, []string{"令和５年度上半期", "実施している"}) {
		t.Errorf("u1 earlier %+v", u1.Earlier)
	}
	if got := u1.Bars[0].Lines; len(got) != 2 {
		t.Errorf("u1 row 1 wrapped as %q", got)
	}
	if !reflect.DeepEqual(u1.Axis.Ticks, []int64{0, 6, 12, 18, 24}) || u1.Axis.Unit != "（区）" {
		t.Errorf("u1 axis %+v", u1.Axis)
	}

	u3 := find(rep, "u3").Counts
	if u3.TotalText != "（ "+text("2024H1", "u3", "", "")+" 件 ）" || u3.Axis.Unit != "（件）" || !u3.Bars[1].Repeat {
		t.Errorf("u3: %q %q repeat %v", u3.TotalText, u3.Axis.Unit, u3.Bars[1].Repeat)
	}
	o2 := find(rep, "o2").Counts
	var vals []int64
	for _, b := range o2.Bars {
		vals = append(vals, b.Value)
	}
	var published []int64
	for _, key := range []string{"o2.med", "o2.care", "o2.welfare", "o2.discharge", "o2.eol", "o2.acp", "o2.tool", "o2.other"} {
		published = append(published, pub("2024H1", "o2", key, ""))
	}
	if !reflect.DeepEqual(vals, published) || o2.TotalText != "（ "+text("2024H1", "o2", "", "")+" 件 ）" || !strings.HasPrefix(o2.Note, "※重複可") {
		t.Errorf("o2 %v %q %q", vals, o2.TotalText, o2.Note)
	}
	if !reflect.DeepEqual(o2.Axis.Ticks, []int64{0, 100, 200, 300, 400, 500}) {
		t.Errorf("o2 axis %v", o2.Axis.Ticks)
	}
	if med := find(rep, "o2med").Counts; !med.Breakdown || med.ParentLabel != "１．医療に関すること" {
		t.Errorf("o2med %+v", med)
	}
	// 令和５年度上半期's 464 is the sample's (2024H1's 515 × 0.9); 令和５年度 as published.
	if o1 := find(rep, "o1").Counts; !reflect.DeepEqual(o1.EarlierLines, []string{"令和５年度上半期 464件", "令和５年度 " + text("2023", "o1", "", "") + "件"}) {
		t.Errorf("o1 earlier %q", o1.EarlierLines)
	}

	o4 := find(rep, "o4").Periods
	if o4 == nil {
		t.Fatal("o4 is not a period table")
	}
	if !reflect.DeepEqual(o4.Columns, []string{"令和４年度", "令和５年度上半期", "令和５年度", "令和６年度上半期"}) {
		t.Errorf("o4 columns %q", o4.Columns)
	}
	// 令和５年度上半期 is the sample's (2024H1's × 0.9), the others as published.
	var want [][]string
	for i, row := range [][2]string{{"o4total", ""}, {"o4", "o4.city"}, {"o4", "o4.org"}, {"o4", "o4.carekaigi"}} {
		want = append(want, []string{text("2022", row[0], row[1], ""), []string{"904", "271", "633", "44"}[i], text("2023", row[0], row[1], ""), text("2024H1", row[0], row[1], "")})
	}
	for i, w := range want {
		if !reflect.DeepEqual(o4.Rows[i].Cells, w) {
			t.Errorf("o4 row %s %q, want %q", o4.Rows[i].Label, o4.Rows[i].Cells, w)
		}
	}
	if find(rep, "o4total").Stacked != nil {
		t.Error("the total is drawn twice")
	}

	// Cases stay out unless asked for.
	if hasCases(rep) {
		t.Error("case records in a report built without IncludeCases")
	}
	withCases := Build(sample(t), Options{IncludeCases: true})
	if !hasCases(withCases) {
		t.Error("IncludeCases built no case tables")
	}

	if len(rep.Appendix) == 0 || len(rep.Appendix[0].Rows) != 24 || rep.Appendix[0].Rows[0].Ward != "北区" || rep.Appendix[0].Columns[0].Short != "ア-1" {
		t.Errorf("appendix %+v", rep.Appendix[0].Columns[:2])
	}
	if len(rep.Status.Rows) != 24 || len(rep.Status.Earlier) != 3 {
		t.Errorf("status rows %d earlier %d", len(rep.Status.Rows), len(rep.Status.Earlier))
	}
}

func hasCases(rep *Report) bool {
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				if b.Cases != nil {
					return true
				}
			}
		}
	}
	return false
}

// A last line of one or two characters is evened out at the same line count.
func TestWrapAvoidsStubs(t *testing.T) {
	label := "在宅医療・介護の必要量（需要）や資源量（供給）の現状把握"
	got := Wrap(label, 54)
	if len(got) != 2 || float64(Width(got[1])) <= stubShare*54 || !naturalBreaks(got) {
		t.Errorf("Wrap(%q, 54) = %q, want two even lines broken at a natural point", label, got)
	}
	if strings.Join(got, "") != label {
		t.Errorf("lines %q lose text", got)
	}
	// 「…関係づく／り」 becomes 「…顔の／見える関係づくり」 at the label column's width.
	got = Wrap("６．医療・介護の関係者やその連携担当者の顔の見える関係づくり", ChoiceLabelWidth)
	if want := []string{"６．医療・介護の関係者やその連携担当者の顔の", "見える関係づくり"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Measured in points (as the PDF does), the same rule holds.
	pts := WrapFunc(label, 200, func(r rune) float64 { return 7.2 })
	if last := []rune(pts[len(pts)-1]); len(pts) > 1 && len(last) < 3 {
		t.Errorf("WrapFunc left a stub: %q", pts)
	}
}

// Many units page down as well as across: every unit appears once per column page, and no
// page holds more than matrixRows units.
func TestAppendixPagesByUnits(t *testing.T) {
	res := sample(t)
	wards := res.Submission.Wards
	for i := 0; len(res.Submission.Wards) < 60; i++ {
		w := wards[i%len(wards)]
		w.Ward = fmt.Sprintf("追加%02d", i)
		res.Submission.Wards = append(res.Submission.Wards, w)
	}
	rep := Build(res, Options{})
	seen := map[string]int{}
	for _, m := range rep.Appendix {
		if len(m.Rows) > matrixRows {
			t.Errorf("%s has %d rows", m.Title, len(m.Rows))
		}
		for _, r := range m.Rows {
			seen[r.Ward]++
		}
	}
	colPages := 0
	for _, m := range rep.Appendix {
		if m.Rows[0].Ward == "北区" {
			colPages++
		}
	}
	if len(seen) != 60 || seen["北区"] != colPages || seen["追加35"] != colPages || len(rep.Appendix) != colPages*3 {
		t.Errorf("%d units over %d pages (%d column pages): %v", len(seen), len(rep.Appendix), colPages, seen["追加35"])
	}
	if !strings.HasSuffix(rep.Appendix[len(rep.Appendix)-1].Title, fmt.Sprintf("（%d／%d）", len(rep.Appendix), len(rep.Appendix))) {
		t.Errorf("last title %q", rep.Appendix[len(rep.Appendix)-1].Title)
	}
}
