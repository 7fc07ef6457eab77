package html

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

var (
	tableRows = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	tableCell = regexp.MustCompile(`(?s)<(th|td)([^>]*)>(.*?)</(?:th|td)>`)
	anyTag    = regexp.MustCompile(`<[^>]+>`)
)

// htmlCell is a cell of a table as the page has it: header or data, its attributes and
// its text.
type htmlCell struct {
	head        bool
	attrs, text string
}

// htmlRows reads the rows of a part of the page.
func htmlRows(part string) [][]htmlCell {
	var out [][]htmlCell
	for _, r := range tableRows.FindAllStringSubmatch(part, -1) {
		var row []htmlCell
		for _, c := range tableCell.FindAllStringSubmatch(r[1], -1) {
			row = append(row, htmlCell{head: c[1] == "th", attrs: c[2], text: html.UnescapeString(anyTag.ReplaceAllString(c[3], ""))})
		}
		out = append(out, row)
	}
	return out
}

// TestUnitTablesOnThePage reads each unit table back from the page: the whole table (not
// cut into the PDF's pages) in one <table> named by its heading, the codes as column
// headers explained by their labels, every unit a row header with its figures, a unit not
// counted with its status across, the 合計, 最少 and 最大 rows in <tfoot>; the contents
// link to it. A report without unit tables has none of it, nor its styles.
func TestUnitTablesOnThePage(t *testing.T) {
	rep := charts.Build(aggregatetest.UnitTableSample(t, "北区"), charts.Options{})
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if len(rep.UnitTables) != 2 {
		t.Fatalf("%d unit tables", len(rep.UnitTables))
	}
	for _, ut := range rep.UnitTables {
		anchor := "q_units_" + ut.ID
		if !strings.Contains(page, `<li><a href="#`+anchor+`">`+html.EscapeString(ut.Title)+`</a></li>`) {
			t.Errorf("the contents lack %s", ut.Title)
		}
		start := strings.Index(page, `<section class="section units" id="`+anchor+`">`)
		if start < 0 {
			t.Fatalf("no section for %s", ut.ID)
		}
		sec := page[start:]
		sec = sec[:strings.Index(sec, "</section>")]
		if !strings.Contains(sec, `<h2 id="`+anchor+`_title">`+html.EscapeString(ut.Title)+`</h2>`) || !strings.Contains(sec, `<table class="units" aria-labelledby="`+anchor+`_title">`) {
			t.Errorf("%s: the table is not named by its heading", ut.ID)
		}
		head, body, foot := sec[:strings.Index(sec, "<tbody>")], sec[strings.Index(sec, "<tbody>"):strings.Index(sec, "<tfoot>")], sec[strings.Index(sec, "<tfoot>"):]
		hr := htmlRows(head)
		if len(hr) != 1 || len(hr[0]) != len(ut.Columns)+1 || hr[0][0].text != "区" {
			t.Fatalf("%s: header %+v", ut.ID, hr)
		}
		for i, c := range ut.Columns {
			h := hr[0][i+1]
			if !h.head || !strings.Contains(h.attrs, `scope="col"`) || h.text != c.Short || !strings.Contains(head, `<abbr title="`+html.EscapeString(c.Label)+`">`) {
				t.Errorf("%s: column %d header %+v, want %s explained by %s", ut.ID, i+1, h, c.Short, c.Label)
			}
		}
		for _, part := range []struct {
			html string
			rows []charts.MatrixRow
		}{{body, ut.Rows}, {foot, ut.Foot}} {
			got := htmlRows(part.html)
			if len(got) != len(part.rows) {
				t.Fatalf("%s: %d rows on the page, %d in the model", ut.ID, len(got), len(part.rows))
			}
			for i, r := range part.rows {
				g := got[i]
				if !g[0].head || !strings.Contains(g[0].attrs, `scope="row"`) || g[0].text != r.Ward {
					t.Errorf("%s: row %d opens with %+v, want the row header %s", ut.ID, i+1, g[0], r.Ward)
				}
				want := r.Cells
				if r.Missing {
					want = []string{r.Status}
				}
				var texts []string
				for _, c := range g[1:] {
					texts = append(texts, c.text)
				}
				if strings.Join(texts, "|") != strings.Join(want, "|") {
					t.Errorf("%s: %s reads %q, want %q", ut.ID, r.Ward, texts, want)
				}
			}
		}
		for _, c := range ut.Columns {
			if !strings.Contains(sec, "<dt>"+html.EscapeString(c.Short)+"</dt><dd>"+html.EscapeString(c.Label)+"</dd>") {
				t.Errorf("%s: the key lacks %s", ut.ID, c.Short)
			}
		}
		for _, l := range ut.Legend {
			if !strings.Contains(sec, `<p class="legend">`+html.EscapeString(l)+`</p>`) {
				t.Errorf("%s: the legend lacks %q", ut.ID, l)
			}
		}
	}
	var plain bytes.Buffer
	if err := Write(&plain, charts.Build(aggregatetest.Sample(t), charts.Options{})); err != nil {
		t.Fatal(err)
	}
	if s := plain.String(); strings.Contains(s, "table.units") || strings.Contains(s, `class="section units"`) {
		t.Error("a report without unit tables has their section or styles")
	}
}
