package trendcmd

import (
	"bytes"
	"encoding/json"
	"html/template"
	"io"
	"strconv"

	"github.com/osaka-city/zaitaku/charts"
	rhtml "github.com/osaka-city/zaitaku/render/html"
	"github.com/osaka-city/zaitaku/schema"
)

// trendPage is what trendTemplate draws: the heading, one chart and the text format's table.
type trendPage struct {
	Title    string
	ID       string
	Span     string
	Unit     string
	Caption  string
	Periods  []string
	Groups   []tableGroup
	None     string
	Note     string
	Option   template.JS
	ECharts  template.JS
	Notice   string
	ChartTip string
	// Decimals are the places the chart's labels show, as the table does.
	Decimals int
}

// tableGroup is the city's lines or the units' lines, under a heading row.
type tableGroup struct {
	Head  string
	Lines []tableLine
}

// tableLine is one row of the table: its name and the printed cells.
type tableLine struct {
	Name  string
	Cells []string
}

// writeHTML writes the series as one offline page: the report's ECharts build inline, a
// line chart of the city's total (a count) or a stacked bar of the option counts (a choice
// row) per period, then the same table as the text format. A period without a figure is a
// gap in the chart and 「―」 in the table, never 0.
func writeHTML(w io.Writer, s *series) error {
	p := trendPage{
		Title:   s.t.title(),
		ID:      s.t.id(),
		Periods: labels(s.periods),
		None:    none,
		ECharts: template.JS(rhtml.ECharts()),
		Notice:  rhtml.EChartsNotice(),
	}
	if s.t.q.Type == schema.Number {
		p.Decimals = s.t.q.Decimals
	}
	if n := len(s.periods); n > 0 {
		p.Span = s.periods[0].label
		if n > 1 {
			p.Span += "〜" + s.periods[n-1].label
		}
	}
	if u := s.t.q.Unit; u != "" && !s.t.row {
		p.Unit = u
	}
	p.Caption = p.Title + "（" + p.ID + "）の期間ごとの推移"
	cityHead := cityLabel
	if s.t.row {
		cityHead += "（" + s.unitLabel + "の数）"
	}
	city := tableGroup{Head: cityHead}
	for _, l := range s.city {
		name := "合計"
		if s.t.row {
			name = l.option
		}
		city.Lines = append(city.Lines, tableLine{name, shown(l.cells)})
	}
	units := tableGroup{Head: s.unitLabel + "ごと"}
	for _, l := range s.units {
		units.Lines = append(units.Lines, tableLine{l.unit, shown(l.cells)})
	}
	p.Groups = []tableGroup{city, units}
	p.Note = none + ": その期間に数値がない（調査にない、" + s.unitLabel + "ごとの回答がない公表値だけの期間、未提出、回答なし）。0 ではありません"
	if s.t.row {
		p.ChartTip = "期間ごとに、各選択肢を選んだ" + s.unitLabel + "の数（積み上げ棒）。数値のない期間は空けています"
	} else {
		p.ChartTip = "期間ごとの全体の合計（折れ線）。数値のない期間は線を切っています"
	}
	opt, err := json.Marshal(chartOption(s, p.Periods, p.ChartTip))
	if err != nil {
		return err
	}
	p.Option = template.JS(opt)
	var buf bytes.Buffer
	if err := trendTemplate.Execute(&buf, p); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// chartOption is the ECharts option: a stacked bar per option for a choice row, else one
// line of the city's total. A cell without a figure is null, which ECharts leaves empty.
// ECharts' aria gives the chart its description (tip) for screen readers and a pattern
// per series, so the options stay apart in grey and for colour-blind readers.
func chartOption(s *series, periods []string, tip string) map[string]any {
	var ser []map[string]any
	var legend []string
	for i, l := range s.city {
		data := make([]any, len(l.cells))
		for i, c := range l.cells {
			data[i] = nil
			if c.shown != none {
				if v, err := strconv.ParseFloat(c.value, 64); err == nil {
					data[i] = v
				}
			}
		}
		if s.t.row {
			legend = append(legend, l.option)
			// The option's colour in the report, and its count in the colour the report
			// prints on that fill, so the two read alike.
			fill := charts.OptionColor(l.option, i, len(s.city))
			ser = append(ser, map[string]any{"name": l.option, "type": "bar", "stack": "total", "data": data,
				"itemStyle": map[string]any{"color": "#" + string(fill)},
				"label":     map[string]any{"show": true, "position": "inside", "color": "#" + string(charts.TextColor(fill))}, "barCategoryGap": "35%"})
		} else {
			name := cityLabel + "の合計"
			legend = append(legend, name)
			ser = append(ser, map[string]any{"name": name, "type": "line", "data": data, "connectNulls": false,
				"symbolSize": 8, "label": map[string]any{"show": true, "position": "top"}})
		}
	}
	yName := s.unitLabel + "の数"
	if !s.t.row {
		yName = s.t.q.Unit
	}
	return map[string]any{
		"animation": false,
		"aria": map[string]any{"enabled": true, "decal": map[string]any{"show": s.t.row},
			"label": map[string]any{"description": tip}},
		"tooltip": map[string]any{"trigger": "axis", "confine": true},
		"legend":  map[string]any{"data": legend, "top": 0},
		"grid":    map[string]any{"left": 60, "right": 30, "top": 50, "bottom": 40, "containLabel": true},
		"xAxis":   map[string]any{"type": "category", "data": periods},
		"yAxis":   map[string]any{"type": "value", "name": yName, "minInterval": 1},
		"series":  ser,
	}
}

var trendTemplate = template.Must(template.New("trend").Funcs(template.FuncMap{
	"inc": func(n int) int { return n + 1 },
	"num": func(c string) bool { return numeric(c) || c == none },
}).Parse(`<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}（{{.ID}}）の推移 {{.Span}}</title>
<style>
body { font-family: "BIZ UDPGothic", "Yu Gothic", "Meiryo", "Noto Sans CJK JP", sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .2em; }
p.span { margin: 0 0 1em; color: #444; }
#chart { width: 100%; max-width: 960px; height: 420px; }
table { border-collapse: collapse; margin-top: 1em; font-size: .95em; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
th, td { border: 1px solid #999; padding: .25em .6em; }
thead th { background: #eef; }
tbody th[scope="rowgroup"] { background: #f4f4f4; text-align: left; }
tbody th[scope="row"] { text-align: left; font-weight: normal; padding-left: 1.2em; }
td.num { text-align: right; }
p.note, footer { font-size: .85em; color: #444; }
footer pre { white-space: pre-wrap; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}（{{.ID}}）</h1>
<p class="span">期間: {{.Span}}{{if .Unit}}　単位: {{.Unit}}{{end}}</p>
<figure>
<div id="chart" role="img" aria-label="{{.ChartTip}}"></div>
<figcaption>{{.ChartTip}}</figcaption>
</figure>
<table>
<caption>{{.Caption}}{{if .Unit}}（単位: {{.Unit}}）{{end}}</caption>
<thead><tr><td></td>{{range .Periods}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
{{range .Groups}}<tbody>
<tr><th scope="rowgroup" colspan="{{len $.Periods | inc}}">{{.Head}}</th></tr>
{{range .Lines}}<tr><th scope="row">{{.Name}}</th>{{range .Cells}}<td{{if num .}} class="num"{{end}}>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
{{end}}</table>
<p class="note">{{.Note}}</p>
</main>
<footer><pre>{{.Notice}}</pre></footer>
<script>{{.ECharts}}</script>
<script>
(function () {
  var el = document.getElementById("chart");
  var chart = echarts.init(el, null, {renderer: "svg"});
  var option = {{.Option}};
  // Figures read as in the table (6,784): JSON cannot carry the formatter function.
  var fmt = function (p) { return p.value == null ? "" : Number(p.value).toLocaleString("ja-JP", {minimumFractionDigits: {{.Decimals}}, maximumFractionDigits: {{.Decimals}}}); };
  option.series.forEach(function (s) { s.label.formatter = fmt; });
  chart.setOption(option);
  window.addEventListener("resize", function () { chart.resize(); });
})();
</script>
</body>
</html>
`))
