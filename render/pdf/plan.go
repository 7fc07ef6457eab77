package pdf

import (
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// Pages is the report's page plan: what each page of the PDF holds, under which heading,
// and where. The PDF decides the page breaks because only it measures the text in the
// font it prints (wrapped labels, list lines, table rows); report.pptx follows the same
// plan, so that the deck has the PDF's pages, one slide each. opts are the PDF's: another
// font can break the pages elsewhere.
func Pages(rep *charts.Report, opts Options) ([]charts.Page, error) {
	l, err := Layout(rep, opts)
	if err != nil {
		return nil, err
	}
	return l.Pages(), nil
}

// Pages is the plan of the laid-out report (see the function Pages).
func (l *Laid) Pages() []charts.Page {
	out := make([]charts.Page, 0, len(l.pages))
	for _, pg := range l.pages {
		out = append(out, pg.plan())
	}
	return out
}

// plan is the page as the plan has it: the parts' places as shares of the height under
// the heading.
func (pg *page) plan() charts.Page {
	kinds := map[pageKind]charts.PageKind{coverPage: charts.CoverPage, sectionPage: charts.SectionPage,
		itemPage: charts.ItemPage, statusPage: charts.StatusPage, appendixPage: charts.AppendixPage,
		movesPage: charts.MovesPage}
	out := charts.Page{Kind: kinds[pg.kind], Heading: pg.heading, Section: pg.section}
	h := pg.content.bottom() - pg.flowTop
	for _, p := range pg.parts {
		p.Top = (p.Top - pg.flowTop) / h
		p.Height /= h
		out.Parts = append(out.Parts, p)
	}
	return out
}

// continued marks a heading that goes on from the page before.
func continued(h string, cont bool) string {
	if cont {
		return h + contSuffix
	}
	return h
}

// stackedPart is a choice chart cut to bars [from, to): the note heads its first part,
// the earlier lines close its last.
func stackedPart(sb *charts.StackedBars, from, to int) *charts.StackedBars {
	if from == 0 && to == len(sb.Bars) {
		return sb
	}
	p := *sb
	p.Heading = continued(sb.Heading, from > 0)
	p.Bars = sb.Bars[from:to]
	if from > 0 {
		p.Note = ""
	}
	if to < len(sb.Bars) {
		p.EarlierLines = nil
	}
	p.Earlier = nil
	for _, e := range sb.Earlier {
		c := e
		c.Values = e.Values[min(from, len(e.Values)):min(to, len(e.Values))]
		c.Cells = e.Cells[min(from, len(e.Cells)):min(to, len(e.Cells))]
		p.Earlier = append(p.Earlier, c)
	}
	return &p
}

// countPart is a count chart cut to bars [from, to): the earlier totals and the note head
// its first part only.
func countPart(cb *charts.CountBars, from, to int) *charts.CountBars {
	if from == 0 && to == len(cb.Bars) {
		return cb
	}
	p := *cb
	p.Bars = cb.Bars[from:to]
	if from > 0 {
		p.Title = continued(cb.Title, true)
		p.Heading = continued(cb.Heading, true)
		p.Note, p.EarlierLines = "", nil
	}
	return &p
}

// cellTexts are a table row's cells as the model has them, or, for a row split over
// pages, the lines of it that this page holds, joined again into paragraphs.
func cellTexts(r trow, model []string) []string {
	if !r.cut {
		return model
	}
	out := make([]string, len(r.cells))
	for i, c := range r.cells {
		var b strings.Builder
		for _, l := range c {
			// A bullet opens a paragraph of its own; the other lines were wrapped.
			if b.Len() > 0 && strings.HasPrefix(l.s, "・") {
				b.WriteByte('\n')
			}
			b.WriteString(l.s)
		}
		out[i] = b.String()
	}
	return out
}

// statusPart is rows of the wards' submission table.
func statusPart(st *charts.StatusTable, rows []trow) *charts.PagePart {
	sp := &charts.StatusPart{First: rows[0].src}
	for _, r := range rows {
		sp.Rows = append(sp.Rows, cellTexts(r, st.Rows[r.src]))
		sp.Bad = append(sp.Bad, r.src < len(st.Bad) && st.Bad[r.src])
	}
	return &charts.PagePart{Status: sp}
}

// periodPart is rows of a table over periods; the unit heads its first part.
func periodPart(pt *charts.PeriodTable, rows []trow, cont bool) *charts.PagePart {
	p := *pt
	p.Heading = continued(pt.Heading, cont)
	if cont {
		p.Unit = ""
	}
	p.Rows = nil
	for _, r := range rows {
		row := pt.Rows[r.src]
		if r.cut {
			cells := cellTexts(r, nil)
			row.Label, row.Cells = cells[0], cells[1:]
		}
		p.Rows = append(p.Rows, row)
	}
	return &charts.PagePart{Blocks: []charts.Block{{Periods: &p}}}
}

// casePart is rows of a case table.
func casePart(ct *charts.CaseTable, rows []trow, cont bool) *charts.PagePart {
	p := *ct
	p.Heading = continued(ct.Heading, cont)
	p.Rows = nil
	for _, r := range rows {
		row := ct.Rows[r.src]
		if r.cut {
			cells := cellTexts(r, nil)
			row.Ward, row.Cells = cells[0], cells[1:]
		}
		p.Rows = append(p.Rows, row)
	}
	return &charts.PagePart{Blocks: []charts.Block{{Cases: &p}}}
}

// part is a text list's columns on one page, each line as printed: the wrapped lines of
// one paragraph joined again, a ward's name that opens a column in the middle of its
// entries marked 続き.
func (tc *textColumns) part(cols [][]tline, cont bool) *charts.TextList {
	p := *tc.tl
	p.Heading = continued(tc.tl.Heading, cont)
	p.Entries = nil
	for _, col := range cols {
		var out []charts.WardLines
		last := -1
		for _, l := range col {
			switch {
			case l.isWard:
				out = append(out, charts.WardLines{Ward: l.s})
				last = -1
			case len(out) == 0:
				// pack opens a column with the ward's name; this cannot happen.
				out = append(out, charts.WardLines{Ward: tc.tl.Entries[l.ward].Ward + contSuffix})
				fallthrough
			default:
				e := &out[len(out)-1]
				if l.para == last && len(e.Lines) > 0 {
					e.Lines[len(e.Lines)-1] += l.s
				} else {
					e.Lines = append(e.Lines, l.s)
				}
				last = l.para
			}
		}
		p.Columns = append(p.Columns, out)
		p.Entries = append(p.Entries, out...)
	}
	return &p
}
