package summary_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// TestLibreOfficeReadsSummary converts the 集計 sheet to CSV with LibreOffice: the figures
// must survive another spreadsheet program, not only excelize.
func TestLibreOfficeReadsSummary(t *testing.T) {
	pub := func(question, key, option string) string { return published(t, question, key, option) }
	bin := formtest.Soffice(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "集計表.xlsx")
	if err := os.WriteFile(src, write(t, sample(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "csv")
	// Comma, double quote, UTF-8 (76), from line 1; the last token picks sheet 1 (集計).
	formtest.Convert(t, bin, src, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1`, out)
	// LibreOffice names the file after the sheet when one is picked (集計表-集計.csv).
	found, _ := filepath.Glob(filepath.Join(out, "*.csv"))
	sort.Strings(found)
	if len(found) != 1 {
		t.Fatalf("CSV files: %v", found)
	}
	data, err := os.ReadFile(found[0])
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 3 || recs[0][0] != "区役所・相談支援室の取組について" || recs[2][0] != "回答 24／24区" {
		t.Fatalf("not the 集計 sheet: %q", recs[:min(3, len(recs))])
	}
	has := func(cells ...string) bool {
		for _, rec := range recs {
			if len(rec) >= len(cells) && strings.Join(rec[:len(cells)], ",") == strings.Join(cells, ",") {
				return true
			}
		}
		return false
	}
	for _, want := range [][]string{
		{"区分（単位：区）", "開催している", "現時点では未開催", "合計"},
		{"推進会議開催状況", pub("i1", "i1", "開催している"), pub("i1", "i1", "現時点では未開催"), "24"},
		{"多職種研修会の実施状況", pub("ka1", "ka1", "開催している"), pub("ka1", "ka1", "現時点では未開催"), "24"},
		{summary.TotalLabel, pub("u3", "", ""), "58", "浪速区", "671", "平野区"},
		{"（再掲：積極的役割を担う医療機関）", "348"},
		{"１．医療に関すること", pub("o2", "o2.med", "")},
		{"合計", pub("o2", "", "")},
		{"会議出席回数", pub("o4total", "", ""), "18", "浪速区", "71", "平野区"},
	} {
		if !has(want...) {
			t.Errorf("no row %q in LibreOffice's CSV", want)
		}
	}
	// A table that runs over a printed page goes on under its heading marked 「（続き）」
	// and its header row, which a reader of the CSV can tell and skip.
	continued := 0
	for i, rec := range recs {
		if !strings.HasSuffix(rec[0], summary.Continued) {
			continue
		}
		continued++
		if i+1 == len(recs) || !strings.HasPrefix(recs[i+1][0], "区分") {
			t.Errorf("CSV row %d %q is not followed by the header row", i+1, rec[0])
		}
	}
	if continued == 0 {
		t.Error("no continued table in LibreOffice's CSV; the sample should have one")
	}
}

func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return n
}

// TestPrintTitles: every sheet of tables repeats its header rows (and the ward columns of
// the matrices) on each printed page.
func TestPrintTitles(t *testing.T) {
	f := open(t, write(t, sample(t)))
	want := map[string]string{
		summary.SheetSummary: "'集計'!$1:$3",
		sheetAnswers:         "'区別回答'!$A:$C,'区別回答'!$1:$6",
		summary.SheetCounts:  "'件数'!$A:$C,'件数'!$1:$6",
		summary.SheetTexts:   "'自由記述'!$1:$4",
		summary.SheetStatus:  "'提出状況'!$1:$4",
	}
	got := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			got[dn.Scope] = dn.RefersTo
		}
	}
	for sheet, ref := range want {
		if got[sheet] != ref {
			t.Errorf("%s: print titles %q, want %q", sheet, got[sheet], ref)
		}
	}
	// The header rows named are the tables' header rows.
	rs := rows(t, f, summary.SheetTexts)
	if strings.Join(rs[3][:3], ",") != "項目,区,内容" {
		t.Errorf("自由記述 row 4 is %q, not the header", rs[3][:3])
	}
	if rs := rows(t, f, summary.SheetStatus); rs[3][0] != "区" || rs[3][4] != "SHA-256" {
		t.Errorf("提出状況 row 4 is %q, not the header", rs[3][:8])
	}
}

// TestSummaryContinuedTables: a table on 集計 that runs over a page goes on, after a
// manual page break, under its heading marked 「（続き）」 and its header rows again,
// styled as the originals; a reader that skips those rows gets the table whole.
func TestSummaryContinuedTables(t *testing.T) {
	// With the earlier periods the wards tied for a minimum make ① 相談者別内訳 run over
	// pages; without them too.
	for _, c := range []struct {
		name string
		res  *aggregate.Result
	}{{"history", aggregatetest.Sample(t)}, {"plain", sample(t)}} {
		res := c.res
		t.Run(c.name, func(t *testing.T) {
			data := write(t, res)
			sh := readSummarySheet(t, data)
			continued := 0
			for _, q := range res.Questions {
				switch q.Type {
				case schema.Choice, schema.ChoiceGroup, schema.Counts, schema.Total:
				default:
					continue
				}
				continued += sh.checkContinued(t, q)
			}
			if continued == 0 {
				t.Fatal("no table of the sample runs over a page; the test proves nothing")
			}
			// Read back without the repeated rows, the long tables are whole.
			blocks := summaryBlocks(t, sh.f, res)
			for _, id := range []string{"o1", "u3"} {
				q := res.Question(id)
				b := blocks[id]
				for i, c := range q.Categories {
					if b.rows[i][0] != c.Label && !strings.HasSuffix(b.rows[i][0], c.Label) {
						t.Errorf("%s row %d is %q, want %q", id, i, b.rows[i][0], c.Label)
					}
					if b.rows[i][1] != itoa(c.Sum) {
						t.Errorf("%s %s: sum %q, want %d", id, c.Label, b.rows[i][1], c.Sum)
					}
				}
			}
		})
	}
}

// summarySheet is the 集計 sheet as the continued-table checks read it.
type summarySheet struct {
	f        *excelize.File
	rs       [][]string
	breaks   map[int]bool     // rows that start a printed page
	headings map[string]int   // the sheet row of each question's heading
	merges   map[int][]string // merged ranges by their first row
}

func readSummarySheet(t *testing.T, data []byte) *summarySheet {
	t.Helper()
	f := open(t, data)
	sh := &summarySheet{f: f, rs: rows(t, f, summary.SheetSummary), breaks: map[int]bool{}, headings: map[string]int{}, merges: map[int][]string{}}
	sheetXML := zipParts(t, data)["xl/worksheets/sheet1.xml"]
	for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(sheetXML, -1) {
		n, _ := strconv.Atoi(m[1])
		sh.breaks[n+1] = true // a break after row id: the next row starts the page
	}
	for i, r := range sh.rs {
		if _, ok := sh.headings[r[0]]; !ok {
			sh.headings[r[0]] = i + 1
		}
	}
	mcs, err := f.GetMergeCells(summary.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for _, mc := range mcs {
		c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
		sh.merges[r1] = append(sh.merges[r1], fmt.Sprintf("%d-%d+%d", c1, c2, r2-r1))
	}
	return sh
}

// styles is a row's first twenty cells as value/style, to compare a repeated header row
// with the original.
func (sh *summarySheet) styles(row int) []string {
	var out []string
	for c := 1; c <= 20; c++ {
		v, _ := sh.f.GetCellValue(summary.SheetSummary, cellName(c, row))
		st, _ := sh.f.GetCellStyle(summary.SheetSummary, cellName(c, row))
		out = append(out, fmt.Sprintf("%s/%d", v, st))
	}
	return out
}

// checkContinued checks every continuation of q's table: a page break before it, the
// heading's style, and header rows repeated with the same values, styles, merges and
// heights. It returns how many continuations there were.
func (sh *summarySheet) checkContinued(t *testing.T, q *aggregate.Question) int {
	t.Helper()
	heading := q.Number + q.Label
	hrow, ok := sh.headings[heading]
	if !ok {
		t.Fatalf("%s: heading %q not on 集計", q.ID, heading)
	}
	headRows := 1
	if len(sh.rs[hrow]) > 0 && sh.rs[hrow][0] == "" {
		headRows = 2 // the period row above the option heads
	}
	continued := 0
	for i, r := range sh.rs {
		if r[0] != heading+summary.Continued {
			continue
		}
		continued++
		row := i + 1
		if !sh.breaks[row] {
			t.Errorf("%s: row %d continues the table with no page break before it", q.ID, row)
		}
		hs, _ := sh.f.GetCellStyle(summary.SheetSummary, cellName(1, hrow))
		if cs, _ := sh.f.GetCellStyle(summary.SheetSummary, cellName(1, row)); cs != hs {
			t.Errorf("%s: continued heading in style %d, the heading in %d", q.ID, cs, hs)
		}
		for j := 1; j <= headRows; j++ {
			if got, want := sh.styles(row+j), sh.styles(hrow+j); strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: row %d is %q, want the header row %d %q", q.ID, row+j, got, hrow+j, want)
			}
			if got, want := sh.merges[row+j], sh.merges[hrow+j]; strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s: row %d merges %v, the header row %v", q.ID, row+j, got, want)
			}
			gh, _ := sh.f.GetRowHeight(summary.SheetSummary, row+j)
			wh, _ := sh.f.GetRowHeight(summary.SheetSummary, hrow+j)
			if gh != wh {
				t.Errorf("%s: row %d is %v tall, the header row %v", q.ID, row+j, gh, wh)
			}
		}
	}
	return continued
}

// TestMatrixTitlesOnEveryPage: a question of a ward matrix wider than a page is split at
// manual column breaks, and each page of it has the question's title merged over its
// columns there, marked 「（続き）」 after the first; no title runs over a break.
func TestMatrixTitlesOnEveryPage(t *testing.T) {
	wide := sample(t)
	// A choice group of 40 rows is wider than any page of 区別回答.
	q := wide.Question("i2")
	for i := len(q.Rows); i < 40; i++ {
		r := *q.Rows[i%len(q.Rows)]
		r.Key = fmt.Sprintf("%s.x%02d", q.ID, i)
		q.Rows = append(q.Rows, &r)
	}
	for _, c := range []struct {
		sheet, part string
		res         *aggregate.Result
	}{
		{sheetAnswers, "xl/worksheets/sheet2.xml", wide},
		{summary.SheetCounts, "xl/worksheets/sheet3.xml", sample(t)},
	} {
		t.Run(c.sheet, func(t *testing.T) {
			data := write(t, c.res)
			f := open(t, data)
			breaks := map[int]bool{}
			cb := regexp.MustCompile(`(?s)<colBreaks[^>]*>(.*?)</colBreaks>`).FindStringSubmatch(zipParts(t, data)[c.part])
			if cb == nil {
				t.Fatalf("%s has no column breaks", c.sheet)
			}
			for _, m := range regexp.MustCompile(`<brk id="(\d+)"`).FindAllStringSubmatch(cb[1], -1) {
				n, _ := strconv.Atoi(m[1])
				breaks[n+1] = true // a break after column id: the next column starts the page
			}
			const titleRow = 4
			titles := map[int]string{} // first column of each title cell → its text
			mcs, err := f.GetMergeCells(c.sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, mc := range mcs {
				c1, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
				c2, _, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
				if r1 != titleRow {
					continue
				}
				titles[c1] = mc.GetCellValue()
				for col := c1 + 1; col <= c2; col++ {
					if breaks[col] {
						t.Errorf("%s: title %q runs over the page break before column %d", c.sheet, mc.GetCellValue(), col)
					}
				}
			}
			rs := rows(t, f, c.sheet)
			continued := 0
			for col := range breaks {
				title, ok := titles[col]
				if !ok {
					title = rs[titleRow-1][col-1] // a question of one column is not merged
				}
				if title == "" {
					t.Errorf("%s: the page from column %d has no question title", c.sheet, col)
					continue
				}
				// The column before the break: a question that goes on is marked.
				prev := ""
				for p := col - 1; p > 3 && prev == ""; p-- {
					prev = rs[titleRow-1][p-1]
				}
				if strings.TrimSuffix(prev, summary.Continued) == strings.TrimSuffix(title, summary.Continued) {
					continued++
					if !strings.HasSuffix(title, summary.Continued) {
						t.Errorf("%s: column %d goes on with %q unmarked", c.sheet, col, title)
					}
				} else if strings.HasSuffix(title, summary.Continued) {
					t.Errorf("%s: column %d starts %q marked as continued", c.sheet, col, title)
				}
			}
			if continued == 0 {
				t.Errorf("%s: no question runs over a page; the test proves nothing", c.sheet)
			}
		})
	}
}

var spaces = regexp.MustCompile(`\s+`)

// TestLibreOfficePrint prints the workbook to PDF with LibreOffice and reads the pages: no
// serif stand-in for a font, a question's headings on the page of its table, and every
// page of a sheet whose table runs over pages headed by the table's header row.
func TestLibreOfficePrint(t *testing.T) {
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	pdffonts := formtest.Tool(t, "poppler-utils", "pdffonts")
	// With the earlier periods, as zaitaku aggregate --history writes it.
	res := aggregatetest.Sample(t)
	data := write(t, res)
	pdf := printWithLibreOffice(t, data)

	out, err := exec.Command(pdffonts, pdf).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, l := range lines[2:] {
		if !strings.Contains(l, "BIZUD") {
			t.Errorf("a font other than BIZ UD Gothic: %s", l)
		}
	}

	out, err = exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	bySheet := pagesBySheet(string(out), func(page string) string { return spaces.ReplaceAllString(page, "") })
	for _, s := range []string{summary.SheetSummary, sheetAnswers, summary.SheetCounts, summary.SheetTexts, summary.SheetStatus, summary.SheetCharts} {
		if len(bySheet[s]) == 0 {
			t.Errorf("no printed page of %s", s)
		}
	}
	printedHeaderRows(t, bySheet)
	// 比較した過去の集計結果 prints with its table.
	if n := pageOf(bySheet[summary.SheetStatus], 0, "比較した過去の集計結果"); n < 0 || pageOf(bySheet[summary.SheetStatus], n, res.Earlier[len(res.Earlier)-1].File) != n {
		t.Error("比較した過去の集計結果 is not on the page of its table")
	}
	printedHeadings(t, res, bySheet[summary.SheetSummary])
	continuedPages(t, res, rows(t, open(t, data), summary.SheetSummary), bySheet[summary.SheetSummary])

	// The ward matrices name on every page the question of each of its columns. Read in the
	// order the PDF draws its text, a wrapped cell's lines stay together.
	out, err = exec.Command(pdftotext, "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	raw := pagesBySheet(string(out), func(page string) string { return page })
	matrixTitles(t, sheetAnswers, raw[sheetAnswers], answerKeys(res))
	matrixTitles(t, summary.SheetCounts, raw[summary.SheetCounts], countKeys(res))
}

// printWithLibreOffice prints the workbook to PDF as a person would from LibreOffice and
// returns the PDF's path.
func printWithLibreOffice(t *testing.T, data []byte) string {
	t.Helper()
	bin := formtest.Soffice(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "集計表.xlsx")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	formtest.Convert(t, bin, src, "pdf", dir)
	return filepath.Join(dir, "集計表.pdf")
}

// pagesBySheet splits pdftotext's output into pages, grouped by the sheet each page names
// at the right of its header line, each page as norm makes it.
func pagesBySheet(text string, norm func(string) string) map[string][]string {
	out := map[string][]string{}
	for _, page := range strings.Split(text, "\f") {
		first, _, _ := strings.Cut(strings.TrimLeft(page, "\n "), "\n")
		if fields := strings.Fields(first); len(fields) > 0 {
			sheet := fields[len(fields)-1]
			out[sheet] = append(out[sheet], norm(page))
		}
	}
	return out
}

// printedHeaderRows checks that tables running over pages start each page with their
// header row.
func printedHeaderRows(t *testing.T, bySheet map[string][]string) {
	t.Helper()
	for sheet, head := range map[string]string{
		summary.SheetTexts:  "項目区内容",
		summary.SheetStatus: "区基本保健医療圏状況ファイルSHA-256エラー数警告数指摘",
		sheetAnswers:        "区基本保健医療圏状況",
		summary.SheetCounts: "区基本保健医療圏状況",
	} {
		if len(bySheet[sheet]) < 2 {
			t.Errorf("%s prints on %d page(s); the sample should run over pages", sheet, len(bySheet[sheet]))
		}
		for i, page := range bySheet[sheet] {
			if !strings.Contains(page, head) {
				t.Errorf("%s page %d has no header row %q", sheet, i+1, head)
			}
		}
	}
}

// printedHeadings checks that on 集計 the headings above a table print on the page of the
// table's first row.
func printedHeadings(t *testing.T, res *aggregate.Result, pages []string) {
	t.Helper()
	at := 0
	lastItem := ""
	for _, q := range res.Questions {
		var first string
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			first = q.Rows[0].Label
		case schema.Counts:
			first = q.Categories[0].Label
		case schema.Total:
			first = q.Label
		default:
			continue
		}
		heading := spaces.ReplaceAllString(q.Number+q.Label, "")
		n := pageOf(pages, at, heading)
		if n < 0 {
			t.Errorf("%s: heading %q not printed", q.ID, heading)
			continue
		}
		at = n
		if q.Item != lastItem {
			if m := pageOf(pages, max(at-1, 0), spaces.ReplaceAllString(q.ItemHeading, "")); m != n {
				t.Errorf("%s: item heading %q on page %d, its first question on page %d", q.ID, q.ItemHeading, m+1, n+1)
			}
			lastItem = q.Item
		}
		// A long label wraps in its cell: its start is enough.
		if !strings.Contains(pages[n], labelStart(first)) {
			t.Errorf("%s: heading %q on page %d without the table's first row %q", q.ID, heading, n+1, first)
		}
	}
}

// labelStart is the start of a row label as a page's text holds it: a long label wraps
// in its cell.
func labelStart(label string) string {
	l := []rune(spaces.ReplaceAllString(label, ""))
	return string(l[:min(len(l), 8)])
}

// continuedPages checks the printed pages of 集計 (their text without spaces): below the
// title rows, every page but the first starts with a heading, and a page that goes on
// with a table starts with the table's heading marked 「（続き）」 and its header row.
// rs is the sheet's rows, for the header rows.
func continuedPages(t *testing.T, res *aggregate.Result, rs [][]string, pages []string) {
	t.Helper()
	type table struct {
		heading, head string
		labels        []string
	}
	var tables []table
	var headings []string
	for _, q := range res.Questions {
		var labels []string
		switch q.Type {
		case schema.Choice, schema.ChoiceGroup:
			for _, r := range q.Rows {
				labels = append(labels, r.Label)
			}
		case schema.Counts:
			for _, c := range q.Categories {
				labels = append(labels, c.Label)
			}
		case schema.Total:
			labels = []string{q.Label}
		default:
			continue
		}
		heading := q.Number + q.Label
		tb := table{heading: spaces.ReplaceAllString(heading, ""), labels: labels}
		for i, r := range rs {
			if r[0] == heading && i+1 < len(rs) {
				// The first header cell: the period row's is empty, its first period is not.
				for _, c := range rs[i+1] {
					if c != "" {
						tb.head = spaces.ReplaceAllString(c, "")
						break
					}
				}
				break
			}
		}
		if tb.head == "" {
			t.Fatalf("%s: no header row under %q on 集計", q.ID, heading)
		}
		tables = append(tables, tb)
		headings = append(headings, spaces.ReplaceAllString(q.SheetTitle, ""), spaces.ReplaceAllString(q.ItemHeading, ""), tb.heading)
	}
	titleEnd := spaces.ReplaceAllString(res.Submission.Summary, "")
	continued := 0
pages:
	for i, page := range pages[1:] {
		n := i + 2
		at := strings.Index(page, titleEnd)
		if at < 0 {
			t.Errorf("集計 page %d has no title rows", n)
			continue
		}
		rest := page[at+len(titleEnd):]
		for _, tb := range tables {
			if !strings.HasPrefix(rest, tb.heading+summary.Continued) {
				continue
			}
			continued++
			after := rest[len(tb.heading+summary.Continued):]
			h := strings.Index(after, tb.head)
			if h < 0 {
				t.Errorf("集計 page %d goes on with %q without its header row %q", n, tb.heading, tb.head)
				continue pages
			}
			for _, l := range tb.labels {
				if j := strings.Index(after, labelStart(l)); j >= 0 && j < h {
					t.Errorf("集計 page %d goes on with %q: row %q above the header row", n, tb.heading, l)
				}
			}
			continue pages
		}
		found := false
		for _, h := range headings {
			found = found || h != "" && strings.HasPrefix(rest, h)
		}
		if !found {
			r := []rune(rest)
			t.Errorf("集計 page %d goes on with a table under no heading nor header row: %q…", n, string(r[:min(len(r), 40)]))
		}
	}
	if continued == 0 {
		t.Error("no table on 集計 runs over a page; the sample should have one")
	}
}

// answerKeys is the question title of every key of 区別回答.
func answerKeys(res *aggregate.Result) map[string]string {
	out := map[string]string{}
	for _, q := range res.Questions {
		if q.Type == schema.Choice || q.Type == schema.ChoiceGroup {
			for _, r := range q.Rows {
				out[r.Key] = charts.QuestionTitle(q)
			}
		}
	}
	return out
}

// countKeys is the question title (with its unit) of every key of 件数.
func countKeys(res *aggregate.Result) map[string]string {
	out := map[string]string{}
	for _, q := range res.Questions {
		head := charts.QuestionTitle(q)
		if q.Unit != "" {
			head += "（" + q.Unit + "）"
		}
		switch q.Type {
		case schema.Counts:
			for _, c := range q.Categories {
				out[c.Key] = head
			}
		case schema.Total:
			out[q.ID] = head
		}
	}
	return out
}

// matrixTitles checks that every printed page of a ward matrix (pdftotext -raw) names a
// question and the question of every column key on it.
func matrixTitles(t *testing.T, sheet string, pages []string, keys map[string]string) {
	t.Helper()
	if len(pages) < 2 {
		t.Errorf("%s prints on %d page(s); the sample should run over pages", sheet, len(pages))
	}
	titles := map[string]bool{}
	for _, v := range keys {
		titles[spaces.ReplaceAllString(v, "")] = true
	}
	for i, page := range pages {
		text := spaces.ReplaceAllString(page, "")
		named := false
		for v := range titles {
			named = named || strings.Contains(text, v)
		}
		if !named {
			t.Errorf("%s page %d names no question", sheet, i+1)
		}
		seen := map[string]bool{}
		for _, f := range strings.Fields(page) {
			v, ok := keys[f]
			if !ok || seen[v] {
				continue
			}
			seen[v] = true
			if !strings.Contains(text, spaces.ReplaceAllString(v, "")) {
				t.Errorf("%s page %d has columns of %q (%s) without its title", sheet, i+1, v, f)
			}
		}
	}
}

// pageOf is the first of pages from index from that holds s, or -1.
func pageOf(pages []string, from int, s string) int {
	for i := from; i < len(pages); i++ {
		if strings.Contains(pages[i], s) {
			return i
		}
	}
	return -1
}
