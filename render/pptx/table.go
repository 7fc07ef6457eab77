package pptx

import (
	"strings"

	"github.com/osaka-city/zaitaku/charts"
)

// table is a native PowerPoint table: a person edits its cells as in any table they made.
type table struct {
	box
	Name string
	// Cols are the column widths in mm; the table's width is their sum.
	Cols []float64
	Rows []tableRow
	Size float64
	// Heights are the rows' heights in EMU when they differ; else the box's height is
	// shared out evenly.
	Heights []int
}

// tableRow is one row; Header rows are bold on the accent fill.
type tableRow struct {
	Cells  []tableCell
	Header bool
	Fill   charts.Color
	Color  charts.Color
}

// tableCell is one cell's text; Right aligns figures, Center codes. Span and RowSpan merge the cell
// with the ones right of and under it, which are then Merged (hMerge) or Under (vMerge).
type tableCell struct {
	Text          string
	Right, Center bool
	Span, RowSpan int
	Merged, Under bool
}

const tableTemplates = `
{{define "cellLn"}}<a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill>{{end}}
{{define "table"}}<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{{.ID}}" name="{{x .Name}}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>{{template "xfrm" .Box}}</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{{range .Cols}}<a:gridCol w="{{.}}"/>{{end}}</a:tblGrid>{{range .Rows}}<a:tr h="{{.H}}">{{$r := .}}{{range .Cells}}<a:tc{{if gt .RowSpan 1}} rowSpan="{{.RowSpan}}"{{end}}{{if gt .Span 1}} gridSpan="{{.Span}}"{{end}}{{if .Merged}} hMerge="1"{{end}}{{if .Under}} vMerge="1"{{end}}><a:txBody><a:bodyPr/><a:lstStyle/>{{$a := .Align}}{{range .Lines}}<a:p><a:pPr algn="{{$a}}"/><a:r><a:rPr lang="ja-JP" altLang="en-US" sz="{{$.Sz}}" b="{{if $r.Bold}}1{{else}}0{{end}}" dirty="0"><a:solidFill><a:srgbClr val="{{$r.Color}}"/></a:solidFill></a:rPr><a:t>{{x .}}</a:t></a:r><a:endParaRPr lang="ja-JP" altLang="en-US" sz="{{$.Sz}}" dirty="0"/></a:p>{{end}}</a:txBody><a:tcPr marL="54000" marR="54000" marT="18000" marB="18000" anchor="ctr"><a:lnL w="6350">{{template "cellLn"}}</a:lnL><a:lnR w="6350">{{template "cellLn"}}</a:lnR><a:lnT w="6350">{{template "cellLn"}}</a:lnT><a:lnB w="6350">{{template "cellLn"}}</a:lnB>{{if $r.Fill}}<a:solidFill><a:srgbClr val="{{$r.Fill}}"/></a:solidFill>{{else}}<a:noFill/>{{end}}</a:tcPr></a:tc>{{end}}</a:tr>{{end}}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>{{end}}
`

type tableView struct {
	ID   int
	Name string
	Box  box
	Cols []int
	Sz   int
	Rows []tableRowView
}

type tableRowView struct {
	H     int
	Bold  bool
	Fill  charts.Color
	Color charts.Color
	Cells []tableCellView
}

type tableCellView struct {
	// Lines are the cell's paragraphs: its text split at line breaks.
	Lines         []string
	Align         string
	Span, RowSpan int
	Merged, Under bool
}

func tableXMLView(id int, t *table) tableView {
	v := tableView{ID: id, Name: t.Name, Box: t.box, Sz: pt(t.Size)}
	w := 0
	for _, c := range t.Cols {
		v.Cols = append(v.Cols, mm(c))
		w += mm(c)
	}
	v.Box.W = w
	for i, r := range t.Rows {
		rv := tableRowView{Bold: r.Header, Fill: r.Fill, Color: r.Color, H: t.H / len(t.Rows)}
		if i < len(t.Heights) {
			rv.H = t.Heights[i]
		}
		if r.Header && rv.Fill == "" {
			rv.Fill, rv.Color = charts.AccentColor, "FFFFFF"
		}
		if rv.Color == "" {
			rv.Color = charts.InkColor
		}
		for i := range t.Cols {
			c := tableCell{}
			if i < len(r.Cells) {
				c = r.Cells[i]
			}
			a := "l"
			switch {
			case c.Right:
				a = "r"
			case c.Center:
				a = "ctr"
			}
			rv.Cells = append(rv.Cells, tableCellView{Lines: strings.Split(strings.ReplaceAll(c.Text, "\r\n", "\n"), "\n"), Align: a, Span: c.Span, RowSpan: c.RowSpan, Merged: c.Merged, Under: c.Under})
		}
		v.Rows = append(v.Rows, rv)
	}
	return v
}

// textCols are column widths for texts, in proportion to their widest cell (counted in
// half-width columns, at least min), filling w mm.
func textCols(rows [][]string, w float64, minCols int) []float64 {
	var need []int
	for _, r := range rows {
		for i, c := range r {
			for len(need) <= i {
				need = append(need, minCols)
			}
			need[i] = max(need[i], displayWidth(c))
		}
	}
	total := 0
	for _, n := range need {
		total += n
	}
	out := make([]float64, len(need))
	for i, n := range need {
		out[i] = w * float64(n) / float64(max(total, 1))
	}
	return out
}
