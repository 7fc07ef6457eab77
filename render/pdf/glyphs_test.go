package pdf

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/fonts"
)

// oddLines are free text with characters BIZ UDPGothic lacks (𠮷, emoji, Hangul, ⚠, ⚠
// with its emoji variation selector) and 𩸽, which it has but outside the BMP.
var oddLines = []string{
	"𠮷田さんと研修",
	"𩸽の干物",
	"笑顔😀の会",
	"한글 자료",
	"⚠注意と⚠️注意",
}

func TestSplitRuns(t *testing.T) {
	has := func(r rune) bool { return r < 0x10000 && r != '⚠' }
	tests := []struct {
		in   string
		want []textRun
	}{
		{"", nil},
		{"田中", []textRun{{shown: "田中"}}},
		{"𠮷田", []textRun{{shown: "〓", actual: "𠮷"}, {shown: "田"}}},
		{"a⚠b", []textRun{{shown: "a"}, {shown: "〓", actual: "⚠"}, {shown: "b"}}},
		{"⚠\ufe0fb", []textRun{{shown: "〓", actual: "⚠\ufe0f"}, {shown: "b"}}},
		{"ab\ufe0fc", []textRun{{shown: "a"}, {shown: "b", actual: "b\ufe0f"}, {shown: "c"}}},
		{"\ufe0fa", []textRun{{actual: "\ufe0f"}, {shown: "a"}}},
	}
	for _, tt := range tests {
		if got := splitRuns(tt.in, has, '〓'); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitRuns(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMissingGlyphs puts the odd lines in the sample's 研修テーマ (and a case record) and
// reads the PDF back: the text copied out is the text that went in, character for
// character, though 𠮷 and the others are drawn as 〓.
func TestMissingGlyphs(t *testing.T) {
	res := sampleResult(t)
	found := false
	for _, q := range res.Questions {
		if q.Label == "研修テーマ" && len(q.Texts) > 0 {
			q.Texts[0].Lines = append(append([]string(nil), oddLines...), q.Texts[0].Lines...)
			found = true
		}
		if len(q.Cases) > 0 && len(q.Cases[0].Fields) > 0 {
			f := q.Cases[0].Fields[len(q.Cases[0].Fields)-1]
			q.Cases[0].Fields[len(q.Cases[0].Fields)-1].Value = "𠮷田様😀" + f.Value
		}
	}
	if !found {
		t.Fatal("the sample has no 研修テーマ answers")
	}
	rep := charts.Build(res, charts.Options{DocLabel: "資料１", IncludeCases: true})
	b := render(t, rep)
	if out := os.Getenv("ZAITAKU_GLYPHS_OUT"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := api.Validate(bytes.NewReader(b), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("pdfcpu: %v", err)
	}
	if again := render(t, rep); !bytes.Equal(b, again) {
		t.Error("two renderings differ")
	}
	// What is drawn: one 〓 per missing character, each in a span that carries it.
	got := spans(t, b)
	want := []string{"𠮷", "𠮷", "😀", "😀", "한", "글", "자", "료", "⚠", "⚠\ufe0f"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("ActualText spans %q, want %q", got, want)
	}

	text := pdfText(t, b)
	if text == "" {
		t.Skip("pdftotext not found; copy-out not checked")
	}
	for _, l := range append(oddLines, "𠮷田様😀") {
		if !strings.Contains(text, l) {
			t.Errorf("copy-out lacks %q", l)
		}
	}
	// Without ActualText the reader would see the drawn substitute instead.
	if strings.Contains(text, "〓") {
		t.Errorf("copy-out shows the substitute 〓:\n%s", around(text, "〓"))
	}
}

var spanRe = regexp.MustCompile(`/Span <</ActualText <FEFF([0-9A-F]*)>>> BDC\nBT\n[^\n]*TD\n[^\n]* 0 Tc\n(?:[^\n]* rg\n)?\[<([0-9A-F]{4})>\] TJ\nET\nEMC\n`)

// spans lists the ActualText of every span in the page contents, each checked to draw
// the substitute's glyph alone.
func spans(t *testing.T, b []byte) []string {
	t.Helper()
	objs, _, err := splitObjects(b)
	if err != nil {
		t.Fatal(err)
	}
	byNum := map[int]*pdfObject{}
	for _, o := range objs {
		byNum[o.num] = o
	}
	pages, err := pageContents(objs, byNum)
	if err != nil {
		t.Fatal(err)
	}
	c, err := fonts.NewCoverage(fonts.Regular())
	if err != nil {
		t.Fatal(err)
	}
	geta := fmt.Sprintf("%04X", c.GlyphIndex(fonts.Substitute))
	var out []string
	for _, pg := range pages {
		_, data, err := pg.stream()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, markTag) {
			t.Error("a substitute's tag is left in the content")
		}
		if n, m := bytes.Count(data, []byte("/ActualText")), len(spanRe.FindAll(data, -1)); n != m {
			t.Errorf("%d ActualText spans, %d of the expected shape", n, m)
		}
		for _, m := range spanRe.FindAllSubmatch(data, -1) {
			if string(m[2]) != geta {
				t.Errorf("span draws glyph %s, want the substitute's %s", m[2], geta)
			}
			var u []uint16
			for i := 0; i+4 <= len(m[1]); i += 4 {
				v, _ := strconv.ParseUint(string(m[1][i:i+4]), 16, 16)
				u = append(u, uint16(v))
			}
			out = append(out, string(utf16.Decode(u)))
		}
	}
	return out
}

// TestFixupToUnicode checks the ToUnicode repair on its own: 𩸽, drawn from the font, is
// mapped to its UTF-16 surrogate pair.
func TestFixupToUnicode(t *testing.T) {
	rep := itemReport(charts.Block{Texts: &charts.TextList{ID: "t", Heading: "自由記述",
		Entries: []charts.WardLines{{Ward: "北区", Lines: []string{"𩸽"}}}}})
	b := render(t, rep)
	if !bytes.Contains(b, []byte("<D867DE3D>")) {
		t.Error("ToUnicode has no surrogate pair for 𩸽")
	}
	if bytes.Contains(b, []byte("<29E3D>")) {
		t.Error("ToUnicode still has gopdf's five-digit entry for 𩸽")
	}
	if !fonts.Has('𩸽') {
		t.Error("the premise fails: the font lacks 𩸽")
	}
}

// around shows the text near the first s.
func around(text, s string) string {
	i := strings.Index(text, s)
	if i < 0 {
		return ""
	}
	return text[max(0, i-60):min(len(text), i+60)]
}

// TestFixupRefuses checks that fixup fails loudly rather than write a broken file or
// lose a span.
func TestFixupRefuses(t *testing.T) {
	good := render(t, itemReport())
	tests := []struct {
		name  string
		pdf   []byte
		marks [][]string
	}{
		{"not a PDF", []byte("hello"), nil},
		{"xref offset out of range", []byte("%PDF-1.7\nstartxref\n999\n%%EOF\n"), nil},
		{"a span with no tagged text", good, [][]string{{"𠮷"}}},
		{"a page that is not there", good, make([][]string, 99)},
	}
	tests[3].marks[98] = []string{"𠮷"}
	for _, tt := range tests {
		if _, err := fixup(tt.pdf, tt.marks); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	if out, err := fixup(good, nil); err != nil || !bytes.Equal(out, good) {
		t.Errorf("nothing to mend: changed the file (err %v)", err)
	}
}

// TestWrapKeepsSelectorsWithTheirCharacter: a line break never falls between ⚠ and its
// emoji variation selector, whatever the width, even where kinsoku pushes a character
// down to keep 。 or 」 off the start of a line.
func TestWrapKeepsSelectorsWithTheirCharacter(t *testing.T) {
	m := embeddedMeasurer(t)
	s := strings.Repeat("注意⚠\ufe0f。「⚠\ufe0f」", 12)
	for w := 10.0; w <= 200; w += 1 {
		for _, l := range wrapRunes(m, []rune(s), 10, false, w) {
			if strings.HasPrefix(l, "\ufe0f") {
				t.Fatalf("width %g: a line starts with the variation selector: %q", w, l)
			}
		}
	}
}
