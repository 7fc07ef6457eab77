package html

import (
	_ "embed"
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// dataTableHTML draws a chart's data table: closed under the chart (details), so that a
// screen reader, a keyboard user or a reader who cannot tell the colours apart gets every
// number the chart shows as a table with a caption and header cells.
//
//go:embed datatable.tmpl
var dataTableHTML string

// dataTable is a chart's numbers, taken from the same model the chart is drawn from.
type dataTable struct {
	Caption string
	// Corner heads the row labels; Columns the figures.
	Corner  string
	Columns []string
	Rows    []dataRow
}

type dataRow struct {
	Label string
	// Repeat marks a 再掲 row, indented as in the chart.
	Repeat bool
	Cells  []string
}

// dataCorner heads the rows of a chart's table.
const dataCorner = "項目"

// stackedTable is a choice chart's table: a row per bar, a column per option with the
// number of units that chose it, then the earlier periods' figures set beside the bars.
func stackedTable(sb *charts.StackedBars, unitLabel string) *dataTable {
	t := &dataTable{Caption: sb.Heading + "（" + unitLabel + "の数）", Corner: dataCorner}
	for _, s := range sb.Series {
		t.Columns = append(t.Columns, s.Label)
	}
	for _, col := range sb.Earlier {
		t.Columns = append(t.Columns, strings.Join(col.Header, " "))
	}
	for bi, b := range sb.Bars {
		r := dataRow{Label: b.Label}
		if r.Label == "" {
			r.Label = unitLabel + "の数"
		}
		for si := range sb.Series {
			v := 0
			if si < len(b.Values) {
				v = b.Values[si]
			}
			r.Cells = append(r.Cells, charts.Thousands(int64(v)))
		}
		for _, col := range sb.Earlier {
			s := charts.Dash
			if bi < len(col.Cells) {
				s = col.Cells[bi]
			}
			r.Cells = append(r.Cells, s)
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// countTable is a count chart's table: a row per category with its count, and the range
// over the units where the chart's labels state it.
func countTable(cb *charts.CountBars, unitLabel string) *dataTable {
	t := &dataTable{Caption: cb.Title + cb.TitleTotal, Corner: dataCorner, Columns: []string{"数（" + cb.Unit + "）"}}
	ranged := false
	for _, b := range cb.Bars {
		ranged = ranged || b.Range != ""
	}
	if ranged {
		t.Columns = append(t.Columns, unitLabel+"ごとの範囲")
	}
	for _, b := range cb.Bars {
		r := dataRow{Label: b.Name, Repeat: b.Repeat, Cells: []string{charts.Thousands(b.Value)}}
		if ranged {
			r.Cells = append(r.Cells, b.Range)
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// stackedDescription is a choice chart's text alternative for a screen reader: what the
// chart is, and where its numbers are.
func stackedDescription(sb *charts.StackedBars, unitLabel string) string {
	var opts []string
	for _, s := range sb.Series {
		opts = append(opts, s.Label)
	}
	return sb.Heading + "の横棒グラフ。" + strings.Join(opts, "・") + "の" + unitLabel + "の数。" + dataTableNote
}

// countDescription is a count chart's text alternative.
func countDescription(cb *charts.CountBars) string {
	return cb.Title + cb.TitleTotal + "の横棒グラフ。項目ごとの数（" + cb.Unit + "）。" + dataTableNote
}

// dataTableNote sends a screen reader from the chart to its table.
const dataTableNote = "数値はグラフの下の「データの表」にあります。"
