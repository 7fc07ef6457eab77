// Package pptx writes report.pptx: the report model (charts.Report) as an editable
// PowerPoint deck, one slide per page of the PDF (following the report's page plan,
// charts.Report.Pages), with native charts whose data is embedded as a workbook. The deck is written here, without a PresentationML library: the parts of
// the package and their relationships are kept in one place (deck), every kind of element
// has one function and one template (elements.go), and the XML comes from text/template.
package pptx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/osaka-city/zaitaku/charts"
)

// Slide size: A4 landscape, 297 × 210 mm, in EMU (36,000 per mm), so the deck prints like
// the PDF.
const (
	emuPerMM = 36000
	slideW   = 297 * emuPerMM
	slideH   = 210 * emuPerMM
)

// Relationship and content types, named once.
const (
	relOfficeDoc   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relSlide       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
	relSlideMaster = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
	relSlideLayout = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
	relTheme       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
	relChart       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	relPackage     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

	ctPresentation = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
	ctSlide        = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
	ctSlideMaster  = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
	ctSlideLayout  = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
	ctTheme        = "application/vnd.openxmlformats-officedocument.theme+xml"
	ctChart        = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	ctXLSX         = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ctRels         = "application/vnd.openxmlformats-package.relationships+xml"
)

// zipTime is every entry's timestamp, so the same report gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// part is one file of the package with its relationships (written as its .rels part).
type part struct {
	name        string // without the leading slash: "ppt/slides/slide1.xml"
	contentType string
	data        []byte
	rels        []rel
}

// rel is one relationship from a part; its id is rId<n>, n its place in the list from 1.
type rel struct {
	typ, target string
}

// deck collects the parts of the package as the slides are made.
type deck struct {
	parts  []*part
	charts int
}

// add adds a part and returns it so relationships can be added to it.
func (d *deck) add(name, ct string, data []byte) *part {
	p := &part{name: name, contentType: ct, data: data}
	d.parts = append(d.parts, p)
	return p
}

// link adds a relationship from p and returns its id.
func (p *part) link(typ, target string) string {
	p.rels = append(p.rels, rel{typ, target})
	return fmt.Sprintf("rId%d", len(p.rels))
}

// Write writes the deck of rep to w.
func Write(w io.Writer, rep *charts.Report) error {
	d := &deck{}
	slides, err := buildSlides(rep)
	if err != nil {
		return err
	}
	if err := d.assemble(slides); err != nil {
		return err
	}
	return d.zip(w)
}

// assemble turns the slides into parts: the presentation, its master, layout and theme,
// one part per slide and per chart with its embedded workbook.
func (d *deck) assemble(slides []*slide) error {
	d.add("ppt/theme/theme1.xml", ctTheme, mustExec("theme", nil))
	layout := d.add("ppt/slideLayouts/slideLayout1.xml", ctSlideLayout, mustExec("layout", nil))
	layout.link(relSlideMaster, "../slideMasters/slideMaster1.xml")
	master := d.add("ppt/slideMasters/slideMaster1.xml", ctSlideMaster, nil)
	master.data = mustExec("master", map[string]string{"Layout": master.link(relSlideLayout, "../slideLayouts/slideLayout1.xml")})
	master.link(relTheme, "../theme/theme1.xml")

	pres := d.add("ppt/presentation.xml", ctPresentation, nil)
	pv := presentationView{W: slideW, H: slideH, Master: pres.link(relSlideMaster, "slideMasters/slideMaster1.xml")}
	for i, s := range slides {
		name := fmt.Sprintf("slides/slide%d.xml", i+1)
		sp := d.add("ppt/"+name, ctSlide, nil)
		sp.link(relSlideLayout, "../slideLayouts/slideLayout1.xml")
		body, err := d.slideXML(sp, s)
		if err != nil {
			return fmt.Errorf("スライド %d: %w", i+1, err)
		}
		sp.data = body
		pv.Slides = append(pv.Slides, slideRef{ID: 256 + i, Rel: pres.link(relSlide, name)})
	}
	pres.link(relTheme, "theme/theme1.xml")
	pres.data = mustExec("presentation", pv)
	return nil
}

type presentationView struct {
	W, H   int
	Master string
	Slides []slideRef
}

type slideRef struct {
	ID  int
	Rel string
}

// zip writes the package: [Content_Types].xml, the root relationships, then every part and
// its relationships in name order, all with the same timestamp.
func (d *deck) zip(w io.Writer) error {
	files := map[string][]byte{}
	ct := contentTypes{}
	root := &part{name: ""}
	root.link(relOfficeDoc, "ppt/presentation.xml")
	files["_rels/.rels"] = relsXML(root.rels)
	for _, p := range d.parts {
		files[p.name] = p.data
		ct.Overrides = append(ct.Overrides, override{"/" + p.name, p.contentType})
		if len(p.rels) > 0 {
			files[relsName(p.name)] = relsXML(p.rels)
		}
	}
	sort.Slice(ct.Overrides, func(i, j int) bool { return ct.Overrides[i].Part < ct.Overrides[j].Part })
	files["[Content_Types].xml"] = mustExec("contentTypes", ct)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	zw := zip.NewWriter(w)
	for _, n := range names {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := f.Write(files[n]); err != nil {
			return err
		}
	}
	return zw.Close()
}

type contentTypes struct{ Overrides []override }

type override struct{ Part, Type string }

// relsName is where a part's relationships live: ppt/slides/_rels/slide1.xml.rels.
func relsName(name string) string {
	dir, file := "", name
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' {
			dir, file = name[:i+1], name[i+1:]
			break
		}
	}
	return dir + "_rels/" + file + ".rels"
}

func relsXML(rels []rel) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, r := range rels {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="%s" Target="%s"/>`, i+1, r.typ, esc(r.target))
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}
