package pptx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// unitTablePlan is the page plan of the unit tables as render/pdf makes it: a page per
// page of the model, the grid with the key and legend beside it.
func unitTablePlan(rep *charts.Report) []charts.Page {
	var plan []charts.Page
	for _, ut := range rep.UnitTables {
		for _, mx := range ut.Pages {
			plan = append(plan, charts.Page{Kind: charts.AppendixPage, Heading: mx.Title, Parts: []charts.PagePart{
				{Matrix: &charts.MatrixPart{Matrix: mx, Grid: true, Key: true, Legend: true}, Top: 0, Height: 0.87}}})
		}
	}
	return plan
}

// checkUnitSlide holds a slide of a unit table to its page of the model: one native table
// with a row per unit and foot row, the figures as the model has them aligned right, the
// foot rows bold, a unit not counted with its status across; the key and legend in a text
// box beside the table that holds its text; all above the footer.
func checkUnitSlide(t *testing.T, s *slide, mx *charts.Matrix) {
	t.Helper()
	var tb *table
	var key *textBox
	for _, sh := range flat(s.shapes) {
		switch {
		case sh.table != nil:
			tb = sh.table
		case sh.text != nil && sh.text.Name == "略号":
			key = sh.text
		}
	}
	if tb == nil || key == nil {
		t.Fatalf("%s: table %v, key %v", mx.Title, tb != nil, key != nil)
	}
	rows := append(append([]charts.MatrixRow(nil), mx.Rows...), mx.Foot...)
	if len(tb.Rows) != 1+len(rows) {
		t.Fatalf("%s: %d table rows, want the header and %d", mx.Title, len(tb.Rows), len(rows))
	}
	for i, c := range mx.Columns {
		if got := tb.Rows[0].Cells[i+1].Text; got != c.Short {
			t.Errorf("%s: header %d is %q, want %q", mx.Title, i+1, got, c.Short)
		}
	}
	for i, r := range rows {
		tr := tb.Rows[i+1]
		foot := i >= len(mx.Rows)
		if tr.Cells[0].Text != r.Ward || tr.Bold != foot {
			t.Errorf("%s: row %d is %q (bold %v)", mx.Title, i+1, tr.Cells[0].Text, tr.Bold)
		}
		if r.Missing {
			if c := tr.Cells[1]; c.Text != r.Status || c.Span != len(mx.Columns) {
				t.Errorf("%s: %s reads %+v, want its status across", mx.Title, r.Ward, c)
			}
			continue
		}
		for j, want := range r.Cells {
			if c := tr.Cells[j+1]; c.Text != want || !c.Right {
				t.Errorf("%s: %s × %s reads %+v, want %q on the right", mx.Title, r.Ward, mx.Columns[j].Short, c, want)
			}
		}
	}
	b, _ := shapeBox(shape{table: tb})
	if b.X+b.W > key.X {
		t.Errorf("%s: the table (to %d) runs under the key (from %d)", mx.Title, b.X+b.W, key.X)
	}
	if bottom := float64(tb.Y)/emuPerMM + tableExtent(tb); bottom > contentBot+0.5 {
		t.Errorf("%s: the table grows to %.1f mm", mx.Title, bottom)
	}
	text := paraText(key)
	for _, c := range mx.Columns {
		if !strings.Contains(text, c.Short) || !strings.Contains(text, c.Label) {
			t.Errorf("%s: the key lacks %s %s", mx.Title, c.Short, c.Label)
		}
	}
	for _, l := range mx.Legend {
		if !strings.Contains(text, l) {
			t.Errorf("%s: the key lacks the legend %q", mx.Title, l)
		}
	}
	w, h := key.inner()
	if need := textHeight(key.Paras, w, key.Columns); need > h+0.01 {
		t.Errorf("%s: the key needs %.1f mm, its box has %.1f", mx.Title, need, h)
	}
}

func TestUnitTableSlides(t *testing.T) {
	rep := charts.Build(aggregatetest.UnitTableSample(t, "北区"), charts.Options{})
	var pages []*charts.Matrix
	for _, ut := range rep.UnitTables {
		pages = append(pages, ut.Pages...)
	}
	if len(pages) != 3 {
		t.Fatalf("%d unit table pages, want u3 over two and o2 on one", len(pages))
	}
	t.Run("planned", func(t *testing.T) {
		rep.Pages = unitTablePlan(rep)
		slides, err := buildSlides(rep)
		if err != nil {
			t.Fatal(err)
		}
		if len(slides) != len(pages) {
			t.Fatalf("%d slides for %d pages", len(slides), len(pages))
		}
		for i, mx := range pages {
			if slides[i].marks[0] != mx.Title {
				t.Errorf("slide %d opens with %q, want %q", i+1, slides[i].marks[0], mx.Title)
			}
			checkUnitSlide(t, slides[i], mx)
		}
	})
	t.Run("own", func(t *testing.T) {
		rep.Pages = nil
		slides, err := buildSlides(rep)
		if err != nil {
			t.Fatal(err)
		}
		slides = slides[len(slides)-len(pages):]
		for i, mx := range pages {
			if slides[i].marks[0] != mx.Title {
				t.Errorf("slide %d from the end opens with %q, want %q", len(pages)-i, slides[i].marks[0], mx.Title)
			}
			checkUnitSlide(t, slides[i], mx)
		}
	})
}

// TestUnitTableDeckValid validates the XML of a deck with unit tables (a unit missing, so
// that a row spans its status) against the ECMA-376 schemas, as TestSchemaValid does the
// sample's.
func TestUnitTableDeckValid(t *testing.T) {
	xmllint := formtest.Tool(t, "libxml2-utils", "xmllint")
	rep := charts.Build(aggregatetest.UnitTableSample(t, "北区"), charts.Options{})
	rep.Pages = unitTablePlan(rep)
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	validate(t, xmllint, unzip(t, buf.Bytes()))
}
