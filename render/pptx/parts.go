package pptx

import (
	"bytes"
	"encoding/xml"
	"strings"
	"text/template"
)

const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// Namespaces as the templates declare them.
const nsDecl = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`

// esc escapes s for an attribute or text node.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// The theme's fonts: BIZ UDPゴシック (Windows 10 and later) for Latin and East Asian text,
// named, not embedded. The charset and pitch family mark it a Japanese proportional gothic,
// so a PC without it substitutes a Japanese font rather than a Western one, and the
// script font for Jpan names Meiryo, then Yu Gothic in the minor scheme.
const (
	fontName      = "BIZ UDPゴシック"
	fontFallback1 = "メイリオ"
	fontFallback2 = "游ゴシック"
)

var templates = template.Must(template.New("").Funcs(template.FuncMap{"x": esc}).Parse(`
{{define "contentTypes"}}` + xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="` + ctRels + `"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="xlsx" ContentType="` + ctXLSX + `"/>{{range .Overrides}}{{if ne .Type "` + ctXLSX + `"}}<Override PartName="{{x .Part}}" ContentType="{{.Type}}"/>{{end}}{{end}}</Types>{{end}}

{{define "presentation"}}` + xmlHeader + `<p:presentation ` + nsDecl + ` saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="{{.Master}}"/></p:sldMasterIdLst><p:sldIdLst>{{range .Slides}}<p:sldId id="{{.ID}}" r:id="{{.Rel}}"/>{{end}}</p:sldIdLst><p:sldSz cx="{{.W}}" cy="{{.H}}" type="A4"/><p:notesSz cx="{{.H}}" cy="{{.W}}"/></p:presentation>{{end}}

{{define "spTreeStart"}}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{{end}}

{{define "master"}}` + xmlHeader + `<p:sldMaster ` + nsDecl + `><p:cSld>{{template "spTreeStart"}}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="{{.Layout}}"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle>{{template "lvl1"}}</p:titleStyle><p:bodyStyle>{{template "lvl1"}}</p:bodyStyle><p:otherStyle>{{template "lvl1"}}</p:otherStyle></p:txStyles></p:sldMaster>{{end}}

{{define "lvl1"}}<a:lvl1pPr><a:defRPr lang="ja-JP"><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:lvl1pPr>{{end}}

{{define "layout"}}` + xmlHeader + `<p:sldLayout ` + nsDecl + ` type="blank" preserve="1"><p:cSld name="白紙">{{template "spTreeStart"}}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>{{end}}

{{define "fonts"}}<a:latin typeface="` + fontName + `" panose="020B0400000000000000" pitchFamily="50" charset="-128"/><a:ea typeface="` + fontName + `" panose="020B0400000000000000" pitchFamily="50" charset="-128"/><a:cs typeface=""/>{{end}}

{{define "theme"}}` + xmlHeader + `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="zaitaku"><a:themeElements><a:clrScheme name="zaitaku"><a:dk1><a:srgbClr val="262626"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F4E79"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="1F4E79"/></a:accent1><a:accent2><a:srgbClr val="5B9BD5"/></a:accent2><a:accent3><a:srgbClr val="BDD7EE"/></a:accent3><a:accent4><a:srgbClr val="2E75B6"/></a:accent4><a:accent5><a:srgbClr val="9DC3E6"/></a:accent5><a:accent6><a:srgbClr val="F4B183"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="zaitaku"><a:majorFont>{{template "fonts"}}<a:font script="Jpan" typeface="` + fontFallback1 + `"/></a:majorFont><a:minorFont>{{template "fonts"}}<a:font script="Jpan" typeface="` + fontFallback2 + `"/></a:minorFont></a:fontScheme><a:fmtScheme name="zaitaku"><a:fillStyleLst>{{template "solid"}}{{template "solid"}}{{template "solid"}}</a:fillStyleLst><a:lnStyleLst>{{template "ln"}}{{template "ln"}}{{template "ln"}}</a:lnStyleLst><a:effectStyleLst>{{template "effect"}}{{template "effect"}}{{template "effect"}}</a:effectStyleLst><a:bgFillStyleLst>{{template "solid"}}{{template "solid"}}{{template "solid"}}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>{{end}}

{{define "solid"}}<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>{{end}}
{{define "ln"}}<a:ln w="9525"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>{{end}}
{{define "effect"}}<a:effectStyle><a:effectLst/></a:effectStyle>{{end}}
` + elementTemplates + chartTemplates + tableTemplates))

// mustExec runs a template; the templates are fixed and their data made here, so an error
// is a bug.
func mustExec(name string, data any) []byte {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		panic("pptx: template " + name + ": " + err.Error())
	}
	return b.Bytes()
}
