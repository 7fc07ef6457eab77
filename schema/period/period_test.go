package period

import (
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
		{"2024H1", Period{2024, FirstHalf}},
		{"2024H2", Period{2024, SecondHalf}},
		{"2024", Period{2024, FullYear}},
		{"2024h1", Period{2024, FirstHalf}},
		{"2024h2", Period{2024, SecondHalf}},
		{"  2024H1\t", Period{2024, FirstHalf}},
		{"2024 H2", Period{2024, SecondHalf}},
		{"1926", Period{1926, FullYear}},
		{"2200H2", Period{2200, SecondHalf}},

		// Full-width (typed with the IME or pasted from Excel).
		{"２０２４Ｈ１", Period{2024, FirstHalf}},
		{"２０２４ｈ２", Period{2024, SecondHalf}},
		{"２０２４", Period{2024, FullYear}},
		{"\u3000２０２４Ｈ２\u3000", Period{2024, SecondHalf}},

		// Gregorian year with Japanese labels.
		{"2024年度上半期", Period{2024, FirstHalf}},
		{"2024年度下半期", Period{2024, SecondHalf}},
		{"2024年度", Period{2024, FullYear}},
		{"２０２４年度　下半期", Period{2024, SecondHalf}},

		// 令和.
		{"令和６年度上半期", Period{2024, FirstHalf}},
		{"令和6年度上半期", Period{2024, FirstHalf}},
		{"令和6年度 下半期", Period{2024, SecondHalf}},
		{"令和６年度　下半期", Period{2024, SecondHalf}},
		{"令和６年度", Period{2024, FullYear}},
		{"令和 6 年度", Period{2024, FullYear}},
		{"令和元年度", Period{2019, FullYear}},
		{"令和元年度下半期", Period{2019, SecondHalf}},
		{"令和1年度", Period{2019, FullYear}},
		{"令和１２年度上半期", Period{2030, FirstHalf}},
		{"㋿6年度", Period{2024, FullYear}}, // square era sign, folded by NFKC

		// 平成 and 昭和.
		{"平成30年度", Period{2018, FullYear}},
		{"平成３０年度下半期", Period{2018, SecondHalf}},
		{"平成元年度", Period{1989, FullYear}},
		{"㍻30年度", Period{2018, FullYear}},
		{"昭和63年度", Period{1988, FullYear}},
		{"昭和元年度上半期", Period{1926, FirstHalf}},

		// One-letter era abbreviations.
		{"R6年度上半期", Period{2024, FirstHalf}},
		{"r6年度", Period{2024, FullYear}},
		{"Ｒ６年度下半期", Period{2024, SecondHalf}},
		{"R元年度", Period{2019, FullYear}},
		{"H30年度上半期", Period{2018, FirstHalf}},
		{"S63年度", Period{1988, FullYear}},
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

func TestParseRejects(t *testing.T) {
	const help = "2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"
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
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want error", tt.in, got)
			continue
		}
		if err.Error() != tt.want {
			t.Errorf("Parse(%q) error\n got: %s\nwant: %s", tt.in, err, tt.want)
		}
		if got != (Period{}) {
			t.Errorf("Parse(%q) returned %+v with an error, want zero Period", tt.in, got)
		}
	}
}

func TestJapanese(t *testing.T) {
	tests := []struct {
		p                         Period
		japanese, eraYear, halfJP string
	}{
		{Period{2024, FirstHalf}, "令和６年度上半期", "令和６年度", "上半期"},
		{Period{2024, SecondHalf}, "令和６年度下半期", "令和６年度", "下半期"},
		{Period{2024, FullYear}, "令和６年度", "令和６年度", ""},
		{Period{2030, FirstHalf}, "令和１２年度上半期", "令和１２年度", "上半期"},
		{Period{2019, FullYear}, "令和元年度", "令和元年度", ""},
		{Period{2019, SecondHalf}, "令和元年度下半期", "令和元年度", "下半期"},
		{Period{2018, FullYear}, "平成３０年度", "平成３０年度", ""},
		{Period{2018, FirstHalf}, "平成３０年度上半期", "平成３０年度", "上半期"},
		{Period{1989, FullYear}, "平成元年度", "平成元年度", ""},
		{Period{1988, FullYear}, "昭和６３年度", "昭和６３年度", ""},
		{Period{1926, FullYear}, "昭和元年度", "昭和元年度", ""},
		{Period{1900, FullYear}, "１９００年度", "１９００年度", ""}, // before 昭和: Gregorian fallback
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
		{Period{2024, FirstHalf}, "2024H1"},
		{Period{2024, SecondHalf}, "2024H2"},
		{Period{2024, FullYear}, "2024"},
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
		for _, h := range []Half{FullYear, FirstHalf, SecondHalf} {
			p := Period{y, h}
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
	want := []Period{
		{2023, FirstHalf},
		{2023, SecondHalf},
		{2023, FullYear},
		{2024, FirstHalf},
		{2024, SecondHalf},
		{2024, FullYear},
		{2025, FirstHalf},
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
	for _, p := range []Period{{2024, FullYear}, {2024, FirstHalf}, {0, SecondHalf}} {
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
	in := row{
		Period: Period{2024, SecondHalf},
		Counts: map[Period]int{{2024, FirstHalf}: 3, {2024, FullYear}: 7},
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
		out.Counts[Period{2024, FirstHalf}] != 3 || out.Counts[Period{2024, FullYear}] != 7 {
		t.Errorf("Unmarshal = %+v, want %+v", out, in)
	}

	// Hand-edited files may use the Japanese form or leave a period empty.
	if err := json.Unmarshal([]byte(`{"period":"令和６年度上半期","prev":""}`), &out); err != nil {
		t.Fatal(err)
	}
	if out.Period != (Period{2024, FirstHalf}) || !out.Prev.IsZero() {
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
	for _, p := range []Period{{2024, Half(3)}, {2024, Half(-1)}, {1925, FullYear}, {2201, FirstHalf}, {0, FirstHalf}} {
		if b, err := p.MarshalText(); err == nil {
			t.Errorf("%+v.MarshalText() = %q, want error", p, b)
		}
	}
}
