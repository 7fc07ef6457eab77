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
	group *group
}

// group holds shapes that belong together — a chart and the text boxes set level with its
// bars — so that moving or resizing the chart in PowerPoint takes them along.
type group struct {
	Name    string
	members []shape
}

// grouped makes one group of shapes; a single shape stays as it is.
func grouped(name string, members ...shape) shape {
	if len(members) == 1 {
		return members[0]
	}
	return shape{group: &group{Name: name, members: members}}
}

// bounds is the box a shape covers on the slide.
func (sh shape) bounds() box {
	switch {
	case sh.text != nil:
		return sh.text.box
	case sh.chart != nil:
		return sh.chart.box
	case sh.table != nil:
		return sh.table.box
	}
	var b box
	for i, m := range sh.group.members {
		mb := m.bounds()
		if i == 0 {
			b = mb
			continue
		}
		x1, y1 := max(b.X+b.W, mb.X+mb.W), max(b.Y+b.H, mb.Y+mb.H)
		b.X, b.Y = min(b.X, mb.X), min(b.Y, mb.Y)
		b.W, b.H = x1-b.X, y1-b.Y
	}
	return b
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

{{define "groupStart"}}<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{{.ID}}" name="{{x .Name}}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>{{template "xfrm" .Box}}<a:chOff x="{{.Box.X}}" y="{{.Box.Y}}"/><a:chExt cx="{{.Box.W}}" cy="{{.Box.H}}"/></a:xfrm></p:grpSpPr>{{end}}

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
// Shapes are numbered in drawing order from 2 (1 is the slide's shape tree).
func (d *deck) slideXML(sp *part, s *slide) ([]byte, error) {
	var items []string
	id := 1
	var write func(sh shape) error
	write = func(sh shape) error {
		id++
		switch {
		case sh.text != nil:
			items = append(items, string(mustExec("text", textXMLView(id, sh.text))))
		case sh.table != nil:
			items = append(items, string(mustExec("table", tableXMLView(id, sh.table))))
		case sh.chart != nil:
			rid, err := d.chartPart(sp, sh.chart.chart)
			if err != nil {
				return err
			}
			items = append(items, string(mustExec("chartFrame", frameView{ID: id, Name: sh.chart.Name, Box: sh.chart.box, Rel: rid})))
		case sh.group != nil:
			items = append(items, string(mustExec("groupStart", frameView{ID: id, Name: sh.group.Name, Box: sh.bounds()})))
			for _, m := range sh.group.members {
				if err := write(m); err != nil {
					return err
				}
			}
			items = append(items, "</p:grpSp>")
		}
		return nil
	}
	for _, sh := range s.shapes {
		if err := write(sh); err != nil {
			return nil, err
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

// flat is shapes with every group opened into its members, in drawing order.
func flat(shapes []shape) []shape {
	var out []shape
	for _, sh := range shapes {
		if sh.group != nil {
			out = append(out, flat(sh.group.members)...)
			continue
		}
		out = append(out, sh)
	}
	return out
}
