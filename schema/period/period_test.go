package period

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Period
	}{
		// Canonical form.
		{"2024H1", Period{Year: 2024, Half: FirstHalf}},
		{"2024H2", Period{Year: 2024, Half: SecondHalf}},
		{"2024", Period{Year: 2024, Half: FullYear}},
		{"2024h1", Period{Year: 2024, Half: FirstHalf}},
		{"2024h2", Period{Year: 2024, Half: SecondHalf}},
		{"  2024H1\t", Period{Year: 2024, Half: FirstHalf}},
		{"2024 H2", Period{Year: 2024, Half: SecondHalf}},
		{"1926", Period{Year: 1926, Half: FullYear}},
		{"2200H2", Period{Year: 2200, Half: SecondHalf}},

		// Full-width (typed with the IME or pasted from Excel).
		{"２０２４Ｈ１", Period{Year: 2024, Half: FirstHalf}},
		{"２０２４ｈ２", Period{Year: 2024, Half: SecondHalf}},
		{"２０２４", Period{Year: 2024, Half: FullYear}},
		{"\u3000２０２４Ｈ２\u3000", Period{Year: 2024, Half: SecondHalf}},

		// Gregorian year with Japanese labels.
		{"2024年度上半期", Period{Year: 2024, Half: FirstHalf}},
		{"2024年度下半期", Period{Year: 2024, Half: SecondHalf}},
		{"2024年度", Period{Year: 2024, Half: FullYear}},
		{"２０２４年度　下半期", Period{Year: 2024, Half: SecondHalf}},

		// 令和.
		{"令和６年度上半期", Period{Year: 2024, Half: FirstHalf}},
		{"令和6年度上半期", Period{Year: 2024, Half: FirstHalf}},
		{"令和6年度 下半期", Period{Year: 2024, Half: SecondHalf}},
		{"令和６年度　下半期", Period{Year: 2024, Half: SecondHalf}},
		{"令和６年度", Period{Year: 2024, Half: FullYear}},
		{"令和 6 年度", Period{Year: 2024, Half: FullYear}},
		{"令和元年度", Period{Year: 2019, Half: FullYear}},
		{"令和元年度下半期", Period{Year: 2019, Half: SecondHalf}},
		{"令和1年度", Period{Year: 2019, Half: FullYear}},
		{"令和１２年度上半期", Period{Year: 2030, Half: FirstHalf}},
		{"㋿6年度", Period{Year: 2024, Half: FullYear}}, // square era sign, folded by NFKC

		// 平成 and 昭和.
		{"平成30年度", Period{Year: 2018, Half: FullYear}},
		{"平成３０年度下半期", Period{Year: 2018, Half: SecondHalf}},
		{"平成元年度", Period{Year: 1989, Half: FullYear}},
		{"㍻30年度", Period{Year: 2018, Half: FullYear}},
		{"昭和63年度", Period{Year: 1988, Half: FullYear}},
		{"昭和元年度上半期", Period{Year: 1926, Half: FirstHalf}},

		// One-letter era abbreviations.
		{"R6年度上半期", Period{Year: 2024, Half: FirstHalf}},
		{"r6年度", Period{Year: 2024, Half: FullYear}},
		{"Ｒ６年度下半期", Period{Year: 2024, Half: SecondHalf}},
		{"R元年度", Period{Year: 2019, Half: FullYear}},
		{"H30年度上半期", Period{Year: 2018, Half: FirstHalf}},
		{"S63年度", Period{Year: 1988, Half: FullYear}},

		// Fiscal quarters (Q1 = April–June).
		{"2024Q1", QuarterOf(2024, 1)},
		{"2024q4", QuarterOf(2024, 4)},
		{"２０２４Ｑ３", QuarterOf(2024, 3)},
		{"2024 Q2", QuarterOf(2024, 2)},
		{"2024年度第1四半期", QuarterOf(2024, 1)},
		{"令和６年度第２四半期", QuarterOf(2024, 2)},
		{"令和6年度 第 3 四半期", QuarterOf(2024, 3)},
		{"令和6年度第四四半期", QuarterOf(2024, 4)},
		{"令和元年度第一四半期", QuarterOf(2019, 1)},
		{"H30年度第4四半期", QuarterOf(2018, 4)},

		// Calendar months.
		{"2016-08", MonthOf(2016, 8)},
		{"2016-8", MonthOf(2016, 8)},
		{"2016/08", MonthOf(2016, 8)},
		{"２０１６－０８", MonthOf(2016, 8)},
		{"2016年8月", MonthOf(2016, 8)},
		{"２０１６年１２月", MonthOf(2016, 12)},
		{"平成28年8月", MonthOf(2016, 8)},
		{"平成２８年８月", MonthOf(2016, 8)},
		{"平成 28 年 8 月", MonthOf(2016, 8)},
		{"H28年8月", MonthOf(2016, 8)},
		{"平成31年4月", MonthOf(2019, 4)},
		{"令和元年5月", MonthOf(2019, 5)},
		{"R1年12月", MonthOf(2019, 12)},
		{"令和６年１月", MonthOf(2024, 1)},
		{"平成元年1月", MonthOf(1989, 1)},
		{"昭和64年1月", MonthOf(1989, 1)}, // 1–7 January 1989
		{"昭和元年12月", MonthOf(1926, 12)},
		{"1926年1月", MonthOf(1926, 1)}, // before 昭和: Gregorian only

		// Ranges of months.
		{"2016-08..2017-03", RangeOf(2016, 8, 2017, 3)},
		{"2016-08 .. 2017-03", RangeOf(2016, 8, 2017, 3)},
		{"平成28年8月～平成29年3月", RangeOf(2016, 8, 2017, 3)},
		{"平成28年8月〜平成29年3月", RangeOf(2016, 8, 2017, 3)},
		{"平成28年8月~平成29年3月", RangeOf(2016, 8, 2017, 3)},
		{"平成２８年８月　～　平成２９年３月", RangeOf(2016, 8, 2017, 3)},
		{"2016年8月～H29年3月", RangeOf(2016, 8, 2017, 3)},
		{"平成31年4月～令和元年5月", RangeOf(2019, 4, 2019, 5)},
		{"2016-08..2016-08", RangeOf(2016, 8, 2016, 8)}, // the first month of a cumulative series
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// The syntax errors end with the forms to type: every kind's for Parse, and for a
// half-yearly survey (ParseKind) exactly the text zaitaku printed before periods had kinds.
func TestParseRejects(t *testing.T) {
	const help = "HELP"
	tests := []struct {
		in   string
		want string // full error message
	}{
		{"", "期間「」を読み取れません。" + help},
		{"   ", "期間「」を読み取れません。" + help},
		{"xxx", "期間「xxx」を読み取れません。" + help},
		{"2024H3", "期間「2024H3」を読み取れません。" + help},
		{"2024H", "期間「2024H」を読み取れません。" + help},
		{"2024H1x", "期間「2024H1x」を読み取れません。" + help},
		{"H1", "期間「H1」を読み取れません。" + help},
		{"2024年度H1", "期間「2024年度H1」を読み取れません。" + help},
		{"2024上半期", "期間「2024上半期」を読み取れません。" + help},
		{"令和6年", "期間「令和6年」を読み取れません。" + help},
		{"令和6年上半期", "期間「令和6年上半期」を読み取れません。" + help},
		{"令和年度", "期間「令和年度」を読み取れません。" + help},
		{"大正15年度", "期間「大正15年度」を読み取れません。" + help},
		{"-2024", "期間「-2024」を読み取れません。" + help},
		{"2024.5", "期間「2024.5」を読み取れません。" + help},
		{" 2024H1H2 ", "期間「2024H1H2」を読み取れません。" + help},

		{"令和0年度", "期間「令和0年度」は指定できません。令和0年度はありません。最初の年度は令和元年度です"},
		{"令和０年度上半期", "期間「令和０年度上半期」は指定できません。令和0年度はありません。最初の年度は令和元年度です"},
		{"平成31年度", "期間「平成31年度」は指定できません。平成の年度は平成30年度（2018年度）までです。2019年度以降は令和で指定してください（2019年度＝令和元年度）"},
		{"平成32年度上半期", "期間「平成32年度上半期」は指定できません。平成の年度は平成30年度（2018年度）までです。2019年度以降は令和で指定してください（2019年度＝令和元年度）"},
		{"H31年度", "期間「H31年度」は指定できません。平成の年度は平成30年度（2018年度）までです。2019年度以降は令和で指定してください（2019年度＝令和元年度）"},
		{"昭和64年度", "期間「昭和64年度」は指定できません。昭和の年度は昭和63年度（1988年度）までです。1989年度以降は平成で指定してください（1989年度＝平成元年度）"},

		{"1925", "期間「1925」は指定できません。年度は1926〜2200の範囲で指定してください"},
		{"2201H1", "期間「2201H1」は指定できません。年度は1926〜2200の範囲で指定してください"},
		{"24H1", "期間「24H1」は指定できません。年度は1926〜2200の範囲で指定してください"},
		{"0", "期間「0」は指定できません。年度は1926〜2200の範囲で指定してください"},
		{"99999999999999999999", "期間「99999999999999999999」は指定できません。年度は1926〜2200の範囲で指定してください"},
		{"令和183年度", "期間「令和183年度」は指定できません。年度は1926〜2200の範囲で指定してください"},

		// Quarters.
		{"2024Q5", "期間「2024Q5」を読み取れません。" + help},
		{"2024Q0", "期間「2024Q0」を読み取れません。" + help},
		{"2024Q12", "期間「2024Q12」を読み取れません。" + help},
		{"2024年度Q1", "期間「2024年度Q1」を読み取れません。" + help},
		{"令和6年度第5四半期", "期間「令和6年度第5四半期」を読み取れません。" + help},
		{"令和6年度第四半期", "期間「令和6年度第四半期」を読み取れません。" + help},
		{"令和6年度1四半期", "期間「令和6年度1四半期」を読み取れません。" + help},

		// Months.
		{"2016-", "期間「2016-」を読み取れません。" + help},
		{"2016年8", "期間「2016年8」を読み取れません。" + help},
		{"平成28-08", "期間「平成28-08」を読み取れません。" + help},
		{"2016-08月", "期間「2016-08月」を読み取れません。" + help},
		{"2016-13", "期間「2016-13」は指定できません。月は1〜12で指定してください"},
		{"平成28年0月", "期間「平成28年0月」は指定できません。月は1〜12で指定してください"},
		{"1925年12月", "期間「1925年12月」は指定できません。年は1926〜2200の範囲で指定してください"},
		{"2201-01", "期間「2201-01」は指定できません。年は1926〜2200の範囲で指定してください"},
		{"令和183年1月", "期間「令和183年1月」は指定できません。年は1926〜2200の範囲で指定してください"},
		{"令和0年5月", "期間「令和0年5月」は指定できません。令和0年はありません。最初の年は令和元年です"},
		{"平成31年5月", "期間「平成31年5月」は指定できません。平成は平成31年4月（2019年4月）までです。2019年5月以降は令和で指定してください（2019年5月＝令和元年5月）"},
		{"平成32年1月", "期間「平成32年1月」は指定できません。平成は平成31年4月（2019年4月）までです。2019年5月以降は令和で指定してください（2019年5月＝令和元年5月）"},
		{"令和元年4月", "期間「令和元年4月」は指定できません。令和は令和元年5月（2019年5月）からです。2019年4月までは平成で指定してください（2019年4月＝平成31年4月）"},
		{"昭和64年2月", "期間「昭和64年2月」は指定できません。昭和は昭和64年1月（1989年1月）までです。1989年2月以降は平成で指定してください（1989年2月＝平成元年2月）"},
		{"昭和元年11月", "期間「昭和元年11月」は指定できません。昭和は昭和元年12月（1926年12月）からです。1926年11月までは西暦で指定してください"},

		// Ranges.
		{"2016-08..", "期間「2016-08..」を読み取れません。" + help},
		{"..2017-03", "期間「..2017-03」を読み取れません。" + help},
		{"2016-08..2017-03..2017-04", "期間「2016-08..2017-03..2017-04」を読み取れません。" + help},
		{"2017-03..2016-08", "期間「2017-03..2016-08」は指定できません。範囲の始め（平成２９年３月）が終わり（平成２８年８月）より後です"},
		{"令和6年度上半期～令和6年度下半期", "期間「令和6年度上半期～令和6年度下半期」は指定できません。範囲の始めと終わりは月で指定してください（例: 令和６年４月～令和７年３月）"},
		{"平成31年5月～令和2年3月", "期間「平成31年5月～令和2年3月」は指定できません。平成は平成31年4月（2019年4月）までです。2019年5月以降は令和で指定してください（2019年5月＝令和元年5月）"},
	}
	const (
		anyForms  = "2024H1・2024・2024Q1・2024-08・2024-04..2025-03 または 令和６年度上半期・令和６年８月 のように指定してください"
		halfForms = "2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"
	)
	parsers := []struct {
		name  string
		parse func(string) (Period, error)
		help  string
	}{
		{"Parse", Parse, anyForms},
		{"ParseKind(half)", func(s string) (Period, error) { return ParseKind(s, KindHalf) }, halfForms},
	}
	for _, ps := range parsers {
		for _, tt := range tests {
			want := strings.ReplaceAll(tt.want, help, ps.help)
			got, err := ps.parse(tt.in)
			if err == nil {
				t.Errorf("%s(%q) = %+v, want error", ps.name, tt.in, got)
				continue
			}
			if err.Error() != want {
				t.Errorf("%s(%q) error\n got: %s\nwant: %s", ps.name, tt.in, err, want)
			}
			if got != (Period{}) {
				t.Errorf("%s(%q) returned %+v with an error, want zero Period", ps.name, tt.in, got)
			}
		}
	}
}

// ParseKind takes what the survey's kind takes and names the expected form otherwise.
func TestParseKind(t *testing.T) {
	const (
		monthMsg   = "この調査の期間は月単位です。2024-08 または 令和６年８月 のように指定してください"
		quarterMsg = "この調査の期間は四半期単位です。2024Q1（４〜６月）・2024Q4（翌年１〜３月） または 令和６年度第１四半期 のように指定してください"
		halfMsg    = "この調査の期間は半期単位です。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"
		yearMsg    = "この調査の期間は年度単位です。2024 または 令和６年度 のように指定してください"
		rangeMsg   = "この調査の期間は月から月までの範囲です。2024-04..2025-03 または 令和６年４月～令和７年３月 のように指定してください"
	)
	tests := []struct {
		kind Kind
		in   string
		want Period
		msg  string // the error's text after 「期間「in」は指定できません。」; "" = accepted
	}{
		{KindMonth, "平成28年8月", MonthOf(2016, 8), ""},
		{KindMonth, "2016-08", MonthOf(2016, 8), ""},
		{KindMonth, "令和６年度上半期", Period{}, monthMsg},
		{KindMonth, "2016-08..2017-03", Period{}, monthMsg},
		{KindMonth, "2024", Period{}, monthMsg},
		{KindQuarter, "2024Q1", QuarterOf(2024, 1), ""},
		{KindQuarter, "令和６年度第４四半期", QuarterOf(2024, 4), ""},
		{KindQuarter, "2024H1", Period{}, quarterMsg},
		{KindQuarter, "2024-04", Period{}, quarterMsg},
		{KindHalf, "2024H2", Period{Year: 2024, Half: SecondHalf}, ""},
		{KindHalf, "令和５年度", Period{Year: 2023}, ""}, // the annual summary of a half-yearly survey
		{KindHalf, "2024Q1", Period{}, halfMsg},
		{KindHalf, "平成28年8月", Period{}, halfMsg},
		{KindHalf, "2016-08..2017-03", Period{}, halfMsg},
		{"", "2024H1", Period{Year: 2024, Half: FirstHalf}, ""}, // a schema built without Parse: the default kind
		{"", "2024-08", Period{}, halfMsg},
		{KindYear, "令和６年度", Period{Year: 2024}, ""},
		{KindYear, "2024H1", Period{}, yearMsg},
		{KindRange, "平成28年8月～平成29年3月", RangeOf(2016, 8, 2017, 3), ""},
		{KindRange, "2016-08", RangeOf(2016, 8, 2016, 8), ""}, // one month is a range of one month
		{KindRange, "2016", Period{}, rangeMsg},
	}
	for _, tt := range tests {
		got, err := ParseKind(tt.in, tt.kind)
		if tt.msg == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseKind(%q, %q) = %+v, %v; want %+v", tt.in, tt.kind, got, err, tt.want)
			}
			continue
		}
		want := "期間「" + tt.in + "」は指定できません。" + tt.msg
		if err == nil || err.Error() != want || !got.IsZero() {
			t.Errorf("ParseKind(%q, %q) = %+v, %v\nwant error: %s", tt.in, tt.kind, got, err, want)
		}
	}
	// A syntax error lists the forms of the expected kind only.
	_, err := ParseKind("来月", KindMonth)
	if want := "期間「来月」を読み取れません。2024-08 または 令和６年８月 のように指定してください"; err == nil || err.Error() != want {
		t.Errorf("ParseKind(来月, month) error = %v, want %s", err, want)
	}
}

func TestJapanese(t *testing.T) {
	tests := []struct {
		p                         Period
		japanese, eraYear, halfJP string
	}{
		{Period{Year: 2024, Half: FirstHalf}, "令和６年度上半期", "令和６年度", "上半期"},
		{Period{Year: 2024, Half: SecondHalf}, "令和６年度下半期", "令和６年度", "下半期"},
		{Period{Year: 2024, Half: FullYear}, "令和６年度", "令和６年度", ""},
		{Period{Year: 2030, Half: FirstHalf}, "令和１２年度上半期", "令和１２年度", "上半期"},
		{Period{Year: 2019, Half: FullYear}, "令和元年度", "令和元年度", ""},
		{Period{Year: 2019, Half: SecondHalf}, "令和元年度下半期", "令和元年度", "下半期"},
		{Period{Year: 2018, Half: FullYear}, "平成３０年度", "平成３０年度", ""},
		{Period{Year: 2018, Half: FirstHalf}, "平成３０年度上半期", "平成３０年度", "上半期"},
		{Period{Year: 1989, Half: FullYear}, "平成元年度", "平成元年度", ""},
		{Period{Year: 1988, Half: FullYear}, "昭和６３年度", "昭和６３年度", ""},
		{Period{Year: 1926, Half: FullYear}, "昭和元年度", "昭和元年度", ""},
		{Period{Year: 1900, Half: FullYear}, "１９００年度", "１９００年度", ""}, // before 昭和: Gregorian fallback
		{QuarterOf(2024, 1), "令和６年度第１四半期", "令和６年度", ""},
		{QuarterOf(2019, 4), "令和元年度第４四半期", "令和元年度", ""},
		{QuarterOf(2018, 3), "平成３０年度第３四半期", "平成３０年度", ""},
		{MonthOf(2016, 8), "平成２８年８月", "", ""},
		{MonthOf(2024, 12), "令和６年１２月", "", ""},
		{MonthOf(2019, 4), "平成３１年４月", "", ""},
		{MonthOf(2019, 5), "令和元年５月", "", ""},
		{MonthOf(1989, 1), "平成元年１月", "", ""}, // 昭和64年1月 too, but the new era names the month
		{MonthOf(1988, 12), "昭和６３年１２月", "", ""},
		{MonthOf(1926, 12), "昭和元年１２月", "", ""},
		{MonthOf(1926, 11), "１９２６年１１月", "", ""}, // before 昭和: Gregorian fallback
		{RangeOf(2016, 8, 2017, 3), "平成２８年８月～平成２９年３月", "", ""},
		{RangeOf(2019, 4, 2020, 3), "平成３１年４月～令和２年３月", "", ""},
		{Period{}, "", "", ""},
	}
	for _, tt := range tests {
		if got := tt.p.Japanese(); got != tt.japanese {
			t.Errorf("%+v.Japanese() = %q, want %q", tt.p, got, tt.japanese)
		}
		if got := tt.p.EraYear(); got != tt.eraYear {
			t.Errorf("%+v.EraYear() = %q, want %q", tt.p, got, tt.eraYear)
		}
		if got := tt.p.HalfLabel(); got != tt.halfJP {
			t.Errorf("%+v.HalfLabel() = %q, want %q", tt.p, got, tt.halfJP)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		p    Period
		want string
	}{
		{Period{Year: 2024, Half: FirstHalf}, "2024H1"},
		{Period{Year: 2024, Half: SecondHalf}, "2024H2"},
		{Period{Year: 2024, Half: FullYear}, "2024"},
		{QuarterOf(2024, 1), "2024Q1"},
		{QuarterOf(2024, 4), "2024Q4"},
		{MonthOf(2016, 8), "2016-08"},
		{MonthOf(2016, 12), "2016-12"},
		{RangeOf(2016, 8, 2017, 3), "2016-08..2017-03"},
		{Period{}, ""},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// Every valid period must survive both printed forms, so that whatever the
// program writes (files, reports) can be read back.
func TestRoundTrip(t *testing.T) {
	for y := minYear; y <= maxYear; y++ {
		ps := []Period{{Year: y}, {Year: y, Half: FirstHalf}, {Year: y, Half: SecondHalf}, RangeOf(y, 1, maxYear, 12), RangeOf(minYear, 1, y, 12)}
		for q := 1; q <= 4; q++ {
			ps = append(ps, QuarterOf(y, q))
		}
		for m := 1; m <= 12; m++ {
			ps = append(ps, MonthOf(y, m), RangeOf(y, m, y, 12))
		}
		for _, p := range ps {
			if !p.Valid() {
				t.Fatalf("%+v is not valid", p)
			}
			for _, s := range []string{p.String(), p.Japanese()} {
				got, err := Parse(s)
				if err != nil {
					t.Fatalf("Parse(%q) (from %+v) error: %v", s, p, err)
				}
				if got != p {
					t.Fatalf("Parse(%q) = %+v, want %+v", s, got, p)
				}
			}
		}
	}
}

func TestLess(t *testing.T) {
	// Across kinds: by the last month covered, then the shorter first.
	want := []Period{
		{},                             // "no period" first
		{Year: 2023},                   // 令和５年度
		RangeOf(2023, 4, 2024, 3),      // the same months: ties broken by kind
		MonthOf(2024, 4),               // ends April 2024
		MonthOf(2024, 6),               // ends June
		QuarterOf(2024, 1),             // April–June
		RangeOf(2024, 4, 2024, 6),      // the same months as Q1
		MonthOf(2024, 9),               // ends September
		QuarterOf(2024, 2),             // July–September
		{Year: 2024, Half: FirstHalf},  // April–September
		RangeOf(2023, 8, 2024, 9),      // longer, ends September
		MonthOf(2025, 3),               // ends March 2025
		QuarterOf(2024, 4),             // January–March
		{Year: 2024, Half: SecondHalf}, // October–March
		{Year: 2024},                   // April–March
		RangeOf(2016, 8, 2025, 3),      // longest
		{Year: 2024, Month: 13},        // invalid: last, by field
		{Year: 2024, Half: Half(3)},    // invalid
	}
	// Shuffle deterministically and sort back.
	got := slices.Clone(want)
	slices.Reverse(got)
	got[0], got[5] = got[5], got[0]
	slices.SortFunc(got, Period.Compare)
	if !slices.Equal(got, want) {
		t.Errorf("sorted =\n%v\nwant\n%v", got, want)
	}
	for i := range want {
		for j := range want {
			if c, exp := want[i].Compare(want[j]), cmp.Compare(i, j); c != exp {
				t.Errorf("%+v.Compare(%+v) = %d, want %d", want[i], want[j], c, exp)
			}
		}
	}
}

// The half-years keep the order they had before periods had kinds.
func TestLessHalves(t *testing.T) {
	want := []Period{
		{Year: 2023, Half: FirstHalf},
		{Year: 2023, Half: SecondHalf},
		{Year: 2023, Half: FullYear},
		{Year: 2024, Half: FirstHalf},
		{Year: 2024, Half: SecondHalf},
		{Year: 2024, Half: FullYear},
		{Year: 2025, Half: FirstHalf},
	}
	got := []Period{want[5], want[2], want[6], want[3], want[0], want[4], want[1]}
	slices.SortFunc(got, Period.Compare)
	if !slices.Equal(got, want) {
		t.Errorf("sorted = %v, want %v", got, want)
	}
	for i := range want {
		for j := range want {
			if got, exp := want[i].Less(want[j]), i < j; got != exp {
				t.Errorf("%v.Less(%v) = %v, want %v", want[i], want[j], got, exp)
			}
		}
	}
}

func TestIsZero(t *testing.T) {
	if !(Period{}).IsZero() {
		t.Error("Period{}.IsZero() = false")
	}
	for _, p := range []Period{{Year: 2024, Half: FullYear}, {Year: 2024, Half: FirstHalf}, {Year: 0, Half: SecondHalf}} {
		if p.IsZero() {
			t.Errorf("%+v.IsZero() = true", p)
		}
	}
}

func TestJSON(t *testing.T) {
	type row struct {
		Period Period         `json:"period"`
		Prev   Period         `json:"prev,omitzero"`
		Counts map[Period]int `json:"counts,omitempty"`
	}
	// Every kind is one JSON string.
	for _, p := range []Period{MonthOf(2016, 8), QuarterOf(2024, 4), RangeOf(2016, 8, 2017, 3)} {
		b, err := json.Marshal(row{Period: p})
		if err != nil {
			t.Fatal(err)
		}
		var back row
		if err := json.Unmarshal(b, &back); err != nil || back.Period != p {
			t.Errorf("%s read back as %+v (%v)", b, back.Period, err)
		}
	}
	in := row{
		Period: Period{Year: 2024, Half: SecondHalf},
		Counts: map[Period]int{{Year: 2024, Half: FirstHalf}: 3, {Year: 2024, Half: FullYear}: 7},
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"period":"2024H2","counts":{"2024":7,"2024H1":3}}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var out row
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Period != in.Period || out.Prev != in.Prev || len(out.Counts) != 2 ||
		out.Counts[Period{Year: 2024, Half: FirstHalf}] != 3 || out.Counts[Period{Year: 2024, Half: FullYear}] != 7 {
		t.Errorf("Unmarshal = %+v, want %+v", out, in)
	}

	// Hand-edited files may use the Japanese form or leave a period empty.
	if err := json.Unmarshal([]byte(`{"period":"令和６年度上半期","prev":""}`), &out); err != nil {
		t.Fatal(err)
	}
	if out.Period != (Period{Year: 2024, Half: FirstHalf}) || !out.Prev.IsZero() {
		t.Errorf("Unmarshal Japanese = %+v", out)
	}

	// The zero Period is written as "" (when not omitted) and read back.
	b, err = json.Marshal(struct{ P Period }{})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"P":""}` {
		t.Errorf("Marshal zero = %s", b)
	}

	err = json.Unmarshal([]byte(`{"period":"平成31年度"}`), &out)
	if err == nil || !strings.Contains(err.Error(), "令和元年度") {
		t.Errorf("Unmarshal 平成31年度 error = %v, want the 令和元年度 hint", err)
	}
}

func TestMarshalTextRejectsInvalid(t *testing.T) {
	for _, p := range []Period{{Year: 2024, Half: Half(3)}, {Year: 2024, Half: Half(-1)}, {Year: 1925, Half: FullYear}, {Year: 2201, Half: FirstHalf}, {Year: 0, Half: FirstHalf},
		QuarterOf(2024, 5), QuarterOf(2024, -1), {Year: 2024, Half: FirstHalf, Quarter: 1},
		MonthOf(2024, 13), MonthOf(1925, 12), {Year: 2024, Month: 8, Half: FirstHalf}, {Year: 2024, Month: 8, Quarter: 2},
		RangeOf(2017, 3, 2016, 8), RangeOf(2016, 8, 2201, 1), RangeOf(2016, 8, 2017, 0), {Year: 2016, EndYear: 2017, EndMonth: 3}, {Year: 2016, Month: 8, EndMonth: 3},
		{Month: 8}, {EndYear: 2017, EndMonth: 3}} {
		if p.Valid() {
			t.Errorf("%+v.Valid() = true", p)
		}
		if b, err := p.MarshalText(); err == nil {
			t.Errorf("%+v.MarshalText() = %q, want error", p, b)
		}
	}
}

func TestKindOf(t *testing.T) {
	tests := []struct {
		p    Period
		kind Kind
	}{
		{Period{}, ""},
		{Period{Year: 2024}, KindYear},
		{Period{Year: 2024, Half: SecondHalf}, KindHalf},
		{QuarterOf(2024, 2), KindQuarter},
		{MonthOf(2016, 8), KindMonth},
		{RangeOf(2016, 8, 2017, 3), KindRange},
	}
	for _, tt := range tests {
		if got := tt.p.Kind(); got != tt.kind {
			t.Errorf("%+v.Kind() = %q, want %q", tt.p, got, tt.kind)
		}
		if !tt.p.IsZero() && (!tt.p.Valid() || !tt.kind.Accepts(tt.p)) {
			t.Errorf("%+v: Valid %v, %q.Accepts %v", tt.p, tt.p.Valid(), tt.kind, tt.kind.Accepts(tt.p))
		}
	}
}

// What each kind shows people; the half-year wording is the one zaitaku printed before
// periods had kinds (the template's 対象期間（例：令和６年度上半期）).
func TestKindWords(t *testing.T) {
	tests := []struct {
		kind          Kind
		name, example string
	}{
		{KindMonth, "月単位", "令和６年８月"},
		{KindQuarter, "四半期単位", "令和６年度第１四半期"},
		{KindHalf, "半期単位", "令和６年度上半期"},
		{KindYear, "年度単位", "令和６年度"},
		{KindRange, "月から月までの範囲", "令和６年４月～令和７年３月"},
		{"", "半期単位", "令和６年度上半期"},
	}
	for _, tt := range tests {
		if !tt.kind.Valid() || tt.kind.Japanese() != tt.name || tt.kind.Example().Japanese() != tt.example {
			t.Errorf("%q: Valid %v, Japanese %q, Example %q; want %q, %q", tt.kind, tt.kind.Valid(), tt.kind.Japanese(), tt.kind.Example().Japanese(), tt.name, tt.example)
		}
		// Every form the help shows is read back as a period of the kind.
		forms, _, _ := strings.Cut(strings.TrimSuffix(tt.kind.Help(), " のように指定してください"), " または ")
		for _, f := range append(strings.Split(forms, "・"), tt.example) {
			f, _, _ = strings.Cut(f, "（")
			if p, err := ParseKind(f, tt.kind); err != nil {
				t.Errorf("%q: the help's form %q gives %+v, %v", tt.kind, f, p, err)
			}
		}
	}
	for _, k := range []Kind{"monthly", "Month", "week"} {
		if k.Valid() {
			t.Errorf("Kind(%q).Valid() = true", k)
		}
	}
	if len(Kinds) != len(kinds) {
		t.Errorf("Kinds has %d kinds, the table %d", len(Kinds), len(kinds))
	}
}

func TestMonths(t *testing.T) {
	for _, tt := range []struct {
		p    Period
		want int
	}{
		{MonthOf(2016, 8), 1}, {QuarterOf(2024, 4), 3}, {Period{Year: 2024, Half: SecondHalf}, 6},
		{Period{Year: 2024}, 12}, {RangeOf(2016, 8, 2017, 3), 8}, {RangeOf(2016, 8, 2016, 8), 1},
	} {
		if got := tt.p.Months(); got != tt.want {
			t.Errorf("%s: %d months, want %d", tt.p, got, tt.want)
		}
	}
}
