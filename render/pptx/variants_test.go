package pptx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// The decks of reports other than the complete sample: another survey's unit word, an
// incomplete aggregate, and the case records left out or put in. Each deck also passes the
// schema validation TestSchemaValid runs.

// roomsLabel is the unit word of the survey of TestDeckSaysUnitLabel.
const roomsLabel = "相談支援室"

// roomsYAML is the synthetic survey (formtest.SyntheticYAML) for n units, its units called
// 相談支援室 and no 区 in any text of the schema (区 becomes 圏; 区分, category, is not the
// ward word and stays). Whatever 区 the deck then shows comes from the writer.
func roomsYAML(t *testing.T, n int) []byte {
	t.Helper()
	data, err := formtest.SyntheticYAML(n)
	if err != nil {
		t.Fatal(err)
	}
	y := strings.Replace(string(data), "\n  label: 区\n", "\n  label: "+roomsLabel+"\n", 1)
	y = strings.NewReplacer("区分", "区分", "区", "圏").Replace(y)
	return []byte(y)
}

// collectReturns aggregates the returns in files as `zaitaku aggregate --allow-incomplete` does:
// every valid return counts, whether or not every unit has sent one.
func collectReturns(t *testing.T, files []string, sc *schema.Schema) *aggregate.Result {
	t.Helper()
	c, err := aggregate.Collect(files, sc, aggregate.CollectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Result()
}

// variantDeck draws res with opts into a deck and validates every XML part of it.
func variantDeck(t *testing.T, res *aggregate.Result, opts charts.Options) ([]byte, *charts.Report) {
	t.Helper()
	xmllint := formtest.Tool(t, "libxml2-utils", "xmllint")
	rep := charts.Build(res, opts)
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	validate(t, xmllint, unzip(t, buf.Bytes()))
	return buf.Bytes(), rep
}

// TestDeckSaysUnitLabel draws the deck of a survey whose units are 相談支援室, complete
// and with a unit missing and the case records in: the deck calls the units 相談支援室
// (the submission line, the appendix, the axis unit) and no text of any part, the charts'
// caches and the embedded workbooks included, says 区.
func TestDeckSaysUnitLabel(t *testing.T) {
	const n = 3
	yaml := roomsYAML(t, n)
	sc, err := schema.Parse(yaml, "rooms.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if sc.Units.Label != roomsLabel || strings.Contains(strings.ReplaceAll(string(yaml), "区分", ""), "区") {
		t.Fatalf("derived schema: label %q, or 区 left in its text", sc.Units.Label)
	}
	dir := t.TempDir()
	if err := formtest.WriteSynthetic(dir, sc, formtest.SyntheticSeed); err != nil {
		t.Fatal(err)
	}
	files, err := returns.ListReturns(dir)
	if err != nil || len(files) != n {
		t.Fatalf("%d returns (%v), want %d", len(files), err, n)
	}
	for _, tc := range []struct {
		name  string
		files []string
		opts  charts.Options
	}{
		{"complete", files, charts.Options{DocLabel: "資料１", AggregateID: "TEST-ID"}},
		{"incomplete with cases", files[1:], charts.Options{IncludeCases: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := collectReturns(t, tc.files, sc)
			if res.Submission.Complete != (len(tc.files) == n) {
				t.Fatalf("complete %v with %d of %d returns", res.Submission.Complete, len(tc.files), n)
			}
			deck, rep := variantDeck(t, res, tc.opts)
			if tc.opts.IncludeCases && !hasCases(rep) {
				t.Fatal("the report has no case table to check")
			}
			texts := packageTexts(t, "report.pptx", deck)
			all := strings.Join(texts, "\n")
			for _, w := range []string{res.Submission.Summary, charts.AppendixTitle(roomsLabel), "（" + roomsLabel + "）", sc.Units.List[n-1].Name} {
				if !strings.Contains(all, w) {
					t.Errorf("the deck never says %q", w)
				}
			}
			for _, s := range texts {
				if strings.Contains(strings.ReplaceAll(s, "区分", ""), "区") {
					t.Errorf("says 区: %s", shortText(s))
				}
			}
		})
	}
}

// sampleWithout is aggregatetest.SampleWithout, checked to be the incomplete aggregate
// asked for: the wards named missing, the others counted.
func sampleWithout(t *testing.T, missing ...string) *aggregate.Result {
	t.Helper()
	res := aggregatetest.SampleWithout(t, missing...)
	sub := res.Submission
	if sub.Complete || sub.Counted != 24-len(missing) || len(sub.Missing) != len(missing) {
		t.Fatalf("want %d of 24 wards counted, %q missing: %+v", 24-len(missing), missing, sub)
	}
	return res
}

// manyMissing are the wards left out of an aggregate made early in the period, when six
// wards have sent their returns.
var manyMissing = []string{"都島区", "福島区", "此花区", "西区", "港区", "天王寺区", "浪速区", "西淀川区", "淀川区",
	"東淀川区", "東成区", "生野区", "旭区", "鶴見区", "阿倍野区", "東住吉区", "平野区", "西成区"}

// TestIncompleteDeck draws the decks of the sample returns with two wards left out and
// with eighteen, as `zaitaku aggregate --allow-incomplete` aggregates them: as on every
// page of the PDF, the cover says the report is incomplete and every other slide shows the
// submission line 「回答 22／24区（未提出: …）」 in its footer.
func TestIncompleteDeck(t *testing.T) {
	for _, missing := range [][]string{{"此花区", "西淀川区"}, manyMissing} {
		res := sampleWithout(t, missing...)
		sub := res.Submission
		if want := fmt.Sprintf("回答 %d／24区（未提出: ", 24-len(missing)); !strings.HasPrefix(sub.Summary, want) {
			t.Fatalf("submission line %q, want it to start %q", sub.Summary, want)
		}
		deck, rep := variantDeck(t, res, charts.Options{DocLabel: "資料１"})
		slides := slideParagraphs(t, unzip(t, deck))
		if len(slides) < 10 {
			t.Fatalf("only %d slides", len(slides))
		}
		notice := charts.IncompleteNotice(sub.Summary, false)
		if rep.Notice != notice || !slices.Contains(slides[0], notice) {
			t.Errorf("%d missing: the cover lacks the notice %q: %q", len(missing), notice, slides[0])
		}
		for i, ps := range slides[1:] {
			if !slices.ContainsFunc(ps, func(p string) bool { return isSummaryLine(p, sub.Summary) }) {
				t.Errorf("%d missing: slide %d lacks the submission line %q", len(missing), i+2, sub.Summary)
			}
		}
	}
}

// isSummaryLine reports whether p is the submission line summary, whole or, as the PDF's
// footer, cut with 「…」 after its count 「回答 n／24区」.
func isSummaryLine(p, summary string) bool {
	head, _, _ := strings.Cut(summary, "（")
	cutAt, cut := strings.CutSuffix(p, ellipsis)
	return p == summary || cut && strings.HasPrefix(summary, cutAt) && strings.HasPrefix(cutAt, head)
}

// footerLine is the submission line in the slide's footer as the deck sets it.
func footerLine(s *slide) string {
	for _, sh := range s.shapes {
		if t := sh.text; t != nil && t.Name == "回答状況" && t.Y == mm(footerY) {
			var b strings.Builder
			for _, p := range t.Paras {
				for _, r := range p.Runs {
					b.WriteString(r.Text)
				}
			}
			return b.String()
		}
	}
	return ""
}

// TestIncompleteDeckInImpress converts the deck of six returns of 24 with LibreOffice
// Impress and looks at where the text lands on each page (pdftotext -bbox): nothing but
// the footer (the submission line, the page number) reaches the footer band at the
// bottom of the slide, and the 提出状況 pages show every ward, none pushed off the slide
// by the rows of the wards not counted.
func TestIncompleteDeckInImpress(t *testing.T) {
	bin := formtest.Tool(t, "libreoffice-impress-nogui", "soffice", "libreoffice")
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	res := sampleWithout(t, manyMissing...)
	deck, rep := variantDeck(t, res, charts.Options{DocLabel: "資料１"})
	slides, err := buildSlides(rep)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "report.pptx")
	if err := os.WriteFile(src, deck, 0o644); err != nil {
		t.Fatal(err)
	}
	formtest.Convert(t, bin, src, "pdf:impress_pdf_Export", filepath.Join(dir, "pdf"))
	out, err := exec.Command(pdftotext, "-bbox", filepath.Join(dir, "pdf", "report.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	pages := pageWords(string(out))
	if len(pages) != len(slides) {
		t.Fatalf("Impress made %d pages of %d slides", len(pages), len(slides))
	}
	band := footerY * 72 / 25.4 // points from the top
	statusPages := 0
	for i, words := range pages {
		footer := ""
		if i > 0 {
			footer = footerLine(slides[i]) + fmt.Sprintf("-%d-", i+1)
			if !isSummaryLine(footerLine(slides[i]), rep.Summary) {
				t.Errorf("page %d: footer %q is not the submission line %q", i+1, footerLine(slides[i]), rep.Summary)
			}
		}
		var inBand strings.Builder
		above := map[string]bool{}
		for _, w := range words {
			switch {
			case w.yMax <= band+0.5:
				above[w.text] = true
			case w.yMin >= band-1:
				inBand.WriteString(w.text)
			default:
				t.Errorf("page %d: %q runs from above into the footer band (%.1f–%.1f pt, band from %.1f)", i+1, w.text, w.yMin, w.yMax, band)
			}
		}
		if extra := runesBeyond(squeeze(inBand.String()), squeeze(footer)); extra != "" {
			t.Errorf("page %d: the footer band holds %q beyond the footer %q", i+1, extra, footer)
		}
		if slices.Contains(slides[i].marks, rep.Status.Title) || slices.Contains(slides[i].marks, rep.Status.Title+charts.Continued) {
			statusPages++
			for _, u := range res.Units.List {
				if !above[u.Name] {
					t.Errorf("提出状況 page %d has no cell %s above the footer", i+1, u.Name)
				}
			}
		}
	}
	if statusPages == 0 {
		t.Fatal("no 提出状況 page found")
	}
}

// word is one word pdftotext -bbox found, with its top and bottom in points.
type word struct {
	yMin, yMax float64
	text       string
}

var (
	pageRE = regexp.MustCompile(`<page [^>]*>`)
	wordRE = regexp.MustCompile(`<word xMin="[-0-9.]+" yMin="([-0-9.]+)" xMax="[-0-9.]+" yMax="([-0-9.]+)">([^<]*)</word>`)
)

// pageWords splits pdftotext -bbox output into the words of each page.
func pageWords(out string) [][]word {
	var pages [][]word
	for _, p := range pageRE.Split(out, -1)[1:] {
		var ws []word
		for _, m := range wordRE.FindAllStringSubmatch(p, -1) {
			y0, _ := strconv.ParseFloat(m[1], 64)
			y1, _ := strconv.ParseFloat(m[2], 64)
			ws = append(ws, word{y0, y1, html.UnescapeString(m[3])})
		}
		pages = append(pages, ws)
	}
	return pages
}

// runesBeyond is what of got is not in want, character by character (the footer's lines
// may come out of pdftotext in another order or broken elsewhere).
func runesBeyond(got, want string) string {
	left := map[rune]int{}
	for _, r := range want {
		left[r]++
	}
	var extra []rune
	for _, r := range got {
		if left[r] > 0 {
			left[r]--
		} else {
			extra = append(extra, r)
		}
	}
	return string(extra)
}

// TestCaseRecordsOnlyWhenAsked draws the sample's deck without and with the case records:
// without, no text of the case records (every line the wards wrote in them that is not a
// word of the survey itself) is in any part of the deck: slides, charts, embedded
// workbooks, properties; with them, every such text is on the slides.
func TestCaseRecordsOnlyWhenAsked(t *testing.T) {
	res := aggregatetest.Sample(t)
	secret := caseTexts(res)
	if len(secret) < 20 {
		t.Fatalf("only %d case texts in the sample: %q", len(secret), secret)
	}
	for _, include := range []bool{false, true} {
		deck, rep := variantDeck(t, res, charts.Options{DocLabel: "資料１", IncludeCases: include})
		if hasCases(rep) != include {
			t.Fatalf("IncludeCases %v, case tables in the report %v", include, hasCases(rep))
		}
		all := strings.Join(packageTexts(t, "report.pptx", deck), "\n")
		for _, s := range secret {
			if got := strings.Contains(all, s); got != include {
				t.Errorf("IncludeCases %v: the deck holds %q: %v", include, s, got)
			}
		}
	}
}

// caseTexts are the texts of the case records: each line of every field but the first (the
// 場面 the tables are grouped by, a word of the survey), trimmed, of 8 characters or
// more, and not found in the survey's schema (a 相談者 such as 地域包括支援センター is
// also a category of a count question).
func caseTexts(res *aggregate.Result) []string {
	words := string(schema.DefaultYAML())
	seen := map[string]bool{}
	var out []string
	for _, q := range res.Questions {
		for _, c := range q.Cases {
			for i, f := range c.Fields {
				if i == 0 {
					continue
				}
				for _, l := range strings.Split(f.Value, "\n") {
					l = strings.TrimSpace(l)
					if utf8.RuneCountInString(l) < 8 || strings.Contains(words, l) || seen[l] {
						continue
					}
					seen[l] = true
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// packageTexts is every text of a package: the character data and attribute values of
// each XML part, and, for a package inside it (an embedded workbook), its texts in turn.
// A part that is neither is taken as it is.
func packageTexts(t *testing.T, name string, b []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var out []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		full := name + "/" + f.Name
		switch {
		case bytes.HasPrefix(data, []byte("PK\x03\x04")):
			out = append(out, packageTexts(t, full, data)...)
		case strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels"):
			out = append(out, xmlTexts(t, full, data)...)
		default:
			out = append(out, string(data))
		}
	}
	return out
}

// xmlTexts is the character data and attribute values of an XML part, each text node and
// value one string.
func xmlTexts(t *testing.T, name string, data []byte) []string {
	t.Helper()
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			for _, a := range tok.Attr {
				out = append(out, a.Value)
			}
		case xml.CharData:
			if s := string(tok); strings.TrimSpace(s) != "" {
				out = append(out, s)
			}
		}
	}
}

const nsDrawingML = "http://schemas.openxmlformats.org/drawingml/2006/main"

// slideParagraphs is the text of each slide, in the deck's order, as a list of paragraphs
// (the runs of each a:p joined), table cells included.
func slideParagraphs(t *testing.T, files map[string][]byte) [][]string {
	t.Helper()
	var out [][]string
	for _, slide := range relatedParts(t, files, "ppt/presentation.xml", "sldId") {
		var ps []string
		var cur *strings.Builder
		inT := false
		dec := xml.NewDecoder(bytes.NewReader(files[slide]))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", slide, err)
			}
			switch tok := tok.(type) {
			case xml.StartElement:
				switch {
				case tok.Name.Space != nsDrawingML:
				case tok.Name.Local == "p":
					cur = &strings.Builder{}
				case tok.Name.Local == "t":
					inT = true
				}
			case xml.EndElement:
				switch {
				case tok.Name.Space != nsDrawingML:
				case tok.Name.Local == "p":
					if cur != nil {
						ps = append(ps, cur.String())
					}
					cur = nil
				case tok.Name.Local == "t":
					inT = false
				}
			case xml.CharData:
				if inT && cur != nil {
					cur.Write(tok)
				}
			}
		}
		out = append(out, ps)
	}
	return out
}

// shortText cuts a long text for a message.
func shortText(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}
