package xlsxread

import (
	"bytes"
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
type scanner struct {
	lx    *txml.Lexer
	part  string
	stack [][]byte // qualified names of the open elements
	// local is the local name of the element just started or ended (nil for text); attrs
	// its attributes (qualified name, raw value without quotes); text the raw text just read.
	local    []byte
	attrs    [][2][]byte
	text     []byte
	cdata    bool
	closeNow bool  // the element just started was empty (<c/>): report its end next
	tok      token // what next returned last
	seenRoot bool
	err      error
}

func newScanner(data []byte, part string) *scanner {
	return &scanner{lx: txml.NewLexer(parse.NewInputBytes(data)), part: part}
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
		switch tt {
		case txml.ErrorToken:
			switch {
			case s.lx.Err() != io.EOF:
				s.err = corrupt("%s: %v", s.part, s.lx.Err())
			case len(s.stack) > 0:
				s.err = corrupt("%s: ends inside <%s>", s.part, s.stack[len(s.stack)-1])
			case !s.seenRoot:
				s.err = corrupt("%s: no elements", s.part)
			}
			return tokEOF
		case txml.StartTagToken:
			if len(s.stack) == 0 && s.seenRoot {
				s.err = corrupt("%s: a second root element <%s>", s.part, s.lx.Text())
				return tokEOF
			}
			s.seenRoot = true
			q := s.lx.Text()
			s.local = localName(q)
			s.attrs = s.attrs[:0]
			for {
				tt, _ := s.lx.Next()
				switch tt {
				case txml.AttributeToken:
					v := s.lx.AttrVal()
					if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
						v = v[1 : len(v)-1]
					}
					s.attrs = append(s.attrs, [2][]byte{s.lx.Text(), v})
					continue
				case txml.StartTagCloseToken:
					s.stack = append(s.stack, q)
				case txml.StartTagCloseVoidToken:
					s.stack = append(s.stack, q)
					s.closeNow = true
				default:
					s.err = corrupt("%s: unfinished tag <%s>", s.part, q)
					return tokEOF
				}
				return tokStart
			}
		case txml.EndTagToken:
			q := s.lx.Text()
			if len(s.stack) == 0 || !bytes.Equal(s.stack[len(s.stack)-1], q) {
				s.err = corrupt("%s: </%s> closes nothing open", s.part, q)
				return tokEOF
			}
			s.stack = s.stack[:len(s.stack)-1]
			s.local = localName(q)
			return tokEnd
		case txml.TextToken, txml.CDATAToken:
			if len(s.stack) == 0 {
				continue // white space around the root element
			}
			s.local = nil // text has no name: is() is false for it
			s.text, s.cdata = data, tt == txml.CDATAToken
			if tt == txml.CDATAToken {
				s.text = s.lx.Text()
			}
			return tokText
		case txml.StartTagPIToken:
			// The lexer ends a processing instruction at its first ">", whether or not a
			// "?" comes before it; what follows up to "?>" then reads as text.
			for tt != txml.StartTagClosePIToken && tt != txml.StartTagCloseToken && tt != txml.StartTagCloseVoidToken {
				if tt, _ = s.lx.Next(); tt == txml.ErrorToken {
					s.err = corrupt("%s: unfinished <?", s.part)
					return tokEOF
				}
			}
		}
		// Comments, DOCTYPE: nothing a workbook part holds.
	}
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
	return n > 0 && string(localName(s.stack[n-1])) == parent
}

// depth is the number of open elements; text belongs to the element at that depth.
func (s *scanner) depth() int { return len(s.stack) }

// attr is the decoded value of the current element's attribute with this local name.
func (s *scanner) attr(local string) string {
	for _, a := range s.attrs {
		if string(localName(a[0])) == local {
			return s.decode(a[1], false)
		}
	}
	return ""
}

// prefixedAttr is attr for a name with a namespace prefix (r:id), which a plain id
// attribute must not stand in for.
func (s *scanner) prefixedAttr(local string) string {
	for _, a := range s.attrs {
		if i := bytes.IndexByte(a[0], ':'); i >= 0 && string(a[0][i+1:]) == local && string(a[0][:i]) != "xmlns" {
			return s.decode(a[1], false)
		}
	}
	return ""
}

// textString is the decoded text just read.
func (s *scanner) textString() string { return s.decode(s.text, s.cdata) }

// decode turns raw XML text into its value: CR LF or a lone CR read as LF, then entities
// and character references decoded (not in CDATA), as encoding/xml does. Text that is not
// UTF-8, or an entity XML does not define, makes the part corrupt.
func (s *scanner) decode(raw []byte, cdata bool) string {
	if !utf8.Valid(raw) {
		s.fail("text is not UTF-8")
		return ""
	}
	v := string(raw)
	if bytes.IndexByte(raw, '\r') >= 0 {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
	}
	if cdata || !strings.Contains(v, "&") {
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

// xmlChar reports whether XML 1.0 allows the character in a document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
