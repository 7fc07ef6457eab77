package pptx

import (
	"fmt"

	"github.com/osaka-city/zaitaku/charts"
)

// slide is one slide as a list of shapes, in drawing order.
type slide struct {
	shapes []shape
	// marks are texts the slide shows, for the tests (mark).
	marks []string
}

// shape is one element of a slide; exactly one field is set.
type shape struct {
	text  *textBox
	chart *chartFrame
	table *table
}

// box is a shape's place on the slide, in EMU.
type box struct{ X, Y, W, H int }

// textBox is editable text: one or more paragraphs, optionally on a filled, outlined box.
type textBox struct {
	box
	Name   string
	Fill   charts.Color
	Line   charts.Color
	Anchor string // t, ctr, b
	// Columns sets the text in that many columns (a list of texts), ColumnGap apart (EMU).
	Columns   int
	ColumnGap int
	// Tight sets the text without the box's inner margins (the labels beside a chart);
	// Flat without those above and below (a chart's notes, a line each in 4.5 mm).
	Tight, Flat bool
	Paras       []para
}

// para is one paragraph: runs of one alignment (l, ctr, r). LineSpacing and SpaceBefore
// (points) set the lines as the PDF does where they are not 0; Hang (EMU) hangs the lines
// after the first under the text after a bullet 「・」.
type para struct {
	Align       string
	Runs        []run
	LineSpacing float64
	SpaceBefore float64
	Hang        int
}

// run is text of one look; a SlideNumber run is PowerPoint's slide-number field, which
// keeps counting when slides are added before it.
type run struct {
	Text        string
	Size        float64 // points
	Bold        bool
	Color       charts.Color
	SlideNumber bool
}

// chartFrame is a native chart placed on the slide.
type chartFrame struct {
	box
	Name  string
	chart *chartSpec
}

// pt turns points into the hundredths DrawingML sizes text in.
func pt(size float64) int { return int(size*100 + 0.5) }

// mm turns millimetres into EMU.
func mm(v float64) int { return int(v*emuPerMM + 0.5) }

// The templates of the elements: one per kind.
const elementTemplates = `
{{define "slide"}}` + xmlHeader + `<p:sld ` + nsDecl + `><p:cSld>{{template "spTreeStart"}}{{range .}}{{.}}{{end}}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>{{end}}

{{define "xfrm"}}<a:off x="{{.X}}" y="{{.Y}}"/><a:ext cx="{{.W}}" cy="{{.H}}"/>{{end}}

{{define "rPr"}}<a:rPr lang="ja-JP" altLang="en-US" sz="{{.Sz}}" b="{{if .Bold}}1{{else}}0{{end}}" dirty="0"><a:solidFill><a:srgbClr val="{{.Color}}"/></a:solidFill></a:rPr>{{end}}

{{define "text"}}<p:sp><p:nvSpPr><p:cNvPr id="{{.ID}}" name="{{x .Name}}"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm>{{template "xfrm" .Box}}</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{{if .Fill}}<a:solidFill><a:srgbClr val="{{.Fill}}"/></a:solidFill>{{else}}<a:noFill/>{{end}}{{if .Line}}<a:ln w="15875"><a:solidFill><a:srgbClr val="{{.Line}}"/></a:solidFill></a:ln>{{end}}</p:spPr><p:txBody><a:bodyPr wrap="square" {{if .Tight}}lIns="0" tIns="0" rIns="36000" bIns="0"{{else if .Flat}}lIns="72000" tIns="0" rIns="72000" bIns="0"{{else}}lIns="72000" tIns="36000" rIns="72000" bIns="36000"{{end}} anchor="{{.Anchor}}"{{if gt .Columns 1}} numCol="{{.Columns}}" spcCol="{{.ColumnGap}}"{{end}}><a:normAutofit/></a:bodyPr><a:lstStyle/>{{range .Paras}}<a:p><a:pPr{{if .Hang}} marL="{{.Hang}}" indent="-{{.Hang}}"{{end}} algn="{{.Align}}">{{if .LnSpc}}<a:lnSpc><a:spcPts val="{{.LnSpc}}"/></a:lnSpc>{{end}}{{if .SpcBef}}<a:spcBef><a:spcPts val="{{.SpcBef}}"/></a:spcBef>{{end}}</a:pPr>{{range .Runs}}{{if .SlideNumber}}<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">{{template "rPr" .}}<a:t>{{x .Text}}</a:t></a:fld>{{else}}<a:r>{{template "rPr" .}}<a:t>{{x .Text}}</a:t></a:r>{{end}}{{end}}</a:p>{{end}}</p:txBody></p:sp>{{end}}

{{define "chartFrame"}}<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{{.ID}}" name="{{x .Name}}"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm>{{template "xfrm" .Box}}</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{{.Rel}}"/></a:graphicData></a:graphic></p:graphicFrame>{{end}}
`

type textView struct {
	ID        int
	Name      string
	Box       box
	Fill      charts.Color
	Line      charts.Color
	Anchor    string
	Columns   int
	ColumnGap int
	Tight     bool
	Flat      bool
	Paras     []paraView
}

type paraView struct {
	Align         string
	Runs          []runView
	LnSpc, SpcBef int
	Hang          int
}

type runView struct {
	Text        string
	Sz          int
	Bold        bool
	Color       charts.Color
	SlideNumber bool
}

type frameView struct {
	ID   int
	Name string
	Box  box
	Rel  string
}

// slideXML writes a slide's part; its charts become parts of their own, linked from sp.
func (d *deck) slideXML(sp *part, s *slide) ([]byte, error) {
	var items []string
	for i, sh := range s.shapes {
		id := i + 2
		switch {
		case sh.text != nil:
			items = append(items, string(mustExec("text", textXMLView(id, sh.text))))
		case sh.table != nil:
			items = append(items, string(mustExec("table", tableXMLView(id, sh.table))))
		case sh.chart != nil:
			rid, err := d.chartPart(sp, sh.chart.chart)
			if err != nil {
				return nil, err
			}
			items = append(items, string(mustExec("chartFrame", frameView{ID: id, Name: sh.chart.Name, Box: sh.chart.box, Rel: rid})))
		}
	}
	return mustExec("slide", items), nil
}

func textXMLView(id int, t *textBox) textView {
	v := textView{ID: id, Name: t.Name, Box: t.box, Fill: t.Fill, Line: t.Line, Anchor: t.Anchor, Columns: t.Columns, ColumnGap: t.ColumnGap, Tight: t.Tight, Flat: t.Flat}
	if v.Anchor == "" {
		v.Anchor = "t"
	}
	if v.Name == "" {
		v.Name = fmt.Sprintf("テキスト %d", id)
	}
	for _, p := range t.Paras {
		pv := paraView{Align: p.Align, LnSpc: pt(p.LineSpacing), SpcBef: pt(p.SpaceBefore), Hang: p.Hang}
		if pv.Align == "" {
			pv.Align = "l"
		}
		for _, r := range p.Runs {
			c := r.Color
			if c == "" {
				c = charts.InkColor
			}
			pv.Runs = append(pv.Runs, runView{Text: r.Text, Sz: pt(r.Size), Bold: r.Bold, Color: c, SlideNumber: r.SlideNumber})
		}
		v.Paras = append(v.Paras, pv)
	}
	return v
}

// line is a one-run paragraph, the common case.
func line(s string, size float64, bold bool, c charts.Color, align string) para {
	return para{Align: align, Runs: []run{{Text: s, Size: size, Bold: bold, Color: c}}}
}
