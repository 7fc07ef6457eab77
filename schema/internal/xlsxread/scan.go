package xlsxread

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	txml "github.com/tdewolff/parse/v2/xml"
)

// token is what scanner.next found.
type token int

const (
	tokEOF token = iota // the end of the part, or an error (scanner.err)
	tokStart
	tokEnd
	tokText
)

// scanner walks the elements and text of one XML part. It sits on tdewolff/parse's XML
// lexer, which does not copy or allocate (encoding/xml's tokens cost ten times as much,
// and parsing the sheets was half of reading a return), and adds what a reader of a file
// from outside needs of a parser: namespace prefixes dropped from names, entities and
// line ends decoded as an XML parser does, and a part that is cut short, closes an element
// it did not open, uses an undefined entity or is not UTF-8 refused.
//
// The lexer is lenient where XML is not (it lexes HTML-like input too), and parsers differ
// where XML leaves room. So that no part reads one value here and another in Excel, the
// scanner refuses (ErrCorrupt) what Excel and LibreOffice never write and what parsers
// may read differently: a DOCTYPE (with it, entities: Excel refuses DTDs), a CDATA
// section, a processing instruction other than the XML declaration, an element whose
// text is split by a comment or a child element (<v>1<!-- x -->2</v>: "12" or "2"?),
// text outside the root element, a character XML does not allow, an attribute given twice, without quotes or holding "<",
// a tag name XML does not allow. Comments between elements are skipped, as every parser
// skips them. It also bounds the work per part: at most maxDepth open elements and
// maxAttrs attributes per element, and never more tokens than the part has bytes.
type scanner struct {
	lx    *txml.Lexer
	part  string
	stack []open // the open elements, innermost last
	// local is the local name of the element just started or ended (nil for text); attrs
	// its attributes (qualified name, raw value without quotes); text the raw text just read.
	local    []byte
	attrs    [][2][]byte
	text     []byte
	closeNow bool  // the element just started was empty (<c/>): report its end next
	tok      token // what next returned last
	seenRoot bool
	seenAny  bool // a token other than white space has been read (the XML declaration must come first)
	budget   int  // tokens left: one per byte of the part
	err      error
}

// open is an element that has started and not ended.
type open struct {
	name []byte // qualified name
	// text: the element holds text other than white space; other: a child element or a
	// comment. Both at once is text split in pieces.
	text, other bool
}

// Bounds on the shape of a part. Parts Excel and LibreOffice write nest about ten elements
// deep (worksheet, extLst, ext, x14:conditionalFormattings, …) and give an element at
// most about twenty attributes (sheetProtection, pageSetup).
const (
	maxDepth = 64
	maxAttrs = 64
)

func newScanner(data []byte, part string) *scanner {
	// A byte-order mark is allowed before the XML declaration (some writers put one).
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	return &scanner{lx: txml.NewLexer(parse.NewInputBytes(data)), part: part, budget: len(data) + 1}
}

func localName(q []byte) []byte {
	if i := bytes.IndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// next moves to the next start tag, end tag or text.
func (s *scanner) next() token {
	s.tok = s.advance()
	return s.tok
}

// advance reads lexer tokens until one the reader sees (a start tag, an end tag or
// text), refusing on the way everything an xlsx part may not hold. Each kind of token has
// its own step below; those return tokEOF with s.err set when the part is refused.
func (s *scanner) advance() token {
	if s.err != nil {
		return tokEOF
	}
	if s.closeNow {
		s.closeNow = false
		s.stack = s.stack[:len(s.stack)-1]
		return tokEnd
	}
	for {
		tt, data := s.lx.Next()
		if s.budget--; s.budget < 0 {
			// Every token takes at least one byte; more tokens than bytes would be a lexer
			// that no longer moves on.
			s.fail("more tokens than bytes")
			return tokEOF
		}
		first := !s.seenAny
		s.seenAny = true
		switch tt {
		case txml.ErrorToken:
			s.atEnd()
			return tokEOF
		case txml.StartTagToken:
			return s.startTag()
		case txml.EndTagToken:
			return s.endTag()
		case txml.TextToken:
			if len(s.stack) == 0 && whiteSpace(data) {
				continue // white space around the root element
			}
			return s.textToken(data)
		case txml.CommentToken:
			if !s.comment() {
				return tokEOF
			}
		case txml.StartTagPIToken:
			if !s.declaration(first) {
				return tokEOF
			}
		case txml.CDATAToken:
			s.fail("a CDATA section")
			return tokEOF
		case txml.DOCTYPEToken:
			s.fail("a DOCTYPE")
			return tokEOF
		default:
			s.fail(fmt.Sprintf("unexpected %v", tt))
			return tokEOF
		}
	}
}

// atEnd is the lexer's end: an error unless the part ended cleanly after its root element.
func (s *scanner) atEnd() {
	switch {
	case s.lx.Err() != io.EOF:
		s.err = corrupt("%s: %v", s.part, s.lx.Err())
	case len(s.stack) > 0:
		s.err = corrupt("%s: ends inside <%s>", s.part, s.stack[len(s.stack)-1].name)
	case !s.seenRoot:
		s.err = corrupt("%s: no elements", s.part)
	}
}

// startTag opens an element and reads its attributes.
func (s *scanner) startTag() token {
	q := s.lx.Text()
	switch {
	case len(s.stack) == 0 && s.seenRoot:
		s.fail("a second root element")
	case len(s.stack) >= maxDepth:
		s.fail(fmt.Sprintf("elements nested more than %d deep", maxDepth))
	case !xmlName(q):
		s.fail(fmt.Sprintf("a tag name XML does not allow (%.20q)", q))
	case len(s.stack) > 0:
		top := &s.stack[len(s.stack)-1]
		if top.text {
			s.fail("text and elements mixed in <" + string(top.name) + ">")
		}
		top.other = true
	}
	if s.err != nil {
		return tokEOF
	}
	s.seenRoot = true
	s.local = localName(q)
	s.attrs = s.attrs[:0]
	for {
		tt, _ := s.lx.Next()
		switch tt {
		case txml.AttributeToken:
			if !s.attribute() {
				return tokEOF
			}
			continue
		case txml.StartTagCloseToken:
			s.stack = append(s.stack, open{name: q})
		case txml.StartTagCloseVoidToken:
			s.stack = append(s.stack, open{name: q})
			s.closeNow = true
		default:
			s.err = corrupt("%s: unfinished tag <%s>", s.part, q)
			return tokEOF
		}
		return tokStart
	}
}

// endTag closes the innermost open element, which it must name.
func (s *scanner) endTag() token {
	q := s.lx.Text()
	if len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1].name, q) {
		s.err = corrupt("%s: </%s> closes nothing open", s.part, q)
		return tokEOF
	}
	s.stack = s.stack[:len(s.stack)-1]
	s.local = localName(q)
	return tokEnd
}

// textToken is text inside the root element (white space outside it never comes here):
// an element holds at most one piece of text and no child elements beside it.
func (s *scanner) textToken(data []byte) token {
	if len(s.stack) == 0 {
		s.fail("text outside the root element")
		return tokEOF
	}
	if !whiteSpace(data) {
		if bytes.Contains(data, []byte("]]>")) {
			s.fail("]]> in text") // not well-formed: parsers refuse it
			return tokEOF
		}
		top := &s.stack[len(s.stack)-1]
		if top.other || top.text {
			// Two pieces of text: the lexer splits text only at markup.
			s.fail("text split by markup in <" + string(top.name) + ">")
			return tokEOF
		}
		top.text = true
	}
	s.local = nil // text has no name: is() is false for it
	s.text = data
	return tokText
}

// comment is skipped, but not inside an element's text (which would split it).
func (s *scanner) comment() bool {
	if len(s.stack) > 0 {
		top := &s.stack[len(s.stack)-1]
		if top.text {
			s.fail("a comment inside the text of <" + string(top.name) + ">")
			return false
		}
		top.other = true
	}
	return true
}

// declaration skips the XML declaration, the only processing instruction allowed, and
// only as the part's first token.
func (s *scanner) declaration(first bool) bool {
	if !first || !bytes.Equal(s.lx.Text(), []byte("xml")) {
		s.fail("a processing instruction")
		return false
	}
	// The lexer ends a processing instruction at its first ">", whether or not a "?" comes
	// before it: the declaration must end "?>".
	for tt := txml.StartTagPIToken; tt != txml.StartTagClosePIToken; {
		if tt, _ = s.lx.Next(); tt == txml.ErrorToken || tt == txml.StartTagCloseToken || tt == txml.StartTagCloseVoidToken {
			s.fail("an unfinished XML declaration")
			return false
		}
	}
	return true
}

// attribute records the attribute the lexer has just read, refusing one XML does not
// allow or one given twice (parsers differ on which of the two counts).
func (s *scanner) attribute() bool {
	name, v := s.lx.Text(), s.lx.AttrVal()
	switch {
	case len(s.attrs) >= maxAttrs:
		s.fail(fmt.Sprintf("more than %d attributes", maxAttrs))
	case !xmlName(name):
		s.fail(fmt.Sprintf("an attribute name XML does not allow (%.20q)", name))
	case len(v) < 2 || v[0] != '"' && v[0] != '\'' || v[len(v)-1] != v[0]:
		s.fail(fmt.Sprintf("attribute %s without a quoted value", name))
	case bytes.IndexByte(v, '<') >= 0:
		s.fail(fmt.Sprintf("attribute %s holds \"<\"", name))
	}
	for _, a := range s.attrs {
		if bytes.Equal(a[0], name) {
			s.fail(fmt.Sprintf("attribute %s given twice", name))
		}
	}
	if s.err != nil {
		return false
	}
	s.attrs = append(s.attrs, [2][]byte{name, v[1 : len(v)-1]})
	return true
}

// xmlName reports whether a tag or attribute name may be an XML name: not empty, not
// starting with a digit, "-" or ".", and none of the characters that end or delimit
// markup. (Other non-name characters are left to the names compared against.)
func xmlName(q []byte) bool {
	if len(q) == 0 || q[0] == '-' || q[0] == '.' || q[0] >= '0' && q[0] <= '9' {
		return false
	}
	return bytes.IndexAny(q, "<>&\"'=!?/;") < 0
}

// whiteSpace reports whether text is only XML white space.
func whiteSpace(text []byte) bool {
	for _, c := range text {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// is reports whether the element just started or ended has this local name.
func (s *scanner) is(local string) bool { return string(s.local) == local }

// in reports whether the element just started or ended sits directly inside an element
// of this local name: a sheet's <v> belongs to a <c>, not to whatever else holds a <v>.
func (s *scanner) in(parent string) bool {
	n := len(s.stack)
	if s.tok == tokStart {
		n-- // a start tag is on the stack itself; an end tag is already off it
	}
	return n > 0 && string(localName(s.stack[n-1].name)) == parent
}

// depth is the number of open elements; text belongs to the element at that depth.
func (s *scanner) depth() int { return len(s.stack) }

// attr is the decoded value of the current element's attribute with this local name.
func (s *scanner) attr(local string) string {
	for _, a := range s.attrs {
		if string(localName(a[0])) == local {
			return s.decode(a[1])
		}
	}
	return ""
}

// prefixedAttr is attr for a name with a namespace prefix (r:id), which a plain id
// attribute must not stand in for.
func (s *scanner) prefixedAttr(local string) string {
	for _, a := range s.attrs {
		if i := bytes.IndexByte(a[0], ':'); i >= 0 && string(a[0][i+1:]) == local && string(a[0][:i]) != "xmlns" {
			return s.decode(a[1])
		}
	}
	return ""
}

// textString is the decoded text just read.
func (s *scanner) textString() string { return s.decode(s.text) }

// decode turns raw XML text into its value: CR LF or a lone CR read as LF, then entities
// and character references decoded, as encoding/xml does. Text that is not
// UTF-8, or an entity XML does not define, makes the part corrupt.
func (s *scanner) decode(raw []byte) string {
	if !utf8.Valid(raw) {
		s.fail("text is not UTF-8")
		return ""
	}
	if !xmlChars(raw) {
		// encoding/xml and libxml2 refuse the part; a reader that kept the character would
		// read another text.
		s.fail("a character XML does not allow")
		return ""
	}
	v := string(raw)
	if bytes.IndexByte(raw, '\r') >= 0 {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
	}
	if !strings.Contains(v, "&") {
		return v
	}
	out, ok := unescapeXML(v)
	if !ok {
		s.fail("an entity XML does not define")
		return ""
	}
	return out
}

func (s *scanner) fail(why string) {
	if s.err == nil {
		s.err = corrupt("%s: %s", s.part, why)
	}
}

// tooLarge is fail for a part that holds more of something than any return.
func (s *scanner) tooLarge(why string) {
	if s.err == nil {
		s.err = fmt.Errorf("%w: %s: %s", ErrTooLarge, s.part, why)
	}
}

// xmlEntities are the entities every XML document has; parts declare no others.
var xmlEntities = map[string]string{"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": `"`}

// unescapeXML decodes the five XML entities and character references, reporting false for
// anything else after an "&" (an HTML entity, a missing ";", a character XML excludes).
func unescapeXML(s string) (string, bool) {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String(), true
		}
		b.WriteString(s[:i])
		end := strings.IndexByte(s[i:], ';')
		if end < 0 {
			return "", false
		}
		name := s[i+1 : i+end]
		s = s[i+end+1:]
		if v, ok := xmlEntities[name]; ok {
			b.WriteString(v)
			continue
		}
		num, base := strings.CutPrefix(name, "#x")
		if !base {
			var ok bool
			if num, ok = strings.CutPrefix(name, "#"); !ok {
				return "", false
			}
		}
		bits := 10
		if base {
			bits = 16
		}
		n, err := strconv.ParseUint(num, bits, 32)
		if err != nil || !xmlChar(rune(n)) {
			return "", false
		}
		b.WriteRune(rune(n))
	}
}

// xmlChars reports whether UTF-8 text holds only characters XML 1.0 allows: no control
// character but tab, line feed and carriage return, no U+FFFE or U+FFFF (utf8.Valid has
// already refused surrogates).
func xmlChars(raw []byte) bool {
	for i, c := range raw {
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			return false
		case c == 0xEF && i+2 < len(raw) && raw[i+1] == 0xBF && raw[i+2] >= 0xBE:
			return false
		}
	}
	return true
}

// xmlChar reports whether XML 1.0 allows the character in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
