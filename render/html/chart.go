package html

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	gerender "github.com/go-echarts/go-echarts/v2/render"
	"github.com/go-echarts/go-echarts/v2/templates"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/osaka-city/zaitaku/charts"
)

// fontFamily is the chart text's font stack, the same as the page's: BIZ UDPGothic ships
// with Windows 10 and later, Meiryo and Yu Gothic with every supported Windows.
const fontFamily = `"BIZ UDPGothic", "BIZ UDPゴシック", Meiryo, "メイリオ", "Yu Gothic", "游ゴシック", sans-serif`

// Sizes in CSS pixels. Label lines come wrapped from the model; the chart height follows
// the number of rows and their lines, so labels never overlap and never get squeezed.
const (
	labelFont   = 12
	labelLine   = 16
	stackedMinH = 36 // a stacked row: room for a segment count and two label lines
	countMinH   = 26
)

// tip is a bar segment's tooltip, carried in the data item and drawn by zaitakuTip
// (page.js): heading, summary lines, and the wards behind the segment.
type tip struct {
	H string   `json:"h"`
	S []string `json:"s,omitempty"`
	W []string `json:"w,omitempty"`
}

// barItem is a bar data item. go-echarts' opts.BarData has no room for the tooltip text, and
// ECharts passes unknown fields of a data item through to the formatter as params.data.
type barItem struct {
	Value     int64       `json:"value"`
	Label     *opts.Label `json:"label,omitempty"`
	ItemStyle *itemStyle  `json:"itemStyle,omitempty"`
	Tip       *tip        `json:"tip,omitempty"`
}

// itemStyle adds ECharts 5's decal (the hatching of 再掲 bars) to a fill colour.
type itemStyle struct {
	Color string `json:"color,omitempty"`
	Decal *decal `json:"decal,omitempty"`
}

// decal is an ECharts pattern drawn over a fill. DashArrayX is a list of numbers, or of
// lists for patterns whose rows are offset (dots).
type decal struct {
	Symbol     string    `json:"symbol"`
	SymbolSize float64   `json:"symbolSize,omitempty"`
	Color      string    `json:"color"`
	DashArrayX any       `json:"dashArrayX"`
	DashArrayY []float64 `json:"dashArrayY"`
	Rotation   float64   `json:"rotation"`
}

// textStyle is ECharts' text style, for the options written directly below.
type textStyle struct {
	Color      string `json:"color,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
	FontFamily string `json:"fontFamily,omitempty"`
	Align      string `json:"align,omitempty"`
}

type axisLabel struct {
	Show       bool   `json:"show"`
	Interval   *int   `json:"interval,omitempty"`
	FontSize   int    `json:"fontSize,omitempty"`
	LineHeight int    `json:"lineHeight,omitempty"`
	Color      string `json:"color,omitempty"`
	Margin     int    `json:"margin,omitempty"`
	// Formatter hides the labels of ticks the model does not have (valueAxis).
	Formatter types.FuncStr `json:"formatter,omitempty"`
}

// axis is an ECharts axis, written directly rather than with go-echarts' types: those have
// no `interval` (the model fixes the ticks) and take the label interval as a string, which
// ECharts does not read as "show every row".
type axis struct {
	Type          string          `json:"type"`
	Position      string          `json:"position,omitempty"`
	Inverse       bool            `json:"inverse,omitempty"`
	Data          []any           `json:"data,omitempty"`
	Min           *int64          `json:"min,omitempty"`
	Max           *int64          `json:"max,omitempty"`
	Interval      int64           `json:"interval,omitempty"`
	Name          string          `json:"name,omitempty"`
	NameLocation  string          `json:"nameLocation,omitempty"`
	NameGap       int             `json:"nameGap,omitempty"`
	NameTextStyle *textStyle      `json:"nameTextStyle,omitempty"`
	AxisLabel     axisLabel       `json:"axisLabel"`
	AxisTick      *opts.AxisTick  `json:"axisTick,omitempty"`
	AxisLine      *opts.AxisLine  `json:"axisLine,omitempty"`
	SplitLine     *opts.SplitLine `json:"splitLine,omitempty"`
}

// category is a category axis value with its own text style (a 再掲 row in grey).
type category struct {
	Value     string     `json:"value"`
	TextStyle *textStyle `json:"textStyle,omitempty"`
}

// tooltip adds what go-echarts' opts.Tooltip lacks: confine keeps a long ward list inside
// the chart instead of running off the window edge.
type tooltip struct {
	Show         bool          `json:"show"`
	Trigger      string        `json:"trigger"`
	Confine      bool          `json:"confine"`
	Formatter    types.FuncStr `json:"formatter"`
	ExtraCSSText string        `json:"extraCssText,omitempty"`
	TextStyle    textStyle     `json:"textStyle"`
}

// patch is a go-echarts configuration visitor that sets the options go-echarts has no type
// for, on the final option object just before it is written.
type patch struct {
	gecharts.BaseConfigurationVisitor
	set map[string]any
}

// Visit is called with the finished option object of the chart.
func (p patch) Visit(o map[string]any) {
	for k, v := range p.set {
		o[k] = v
	}
}

// valueAxis is the model's value axis: from 0 to Max, a tick per step, the unit at the end.
func valueAxis(a charts.Axis) axis {
	lo, hi := int64(0), a.Max
	ax := axis{
		Type: "value", Min: &lo, Max: &hi,
		Name: text(a.Unit), NameLocation: "end", NameGap: 6,
		NameTextStyle: &textStyle{FontSize: labelFont, Color: "#333"},
		AxisLabel:     axisLabel{Show: true, FontSize: labelFont, Color: "#333"},
		SplitLine:     &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: cssColor(charts.GridColor)}},
	}
	if len(a.Ticks) >= 2 {
		ax.Interval = a.Ticks[1] - a.Ticks[0]
		ax.AxisLabel.Formatter = onlyTicks(a, ax.Interval)
	}
	return ax
}

// onlyTicks is a label formatter that shows the model's ticks alone, for an axis whose
// ticks ECharts would not draw by itself from 0, the step and the end (ECharts 5.4 has no
// custom ticks): a choice axis that leaves out the multiple next to its end (0 5 10 15 21)
// would get a label at 20 too. Empty when ECharts draws the model's ticks.
func onlyTicks(a charts.Axis, step int64) types.FuncStr {
	var drawn []int64
	for v := int64(0); v < a.Max; v += step {
		drawn = append(drawn, v)
	}
	drawn = append(drawn, a.Max)
	if fmt.Sprint(drawn) == fmt.Sprint(a.Ticks) {
		return ""
	}
	var labels []string
	for _, v := range a.Ticks {
		labels = append(labels, fmt.Sprintf("%d:'%s'", v, charts.Thousands(v)))
	}
	return opts.FuncOpts("function (v) { return {" + strings.Join(labels, ",") + "}[v] || ''; }")
}

// zero is an axis label interval of 0: every row labelled, however crowded.
func zero() *int { z := 0; return &z }

// commonOptions are the options every chart gets: its font, and a tooltip drawn by page.js.
func commonOptions() map[string]any {
	return map[string]any{
		"textStyle": textStyle{FontFamily: fontFamily},
		"tooltip": tooltip{
			Show: true, Trigger: "item", Confine: true,
			Formatter:    opts.FuncOpts("function (p) { return zaitakuTip(p); }"),
			ExtraCSSText: "max-width:30em;white-space:normal;",
			TextStyle:    textStyle{FontFamily: fontFamily, FontSize: 13, Color: cssColor(charts.InkColor)},
		},
	}
}

func hexColor(c charts.Color) string { return "#" + string(c) }

func px(n int) string { return fmt.Sprintf("%dpx", n) }

// newBar is a horizontal bar chart with the settings both chart kinds share: a fixed id
// (go-echarts would draw a random one, and the page must come out byte for byte the same),
// full width so it follows the window, SVG so it prints sharp and its text can be searched
// with Ctrl+F, and no animation so the picture is final as soon as it is drawn.
func newBar(id string, height int) *gecharts.Bar {
	bar := gecharts.NewBar()
	bar.SetGlobalOptions(
		gecharts.WithInitializationOpts(opts.Initialization{
			ChartID: id, Width: "100%", Height: px(height), Renderer: "svg", Theme: "white",
		}),
		gecharts.WithAnimation(false),
	)
	// The page carries ECharts inline and writes only the chart snippets, never go-echarts'
	// <head> with its <script src> on the assets host (a CDN). Clearing the asset list as
	// well keeps any other use of this chart from pointing there.
	bar.ClearPresetAssets()
	bar.AssetsHost = ""
	bar.AddJSFuncStrs("zaitakuChart(%MY_ECHARTS%);")
	return bar
}

// maxLines is the most label lines of any row.
func maxLines[T any](rows []T, lines func(T) []string) int {
	n := 0
	for _, r := range rows {
		n = max(n, len(lines(r)))
	}
	return n
}

// stackedHeight is the pixel height of a stacked chart: legend, rows, value axis. ECharts
// gives every row of a category axis the same height, so all rows are as tall as the
// row with the most label lines.
func stackedHeight(sb *charts.StackedBars, top int) int {
	row := max(stackedMinH, labelLine*maxLines(sb.Bars, func(b charts.StackedBar) []string { return b.Lines })+14)
	return top + 34 + row*len(sb.Bars)
}

// stackedTop is the room above the rows of a stacked chart, for the legend. Earlier
// per-row figures go in a second category axis on the right, so each sits level with its
// bar however the rows wrap; their heading needs a little more.
func stackedTop(sb *charts.StackedBars) int {
	if len(sb.Earlier) > 0 {
		return 52
	}
	return 36
}

// stackedChart draws a choice question: one horizontal bar per row, one segment per option.
func stackedChart(id string, sb *charts.StackedBars, unitLabel string) (template.HTML, error) {
	top := stackedTop(sb)
	bar := newBar(id, stackedHeight(sb, top))
	showRowLabels := false
	cats := make([]any, len(sb.Bars))
	for i, b := range sb.Bars {
		cats[i] = category{Value: text(strings.Join(b.Lines, "\n"))}
		showRowLabels = showRowLabels || len(b.Lines) > 0
	}
	for si, s := range sb.Series {
		data := make([]barItem, len(sb.Bars))
		for bi, b := range sb.Bars {
			v := 0
			if si < len(b.Values) {
				v = b.Values[si]
			}
			it := barItem{Value: int64(v)}
			if v == 0 {
				// A zero segment has no width; its "0" would sit on the neighbour's edge.
				it.Label = &opts.Label{Show: opts.Bool(false)}
			} else {
				t := &tip{H: text(b.Label), S: []string{text(s.Label + "　" + charts.UnitAmount(unitLabel, int64(v)))}}
				if si < len(b.Wards) {
					t.W = texts(b.Wards[si])
				}
				it.Tip = t
			}
			data[bi] = it
		}
		bar.AddSeries(text(s.Label), nil,
			gecharts.WithBarChartOpts(opts.BarChart{Stack: "total", BarCategoryGap: "35%"}),
			gecharts.WithItemStyleOpts(opts.ItemStyle{Color: hexColor(s.Color)}),
			// The count sits on a chip of the plain fill, so that the pattern drawn over
			// the segment (aria.go) does not run through its digits.
			gecharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Color: hexColor(s.TextColor), FontSize: labelFont,
				BackgroundColor: hexColor(s.Color), BorderRadius: 2}),
		)
		bar.MultiSeries[len(bar.MultiSeries)-1].Data = data
	}
	set := commonOptions()
	set["legend"] = map[string]any{"show": true, "top": 0, "left": 0, "itemGap": 16, "textStyle": textStyle{FontSize: 13}}
	set["grid"] = map[string]any{"left": 8, "right": 40, "top": top, "bottom": 4, "containLabel": true}
	set["xAxis"] = []axis{valueAxis(sb.Axis)}
	rows := axis{
		Type: "category", Inverse: true, Data: cats,
		AxisLabel: axisLabel{Show: showRowLabels, Interval: zero(), FontSize: labelFont, LineHeight: labelLine, Color: cssColor(charts.InkColor)},
		AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
	}
	yAxes := []axis{rows}
	if len(sb.Earlier) > 0 {
		var names []string
		vals := make([]any, len(sb.Bars))
		for bi := range sb.Bars {
			var parts []string
			for _, col := range sb.Earlier {
				s := charts.Dash
				if bi < len(col.Cells) {
					s = col.Cells[bi]
				}
				parts = append(parts, text(s))
			}
			vals[bi] = category{Value: strings.Join(parts, "／")}
		}
		for _, col := range sb.Earlier {
			names = append(names, text(strings.Join(col.Header, "\n")))
		}
		yAxes = append(yAxes, axis{
			Type: "category", Position: "right", Inverse: true, Data: vals,
			Name: strings.Join(names, "／"), NameLocation: "start", NameGap: 8,
			NameTextStyle: &textStyle{FontSize: 11, LineHeight: 14, Color: cssColor(charts.AccentColor), Align: "center"},
			AxisLabel:     axisLabel{Show: true, Interval: zero(), FontSize: 13, Color: cssColor(charts.AccentColor), Margin: 14},
			AxisTick:      &opts.AxisTick{Show: opts.Bool(false)},
			AxisLine:      &opts.AxisLine{Show: opts.Bool(false)},
		})
	}
	set["yAxis"] = yAxes
	desc := stackedDescription(sb, unitLabel)
	set["aria"] = ariaOption(desc, seriesDecals(sb.Series))
	bar.Accept(patch{set: set})
	return snippet(bar, desc)
}

// countHeight is the pixel height of a count chart: rows and value axis. A two-line label
// may reach a pixel into its neighbours' rows, whose one-line labels leave them room: so
// the 21 rows of the 関係機関 list stay within one printed A4 landscape page.
func countHeight(cb *charts.CountBars) int {
	row := max(countMinH, labelLine*maxLines(cb.Bars, func(b charts.CountBar) []string { return b.Lines })-2)
	return 20 + 34 + row*len(cb.Bars)
}

// countChart draws a counts question: one bar per category, 再掲 rows lighter and hatched.
func countChart(id string, cb *charts.CountBars, unitLabel string) (template.HTML, error) {
	bar := newBar(id, countHeight(cb))
	cats := make([]any, len(cb.Bars))
	data := make([]barItem, len(cb.Bars))
	for i, b := range cb.Bars {
		c := category{Value: text(strings.Join(b.Lines, "\n"))}
		t := &tip{H: text(b.Name), S: []string{text(charts.Thousands(b.Value) + " " + cb.Unit)}, W: texts(b.Wards)}
		if b.Range != "" {
			t.S = append(t.S, text(unitLabel+"ごとの範囲　"+b.Range))
		}
		it := barItem{Value: b.Value, Tip: t}
		if b.Repeat {
			c.TextStyle = &textStyle{Color: cssColor(charts.MutedColor)}
			t.S = append(t.S, charts.RepeatNotInTotal)
			it.ItemStyle = &itemStyle{Color: hexColor(charts.RepeatColor), Decal: &decal{
				Symbol: "rect", Color: "rgba(255,255,255,0.55)",
				DashArrayX: []float64{1, 0}, DashArrayY: []float64{3, 4}, Rotation: -0.785398,
			}}
		}
		cats[i], data[i] = c, it
	}
	bar.AddSeries(text(cb.Heading), nil,
		gecharts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}),
		gecharts.WithItemStyleOpts(opts.ItemStyle{Color: hexColor(cb.Color)}),
		gecharts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Color: cssColor(charts.InkColor), FontSize: labelFont,
			Formatter: string(opts.FuncOpts("function (p) { return echarts.format.addCommas(p.value); }"))}),
	)
	bar.MultiSeries[0].Data = data
	set := commonOptions()
	set["legend"] = map[string]any{"show": false}
	set["grid"] = map[string]any{"left": 8, "right": 56, "top": 20, "bottom": 4, "containLabel": true}
	set["xAxis"] = []axis{valueAxis(cb.Axis)}
	set["yAxis"] = []axis{{
		Type: "category", Inverse: true, Data: cats,
		AxisLabel: axisLabel{Show: true, Interval: zero(), FontSize: labelFont, LineHeight: labelLine, Color: cssColor(charts.InkColor)},
		AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
	}}
	desc := countDescription(cb)
	set["aria"] = ariaOption(desc, nil)
	bar.Accept(patch{set: set})
	return snippet(bar, desc)
}

// text makes a string from the data safe to pass through go-echarts. go-echarts marks
// JavaScript in an option as a string wrapped in "__f__" and, after writing the option,
// deletes every "__f__" together with an adjacent quote, wherever it is: a label reading
// __f__…__f__ would come out as code. A zero-width space between the underscores keeps
// the text as it reads and leaves no marker.
func text(s string) string {
	for strings.Contains(s, "__f__") {
		s = strings.ReplaceAll(s, "__f__", "_\u200b_f_\u200b_")
	}
	return s
}

func texts(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = text(s)
	}
	return out
}

// The element and script templates of go-echarts' RenderSnippet, parsed once: RenderSnippet
// parses them (and an option template the page does not use) for every chart and runs a
// regexp over each result, which was most of the page's time at 1,741 units.
var (
	elementTpl = gerender.MustTemplate(gerender.ModChart, []string{templates.BaseTpl, templates.BaseElementTpl})
	scriptTpl  = gerender.MustTemplate(gerender.ModChart, []string{templates.BaseTpl, templates.BaseScriptTpl})
)

// snippet renders a chart's container and script as go-echarts' RenderSnippet does, the
// container an image named label for screen readers (role="img": they skip the drawing
// inside, whose numbers are in the data table under it). Its
// option JSON is written into the script without HTML escaping, so a label holding
// "</script>" would end the script early; every "<" in the script is written as \u003c,
// which is the same character inside a JSON string, and the script's own code (ours and
// go-echarts' template) has none.
func snippet(bar *gecharts.Bar, label string) (template.HTML, error) {
	bar.Validate() // what RenderSnippet runs first
	var el, sc bytes.Buffer
	if err := elementTpl.ExecuteTemplate(&el, gerender.ModChart, bar); err != nil {
		return "", fmt.Errorf("html: chart %s: %w", bar.ChartID, err)
	}
	if err := scriptTpl.ExecuteTemplate(&sc, gerender.ModChart, bar); err != nil {
		return "", fmt.Errorf("html: chart %s: %w", bar.ChartID, err)
	}
	element, script := unmark(el.String()), unmark(sc.String())
	// The drawing's container is the image: ECharts writes the description (aria) onto it
	// when it draws, and it is there before, for a page whose script does not run.
	at := `id="` + bar.ChartID + `"`
	if strings.Count(element, at) != 1 {
		return "", fmt.Errorf("html: unexpected go-echarts element for chart %s", bar.ChartID)
	}
	element = strings.Replace(element, at, at+` role="img" aria-label="`+template.HTMLEscapeString(label)+`"`, 1)
	// The script is "<script …>", the body and "</script>", with white space around.
	start := strings.Index(script, "<script")
	open := start + strings.IndexByte(script[max(start, 0):], '>') + 1
	end := strings.LastIndex(script, "</script>")
	if start < 0 || strings.TrimSpace(script[:start]) != "" || open <= start || end < open {
		return "", fmt.Errorf("html: unexpected go-echarts script for chart %s", bar.ChartID)
	}
	body := strings.ReplaceAll(script[open:end], "<", `\u003c`)
	return template.HTML(`<div class="chart">` + element + "</div>\n" + script[:open] + body + script[end:]), nil
}

// unmark deletes go-echarts' function markers as its regexp (__f__")|("__f__)|(__f__)
// does: at each place, "__f__ with the quote after or before it, else __f__ alone, which
// turns the string "__f__function…__f__" into code.
func unmark(s string) string {
	if !strings.Contains(s, "__f__") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		j := strings.Index(s, "__f__")
		if j < 0 {
			b.WriteString(s)
			break
		}
		if j > 0 && s[j-1] == '"' { // "__f__ starts one place further left
			b.WriteString(s[:j-1])
			s = s[j+5:]
			continue
		}
		b.WriteString(s[:j])
		s = strings.TrimPrefix(s[j+5:], `"`)
	}
	return b.String()
}
