package xlsxread

import (
	"bytes"
	"html"
	"io"
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
// it did not open or is not UTF-8 refused.
type scanner struct {
	lx    *txml.Lexer
	part  string
	stack [][]byte // qualified names of the open elements
	// local is the local name of the element just started or ended; attrs its attributes
	// (name without prefix, raw value without quotes); text the raw text just read.
	local    []byte
	attrs    [][2][]byte
	text     []byte
	cdata    bool
	closeNow bool // the element just started was empty (<c/>): report its end next
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
					s.attrs = append(s.attrs, [2][]byte{localName(s.lx.Text()), v})
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
				continue // whitespace around the root element
			}
			s.local = nil // text has no name: is() is false for it
			s.text, s.cdata = data, tt == txml.CDATAToken
			if tt == txml.CDATAToken {
				s.text = s.lx.Text()
			}
			return tokText
		case txml.StartTagPIToken:
			for tt != txml.StartTagClosePIToken && tt != txml.ErrorToken {
				tt, _ = s.lx.Next()
			}
			if tt == txml.ErrorToken {
				s.err = corrupt("%s: unfinished <?", s.part)
				return tokEOF
			}
		}
		// Comments, DOCTYPE: nothing a workbook part holds.
	}
}

// is reports whether the element just started or ended has this local name.
func (s *scanner) is(local string) bool { return string(s.local) == local }

// attr is the decoded value of the current element's attribute with this local name.
func (s *scanner) attr(local string) string {
	for _, a := range s.attrs {
		if string(a[0]) == local {
			return s.decode(a[1], false)
		}
	}
	return ""
}

// textString is the decoded text just read.
func (s *scanner) textString() string { return s.decode(s.text, s.cdata) }

// decode turns raw XML text into its value: entities and character references decoded
// (not in CDATA), and CR LF or a lone CR read as LF, as XML parsers do. Text that is not
// UTF-8 makes the part corrupt, as it does for encoding/xml.
func (s *scanner) decode(raw []byte, cdata bool) string {
	if !utf8.Valid(raw) {
		if s.err == nil {
			s.err = corrupt("%s: text is not UTF-8", s.part)
		}
		return ""
	}
	v := string(raw)
	if bytes.IndexByte(raw, '\r') >= 0 {
		v = string(bytes.ReplaceAll(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")))
	}
	if !cdata && bytes.IndexByte(raw, '&') >= 0 {
		// XML has five named entities and numeric references; html decodes those
		// exactly (and would also decode HTML's names, which no workbook writer emits).
		v = html.UnescapeString(v)
	}
	return v
}
