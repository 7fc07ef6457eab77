package html

import (
	"github.com/osaka-city/zaitaku/charts"
)

// aria is ECharts' accessibility option: the description ECharts puts on the chart as its
// aria-label, and the patterns drawn over the series, so that options stay apart in grey
// print and for readers who do not see the colours apart.
type aria struct {
	Enabled bool       `json:"enabled"`
	Label   ariaLabel  `json:"label"`
	Decal   *ariaDecal `json:"decal,omitempty"`
}

type ariaLabel struct {
	Enabled     bool   `json:"enabled"`
	Description string `json:"description"`
}

// ariaDecal gives series i the pattern Decals[i] (ECharts aria.decal).
type ariaDecal struct {
	Show   bool    `json:"show"`
	Decals []decal `json:"decals"`
}

// ariaOption is a chart's aria option: its description, and the series' patterns when
// given (a count chart has one series and hatches its 再掲 bars itself).
func ariaOption(description string, decals []decal) aria {
	a := aria{Enabled: true, Label: ariaLabel{Enabled: true, Description: text(description)}}
	if len(decals) > 0 {
		a.Decal = &ariaDecal{Show: true, Decals: decals}
	}
	return a
}

// seriesPatterns are the shapes of the stacked series' patterns, in series order: they
// differ in direction and shape, not only in density, so that neighbours stay apart in
// grey. Sparse and thin, so that a count printed on a segment stays readable.
var seriesPatterns = []decal{
	{Symbol: "rect", DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 6}, Rotation: 0.785398},                    // diagonal lines ／
	{Symbol: "circle", SymbolSize: 0.8, DashArrayX: [][]float64{{5, 5}, {0, 5, 5, 0}}, DashArrayY: []float64{5, 0}},   // dots
	{Symbol: "rect", DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 5}, Rotation: 1.570796},                    // vertical lines
	{Symbol: "rect", DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 6}, Rotation: -0.785398},                   // diagonal lines ＼
	{Symbol: "rect", SymbolSize: 0.9, DashArrayX: [][]float64{{4, 4}, {0, 4, 4, 0}}, DashArrayY: []float64{4, 0}},     // checks
	{Symbol: "triangle", SymbolSize: 0.8, DashArrayX: [][]float64{{7, 7}, {0, 7, 7, 0}}, DashArrayY: []float64{6, 0}}, // triangles
	{Symbol: "rect", DashArrayX: []float64{1, 0}, DashArrayY: []float64{2, 5}, Rotation: 0},                           // horizontal lines
}

// seriesDecals gives each stacked series its own pattern, light on a dark fill and dark on
// a light one.
func seriesDecals(series []charts.Series) []decal {
	out := make([]decal, len(series))
	for i, s := range series {
		d := seriesPatterns[i%len(seriesPatterns)]
		d.Color = "rgba(0,0,0,0.3)"
		if s.TextColor == charts.White {
			d.Color = "rgba(255,255,255,0.45)"
		}
		out[i] = d
	}
	return out
}
