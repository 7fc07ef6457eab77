package summary

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
)

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

// chartsSheet writes グラフ: a native stacked bar chart per choice question, each beside the
// data table it reads, with page breaks so no chart is cut in two.
func (b *book) chartsSheet() {
	res := b.res
	last := tableCol + 1
	for _, q := range res.Questions {
		if charts.IsChoice(q) {
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
		if !charts.IsChoice(q) {
			continue
		}
		series := append([]string(nil), q.Options...)
		if charts.HasNoReply(q) && !slices.Contains(q.Options, charts.NoReplyLabel) {
			series = append(series, charts.NoReplyLabel)
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
		s.str(tableCol, row, charts.QuestionTitle(q), s.st.question)
		head := row + 1
		s.str(tableCol, head, charts.CategoryHeader(res.Units.Label), s.st.headLeft)
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
				if o == charts.NoReplyLabel && !slices.Contains(q.Options, o) {
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
			Text: charts.QuestionTitle(q), Font: &excelize.Font{Bold: true, Size: 12, Family: font},
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
				Text: charts.UnitWord(res.Units.Label), Font: &excelize.Font{Size: 9, Family: font, Color: "404040"},
			}}},
		},
		GapWidth: &gap,
		Format:   excelize.GraphicOptions{AltText: charts.QuestionTitle(q), PrintObject: boolPtr(true), ScaleX: 1, ScaleY: 1},
	}
	// The axis always runs to the number of wards, so bars of different questions and of
	// an incomplete aggregate compare at a glance.
	if n := res.Submission.Expected; n > 0 {
		maxV, minV := float64(n), 0.0
		chart.YAxis.Maximum, chart.YAxis.Minimum = &maxV, &minV
		// The gridlines at the model's ticks, as the report draws them (Excel draws the
		// multiples of one step, so the end of 0 2 4 … 10 11 is the axis end).
		if ax := charts.UnitAxis(n, ""); len(ax.Ticks) >= 2 {
			chart.YAxis.MajorUnit = float64(ax.Ticks[1] - ax.Ticks[0])
		}
	}
	for i, o := range series {
		c := charts.OptionColor(o, i, len(q.Options))
		colour, label := string(c), string(charts.TextColor(c))
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

func boolPtr(b bool) *bool { return &b }
