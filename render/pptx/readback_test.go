package pptx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"path"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// The parts of a chart the read-back test looks at.
type xChartSpace struct {
	Chart struct {
		PlotArea struct {
			BarChart struct {
				Grouping struct {
					Val string `xml:"val,attr"`
				} `xml:"grouping"`
				Overlap *struct {
					Val int `xml:"val,attr"`
				} `xml:"overlap"`
				Ser []xSer `xml:"ser"`
			} `xml:"barChart"`
			ValAx struct {
				Max       xVal `xml:"scaling>max"`
				Min       xVal `xml:"scaling>min"`
				MajorUnit xVal `xml:"majorUnit"`
			} `xml:"valAx"`
		} `xml:"plotArea"`
	} `xml:"chart"`
	ExternalData struct {
		ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"externalData"`
}

type xVal struct {
	Val string `xml:"val,attr"`
}

type xSer struct {
	Name  []string `xml:"tx>strRef>strCache>pt>v"`
	Color struct {
		Val string `xml:"val,attr"`
	} `xml:"spPr>solidFill>srgbClr"`
	Cats []string `xml:"cat>strRef>strCache>pt>v"`
	Vals []string `xml:"val>numRef>numCache>pt>v"`
}

type xRels struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// chartData is one chart as read back: series names and colours, categories and values
// from the chart part's caches, and the same from its embedded workbook.
type chartData struct {
	grouping string
	overlap  int
	max      string
	names    []string
	colors   []string
	cats     []string
	vals     [][]float64
	book     [][]string // the workbook's Sheet1, rows as excelize reads them
}

// readCharts reads every chart of a deck; with books set each must have its embedded
// workbook.
func readCharts(t *testing.T, files map[string][]byte, books bool) []chartData {
	t.Helper()
	var out []chartData
	for n := 1; ; n++ {
		name := fmt.Sprintf("ppt/charts/chart%d.xml", n)
		data, ok := files[name]
		if !ok {
			break
		}
		var cs xChartSpace
		if err := xml.Unmarshal(data, &cs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		bc := cs.Chart.PlotArea.BarChart
		cd := chartData{grouping: bc.Grouping.Val, max: cs.Chart.PlotArea.ValAx.Max.Val}
		if bc.Overlap != nil {
			cd.overlap = bc.Overlap.Val
		}
		for _, s := range bc.Ser {
			cd.names = append(cd.names, s.Name...)
			cd.colors = append(cd.colors, s.Color.Val)
			cd.cats = s.Cats
			var vs []float64
			for _, v := range s.Vals {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s: value %q: %v", name, v, err)
				}
				vs = append(vs, f)
			}
			cd.vals = append(cd.vals, vs)
		}
		if !books {
			out = append(out, cd)
			continue
		}
		var rels xRels
		if err := xml.Unmarshal(files[relsName(name)], &rels); err != nil {
			t.Fatalf("%s rels: %v", name, err)
		}
		for _, r := range rels.Rel {
			if r.ID != cs.ExternalData.ID {
				continue
			}
			wb := files[path.Join("ppt/charts", r.Target)]
			f, err := excelize.OpenReader(bytes.NewReader(wb))
			if err != nil {
				t.Fatalf("%s: workbook %s: %v", name, r.Target, err)
			}
			cd.book, err = f.GetRows(sheetName)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
		}
		if cd.book == nil {
			t.Fatalf("%s: no embedded workbook behind c:externalData %q", name, cs.ExternalData.ID)
		}
		out = append(out, cd)
	}
	return out
}

// chartQuestions are the questions drawn as charts, in the order of the deck's charts.
func chartQuestions(rep *charts.Report) []string {
	var ids []string
	for _, sec := range rep.Sections {
		for _, it := range sec.Items {
			for _, row := range it.Rows() {
				for _, b := range row {
					switch {
					case b.Stacked != nil:
						ids = append(ids, b.Stacked.ID)
					case b.Counts != nil:
						ids = append(ids, b.Counts.ID)
					}
				}
			}
		}
	}
	return ids
}

// want is what a chart of q must hold, straight from the aggregate: series names,
// categories and values by series, and the axis end.
func want(res *aggregate.Result, q *aggregate.Question) (names, cats []string, vals [][]float64, axisMax string) {
	if len(q.Rows) > 0 {
		names = q.Options
		vals = make([][]float64, len(q.Options))
		for _, r := range q.Rows {
			cats = append(cats, r.Label)
			for j, o := range q.Options {
				n := 0
				for _, oc := range r.Options {
					if oc.Option == o {
						n = oc.Count
					}
				}
				vals[j] = append(vals[j], float64(n))
			}
		}
		return names, cats, vals, strconv.Itoa(res.Submission.Expected)
	}
	vals = make([][]float64, 1)
	for _, c := range q.Categories {
		cats = append(cats, c.Label)
		vals[0] = append(vals[0], float64(c.Sum))
	}
	return nil, cats, vals, ""
}

// TestChartsReadBack reads every chart back, its cached values and its embedded workbook,
// and compares them with the aggregate's figures.
func TestChartsReadBack(t *testing.T) {
	res := aggregatetest.Sample(t)
	deck, rep := sampleDeck(t)
	got := readCharts(t, unzip(t, deck), true)
	ids := chartQuestions(rep)
	if len(got) != len(ids) || len(got) == 0 {
		t.Fatalf("%d charts in the deck, %d chart blocks in the report", len(got), len(ids))
	}
	stacked, counts := 0, 0
	for i, id := range ids {
		q := res.Question(id)
		c := got[i]
		names, cats, vals, axisMax := want(res, q)
		if fmt.Sprint(c.cats) != fmt.Sprint(cats) {
			t.Errorf("%s: categories %q, want %q", id, c.cats, cats)
		}
		if fmt.Sprint(c.vals) != fmt.Sprint(vals) {
			t.Errorf("%s: cached values %v, want %v", id, c.vals, vals)
		}
		if len(q.Rows) > 0 {
			stacked++
			if c.grouping != "stacked" || c.overlap != 100 || c.max != axisMax {
				t.Errorf("%s: grouping %q overlap %d max %q, want stacked 100 %s", id, c.grouping, c.overlap, c.max, axisMax)
			}
			if fmt.Sprint(c.names) != fmt.Sprint(names) {
				t.Errorf("%s: series %q, want %q", id, c.names, names)
			}
			for j, o := range q.Options {
				if col := string(charts.OptionColor(o, j, len(q.Options))); c.colors[j] != col {
					t.Errorf("%s: %s coloured %s, want %s", id, o, c.colors[j], col)
				}
			}
		} else {
			counts++
			var sum float64
			for k, cat := range q.Categories {
				if !cat.Repeat {
					sum += vals[0][k]
				}
			}
			if q.Total != nil && sum != float64(q.Total.Sum) {
				t.Errorf("%s: bars without 再掲 sum to %v, total %d", id, sum, q.Total.Sum)
			}
		}
		// The workbook: names in row 1 from B, categories in column A, values beside them.
		if len(c.book) != len(cats)+1 {
			t.Errorf("%s: workbook has %d rows, want %d", id, len(c.book), len(cats)+1)
			continue
		}
		for j, s := range c.names {
			if c.book[0][j+1] != s {
				t.Errorf("%s: workbook B1.. %q, want %q", id, c.book[0], c.names)
			}
		}
		for r, cat := range cats {
			row := c.book[r+1]
			if row[0] != cat {
				t.Errorf("%s: workbook A%d %q, want %q", id, r+2, row[0], cat)
			}
			for j := range vals {
				if row[j+1] != strconv.FormatFloat(vals[j][r], 'f', -1, 64) {
					t.Errorf("%s: workbook row %d %q, want %v", id, r+2, row, vals[j][r])
				}
			}
		}
	}
	if stacked == 0 || counts == 0 {
		t.Fatalf("%d stacked and %d count charts: the sample has both", stacked, counts)
	}
}
