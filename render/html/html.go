// Package html writes the report as one self-contained HTML page: the same sections, items
// and charts as the PDF, drawn from the same chart models, for reading on screen.
//
// The page is for municipal PCs on a closed network with no internet, so it loads nothing:
// the ECharts library (assets/echarts.min.js, Apache-2.0) is written inline, styles and
// scripts are inline, and no element has an external src or href. Charts are built with
// go-echarts, which writes each chart's container and script; the page around them is this
// package's own template, because go-echarts' page template links ECharts from a CDN.
package html

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"regexp"
	"strings"
	ttemplate "text/template"

	"github.com/osaka-city/zaitaku/charts"
)

var (
	// echartsJS is Apache ECharts 5.4.3, the version go-echarts v2.6.7 is written against;
	// see assets/README.md.
	//go:embed assets/echarts.min.js
	echartsJS string
	//go:embed page.css
	pageCSSTemplate string
	// pageCSS is page.css with the palette's colours filled in.
	pageCSS = paletteCSS(pageCSSTemplate)
	//go:embed page.js
	pageJS string
	//go:embed page.tmpl
	pageHTML string
	// echartsNotice is the ECharts NOTICE, repeated in the page footer as the Apache
	// License asks of a redistribution.
	//go:embed assets/NOTICE
	echartsNotice string
)

// Write writes the report to w as one self-contained HTML page: ECharts, styles and scripts
// are inline and the page loads nothing from anywhere, so it can be mailed or copied to a
// shared folder and opened offline. The page is rendered whole before anything is written,
// so on error w gets nothing. The same report gives the same bytes.
func Write(w io.Writer, rep *charts.Report) error {
	if rep == nil {
		return fmt.Errorf("html: no report")
	}
	p, err := build(rep)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, p); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// page is what the template draws.
type page struct {
	Rep      *charts.Report
	Sections []sectionView
	Charts   int
	ECharts  template.JS
	Notice   string
	CSS      template.CSS
	JS       template.JS
	// AggregateIDLabel names the 集計ID in the footer.
	AggregateIDLabel string
	// UnitTables are the tables of each unit's counts (unittable.go).
	UnitTables []unitTableView
	// HasMoves adds the styles of the 区ごとの変化 tables, only to a page that has them.
	HasMoves bool
}

type sectionView struct {
	Anchor string
	Title  string
	Items  []itemView
}

// itemView is an item with its blocks grouped into rows: 内訳 charts stand side by side.
type itemView struct {
	Anchor  string
	Heading string
	Rows    [][]blockView
	// Moves are the item's 区ごとの変化 under MovesHeading, as tables with captions and
	// header cells a screen reader can name.
	MovesAnchor, MovesHeading string
	Moves                     []*charts.Moves
}

type blockView struct {
	Anchor string
	// Unit is what a unit is called (区), for the ward column of text tables.
	Unit  string
	Chart template.HTML
	// PrintZoom shrinks the chart on paper so that the block fits on one page; empty
	// when it fits as drawn.
	PrintZoom string
	// chartHeight is the chart's height in CSS px, and textLines the lines of notes and
	// earlier figures beside it, for PrintZoom.
	chartHeight, textLines int
	Stacked                *charts.StackedBars
	Counts                 *charts.CountBars
	Periods                *charts.PeriodTable
	Texts                  *charts.TextList
	Cases                  *charts.CaseTable
	// Number is a number question's line (no chart).
	Number *charts.NumberLine
	// Table is a chart's numbers as a table that can be shown under it.
	Table *dataTable
}

// build lays the report out as page data, rendering each chart.
func build(rep *charts.Report) (*page, error) {
	p := &page{Rep: rep, ECharts: template.JS(echartsJS), Notice: echartsNotice, CSS: template.CSS(pageCSS), JS: template.JS(pageJS), AggregateIDLabel: charts.AggregateIDLabel}
	ids := newIDs()
	for si, s := range rep.Sections {
		sec := sectionView{Anchor: fmt.Sprintf("s%d", si+1), Title: s.Title}
		for ii, it := range s.Items {
			iv := itemView{Anchor: fmt.Sprintf("s%d-%d", si+1, ii+1), Heading: it.Heading}
			// The model groups the blocks into rows: 内訳 charts stand side by side.
			for _, blocks := range it.Rows() {
				var row []blockView
				for _, b := range blocks {
					bv, err := p.block(b, ids, rep.UnitLabel)
					if err != nil {
						return nil, err
					}
					if bv != nil {
						bv.Unit = rep.UnitLabel
						row = append(row, *bv)
					}
				}
				if len(row) == 0 {
					continue
				}
				// The item's heading (and the section's, before its first item) stays on
				// the page of the first row of blocks.
				above := 0
				if len(iv.Rows) == 0 {
					above = printH3
					if ii == 0 {
						above += printH2
					}
				}
				for i := range row {
					if row[i].chartHeight > 0 {
						row[i].PrintZoom = printZoom(row[i].chartHeight, row[i].textLines, above)
					}
				}
				iv.Rows = append(iv.Rows, row)
			}
			if len(it.Moves) > 0 {
				iv.MovesAnchor, iv.MovesHeading, iv.Moves = ids.make(iv.Anchor+"_moves"), it.MovesHeading, it.Moves
				p.HasMoves = true
			}
			sec.Items = append(sec.Items, iv)
		}
		p.Sections = append(p.Sections, sec)
	}
	p.UnitTables = unitTables(rep, ids)
	return p, nil
}

func (p *page) block(b charts.Block, ids *idSet, unitLabel string) (*blockView, error) {
	var err error
	switch {
	case b.Stacked != nil:
		bv := &blockView{Anchor: ids.make(b.Stacked.ID), Stacked: b.Stacked, Table: stackedTable(b.Stacked, unitLabel)}
		bv.Chart, err = stackedChart(bv.Anchor+"_chart", b.Stacked, unitLabel)
		bv.chartHeight = stackedHeight(b.Stacked, stackedTop(b.Stacked))
		bv.textLines = lineCount(b.Stacked.Note) + len(b.Stacked.EarlierLines)
		p.Charts++
		return bv, err
	case b.Counts != nil:
		bv := &blockView{Anchor: ids.make(b.Counts.ID), Counts: b.Counts, Table: countTable(b.Counts, unitLabel)}
		bv.Chart, err = countChart(bv.Anchor+"_chart", b.Counts, unitLabel)
		bv.chartHeight = countHeight(b.Counts)
		bv.textLines = lineCount(b.Counts.Note) + len(b.Counts.EarlierLines)
		p.Charts++
		return bv, err
	case b.Periods != nil:
		return &blockView{Anchor: ids.make(b.Periods.ID), Periods: b.Periods}, nil
	case b.Texts != nil:
		return &blockView{Anchor: ids.make(b.Texts.ID), Texts: b.Texts}, nil
	case b.Cases != nil:
		return &blockView{Anchor: ids.make(b.Cases.ID), Cases: b.Cases}, nil
	case b.Number != nil:
		return &blockView{Anchor: ids.make(b.Number.ID), Number: b.Number}, nil
	}
	return nil, nil
}

// idSet makes element ids from model ids. A chart id is also part of a JavaScript name in
// go-echarts' script (goecharts_<id>), so only letters, digits and _ are kept, and a
// clash gets a numbered suffix. Ids come from the models, never at random, so the page is
// the same every time.
// A printed chart block (heading, notes, earlier figures and chart) must fit on one A4
// landscape page with 12 mm margins, together with the item and section headings above
// it when it is the first: break-inside: avoid keeps a block whole only when it fits on
// a page, and the browser rather breaks inside the block than after a heading. The
// longest charts (21 rows, 684 px) do not fit with their headings; those are zoomed
// down on paper just enough. Sizes in CSS px at the print font size (page.css).
const (
	printPage    = 703 // (210 − 2 × 12) mm at 96 px per inch
	printH2      = 84  // a section heading (h2) with its margins
	printH3      = 64  // an item heading (h3) with its margins
	printHeading = 48  // the block's heading (h4), up to two lines
	printLine    = 24  // a line of note or earlier figures
	printSlack   = 16
)

// printZoom is the print zoom of a chart height px tall in a block with lines lines of
// text besides its heading and above px of headings kept with it, or "" when it fits
// as drawn.
func printZoom(height, lines, above int) string {
	room := printPage - above - printHeading - printSlack - printLine*lines
	if height <= room {
		return ""
	}
	return fmt.Sprintf("%.2f", math.Floor(float64(room)/float64(height)*100)/100)
}

// lineCount is how many lines a note takes: none when empty.
func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return 1 + strings.Count(s, "\n")
}

type idSet map[string]bool

func newIDs() *idSet { s := idSet{}; return &s }

var notIdent = regexp.MustCompile(`[^A-Za-z0-9_]`)

func (s *idSet) make(id string) string {
	base := "q_" + notIdent.ReplaceAllString(id, "_")
	out := base
	for n := 2; (*s)[out]; n++ {
		out = fmt.Sprintf("%s_%d", base, n)
	}
	(*s)[out] = true
	return out
}

// cssColor is a palette colour as page.css writes colours: 「#1f4e79」.
func cssColor(c charts.Color) string { return "#" + strings.ToLower(string(c)) }

// paletteCSS fills the palette's colours into the style sheet src, so that the page marks
// the same roles in the same colours as the PDF and the workbook.
func paletteCSS(src string) string {
	var b strings.Builder
	ttemplate.Must(ttemplate.New("page.css").Parse(src)).Execute(&b, map[string]string{
		"Ink": cssColor(charts.InkColor), "Muted": cssColor(charts.MutedColor), "Accent": cssColor(charts.AccentColor),
		"Alert": cssColor(charts.AlertColor), "AlertFill": cssColor(charts.AlertFill),
	})
	return b.String()
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"bad": func(st *charts.StatusTable, i int) bool { return i < len(st.Bad) && st.Bad[i] },
}).Parse(pageHTML + unitTableHTML + dataTableHTML))
