// Package pdf renders the report as an A4 landscape handout in the manner of 資料１: a
// cover, a title page per section, item pages with the charts, the 提出状況 page and the
// ward × question appendix.
//
// Every page is laid out as data first — boxes, wrapped lines, positions, with all page
// breaks decided in one place (flow) — and only then drawn, so the layout can be tested
// without reading a PDF back. Pages gives the same layout as the report's page plan
// (charts.Page), which report.pptx follows slide for slide.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"unicode"

	"github.com/signintech/gopdf"

	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/fonts"
)

// Options are the typeface of the PDF.
type Options struct {
	// Font is a TrueType font with Japanese glyphs; nil uses the embedded BIZ UDPGothic.
	Font []byte
	// BoldFont is its bold weight; nil uses the embedded bold with the embedded regular,
	// and Font itself when only Font is given (a family without a bold prints as regular).
	BoldFont []byte
}

// Font family names inside the PDF; the weights are separate families so that each is
// chosen by name alone.
const (
	famRegular = "zaitaku-regular"
	famBold    = "zaitaku-bold"
)

// Laid is the report laid out in pages and not yet drawn: the one layout both the PDF and
// the page plan come from, so report.pptx follows the pages this PDF prints without the
// report being laid out twice.
type Laid struct {
	rep   *charts.Report
	doc   *gopdf.GoPdf
	m     *fontMeasurer
	pages []*page
}

// Layout lays rep out in the PDF's pages with the fonts of opts.
func Layout(rep *charts.Report, opts Options) (l *Laid, err error) {
	if rep == nil {
		return nil, errors.New("pdf: no report")
	}
	// gopdf indexes into the font's tables as the file says; whatever a malformed --font
	// makes it do, the caller gets an error, not a crash.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	doc, m, err := newDocument(opts, pageSizeLandscape)
	if err != nil {
		return nil, err
	}
	pages, err := layoutReport(rep, m)
	if err != nil {
		return nil, err
	}
	if m.err != nil {
		return nil, m.err
	}
	return &Laid{rep: rep, doc: doc, m: m, pages: pages}, nil
}

// Write renders rep as a PDF to w. The same report gives the same bytes: the document
// carries no creation date and no ID.
func Write(w io.Writer, rep *charts.Report, opts Options) error {
	l, err := Layout(rep, opts)
	if err != nil {
		return err
	}
	return l.Write(w)
}

// Write draws the laid-out pages as a PDF to w, once.
func (l *Laid) Write(w io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: %v", r)
		}
	}()
	marks, err := draw(l.doc, l.m, l.pages)
	if err != nil {
		return err
	}
	rep := l.rep
	subject := rep.PeriodLabel
	if rep.AggregateID != "" {
		// gopdf writes no Keywords entry, so the ID goes with the subject.
		subject += "（" + charts.AggregateIDLabel + " " + rep.AggregateID + "）"
	}
	l.doc.SetInfo(gopdf.PdfInfo{Title: rep.Title, Subject: subject, Creator: "zaitaku"})
	b, err := l.doc.GetBytesPdfReturnErr()
	if err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	if b, err = fixup(b, marks); err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// pageSizeLandscape is the report's page.
var pageSizeLandscape = gopdf.Rect{W: pageW, H: pageH}

// newDocument starts a document of the page size (A4 landscape for the report, portrait for
// a ward sheet) with the fonts loaded, and the measurer that the layout uses, which reads
// widths from the same fonts.
func newDocument(opts Options, size gopdf.Rect) (*gopdf.GoPdf, *fontMeasurer, error) {
	regular, bold := opts.Font, opts.BoldFont
	if regular == nil {
		regular = fonts.Regular()
		if bold == nil {
			bold = fonts.Bold()
		}
	}
	if bold == nil {
		bold = regular
	}
	doc := &gopdf.GoPdf{}
	doc.Start(gopdf.Config{Unit: gopdf.UnitPT, PageSize: size})
	if err := doc.AddTTFFontData(famRegular, regular); err != nil {
		return nil, nil, fmt.Errorf("pdf: font: %w", err)
	}
	if err := doc.AddTTFFontData(famBold, bold); err != nil {
		return nil, nil, fmt.Errorf("pdf: bold font: %w", err)
	}
	for _, fam := range []string{famRegular, famBold} {
		if err := doc.SetFont(fam, "", 10); err != nil {
			return nil, nil, fmt.Errorf("pdf: font: %w", err)
		}
		// A font without kana would print every label as blanks.
		if ok, err := doc.IsCurrFontContainGlyph('区'); err != nil || !ok {
			return nil, nil, errors.New("pdf: the font has no Japanese glyphs (区)")
		}
	}
	fm := &fontMeasurer{doc: doc, cache: map[measureKey]float64{}, sub: fonts.Substitute}
	for i, data := range [][]byte{regular, bold} {
		has := fonts.Has // the embedded weights, read once per process
		if embedded := opts.Font == nil && (i == 0 || opts.BoldFont == nil); !embedded {
			c, err := fonts.NewCoverage(data)
			if err != nil {
				return nil, nil, fmt.Errorf("pdf: font: %w", err)
			}
			has = c.Has
			if c.Substitute() != fonts.Substitute {
				fm.sub = c.Substitute()
			}
		}
		fm.has[i] = has
	}
	return doc, fm, nil
}

// fontMeasurer reads advance widths from the document's fonts, one rune at a time, and
// keeps them: the layout measures the same characters many times over. A character the
// font lacks measures as the substitute drawn for it, an invisible one as nothing.
type fontMeasurer struct {
	doc   *gopdf.GoPdf
	cache map[measureKey]float64
	err   error
	// has tells which characters the regular [0] and bold [1] fonts have glyphs for.
	has [2]func(rune) bool
	// sub is drawn for a character the font lacks: 〓, or ? in a font without it.
	sub rune
}

// fontHas is the coverage of the regular or bold font.
func (f *fontMeasurer) fontHas(bold bool) func(rune) bool {
	if bold {
		return f.has[1]
	}
	return f.has[0]
}

type measureKey struct {
	r    rune
	bold bool
}

func (f *fontMeasurer) runeWidth(r rune, bold bool) float64 {
	k := measureKey{r, bold}
	if w, ok := f.cache[k]; ok {
		return w
	}
	switch {
	case fonts.Invisible(r):
		f.cache[k] = 0
		return 0
	case !f.fontHas(bold)(r) && !unicode.IsControl(r):
		w := f.runeWidth(f.sub, bold)
		f.cache[k] = w
		return w
	}
	fam := famRegular
	if bold {
		fam = famBold
	}
	var w float64
	err := f.doc.SetFont(fam, "", 1000)
	if err == nil {
		w, err = f.doc.MeasureTextWidth(string(r))
	}
	if err != nil && f.err == nil {
		f.err = fmt.Errorf("pdf: measuring %q: %w", r, err)
	}
	w /= 1000
	f.cache[k] = w
	return w
}

// draw copies the laid-out pages to the document. It returns, per page, the text that
// each substitute drawn stands for, in drawing order, for fixup.
func draw(doc *gopdf.GoPdf, m *fontMeasurer, pages []*page) ([][]string, error) {
	marks := make([][]string, len(pages))
	for i, pg := range pages {
		doc.AddPage()
		if pg.title != "" {
			doc.AddOutline(pg.title)
		}
		for _, e := range pg.elements() {
			if err := drawElement(doc, m, e, &marks[i]); err != nil {
				return nil, err
			}
		}
	}
	return marks, nil
}

func drawElement(doc *gopdf.GoPdf, m *fontMeasurer, e element, marks *[]string) error {
	switch e := e.(type) {
	case textEl:
		if e.s == "" {
			return nil
		}
		fam := famRegular
		if e.bold {
			fam = famBold
		}
		if err := doc.SetFont(fam, "", e.size); err != nil {
			return err
		}
		doc.SetTextColor(e.color.RGB())
		x := e.x
		for _, p := range splitRuns(e.s, m.fontHas(e.bold), m.sub) {
			if p.shown == "" {
				continue // an invisible character with nothing before it on the line
			}
			// Each piece starts a text object of its own (a new SetXY keeps gopdf from
			// merging it with the previous one), so fixup can find a substitute's.
			doc.SetXY(x, e.y+ascent*e.size)
			if p.actual != "" {
				*marks = append(*marks, p.actual)
				_ = doc.SetCharSpacing(markTc)
			}
			err := doc.Text(p.shown)
			_ = doc.SetCharSpacing(0)
			if err != nil {
				return fmt.Errorf("pdf: text %q: %w", e.s, err)
			}
			x += textWidth(m, p.shown, e.size, e.bold)
		}
	case rectEl:
		style := ""
		if e.fill != "" {
			doc.SetFillColor(e.fill.RGB())
			style += "F"
		}
		if e.stroke != "" {
			doc.SetStrokeColor(e.stroke.RGB())
			doc.SetLineWidth(e.lw)
			style += "D"
		}
		if style == "" || e.r.w <= 0 || e.r.h <= 0 {
			return nil
		}
		if style == "FD" {
			style = "DF"
		}
		doc.RectFromUpperLeftWithStyle(e.r.x, e.r.y, e.r.w, e.r.h, style)
	case lineEl:
		doc.SetStrokeColor(e.color.RGB())
		doc.SetLineWidth(e.lw)
		doc.Line(e.x1, e.y1, e.x2, e.y2)
	}
	return nil
}
