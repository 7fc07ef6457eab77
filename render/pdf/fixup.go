package pdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// fixup mends two things in the file gopdf wrote, which gopdf offers no way to do:
//
//   - Its ToUnicode maps print a character outside the BMP as five hex digits
//     (<29E3D> for 𩸽) where PDF wants UTF-16 (<D867DE3D>); readers take the first four
//     digits and copy 𩸽 out as ⧣ (U+29E3). fixup rewrites those entries.
//   - It wraps every substitute, tagged by markTc, in a /Span with /ActualText: marks[i]
//     lists, in drawing order, the texts the substitutes on page i stand for.
//
// The objects keep their numbers and order; only the changed ones are rewritten and the
// cross-reference table is rebuilt. gopdf writes a classic xref table with one section,
// which is all this reads.
func fixup(pdf []byte, marks [][]string) ([]byte, error) {
	objs, trailer, err := splitObjects(pdf)
	if err != nil {
		return nil, fmt.Errorf("pdf: fixup: %w", err)
	}
	changed := false
	byNum := map[int]*pdfObject{}
	for _, o := range objs {
		byNum[o.num] = o
		if bytes.Contains(o.body, []byte("beginbfrange")) {
			if o.fixToUnicode() {
				changed = true
			}
		}
	}
	pages, err := pageContents(objs, byNum)
	if err != nil {
		return nil, fmt.Errorf("pdf: fixup: %w", err)
	}
	for i, m := range marks {
		if len(m) == 0 {
			continue
		}
		if i >= len(pages) {
			return nil, fmt.Errorf("pdf: fixup: substitutes on page %d of %d", i+1, len(pages))
		}
		if err := pages[i].wrapMarks(m); err != nil {
			return nil, fmt.Errorf("pdf: fixup: page %d: %w", i+1, err)
		}
		changed = true
	}
	if !changed {
		return pdf, nil
	}
	return assemble(pdf[:objs[0].off], objs, trailer), nil
}

// pdfObject is one indirect object as gopdf wrote it: "n 0 obj\n…endobj\n\n".
type pdfObject struct {
	num  int
	off  int
	body []byte // everything from "n 0 obj" up to the next object or the xref
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeadRe  = regexp.MustCompile(`^xref\s+0\s+(\d+)\s+`)
	objHeadRe   = regexp.MustCompile(`^(\d+) 0 obj\s`)
)

// splitObjects cuts the file at the offsets its xref table gives.
func splitObjects(pdf []byte) ([]*pdfObject, []byte, error) {
	m := startxrefRe.FindSubmatch(pdf)
	if m == nil {
		return nil, nil, errors.New("no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(pdf) {
		return nil, nil, errors.New("startxref out of range")
	}
	h := xrefHeadRe.FindSubmatch(pdf[xref:])
	if h == nil {
		return nil, nil, errors.New("no single-section xref table")
	}
	n, _ := strconv.Atoi(string(h[1]))
	entries := pdf[xref+len(h[0]):]
	if len(entries) < 20*n {
		return nil, nil, errors.New("short xref table")
	}
	var objs []*pdfObject
	for i := 1; i < n; i++ {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || off <= 0 || off >= xref {
			return nil, nil, fmt.Errorf("xref entry %d", i)
		}
		objs = append(objs, &pdfObject{num: i, off: off})
	}
	if len(objs) == 0 {
		return nil, nil, errors.New("no objects")
	}
	slices.SortFunc(objs, func(a, b *pdfObject) int { return a.off - b.off })
	for i, o := range objs {
		end := xref
		if i+1 < len(objs) {
			end = objs[i+1].off
		}
		o.body = pdf[o.off:end]
		if hm := objHeadRe.FindSubmatch(o.body); hm == nil || string(hm[1]) != strconv.Itoa(o.num) {
			return nil, nil, fmt.Errorf("object %d not at its xref offset", o.num)
		}
	}
	trailer := entries[20*n:]
	if i := bytes.LastIndex(trailer, []byte("startxref")); i >= 0 {
		trailer = trailer[:i]
	}
	return objs, trailer, nil
}

// assemble writes the objects after header with a new xref table.
func assemble(header []byte, objs []*pdfObject, trailer []byte) []byte {
	var b bytes.Buffer
	b.Write(header)
	size := 0
	offs := map[int]int{}
	for _, o := range objs {
		offs[o.num] = b.Len()
		size = max(size, o.num+1)
		b.Write(o.body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		if off, ok := offs[i]; ok {
			fmt.Fprintf(&b, "%010d 00000 n \n", off)
		} else {
			b.WriteString("0000000000 65535 f \n")
		}
	}
	b.Write(trailer)
	fmt.Fprintf(&b, "startxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

var (
	lengthRe   = regexp.MustCompile(`/Length (\d+)`)
	bfrangeRe  = regexp.MustCompile(`(?m)^(<[0-9A-F]{4}><[0-9A-F]{4}>)<([0-9A-F]{5,6})>$`)
	kidsRe     = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	refRe      = regexp.MustCompile(`(\d+) 0 R`)
	contentsRe = regexp.MustCompile(`/Contents\s+(\d+) 0 R`)
)

// stream returns the object's dictionary and stream data, decoded when compressed.
func (o *pdfObject) stream() (dict string, data []byte, err error) {
	i := bytes.Index(o.body, []byte("stream\n"))
	if i < 0 {
		return "", nil, fmt.Errorf("object %d has no stream", o.num)
	}
	dict = string(o.body[:i])
	m := lengthRe.FindStringSubmatch(dict)
	if m == nil {
		return "", nil, fmt.Errorf("object %d has no /Length", o.num)
	}
	n, _ := strconv.Atoi(m[1])
	start := i + len("stream\n")
	if start+n > len(o.body) {
		return "", nil, fmt.Errorf("object %d: /Length past the end", o.num)
	}
	data = o.body[start : start+n]
	if strings.Contains(dict, "/FlateDecode") {
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return "", nil, fmt.Errorf("object %d: %w", o.num, err)
		}
		if data, err = io.ReadAll(zr); err != nil {
			return "", nil, fmt.Errorf("object %d: %w", o.num, err)
		}
	}
	return dict, data, nil
}

// setStream replaces the object with one holding data, compressed when asked.
func (o *pdfObject) setStream(data []byte, compress bool) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n<<\n", o.num)
	if compress {
		var z bytes.Buffer
		zw := zlib.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		data = z.Bytes()
		b.WriteString("/Filter/FlateDecode")
	}
	fmt.Fprintf(&b, "/Length %d\n>>\nstream\n", len(data))
	b.Write(data)
	b.WriteString("\nendstream\nendobj\n\n")
	o.body = b.Bytes()
}

// fixToUnicode rewrites bfrange targets outside the BMP as UTF-16 surrogate pairs and
// reports whether there were any.
func (o *pdfObject) fixToUnicode() bool {
	dict, data, err := o.stream()
	if err != nil || !bfrangeRe.Match(data) {
		return false
	}
	data = bfrangeRe.ReplaceAllFunc(data, func(line []byte) []byte {
		m := bfrangeRe.FindSubmatch(line)
		r, _ := strconv.ParseUint(string(m[2]), 16, 32)
		return append(append([]byte(nil), m[1]...), utf16Hex(string(rune(r)))...)
	})
	o.setStream(data, strings.Contains(dict, "/FlateDecode"))
	return true
}

// utf16Hex is s as a PDF hex string of UTF-16BE code units, without a byte order mark.
func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.String()
}

// pageContents lists each page's content stream object, in page order.
func pageContents(objs []*pdfObject, byNum map[int]*pdfObject) ([]*pdfObject, error) {
	for _, o := range objs {
		if !bytes.Contains(o.body, []byte("/Type /Pages")) {
			continue
		}
		k := kidsRe.FindSubmatch(o.body)
		if k == nil {
			return nil, errors.New("page tree without /Kids")
		}
		var out []*pdfObject
		for _, ref := range refRe.FindAllSubmatch(k[1], -1) {
			n, _ := strconv.Atoi(string(ref[1]))
			pg := byNum[n]
			if pg == nil {
				return nil, fmt.Errorf("page object %d missing", n)
			}
			c := contentsRe.FindSubmatch(pg.body)
			if c == nil {
				out = append(out, nil)
				continue
			}
			cn, _ := strconv.Atoi(string(c[1]))
			out = append(out, byNum[cn])
		}
		return out, nil
	}
	return nil, errors.New("no page tree")
}

// markTag is how gopdf writes the tagged character spacing after the font.
var markTag = []byte(" " + strconv.FormatFloat(markTc, 'f', -1, 64) + " Tc\n")

// wrapMarks puts each tagged text object (BT … ET) of the page's content in a /Span
// whose /ActualText is the next of actual, and untags it.
func (o *pdfObject) wrapMarks(actual []string) error {
	if o == nil {
		return errors.New("no content stream")
	}
	dict, data, err := o.stream()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	k := 0
	for {
		i := bytes.Index(data, markTag)
		if i < 0 {
			break
		}
		bt := bytes.LastIndex(data[:i], []byte("BT\n"))
		et := bytes.Index(data[i:], []byte("ET\n"))
		if bt < 0 || et < 0 || k >= len(actual) {
			return fmt.Errorf("tagged text object %d out of place", k+1)
		}
		et += i + len("ET\n")
		b.Write(data[:bt])
		fmt.Fprintf(&b, "/Span <</ActualText <FEFF%s>>> BDC\n", strings.Trim(utf16Hex(actual[k]), "<>"))
		b.Write(data[bt:i])
		b.WriteString(" 0 Tc\n")
		b.Write(data[i+len(markTag) : et])
		b.WriteString("EMC\n")
		data = data[et:]
		k++
	}
	if k != len(actual) {
		return fmt.Errorf("%d substitutes drawn, %d found", len(actual), k)
	}
	b.Write(data)
	o.setStream(b.Bytes(), strings.Contains(dict, "/FlateDecode"))
	return nil
}
