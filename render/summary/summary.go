// Package summary writes the Excel summary workbook (集計表.xlsx) from an aggregate result:
// the figures of the report as tables a person can check and reuse, the answers of every
// ward side by side, the submission status, and native charts of the choice questions.
//
// The workbook holds values only, never formulas: it is a record of what was aggregated,
// and text from the wards must never be able to run as a formula in someone's Excel.
package summary

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
)

// The sheet names, in workbook order. They are exported so tests and tools that read the
// workbook back do not repeat the Japanese literals.
const (
	SheetSummary = "集計"
	SheetAnswers = "区別回答"
	SheetCounts  = "件数"
	SheetTexts   = "自由記述"
	SheetStatus  = "提出状況"
	SheetCharts  = "グラフ"
)

// TotalLabel heads the total row of a counts question that has 再掲 rows, which the total
// leaves out; a question without them has a plain 合計.
const TotalLabel = "合計（再掲を除く）"

// Continued follows the heading of a table that runs over a page, where the table's
// header row is repeated at the top of the next page: 「（１）…（続き）」. A program that
// reads the tables back skips such a heading and the header rows under it.
const Continued = "（続き）"

// Dash marks a figure that does not exist (an earlier survey without the question or
// option), so it is not mistaken for 0.
const Dash = "―"

const (
	// font is the typeface of every cell, chart and heading: a font entry without a name
	// prints in a serif substitute in LibreOffice. BIZ UDPゴシック ships with Windows 10
	// (1809) and later and with Debian/Ubuntu (fonts-morisawa-bizud-gothic).
	font = "BIZ UDPゴシック"
	// monoFont is its fixed-pitch sibling, for the SHA-256 digests a person compares by eye.
	monoFont = "BIZ UDゴシック"
	// fontSize is the size of the default font; a style without a size gets it, so that
	// every program prints the same size.
	fontSize = 11
	// charsetShiftJIS marks the fonts as Japanese: where BIZ UDPゴシック is missing,
	// Windows falls back to another Japanese Gothic instead of a Latin font.
	charsetShiftJIS = 128
	// docDate is fixed so the same result always gives the same bytes.
	docDate = "2000-01-01T00:00:00Z"

	// Chart colours run dark → light so that they stay apart in greyscale print.
	colorDark    = "1F4E79"
	colorMid     = "5B9BD5"
	colorLight   = "BDD7EE"
	colorNoReply = "F4B183"
)

// optionColors keeps an answer the same colour in every chart, whatever its position in
// the question's list, so 実施している reads the same throughout the report.
var optionColors = map[string]string{
	"実施している":       colorDark,
	"開催している":       colorDark,
	"把握している":       colorDark,
	"実施に向けて準備・調整中": colorMid,
	"開催予定":         colorMid,
	"現時点では未着手":     colorLight,
	"現時点では未開催":     colorLight,
	"把握していない":      colorLight,
	"開催予定なし":       colorLight,
}

const noReplyLabel = "未回答"

// Write writes the summary workbook of res to w. id is the 集計ID (aggregate.ID) shown on
// 提出状況 and in the document properties; empty shows none. The same result and id always
// give the same bytes.
func Write(w io.Writer, res *aggregate.Result, id string) error {
	if res == nil {
		return fmt.Errorf("集計結果がありません")
	}
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, res: res, id: id, wards: map[string]aggregate.WardStatus{}}
	for _, ws := range res.Submission.Wards {
		b.wards[ws.Ward] = ws
	}
	if err := b.build(); err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	data, err := sortContentTypes(buf.Bytes())
	if err != nil {
		return fmt.Errorf("集計表を作成できません: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("集計表を書き込めません: %w", err)
	}
	return nil
}

// contentTypesPart lists the content types of the package parts.
const contentTypesPart = "[Content_Types].xml"

var defaultTypeRE = regexp.MustCompile(`<Default [^>]*?/?>(?:</Default>)?`)

// sortContentTypes puts the <Default> entries of [Content_Types].xml in a fixed order.
// excelize adds the image extensions from a Go map when a sheet gets a drawing, so
// their order, and with it the file's bytes, would change from run to run. Every other
// part is copied as it is, compressed bytes and all.
func sortContentTypes(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		if zf.Name != contentTypesPart {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		x, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		locs := defaultTypeRE.FindAllIndex(x, -1)
		entries := make([]string, len(locs))
		for i, l := range locs {
			entries[i] = string(x[l[0]:l[1]])
		}
		sort.Strings(entries)
		var sorted bytes.Buffer
		prev := 0
		for i, l := range locs {
			sorted.Write(x[prev:l[0]])
			sorted.WriteString(entries[i])
			prev = l[1]
		}
		sorted.Write(x[prev:])
		hdr := zf.FileHeader
		hdr.CompressedSize64, hdr.UncompressedSize64, hdr.CRC32 = 0, 0, 0
		w, err := zw.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(sorted.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

type book struct {
	f     *excelize.File
	res   *aggregate.Result
	id    string
	wards map[string]aggregate.WardStatus
	st    styles
	err   error
}

type styles struct {
	title, sub, summary, summaryBad, section, item, question, note          int
	head, headLeft, key, label, repeatLabel, number, repeatNumber, text     int
	centre, dash, totalLabel, totalNumber, grey, noReply, bad, sha, wrapTop int
}

// check keeps the first error so the layout code reads as a sequence of steps.
func (b *book) check(err error) {
	if b.err == nil && err != nil {
		b.err = err
	}
}

func (b *book) build() error {
	f := b.f
	b.check(f.SetDefaultFont(font))
	b.makeStyles()
	for i, name := range []string{SheetSummary, SheetAnswers, SheetCounts, SheetTexts, SheetStatus, SheetCharts} {
		if i == 0 {
			b.check(f.SetSheetName("Sheet1", name))
		} else {
			_, err := f.NewSheet(name)
			b.check(err)
		}
	}
	b.summarySheet()
	b.answersSheet()
	b.countsSheet()
	b.textsSheet()
	b.statusSheet()
	b.chartsSheet()
	props := &excelize.DocProperties{
		Title:    b.res.PeriodLabel + " " + b.res.Survey.ReportTitle + " 集計表",
		Subject:  b.res.Survey.Title,
		Creator:  "zaitaku",
		Created:  docDate,
		Modified: docDate,
	}
	if b.id != "" {
		// Excel shows Keywords as タグ in the file's properties.
		props.Identifier = b.id
		props.Keywords = "集計ID " + b.id
	}
	b.check(f.SetDocProps(props))
	f.SetActiveSheet(0)
	return b.err
}

func (b *book) makeStyles() {
	ns := func(s *excelize.Style) int {
		if s.Font == nil {
			s.Font = &excelize.Font{}
		}
		s.Font = withFont(*s.Font)
		id, err := b.f.NewStyle(s)
		b.check(err)
		return id
	}
	thin := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	wrap := &excelize.Alignment{WrapText: true, Vertical: "center"}
	centre := &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"}
	b.st = styles{
		title:        ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		sub:          ns(&excelize.Style{Font: &excelize.Font{Size: 11}}),
		summary:      ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 11}}),
		summaryBad:   ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "C00000"}, Fill: fill("FFE7E7")}),
		section:      ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13, Color: "FFFFFF"}, Fill: fill(colorDark), Alignment: &excelize.Alignment{Vertical: "center"}}),
		item:         ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}, Fill: fill("DDEBF7"), Alignment: &excelize.Alignment{Vertical: "center"}}),
		question:     ns(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		note:         ns(&excelize.Style{Font: &excelize.Font{Size: 9, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		head:         ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10}, Fill: fill("F2F2F2"), Border: thin, Alignment: centre}),
		headLeft:     ns(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 10}, Fill: fill("F2F2F2"), Border: thin, Alignment: wrap}),
		key:          ns(&excelize.Style{Font: &excelize.Font{Size: 8, Color: "808080"}, Fill: fill("F2F2F2"), Border: thin, Alignment: centre}),
		label:        ns(&excelize.Style{Border: thin, Alignment: wrap}),
		repeatLabel:  ns(&excelize.Style{Border: thin, Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Indent: 2}}),
		number:       ns(&excelize.Style{Border: thin, NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}),
		repeatNumber: ns(&excelize.Style{Border: thin, NumFmt: 3, Font: &excelize.Font{Italic: true, Color: "595959"}, Alignment: &excelize.Alignment{Vertical: "center"}}),
		text:         ns(&excelize.Style{Border: thin, Alignment: wrap}),
		centre:       ns(&excelize.Style{Border: thin, Alignment: centre}),
		dash:         ns(&excelize.Style{Border: thin, Font: &excelize.Font{Color: "808080"}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}),
		totalLabel:   ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true}, Fill: fill("EDEDED"), Alignment: wrap}),
		totalNumber:  ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true}, Fill: fill("EDEDED"), NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "center"}}),
		grey:         ns(&excelize.Style{Border: thin, Fill: fill("D9D9D9"), Font: &excelize.Font{Color: "595959"}, Alignment: wrap}),
		noReply:      ns(&excelize.Style{Border: thin, Font: &excelize.Font{Italic: true, Color: "808080"}, Alignment: centre}),
		bad:          ns(&excelize.Style{Border: thin, Font: &excelize.Font{Bold: true, Color: "C00000"}, Alignment: wrap}),
		sha:          ns(&excelize.Style{Border: thin, Font: &excelize.Font{Size: 8, Family: monoFont}, Alignment: wrap}),
		wrapTop:      ns(&excelize.Style{Border: thin, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
}

// withFont names the workbook's font (and size and charset) in a cell font that leaves
// them out.
func withFont(f excelize.Font) *excelize.Font {
	if f.Family == "" {
		f.Family = font
	}
	if f.Size == 0 {
		f.Size = fontSize
	}
	if f.Charset == nil {
		cs := charsetShiftJIS
		f.Charset = &cs
	}
	return &f
}

// sheet lays out one worksheet and remembers how tall each row must be: Excel does not
// grow rows on open, so wrapped text would otherwise be cut off on screen and in print.
type sheet struct {
	*book
	name    string
	widths  map[int]float64
	lines   map[int]int
	lastCol int
	// keeps and spans are the blocks of rows and columns a page break must not cut.
	keeps []keep
	spans []span
}

func (b *book) sheet(name string, widths map[int]float64, defWidth float64, lastCol int) *sheet {
	s := &sheet{book: b, name: name, widths: widths, lines: map[int]int{}}
	s.lastCol = lastCol
	for c := 1; c <= lastCol; c++ {
		if _, ok := widths[c]; !ok {
			widths[c] = defWidth
		}
		n := colName(c)
		b.check(b.f.SetColWidth(name, n, n, widths[c]))
	}
	return s
}

func colName(c int) string {
	n, _ := excelize.ColumnNumberToName(c)
	return n
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// str writes text as a string cell, never a formula, whatever it starts with.
func (s *sheet) str(col, row int, v string, style int) {
	c := cellName(col, row)
	s.check(s.f.SetCellStr(s.name, c, v))
	if style != 0 {
		s.check(s.f.SetCellStyle(s.name, c, c, style))
	}
}

// text writes a wrapped string and makes its row tall enough for it.
func (s *sheet) text(col, row int, v string, style int) {
	s.str(col, row, v, style)
	s.need(row, v, s.widths[col])
}

// textSpan writes wrapped text merged over cols col..last.
func (s *sheet) textSpan(col, last, row int, v string, style int) {
	s.str(col, row, v, style)
	w := 0.0
	for c := col; c <= last; c++ {
		w += s.widths[c]
	}
	if last > col {
		s.check(s.f.MergeCell(s.name, cellName(col, row), cellName(last, row)))
		s.check(s.f.SetCellStyle(s.name, cellName(col, row), cellName(last, row), style))
	}
	s.need(row, v, w)
}

func (s *sheet) num(col, row int, v int64, style int) {
	c := cellName(col, row)
	s.check(s.f.SetCellInt(s.name, c, v))
	s.check(s.f.SetCellStyle(s.name, c, c, style))
}

func (s *sheet) style(col, row, last int, style int) {
	s.check(s.f.SetCellStyle(s.name, cellName(col, row), cellName(last, row), style))
}

func (s *sheet) need(row int, v string, colWidth float64) {
	if n := form.TextLines(v, colWidth); n > s.lines[row] {
		s.lines[row] = n
	}
}

// maxRowHeight is Excel's tallest row (409 points). A longer cell — the wards tied for a
// minimum among 1,741 municipalities — keeps all its text but shows only the first lines.
const maxRowHeight = 409

// finish sets the row heights the wrapped text needs.
func (s *sheet) finish() {
	rows := make([]int, 0, len(s.lines))
	for row := range s.lines {
		rows = append(rows, row)
	}
	sort.Ints(rows)
	for _, row := range rows {
		if n := s.lines[row]; n > 1 {
			s.check(s.f.SetRowHeight(s.name, row, min(float64(n)*15+4, maxRowHeight)))
		}
	}
}

// How a sheet is scaled to A4 landscape paper.
type fit int

const (
	// fitWidth shrinks the sheet to one page wide: tables read top to bottom.
	fitWidth fit = iota
	// fitHeight shrinks the ward matrices to one page tall, so every page shows all wards
	// and the questions run across pages; one page wide would make them illegibly small.
	fitHeight
	// fitNone prints at a fixed scale (chartScale): Excel ignores manual page breaks under
	// fit-to-page, and the chart sheet needs them so no chart is cut in two.
	fitNone
)

// page sets A4 landscape printing with the period in the header and page numbers in the
// footer; titleRows and titleCols repeat on every page.
func (s *sheet) page(mode fit, titleRows int, titleCols int) {
	f := s.f
	size, orient := 9, "landscape"
	opts := &excelize.PageLayoutOptions{Size: &size, Orientation: &orient}
	if mode == fitNone {
		scale := uint(chartScale)
		opts.AdjustTo = &scale
	} else {
		fw, fh := 1, 0
		if mode == fitHeight {
			fw, fh = 0, 1
		}
		opts.FitToWidth, opts.FitToHeight = &fw, &fh
		t := true
		s.check(f.SetSheetProps(s.name, &excelize.SheetPropsOptions{FitToPage: &t}))
	}
	s.check(f.SetPageLayout(s.name, opts))
	side, edge, hf := marginSide, marginEdge, marginHF
	s.check(f.SetPageMargins(s.name, &excelize.PageLayoutMarginsOptions{Left: &side, Right: &side, Top: &edge, Bottom: &edge, Header: &hf, Footer: &hf}))
	header := "&L&9" + s.res.PeriodLabel + "　" + s.res.Survey.ReportTitle + "&R&9&A"
	s.check(f.SetHeaderFooter(s.name, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: "&C&9&P / &N"}))
	if mode == fitWidth {
		// Before the print titles are named: the rows it inserts make excelize rewrite
		// the sheet's defined names.
		s.rowBreaks(titleRows)
	}
	var refs []string
	quoted := "'" + s.name + "'!"
	if titleCols > 0 {
		refs = append(refs, fmt.Sprintf("%s$A:$%s", quoted, colName(titleCols)))
	}
	if titleRows > 0 {
		refs = append(refs, fmt.Sprintf("%s$1:$%d", quoted, titleRows))
	}
	if len(refs) > 0 {
		s.check(f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: s.name, RefersTo: strings.Join(refs, ",")}))
	}
}

func (s *sheet) freeze(cols, rows int) {
	pane := "bottomRight"
	switch {
	case cols == 0:
		pane = "bottomLeft"
	case rows == 0:
		pane = "topRight"
	}
	s.check(s.f.SetPanes(s.name, &excelize.Panes{
		Freeze: true, XSplit: cols, YSplit: rows, TopLeftCell: cellName(cols+1, rows+1), ActivePane: pane,
	}))
}

// header writes the title, period and submission lines every sheet starts with, and returns
// the next free row. An incomplete aggregate is flagged in red: figures from 22 wards must
// not pass for the city's total.
func (s *sheet) header(title string, span int) int {
	res := s.res
	s.str(1, 1, title, s.st.title)
	s.check(s.f.SetRowHeight(s.name, 1, 22))
	s.str(1, 2, res.PeriodLabel, s.st.sub)
	st := s.st.summary
	if !res.Submission.Complete {
		st = s.st.summaryBad
	}
	s.str(1, 3, res.Submission.Summary, st)
	if !res.Submission.Complete && span > 1 {
		s.style(2, 3, span, st)
	}
	return 4
}

// ---------------------------------------------------------------- 集計

// Columns of the counts tables on 集計.
const (
	colSum = 2 + iota
	colMin
	colMinWards
	colMax
	colMaxWards
	colBlocks
)

func (b *book) summarySheet() {
	res := b.res
	last := colBlocks + len(res.Units.Blocks) + len(res.Earlier) - 1
	for _, q := range res.Questions {
		if isChoice(q) {
			n := 1 + len(q.Options) + 1
			if hasNoReply(q) {
				n++
			}
			for _, e := range withData(q) {
				n += len(earlierOptions(q, e))
			}
			last = max(last, n)
		}
	}
	s := b.sheet(SheetSummary, map[int]float64{1: 58, colMinWards: 18, colMaxWards: 18}, 11, last)
	row := s.header(res.Survey.ReportTitle, last)
	s.str(2, 2, res.Survey.Title, s.st.note)
	if !res.Submission.Complete {
		s.str(1, row, "※ 回答のあった区だけの集計です。未提出・除外の区の分は含まれていません。", s.st.summaryBad)
		s.style(2, row, last, s.st.summaryBad)
		row++
	}
	for _, e := range res.Earlier {
		s.str(1, row, fmt.Sprintf("比較：%s（%s）", e.PeriodLabel, e.Summary), s.st.note)
		row++
	}
	s.freeze(1, 3)
	row++

	var lastSheet, lastItem string
	for _, q := range res.Questions {
		if !isChoice(q) && q.Type != schema.Counts && q.Type != schema.Total {
			continue
		}
		start := row
		if q.Sheet != lastSheet {
			if q.SheetTitle != "" {
				s.str(1, row, q.SheetTitle, s.st.section)
				s.style(2, row, last, s.st.section)
				s.check(s.f.SetRowHeight(s.name, row, 22))
				row += 2
			}
			lastSheet, lastItem = q.Sheet, ""
		}
		if q.Item != lastItem {
			s.str(1, row, q.ItemHeading, s.st.item)
			s.style(2, row, last, s.st.item)
			s.check(s.f.SetRowHeight(s.name, row, 20))
			row++
			lastItem = q.Item
		}
		s.str(1, row, questionHeading(q), s.st.question)
		if n := b.questionNote(q); n != "" {
			s.str(2, row, n, s.st.note)
		}
		row++
		head, tableHead, tableRows := row, s.countsHead, s.countsRows
		if isChoice(q) {
			tableHead, tableRows = s.choiceHead, s.choiceRows
		}
		body := tableHead(q, row)
		row = tableRows(q, body)
		// A table taller than a page goes on under its heading, marked, and header rows.
		s.keepTable(start, head, body, row-1, func(at int) {
			s.str(1, at, questionHeading(q)+Continued, s.st.question)
			tableHead(q, at+1)
		})
		row++
	}
	s.finish()
	s.page(fitWidth, 3, 0)
}

func isChoice(q *aggregate.Question) bool {
	return q.Type == schema.Choice || q.Type == schema.ChoiceGroup
}

func hasNoReply(q *aggregate.Question) bool {
	for _, r := range q.Rows {
		if len(r.Unanswered) > 0 {
			return true
		}
	}
	return false
}

func hasRepeat(q *aggregate.Question) bool {
	for _, c := range q.Categories {
		if c.Repeat {
			return true
		}
	}
	return false
}

// questionHeading is the question as 資料１ heads it: 「（１）推進会議開催状況」.
func questionHeading(q *aggregate.Question) string { return q.Number + q.Label }

// questionTitle names the question with its item, for places without the item heading
// above it (charts, the free-text list): 「（イ）（１）推進会議開催状況」.
func questionTitle(q *aggregate.Question) string {
	if q.ItemMark == "" {
		return questionHeading(q)
	}
	return "（" + q.ItemMark + "）" + questionHeading(q)
}

// questionNote is the small print beside a heading: what the figures are and how they add up.
func (b *book) questionNote(q *aggregate.Question) string {
	var parts []string
	if q.Multiple {
		parts = append(parts, "重複可")
	}
	if q.BreakdownOf != "" {
		parts = append(parts, "「"+b.keyLabel(q.BreakdownOf)+"」の内訳")
	}
	if len(q.SumOf) > 0 {
		var ls []string
		for _, k := range q.SumOf {
			ls = append(ls, b.keyLabel(k))
		}
		parts = append(parts, strings.Join(ls, " ＋ ")+" の合計")
	}
	if q.Note != "" {
		parts = append(parts, q.Note)
	}
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "／") + "）"
}

// keyLabel turns an answer key like o2.med into its category label, for notes; the key
// itself is shown when it cannot be found.
func (b *book) keyLabel(key string) string {
	if q := b.res.Question(key); q != nil {
		return questionHeading(q)
	}
	qid, _, _ := strings.Cut(key, ".")
	if q := b.res.Question(qid); q != nil {
		if c := q.Category(key); c != nil {
			return c.Label
		}
	}
	return key
}

// repeatLabel marks a 再掲 category unless its label already says so.
func repeatLabel(c *aggregate.Category) string {
	if c.Repeat && !strings.Contains(c.Label, "再掲") {
		return "（再掲）" + c.Label
	}
	return c.Label
}

// earlierOptions are the columns of one earlier period of a choice question: this
// period's options first, so they line up, then any the earlier survey had besides
// (the meeting question once had 開催予定 / 開催予定なし).
func earlierOptions(q *aggregate.Question, e *aggregate.Snapshot) []string {
	out := append([]string(nil), q.Options...)
	if e.NoData {
		return out
	}
	for _, o := range e.Options {
		if !contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func earlierRow(e *aggregate.Snapshot, key string) *aggregate.ChoiceRow {
	for _, r := range e.Rows {
		if r.Key == key {
			return r
		}
	}
	return nil
}

func earlierCategory(e *aggregate.Snapshot, key string) *aggregate.Category {
	for _, c := range e.Categories {
		if c.Key == key {
			return c
		}
	}
	return nil
}

func periodHead(e *aggregate.Snapshot) string {
	if e.Counted > 0 {
		return fmt.Sprintf("%s（回答%d区）", e.PeriodLabel, e.Counted)
	}
	return e.PeriodLabel
}

// choiceHead writes the header rows of a choice question's table: the periods when earlier
// ones are shown, and the options. It returns the row of the table's first row.
func (s *sheet) choiceHead(q *aggregate.Question, row int) int {
	res := s.res
	noReply := hasNoReply(q)
	nCur := len(q.Options) + 1
	if noReply {
		nCur++
	}
	if len(withData(q)) > 0 {
		s.str(1, row, "", s.st.headLeft)
		s.textSpan(2, 1+nCur, row, res.PeriodLabel, s.st.head)
		c := 2 + nCur
		for _, e := range withData(q) {
			n := len(earlierOptions(q, e))
			s.textSpan(c, c+n-1, row, periodHead(e), s.st.head)
			c += n
		}
		row++
	}
	s.text(1, row, "区分（単位："+res.Units.Label+"）", s.st.headLeft)
	c := 2
	for _, o := range q.Options {
		s.text(c, row, o, s.st.head)
		c++
	}
	s.text(c, row, "合計", s.st.head)
	c++
	if noReply {
		s.text(c, row, noReplyLabel, s.st.head)
		c++
	}
	for _, e := range withData(q) {
		for _, o := range earlierOptions(q, e) {
			s.text(c, row, o, s.st.head)
			c++
		}
	}
	return row + 1
}

// choiceRows writes the rows of a choice question from row on: per row the number of
// wards per option and how many answered. It returns the row after the table.
func (s *sheet) choiceRows(q *aggregate.Question, row int) int {
	noReply := hasNoReply(q)
	for _, r := range q.Rows {
		s.text(1, row, r.Label, s.st.label)
		c := 2
		for _, o := range q.Options {
			s.num(c, row, int64(r.Count(o)), s.st.number)
			c++
		}
		s.num(c, row, int64(r.Answered), s.st.totalNumber)
		c++
		if noReply {
			s.num(c, row, int64(len(r.Unanswered)), s.st.number)
			c++
		}
		for _, e := range withData(q) {
			er := earlierRow(e, r.Key)
			for _, o := range earlierOptions(q, e) {
				if e.NoData || er == nil || !hasOption(er, o) {
					s.str(c, row, Dash, s.st.dash)
				} else {
					s.num(c, row, int64(er.Count(o)), s.st.number)
				}
				c++
			}
		}
		row++
	}
	return row
}

func hasOption(r *aggregate.ChoiceRow, option string) bool {
	for _, o := range r.Options {
		if o.Option == option {
			return true
		}
	}
	return false
}

// countsHead writes the header row of a counts or total question's table and returns the
// row of the table's first row.
func (s *sheet) countsHead(q *aggregate.Question, row int) int {
	res := s.res
	unit := "区分"
	if q.Unit != "" {
		unit += "（単位：" + q.Unit + "）"
	}
	heads := []string{unit, "合計", "最小", "最小の区", "最大", "最大の区"}
	heads = append(heads, res.Units.Blocks...)
	for _, e := range withData(q) {
		heads = append(heads, periodHead(e))
	}
	for i, h := range heads {
		st := s.st.head
		if i == 0 {
			st = s.st.headLeft
		}
		s.text(i+1, row, h, st)
	}
	return row + 1
}

// countsRows writes the rows of a counts or total question from row on: per category the
// sum over wards, the smallest and largest with every ward holding them, and the sum per
// block. It returns the row after the table.
func (s *sheet) countsRows(q *aggregate.Question, row int) int {
	if q.Type == schema.Total {
		s.figureRow(row, q.Label, q.Total, s.st.totalLabel, s.st.totalNumber, withData(q), func(e *aggregate.Snapshot) *aggregate.Figure { return e.Total })
		return row + 1
	}
	for _, c := range q.Categories {
		lst, nst := s.st.label, s.st.number
		if c.Repeat {
			lst, nst = s.st.repeatLabel, s.st.repeatNumber
		}
		key := c.Key
		s.figureRow(row, repeatLabel(c), &c.Figure, lst, nst, withData(q), func(e *aggregate.Snapshot) *aggregate.Figure {
			if ec := earlierCategory(e, key); ec != nil {
				return &ec.Figure
			}
			return nil
		})
		row++
	}
	label := "合計"
	if hasRepeat(q) {
		label = TotalLabel
	}
	s.figureRow(row, label, q.Total, s.st.totalLabel, s.st.totalNumber, withData(q), func(e *aggregate.Snapshot) *aggregate.Figure { return e.Total })
	return row + 1
}

func (s *sheet) figureRow(row int, label string, fig *aggregate.Figure, labelStyle, numStyle int, earlier []*aggregate.Snapshot, get func(*aggregate.Snapshot) *aggregate.Figure) {
	s.text(1, row, label, labelStyle)
	if fig == nil {
		fig = &aggregate.Figure{}
	}
	s.num(colSum, row, fig.Sum, numStyle)
	extreme := func(col int, e *aggregate.Extreme) {
		if e == nil {
			s.str(col, row, Dash, s.st.dash)
			s.str(col+1, row, Dash, s.st.dash)
			return
		}
		s.num(col, row, e.Value, numStyle)
		s.text(col+1, row, strings.Join(e.Wards, "、"), s.st.text)
	}
	extreme(colMin, fig.Min)
	extreme(colMax, fig.Max)
	c := colBlocks
	for _, bl := range s.res.Units.Blocks {
		s.num(c, row, blockValue(fig.ByBlock, bl), numStyle)
		c++
	}
	for _, e := range earlier {
		var ef *aggregate.Figure
		if !e.NoData {
			ef = get(e)
		}
		if ef == nil {
			s.str(c, row, Dash, s.st.dash)
		} else {
			s.num(c, row, ef.Sum, numStyle)
		}
		c++
	}
}

func blockValue(bs []aggregate.BlockCount, block string) int64 {
	for _, b := range bs {
		if b.Block == block {
			return b.Value
		}
	}
	return 0
}

// ---------------------------------------------------------------- 区別回答

// Rows of the ward matrices: the common header, then three header rows (question, row
// label, key), then one row per ward.
const (
	matrixHeadQuestion = 4 + iota
	matrixHeadLabel
	matrixHeadKey
	matrixFirstWard
)

// matrixWardColumns writes the ward, block and status columns of a ward matrix and says
// per ward whether its figures were counted.
func (s *sheet) matrixWardColumns() map[string]bool {
	res := s.res
	counted := map[string]bool{}
	blockHead := res.Units.BlockLabel
	if blockHead == "" {
		blockHead = "ブロック"
	}
	for i, h := range []string{res.Units.Label, blockHead, "状況"} {
		s.textSpanDown(i+1, matrixHeadQuestion, matrixHeadKey, h)
	}
	for i, u := range res.Units.List {
		row := matrixFirstWard + i
		ws, ok := s.wards[u.Name]
		counted[u.Name] = ok && ws.Status == aggregate.StatusCounted
		s.str(1, row, u.Name, s.st.label)
		s.str(2, row, u.Block, s.st.label)
		st := s.st.label
		label := ""
		if ok {
			label = aggregate.StatusLabel(ws.Status)
		}
		if !counted[u.Name] {
			st = s.st.bad
			if !ok {
				label = aggregate.StatusLabel(aggregate.StatusMissing)
			}
		}
		s.text(3, row, label, st)
	}
	return counted
}

// textSpanDown writes a header merged down over the header rows.
func (s *sheet) textSpanDown(col, first, last int, v string) {
	s.str(col, first, v, s.st.head)
	s.check(s.f.MergeCell(s.name, cellName(col, first), cellName(col, last)))
	s.check(s.f.SetCellStyle(s.name, cellName(col, first), cellName(col, last), s.st.head))
}

func (b *book) answersSheet() {
	res := b.res
	type column struct {
		q *aggregate.Question
		r *aggregate.ChoiceRow
	}
	var cols []column
	for _, q := range res.Questions {
		if isChoice(q) {
			for _, r := range q.Rows {
				cols = append(cols, column{q, r})
			}
		}
	}
	const first = 4
	last := first + len(cols) - 1
	s := b.sheet(SheetAnswers, map[int]float64{1: 10, 2: 9, 3: 13}, 13, max(last, 3))
	s.header("区別回答（選択式の設問）", last)
	counted := s.matrixWardColumns()
	for i := 0; i < len(cols); {
		j := i
		for j < len(cols) && cols[j].q == cols[i].q {
			j++
		}
		head := questionTitle(cols[i].q)
		s.textSpan(first+i, first+j-1, matrixHeadQuestion, head, s.st.headLeft)
		s.keepCols(first+i, first+j-1, head)
		i = j
	}
	for i, c := range cols {
		col := first + i
		s.text(col, matrixHeadLabel, c.r.Label, s.st.head)
		s.str(col, matrixHeadKey, c.r.Key, s.st.key)
		// Indexed once per column: a lookup per ward would grow with the square of the wards.
		answers := c.r.Answers()
		unanswered := make(map[string]bool, len(c.r.Unanswered))
		for _, w := range c.r.Unanswered {
			unanswered[w] = true
		}
		for k, u := range res.Units.List {
			row := matrixFirstWard + k
			switch {
			case !counted[u.Name]:
				s.str(col, row, "", s.st.grey)
			case unanswered[u.Name]:
				s.str(col, row, noReplyLabel, s.st.noReply)
			default:
				s.text(col, row, answers[u.Name], s.st.centre)
			}
		}
	}
	s.finish()
	s.freeze(3, matrixHeadKey)
	s.page(fitHeight, matrixHeadKey, 3)
	s.colBreaks(3, matrixHeadQuestion, matrixFirstWard+len(res.Units.List)-1)
}

// ---------------------------------------------------------------- 件数

func (b *book) countsSheet() {
	res := b.res
	type column struct {
		q      *aggregate.Question
		label  string
		key    string
		fig    *aggregate.Figure
		repeat bool
		total  bool
	}
	var cols []column
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Counts:
			for _, c := range q.Categories {
				cols = append(cols, column{q: q, label: repeatLabel(c), key: c.Key, fig: &c.Figure, repeat: c.Repeat})
			}
			label := "合計"
			if hasRepeat(q) {
				label = TotalLabel
			}
			cols = append(cols, column{q: q, label: label, fig: q.Total, total: true})
		case schema.Total:
			cols = append(cols, column{q: q, label: q.Label, key: q.ID, fig: q.Total, total: true})
		}
	}
	const first = 4
	last := first + len(cols) - 1
	s := b.sheet(SheetCounts, map[int]float64{1: 10, 2: 9, 3: 13}, 10, max(last, 3))
	s.header("件数（区別）", last)
	counted := s.matrixWardColumns()
	for i := 0; i < len(cols); {
		j := i
		for j < len(cols) && cols[j].q == cols[i].q {
			j++
		}
		head := questionTitle(cols[i].q)
		if u := cols[i].q.Unit; u != "" {
			head += "（" + u + "）"
		}
		s.textSpan(first+i, first+j-1, matrixHeadQuestion, head, s.st.headLeft)
		s.keepCols(first+i, first+j-1, head)
		i = j
	}
	sumRow := matrixFirstWard + len(res.Units.List)
	for i, label := range []string{"合計", "最小", "最大"} {
		s.str(1, sumRow+i, label, s.st.totalLabel)
		s.style(2, sumRow+i, 3, s.st.totalLabel)
	}
	for i, c := range cols {
		col := first + i
		s.text(col, matrixHeadLabel, c.label, s.st.head)
		s.str(col, matrixHeadKey, c.key, s.st.key)
		numStyle := s.st.number
		if c.repeat {
			numStyle = s.st.repeatNumber
		}
		if c.total {
			numStyle = s.st.totalNumber
		}
		fig := c.fig
		if fig == nil {
			fig = &aggregate.Figure{}
		}
		byWard := map[string]int64{}
		has := map[string]bool{}
		for _, wc := range fig.ByWard {
			byWard[wc.Ward], has[wc.Ward] = wc.Value, true
		}
		for k, u := range res.Units.List {
			row := matrixFirstWard + k
			switch {
			case !counted[u.Name]:
				s.str(col, row, "", s.st.grey)
			case !has[u.Name]:
				s.str(col, row, Dash, s.st.dash)
			default:
				s.num(col, row, byWard[u.Name], numStyle)
			}
		}
		s.num(col, sumRow, fig.Sum, s.st.totalNumber)
		for i, e := range []*aggregate.Extreme{fig.Min, fig.Max} {
			if e == nil {
				s.str(col, sumRow+1+i, Dash, s.st.dash)
			} else {
				s.num(col, sumRow+1+i, e.Value, s.st.totalNumber)
			}
		}
	}
	s.finish()
	s.freeze(3, matrixHeadKey)
	s.page(fitHeight, matrixHeadKey, 3)
	s.colBreaks(3, matrixHeadQuestion, sumRow+2)
}

// ---------------------------------------------------------------- 自由記述

// CasesNote is the line that stands in for the case records: they hold health details of
// individuals and stay out of a workbook that is passed around.
const CasesNote = "相談事例（具体例）は集計表に含めていません（件数: %d件）"

func (b *book) textsSheet() {
	res := b.res
	s := b.sheet(SheetTexts, map[int]float64{1: 34, 2: 10, 3: 90}, 10, 3)
	row := s.header("自由記述", 3)
	for i, h := range []string{"項目", res.Units.Label, "内容"} {
		s.str(i+1, row, h, s.st.head)
	}
	s.freeze(0, row)
	titleRows := row
	row++
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Text, schema.TextList:
			for _, t := range q.Texts {
				for _, line := range t.Lines {
					if strings.TrimSpace(line) == "" {
						continue
					}
					s.text(1, row, questionTitle(q), s.st.wrapTop)
					s.str(2, row, t.Ward, s.st.wrapTop)
					s.text(3, row, line, s.st.wrapTop)
					row++
				}
			}
		case schema.Cases:
			s.text(1, row, questionTitle(q), s.st.wrapTop)
			s.str(2, row, "", s.st.wrapTop)
			s.text(3, row, fmt.Sprintf(CasesNote, len(q.Cases)), s.st.noReply)
			row++
		}
	}
	s.finish()
	s.page(fitWidth, titleRows, 0)
}

// ---------------------------------------------------------------- 提出状況

func (b *book) statusSheet() {
	res := b.res
	s := b.sheet(SheetStatus, map[int]float64{1: 10, 2: 9, 3: 16, 4: 22, 5: 26, 6: 7, 7: 7, 8: 70}, 10, 8)
	row := s.header("提出状況", 8)
	blockHead := res.Units.BlockLabel
	if blockHead == "" {
		blockHead = "ブロック"
	}
	for i, h := range []string{res.Units.Label, blockHead, "状況", "ファイル", "SHA-256", "エラー数", "警告数", "指摘"} {
		s.text(i+1, row, h, s.st.head)
	}
	s.freeze(1, row)
	titleRows := row
	row++
	fileCells := func(files []aggregate.FileInfo) {
		var names, sums []string
		for _, fi := range files {
			names = append(names, fi.Name)
			sums = append(sums, fi.SHA256)
		}
		s.text(4, row, strings.Join(names, "\n"), s.st.text)
		s.str(5, row, strings.Join(sums, "\n"), s.st.sha)
		// A digest takes two lines at the small size.
		s.lines[row] = max(s.lines[row], 2*len(files))
	}
	for _, ws := range res.Submission.Wards {
		st := s.st.label
		if ws.Status != aggregate.StatusCounted {
			st = s.st.bad
		}
		s.str(1, row, ws.Ward, s.st.label)
		s.str(2, row, ws.Block, s.st.label)
		s.text(3, row, aggregate.StatusLabel(ws.Status), st)
		fileCells(ws.Files)
		s.num(6, row, int64(ws.Errors), s.st.number)
		s.num(7, row, int64(ws.Warnings), s.st.number)
		s.text(8, row, findingsText(ws.Findings, len(ws.Files) > 1), s.st.text)
		row++
	}
	for _, o := range res.Submission.Others {
		errs, warns := 0, 0
		for _, f := range o.Findings {
			if f.Severity == finding.Warning {
				warns++
			} else {
				errs++
			}
		}
		s.str(1, row, "（不明）", s.st.label)
		s.str(2, row, "", s.st.label)
		s.text(3, row, "集計対象外", s.st.bad)
		fileCells([]aggregate.FileInfo{o.FileInfo})
		s.num(6, row, int64(errs), s.st.number)
		s.num(7, row, int64(warns), s.st.number)
		s.text(8, row, findingsText(o.Findings, false), s.st.text)
		row++
	}
	if len(res.Earlier) > 0 {
		row++
		earlier := row
		s.str(1, row, "比較した過去の集計結果", s.st.question)
		row++
		for i, h := range []string{"期間", "", "", "ファイル", "SHA-256", "", "", "回答状況"} {
			s.str(i+1, row, h, s.st.head)
		}
		row++
		for _, e := range res.Earlier {
			s.textSpan(1, 3, row, e.PeriodLabel, s.st.label)
			s.text(4, row, e.File, s.st.text)
			s.str(5, row, e.SHA256, s.st.sha)
			s.lines[row] = max(s.lines[row], 2)
			s.style(6, row, 7, s.st.label)
			s.text(8, row, e.Summary, s.st.text)
			row++
		}
		s.keepRows(earlier, row-1)
	}
	if b.id != "" {
		row++
		s.str(1, row, "集計ID", s.st.question)
		s.textSpan(2, 3, row, b.id, s.st.label)
		s.textSpan(4, 8, row, "同じ集計から作った報告書（PDF・HTML）と CSV には同じ集計ID が入っています。", s.st.text)
	}
	s.finish()
	s.page(fitWidth, titleRows, 0)
}

// findingsText lists findings one a line, as every command prints them (finding.Line).
func findingsText(fs []finding.Finding, withFile bool) string {
	return finding.Lines(fs, withFile)
}

// ---------------------------------------------------------------- グラフ

// Layout of the chart sheet: the charts fill columns B–K one under another, each with its
// data table beside it from column M, outside the print area (the figures print on 集計).
const (
	chartCol      = 2
	chartLastCol  = 11
	tableCol      = 13
	chartColWidth = 10
	chartWidth    = 780
	rowPoints     = 15.0
	// rowPixels is how tall excelize takes a 15pt row to be when it anchors a chart
	// (ceil(15 × 4 / 3.4)); sizing with it keeps each chart inside its own rows.
	rowPixels = 18
	// chartScale and rowsPerPage keep a chart and its page together: at 80 % an A4
	// landscape page with 0.6in top and bottom margins holds about 42 rows of 15pt.
	chartScale    = 80
	rowsPerPage   = 40
	chartFirstRow = 5
)

func (b *book) chartsSheet() {
	res := b.res
	last := tableCol + 1
	for _, q := range res.Questions {
		if isChoice(q) {
			last = max(last, tableCol+2+len(q.Options))
		}
	}
	widths := map[int]float64{1: 2, 12: 3, tableCol: 60}
	for c := chartCol; c <= chartLastCol; c++ {
		widths[c] = chartColWidth
	}
	s := b.sheet(SheetCharts, widths, 12, last)
	s.header("グラフ（選択式の設問）", chartLastCol)
	row, pageStart := chartFirstRow, 1
	for _, q := range res.Questions {
		if !isChoice(q) {
			continue
		}
		series := append([]string(nil), q.Options...)
		if hasNoReply(q) && !contains(q.Options, noReplyLabel) {
			series = append(series, noReplyLabel)
		}
		height := 150 + 34*len(q.Rows)
		rows := (height + rowPixels - 1) / rowPixels
		if row-pageStart+rows > rowsPerPage && row > chartFirstRow {
			b.check(b.f.InsertPageBreak(SheetCharts, cellName(1, row)))
			pageStart = row
		}
		// Fixed row heights keep the chart the size it was anchored at, whatever the
		// default row height of the viewer.
		for r := row; r <= row+rows; r++ {
			b.check(b.f.SetRowHeight(SheetCharts, r, rowPoints))
		}

		// The data table the chart reads: the chart stays a native, editable Excel chart.
		s.str(tableCol, row, questionTitle(q), s.st.question)
		head := row + 1
		s.str(tableCol, head, "区分（単位："+res.Units.Label+"）", s.st.headLeft)
		for i, o := range series {
			s.str(tableCol+1+i, head, o, s.st.head)
		}
		s.str(tableCol+1+len(series), head, "合計", s.st.head)
		for i, r := range q.Rows {
			rr := head + 1 + i
			s.str(tableCol, rr, r.Label, s.st.label)
			total := 0
			for j, o := range series {
				v := r.Count(o)
				if o == noReplyLabel && !contains(q.Options, o) {
					v = len(r.Unanswered)
				}
				total += v
				s.num(tableCol+1+j, rr, int64(v), s.st.number)
			}
			s.num(tableCol+1+len(series), rr, int64(total), s.st.totalNumber)
		}
		b.check(b.f.AddChart(SheetCharts, cellName(chartCol, row), b.chart(q, series, head, height)))
		row += rows + 1
	}
	b.check(b.f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", Scope: SheetCharts,
		RefersTo: fmt.Sprintf("'%s'!$A$1:$%s$%d", SheetCharts, colName(chartLastCol), max(row-1, 3)),
	}))
	s.page(fitNone, 0, 0)
}

// chart is the horizontal stacked bar chart of one choice question as 資料１ draws it:
// one bar per row on a 0–(number of wards) axis, one segment per option.
func (b *book) chart(q *aggregate.Question, series []string, head, height int) *excelize.Chart {
	res := b.res
	first, last := head+1, head+len(q.Rows)
	ref := func(col, from, to int) string {
		c := colName(col)
		if from == to {
			return fmt.Sprintf("'%s'!$%s$%d", SheetCharts, c, from)
		}
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", SheetCharts, c, from, c, to)
	}
	axisFont := excelize.Font{Size: 9, Family: font, Color: "404040"}
	gap := uint(60)
	chart := &excelize.Chart{
		Type:      excelize.BarStacked,
		Dimension: excelize.ChartDimension{Width: chartWidth, Height: uint(height)},
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
			Text: questionTitle(q), Font: &excelize.Font{Bold: true, Size: 12, Family: font},
		}}},
		Legend: excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Size: 9, Family: font}},
		PlotArea: excelize.ChartPlotArea{
			ShowVal: true,
			// Zero counts get no label: a row of 0s would crowd out the bars.
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0;;;"},
		},
		// Reversed so the first row is on top, as in the question.
		XAxis: excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis: excelize.ChartAxis{
			MajorGridLines: true,
			Font:           axisFont,
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{
				Text: "（" + res.Units.Label + "）", Font: &excelize.Font{Size: 9, Family: font, Color: "404040"},
			}}},
		},
		GapWidth: &gap,
		Format:   excelize.GraphicOptions{AltText: questionTitle(q), PrintObject: boolPtr(true), ScaleX: 1, ScaleY: 1},
	}
	// The axis always runs to the number of wards, so bars of different questions and of
	// an incomplete aggregate compare at a glance.
	if n := res.Submission.Expected; n > 0 {
		maxV, minV := float64(n), 0.0
		chart.YAxis.Maximum, chart.YAxis.Minimum = &maxV, &minV
		chart.YAxis.MajorUnit = math.Max(1, float64(n)/4)
	}
	for i, o := range series {
		colour := optionColour(o, i, len(q.Options))
		label := "000000"
		if colour == colorDark {
			label = "FFFFFF"
		}
		chart.Series = append(chart.Series, excelize.ChartSeries{
			Name:       ref(tableCol+1+i, head, head),
			Categories: ref(tableCol, first, last),
			Values:     ref(tableCol+1+i, first, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}},
			DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Size: 9, Color: label, Family: font}},
		})
	}
	return chart
}

// optionColour is the fixed colour of a known answer, or for others one by position from
// dark (first option) to light (last).
func optionColour(option string, i, n int) string {
	if c, ok := optionColors[option]; ok {
		return c
	}
	switch {
	case option == noReplyLabel:
		return colorNoReply
	case i == 0:
		return colorDark
	case i == n-1:
		return colorLight
	case i == 1:
		return colorMid
	}
	return []string{"A5A5A5", "7F7F7F", "D9D9D9"}[i%3]
}

func boolPtr(b bool) *bool { return &b }

// withData is a question's earlier periods that had the question: a period whose survey
// lacked it would only add a column of 「―」.
func withData(q *aggregate.Question) []*aggregate.Snapshot {
	var out []*aggregate.Snapshot
	for _, e := range q.Earlier {
		if !e.NoData {
			out = append(out, e)
		}
	}
	return out
}
