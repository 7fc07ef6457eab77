package pptx

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/charts"
)

// chartSpec is one native bar chart: categories down, one series per option (stacked) or
// one series of counts, with its data as the embedded workbook holds it.
type chartSpec struct {
	Name       string
	Categories []string
	Series     []chartSeries
	Stacked    bool
	Max        int64
	MajorUnit  int64
	// Legend shows the series names above the plot (choice questions).
	Legend bool
	// Plot, when set, places the plot area (the bars without their labels) exactly, as
	// fractions of the chart: the earlier periods' figures beside the bars line up with
	// them.
	Plot *plotLayout
	// Unit is the value axis' unit (「（区）」), drawn as the axis title at the axis' right
	// end as the PDF draws it after the last tick label; UnitAt places it.
	Unit   string
	UnitAt *plotLayout
	// EndLabel is the figure at the axis' end (「1,741」) when the ticks' step does not
	// reach it, which the chart itself cannot draw: the PDF prints it, so the axis title
	// starts with it, centred under the bars' end, the unit after it.
	EndLabel string
	// NoCategoryLabels leaves the rows' labels to text boxes beside the chart
	// (labelsBeside); GapWidth is the gap between bars (barGap when 0).
	NoCategoryLabels bool
	GapWidth         int
	// LegendAt places the legend over the bars, starting where they start, as the PDF
	// sets it (centred over the chart when nil).
	LegendAt *plotLayout
}

// plotLayout is the inner plot area as fractions of the chart's width and height.
type plotLayout struct{ X, Y, W, H float64 }

// chartSeries is one series: its name, fill and values, one per category; Highlight are
// categories drawn in HighlightColor (再掲 rows).
type chartSeries struct {
	Label          string
	Color          charts.Color
	LabelColor     charts.Color
	Values         []float64
	Highlight      []bool
	HighlightColor charts.Color
	// ShowName labels the segment with the series name before its value, LabelSize the
	// labels' size in points (sizeSmall when 0).
	ShowName  bool
	LabelSize float64
}

// sheetName is the embedded workbook's one sheet, which the chart's formulas point at.
const sheetName = "Sheet1"

const chartTemplates = `
{{define "txPr"}}<c:txPr><a:bodyPr{{if .NoWrap}} wrap="none"{{end}}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{{.Sz}}"{{if .Bold}} b="1"{{end}}><a:solidFill><a:srgbClr val="{{.Color}}"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>{{end}}

{{define "strCache"}}<c:strRef><c:f>{{x .Ref}}</c:f><c:strCache><c:ptCount val="{{len .Values}}"/>{{range $i, $v := .Values}}<c:pt idx="{{$i}}"><c:v>{{x $v}}</c:v></c:pt>{{end}}</c:strCache></c:strRef>{{end}}

{{define "chart"}}` + xmlHeader + `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:date1904 val="0"/><c:lang val="ja-JP"/><c:roundedCorners val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout>{{with .Plot}}<c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{{printf "%.4f" .X}}"/><c:y val="{{printf "%.4f" .Y}}"/><c:w val="{{printf "%.4f" .W}}"/><c:h val="{{printf "%.4f" .H}}"/></c:manualLayout>{{end}}</c:layout><c:barChart><c:barDir val="bar"/><c:grouping val="{{if .Stacked}}stacked{{else}}clustered{{end}}"/><c:varyColors val="0"/>{{range .Series}}<c:ser><c:idx val="{{.Index}}"/><c:order val="{{.Index}}"/><c:tx>{{template "strCache" .Name}}</c:tx><c:spPr><a:solidFill><a:srgbClr val="{{.Color}}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>{{$c := .HighlightColor}}{{range .Highlight}}<c:dPt><c:idx val="{{.}}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{{$c}}"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="{{$c}}"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr></c:dPt>{{end}}<c:dLbls><c:numFmt formatCode="#,##0;;;" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{{template "txPr" .LabelText}}{{if not $.Stacked}}<c:dLblPos val="outEnd"/>{{end}}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="{{if .ShowName}}1{{else}}0{{end}}"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>{{if .ShowName}}<c:separator> </c:separator>{{end}}</c:dLbls><c:cat>{{template "strCache" $.Categories}}</c:cat><c:val><c:numRef><c:f>{{x .Ref}}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{{len .Values}}"/>{{range $i, $v := .Values}}<c:pt idx="{{$i}}"><c:v>{{$v}}</c:v></c:pt>{{end}}</c:numCache></c:numRef></c:val></c:ser>{{end}}<c:gapWidth val="{{.GapWidth}}"/>{{if .Stacked}}<c:overlap val="100"/>{{end}}<c:axId val="100"/><c:axId val="200"/></c:barChart><c:catAx><c:axId val="100"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="{{if .NoCategoryLabels}}none{{else}}nextTo{{end}}"/><c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="` + string(charts.MutedColor) + `"/></a:solidFill></a:ln></c:spPr>{{template "txPr" .AxisText}}<c:crossAx val="200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="200"/><c:scaling><c:orientation val="minMax"/><c:max val="{{.Max}}"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>{{if or .Unit .EndLabel}}<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900" b="0"><a:solidFill><a:srgbClr val="` + string(charts.MutedColor) + `"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:pPr>{{if .EndLabel}}<a:r><a:rPr lang="ja-JP" sz="900" b="0"><a:solidFill><a:srgbClr val="{{.AxisText.Color}}"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:rPr><a:t>{{x .EndLabel}}{{if .Unit}} {{end}}</a:t></a:r>{{end}}{{if .Unit}}<a:r><a:rPr lang="ja-JP" sz="900" b="0"><a:solidFill><a:srgbClr val="` + string(charts.MutedColor) + `"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:rPr><a:t>{{x .Unit}}</a:t></a:r>{{end}}</a:p></c:rich></c:tx>{{with .UnitAt}}<c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{{printf "%.4f" .X}}"/><c:y val="{{printf "%.4f" .Y}}"/></c:manualLayout></c:layout>{{end}}<c:overlay val="0"/></c:title>{{end}}<c:numFmt formatCode="#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{{template "txPr" .AxisText}}<c:crossAx val="100"/><c:crosses val="max"/><c:crossBetween val="between"/>{{if .MajorUnit}}<c:majorUnit val="{{.MajorUnit}}"/>{{end}}</c:valAx><c:spPr><a:noFill/></c:spPr></c:plotArea>{{if .Legend}}<c:legend><c:legendPos val="t"/>{{with .LegendAt}}<c:layout><c:manualLayout><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="{{printf "%.4f" .X}}"/><c:y val="{{printf "%.4f" .Y}}"/><c:w val="{{printf "%.4f" .W}}"/><c:h val="{{printf "%.4f" .H}}"/></c:manualLayout></c:layout>{{end}}<c:overlay val="0"/>{{template "txPr" .AxisText}}</c:legend>{{end}}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr lang="ja-JP"><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr><c:externalData r:id="{{.Data}}"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>{{end}}
`

type chartView struct {
	Plot       *plotLayout
	Stacked    bool
	Legend     bool
	Max        int64
	MajorUnit  int64
	Categories strRefView
	Series     []seriesView
	AxisText   textStyle
	Data       string
	Unit       string
	UnitAt     *plotLayout
	EndLabel   string
	GapWidth   int
	LegendAt   *plotLayout

	NoCategoryLabels bool
}

type strRefView struct {
	Ref    string
	Values []string
}

type seriesView struct {
	Index          int
	Name           strRefView
	Color          charts.Color
	Ref            string
	Values         []string
	Highlight      []int
	HighlightColor charts.Color
	LabelText      textStyle
	ShowName       bool
}

type textStyle struct {
	Sz    int
	Bold  bool
	Color charts.Color
	// NoWrap keeps the text on one line (Impress wraps a long data label to the bar's
	// thickness otherwise).
	NoWrap bool
}

// colRef is an absolute reference to rows [2, n+1] of column col (1-based) of the sheet.
func colRef(col, n int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("%s!$%s$2:$%s$%d", sheetName, name, name, n+1)
}

func cellRef(col, row int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return fmt.Sprintf("%s!$%s$%d", sheetName, name, row)
}

// chartPart adds the chart's part and its workbook, links the chart from the slide and
// returns that relationship's id.
func (d *deck) chartPart(slidePart *part, c *chartSpec) (string, error) {
	d.charts++
	n := d.charts
	wb, err := chartWorkbook(c)
	if err != nil {
		return "", err
	}
	xlsx := fmt.Sprintf("ppt/embeddings/Microsoft_Excel_Worksheet%d.xlsx", n)
	d.add(xlsx, ctXLSX, wb)
	cp := d.add(fmt.Sprintf("ppt/charts/chart%d.xml", n), ctChart, nil)
	cp.data = mustExec("chart", chartXMLView(c, cp.link(relPackage, fmt.Sprintf("../embeddings/Microsoft_Excel_Worksheet%d.xlsx", n))))
	return slidePart.link(relChart, fmt.Sprintf("../charts/chart%d.xml", n)), nil
}

func chartXMLView(c *chartSpec, dataRel string) chartView {
	v := chartView{Plot: c.Plot, Stacked: c.Stacked, Legend: c.Legend, Max: c.Max, MajorUnit: c.MajorUnit, Data: dataRel,
		Categories: strRefView{Ref: colRef(1, len(c.Categories)), Values: c.Categories},
		AxisText:   textStyle{Sz: 900, Color: charts.InkColor},
		Unit:       c.Unit, UnitAt: c.UnitAt, EndLabel: c.EndLabel, GapWidth: c.GapWidth, NoCategoryLabels: c.NoCategoryLabels, LegendAt: c.LegendAt}
	if v.GapWidth == 0 {
		v.GapWidth = barGap
	}
	for i, s := range c.Series {
		sv := seriesView{Index: i, Name: strRefView{Ref: cellRef(i+2, 1), Values: []string{s.Label}}, Color: s.Color,
			Ref: colRef(i+2, len(s.Values)), HighlightColor: s.HighlightColor,
			LabelText: textStyle{Sz: pt(sizeSmall), Bold: true, Color: s.LabelColor, NoWrap: s.ShowName}, ShowName: s.ShowName}
		if s.LabelSize > 0 {
			sv.LabelText.Sz = pt(s.LabelSize)
		}
		for _, x := range s.Values {
			sv.Values = append(sv.Values, fmt.Sprint(x))
		}
		for j, h := range s.Highlight {
			if h {
				sv.Highlight = append(sv.Highlight, j)
			}
		}
		v.Series = append(v.Series, sv)
	}
	return v
}

// chartWorkbook is the chart's data as PowerPoint's 「データの編集」 opens it: categories
// in column A from row 2, one series per column from B with its name in row 1.
func chartWorkbook(c *chartSpec) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	for i, cat := range c.Categories {
		if err := f.SetCellStr(sheetName, fmt.Sprintf("A%d", i+2), cat); err != nil {
			return nil, err
		}
	}
	for j, s := range c.Series {
		col, _ := excelize.ColumnNumberToName(j + 2)
		if err := f.SetCellStr(sheetName, col+"1", s.Label); err != nil {
			return nil, err
		}
		for i, x := range s.Values {
			if err := f.SetCellFloat(sheetName, fmt.Sprintf("%s%d", col, i+2), x, -1, 64); err != nil {
				return nil, err
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// stackedSpec is a choice question's chart: one bar per row, one series per option, on the
// axis from 0 to the number of units with the model's ticks.
func stackedSpec(sb *charts.StackedBars) *chartSpec {
	c := &chartSpec{Name: sb.Heading, Stacked: true, Legend: true, Max: sb.Axis.Max, MajorUnit: majorUnit(sb.Axis), Unit: sb.Axis.Unit}
	for _, b := range sb.Bars {
		c.Categories = append(c.Categories, b.Label)
	}
	for j, s := range sb.Series {
		cs := chartSeries{Label: s.Label, Color: s.Color, LabelColor: s.TextColor}
		for _, b := range sb.Bars {
			v := 0
			if j < len(b.Values) {
				v = b.Values[j]
			}
			cs.Values = append(cs.Values, float64(v))
		}
		c.Series = append(c.Series, cs)
	}
	return c
}

// countSpec is a counts question's chart: one bar per category, 再掲 rows in the 再掲
// colour with a dashed outline.
func countSpec(cb *charts.CountBars) *chartSpec {
	cs := chartSeries{Label: cb.Heading, Color: cb.Color, LabelColor: charts.InkColor, HighlightColor: charts.RepeatColor}
	c := &chartSpec{Name: cb.Heading, Max: cb.Axis.Max, MajorUnit: majorUnit(cb.Axis), Unit: cb.Axis.Unit}
	for _, b := range cb.Bars {
		c.Categories = append(c.Categories, b.Label)
		cs.Values = append(cs.Values, float64(b.Value))
		cs.Highlight = append(cs.Highlight, b.Repeat)
	}
	c.Series = []chartSeries{cs}
	return c
}

// majorUnit is the step of the model's ticks from 0 (0 500 1000 1500 for an axis that
// ends at 1,741 units, whose end has a tick of its own the chart cannot draw); 0 (left to
// the chart) when they are not evenly spaced.
func majorUnit(a charts.Axis) int64 {
	if len(a.Ticks) < 2 {
		return 0
	}
	step := a.Ticks[1] - a.Ticks[0]
	for i := 1; i < len(a.Ticks); i++ {
		d := a.Ticks[i] - a.Ticks[i-1]
		last := i == len(a.Ticks)-1 && len(a.Ticks) > 2
		if step <= 0 || d != step && !(last && d < step) {
			return 0
		}
	}
	return step
}
