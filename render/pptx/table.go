package pptx

import (
	"encoding/xml"
	"fmt"
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
	// Bold sets the row in bold (a total); header rows always are.
	Bold  bool
	Fill  charts.Color
	Color charts.Color
}

// tableCell is one cell's text; Right aligns figures, Center codes. Span and RowSpan merge the cell
// with the ones right of and under it, which are then Merged (hMerge) or Under (vMerge).
type tableCell struct {
	Text          string
	Right, Center bool
	Span, RowSpan int
	Merged, Under bool
	// Fill fills this cell alone (a transition table's diagonal), over the row's.
	Fill charts.Color
}

// The table's frame is a template; its rows, the bulk of a deck of many units (73 appendix
// slides and the 1,741-row 提出状況 at 1,741 units), are written by tableRowsXML.
const tableTemplates = `
{{define "table"}}<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{{.ID}}" name="{{x .Name}}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>{{template "xfrm" .Box}}</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{{range .Cols}}<a:gridCol w="{{.}}"/>{{end}}</a:tblGrid>{{.Rows}}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>{{end}}
`

type tableView struct {
	ID   int
	Name string
	Box  box
	Cols []int
	// Rows is the rows' XML (tableRowsXML).
	Rows string
}

func tableXMLView(id int, t *table) tableView {
	v := tableView{ID: id, Name: t.Name, Box: t.box}
	w := 0
	for _, c := range t.Cols {
		v.Cols = append(v.Cols, mm(c))
		w += mm(c)
	}
	v.Box.W = w
	v.Rows = tableRowsXML(t)
	return v
}

// Every cell's borders: thin lines in the grid colour.
const cellBorders = `<a:lnL w="6350"><a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill></a:lnL><a:lnR w="6350"><a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill></a:lnR><a:lnT w="6350"><a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill></a:lnT><a:lnB w="6350"><a:solidFill><a:srgbClr val="` + string(charts.GridColor) + `"/></a:solidFill></a:lnB>`

// tableRowsXML writes the table's rows: each cell's lines as paragraphs in the row's
// colour and weight (header rows white and bold on the accent fill), its borders and fill.
// Every paragraph ends with the table's size (a:endParaRPr) and an empty one has no run,
// as PowerPoint writes them: an empty run makes Impress give the cell its default 18 pt
// line, and a table with empty cells (提出状況 rows of wards not counted) outgrows the
// slide.
func tableRowsXML(t *table) string {
	var b strings.Builder
	sz := fmt.Sprint(pt(t.Size))
	for i, r := range t.Rows {
		h := t.H / max(len(t.Rows), 1)
		if i < len(t.Heights) {
			h = t.Heights[i]
		}
		fill, color := r.Fill, r.Color
		if r.Header && fill == "" {
			fill, color = charts.AccentColor, "FFFFFF"
		}
		if color == "" {
			color = charts.InkColor
		}
		bold := "0"
		if r.Header || r.Bold {
			bold = "1"
		}
		run := `<a:r><a:rPr lang="ja-JP" altLang="en-US" sz="` + sz + `" b="` + bold + `" dirty="0"><a:solidFill><a:srgbClr val="` + string(color) + `"/></a:solidFill></a:rPr><a:t>`
		endPara := `<a:endParaRPr lang="ja-JP" altLang="en-US" sz="` + sz + `" dirty="0"/></a:p>`
		end, empty := `</a:t></a:r>`+endPara, endPara
		tcPr := `</a:txBody><a:tcPr marL="54000" marR="54000" marT="18000" marB="18000" anchor="ctr">` + cellBorders
		if fill != "" {
			tcPr += `<a:solidFill><a:srgbClr val="` + string(fill) + `"/></a:solidFill></a:tcPr></a:tc>`
		} else {
			tcPr += `<a:noFill/></a:tcPr></a:tc>`
		}
		fmt.Fprintf(&b, `<a:tr h="%d">`, h)
		for j := range t.Cols {
			c := tableCell{}
			if j < len(r.Cells) {
				c = r.Cells[j]
			}
			b.WriteString(`<a:tc`)
			if c.RowSpan > 1 {
				fmt.Fprintf(&b, ` rowSpan="%d"`, c.RowSpan)
			}
			if c.Span > 1 {
				fmt.Fprintf(&b, ` gridSpan="%d"`, c.Span)
			}
			if c.Merged {
				b.WriteString(` hMerge="1"`)
			}
			if c.Under {
				b.WriteString(` vMerge="1"`)
			}
			b.WriteString(`><a:txBody><a:bodyPr/><a:lstStyle/>`)
			align := "l"
			switch {
			case c.Right:
				align = "r"
			case c.Center:
				align = "ctr"
			}
			for _, l := range splitLines(c.Text) {
				b.WriteString(`<a:p><a:pPr algn="` + align + `"/>`)
				if l == "" {
					// No empty run: Impress would give the cell its default 18 pt line.
					b.WriteString(empty)
					continue
				}
				b.WriteString(run)
				_ = xml.EscapeText(&b, []byte(l))
				b.WriteString(end)
			}
			if c.Fill != "" {
				b.WriteString(`</a:txBody><a:tcPr marL="54000" marR="54000" marT="18000" marB="18000" anchor="ctr">` + cellBorders +
					`<a:solidFill><a:srgbClr val="` + string(c.Fill) + `"/></a:solidFill></a:tcPr></a:tc>`)
				continue
			}
			b.WriteString(tcPr)
		}
		b.WriteString(`</a:tr>`)
	}
	return b.String()
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
