package pptx

import (
	"math"
	"strings"

	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// PowerPoint shrinks text to its box (a:normAutofit) only when the file gives the scale or
// the text is edited; Impress does it on opening. So the deck sizes every text box's text
// itself, as the PDF does (render/pdf fitted): text that would overflow its box is set
// smaller, down to minTextSize, and what still does not fit is cut with 「…」. The
// estimate counts characters as the deck sizes its columns (textfmt): a full-width one
// as wide as its size, a narrow one narrowWidth of it (BIZ UDPゴシック's figures are
// proportional and wide: 「1161」 at 6 pt bold is 16.8 pt in Impress), all a little
// wider for a fallback font; lines 1.2 times the size apart where the paragraph does not
// set its spacing.
const (
	narrowWidth = 0.65
	fitSlack    = 1.1
	lineFactor  = 1.2
	minTextSize = 6.0
	ellipsis    = "…"
	mmPerPt     = 25.4 / 72
)

// charMM is the estimated width in mm of r at size points.
func charMM(r rune, size float64) float64 {
	if textfmt.Wide(r) {
		return size * mmPerPt * fitSlack
	}
	return narrowWidth * size * mmPerPt * fitSlack
}

// inner is the room for text in the box, in mm: the box less its margins (those the text
// template writes), one column's width when the text is set in columns.
func (t *textBox) inner() (w, h float64) {
	w, h = float64(t.W)/emuPerMM, float64(t.H)/emuPerMM
	if t.Tight {
		return w - 1, h
	}
	w = w - 4
	if !t.Flat {
		h -= 2
	}
	if t.Columns > 1 {
		w = (w - float64((t.Columns-1)*t.ColumnGap)/emuPerMM) / float64(t.Columns)
	}
	return w, h
}

// hasText reports whether any run of the box has text (a rule has none).
func (t *textBox) hasText() bool {
	for _, p := range t.Paras {
		for _, r := range p.Runs {
			if r.Text != "" {
				return true
			}
		}
	}
	return false
}

// paraSize is the largest type size of a paragraph's runs.
func paraSize(p para) float64 {
	s := 0.0
	for _, r := range p.Runs {
		s = max(s, r.Size)
	}
	return s
}

// lineMM is the height in mm of one line of the paragraph.
func (p para) lineMM() float64 {
	if p.LineSpacing > 0 {
		return p.LineSpacing * mmPerPt
	}
	return paraSize(p) * lineFactor * mmPerPt
}

// lines is how many lines the paragraph wraps to in w mm: broken at any character, as
// Japanese text is, the lines after the first narrower by the hang.
func (p para) lines(w float64) int {
	n, x, avail := 1, 0.0, w
	for _, r := range p.Runs {
		for _, c := range r.Text {
			cw := charMM(c, r.Size)
			if x+cw > avail && x > 0 {
				n, x, avail = n+1, 0, w-float64(p.Hang)/emuPerMM
			}
			x += cw
		}
	}
	return n
}

// height is the paragraph's height in mm in w mm, with the space before it.
func (p para) height(w float64) float64 {
	return p.SpaceBefore*mmPerPt + float64(p.lines(w))*p.lineMM()
}

// textHeight is the height in mm the paragraphs take in a column w mm wide; in cols
// columns, the longest column with one line to spare for where a column breaks.
func textHeight(ps []para, w float64, cols int) float64 {
	h, line := 0.0, 0.0
	for _, p := range ps {
		h += p.height(w)
		line = max(line, p.lineMM())
	}
	if cols > 1 {
		return h/float64(cols) + line
	}
	return h
}

// overflows reports whether the box's text is estimated to need more room than it has.
func (t *textBox) overflows() bool {
	w, h := t.inner()
	return textHeight(t.Paras, w, t.Columns) > h+0.01
}

// fitText sets the box's text smaller until it fits the box, all its runs in proportion
// and none under minTextSize, and cuts what then still does not fit with 「…」.
func fitText(t *textBox) {
	if !t.hasText() || !t.overflows() {
		return
	}
	orig := t.Paras
	top := 0.0
	for _, p := range orig {
		top = max(top, paraSize(p))
	}
	for f := 1.0; ; f -= 0.025 {
		t.Paras = scaled(orig, f)
		if !t.overflows() {
			return
		}
		if top*f <= minTextSize {
			break
		}
	}
	w, h := t.inner()
	t.Paras = cut(t.Paras, w, h)
}

// scaled is the paragraphs with every size f times as large, in half points, none under
// minTextSize; the spacing of a paragraph follows its type.
func scaled(ps []para, f float64) []para {
	out := make([]para, len(ps))
	for i, p := range ps {
		old := paraSize(p)
		q := p
		q.Runs = make([]run, len(p.Runs))
		for j, r := range p.Runs {
			r.Size = max(minTextSize, math.Floor(r.Size*f*2)/2)
			q.Runs[j] = r
		}
		if old > 0 {
			k := paraSize(q) / old
			q.LineSpacing, q.SpaceBefore = p.LineSpacing*k, p.SpaceBefore*k
		}
		out[i] = q
	}
	return out
}

// cut keeps the paragraphs that fit h mm in a column w mm wide and as much of the next as
// fits the lines left, ending with 「…」; at least one line is kept.
func cut(ps []para, w, h float64) []para {
	used := 0.0
	for i, p := range ps {
		ph := p.height(w)
		if used+ph <= h+0.01 {
			used += ph
			continue
		}
		n := int((h - used - p.SpaceBefore*mmPerPt + 0.01) / p.lineMM())
		if n < 1 && i > 0 {
			// Not a line of this one fits: the one before ends with 「…」 instead.
			prev := ps[i-1]
			return append(ps[:i-1:i-1], cutPara(prev, w, prev.lines(w)))
		}
		return append(ps[:i:i], cutPara(p, w, max(n, 1)))
	}
	return ps
}

// cutPara shortens the paragraph's text from its end until, with 「…」 after it, it wraps
// to no more than n lines in w mm.
func cutPara(p para, w float64, n int) para {
	runs := append([]run(nil), p.Runs...)
	for len(runs) > 0 {
		last := &runs[len(runs)-1]
		if last.SlideNumber {
			runs = runs[:len(runs)-1]
			continue
		}
		rs := []rune(last.Text)
		for len(rs) > 0 {
			q := p
			q.Runs = append(append([]run(nil), runs[:len(runs)-1]...), run{Text: string(rs) + ellipsis, Size: last.Size, Bold: last.Bold, Color: last.Color})
			if q.lines(w) <= n {
				return q
			}
			rs = rs[:len(rs)-1]
		}
		runs = runs[:len(runs)-1]
	}
	if len(p.Runs) > 0 {
		r := p.Runs[0]
		r.Text, r.SlideNumber = ellipsis, false
		p.Runs = []run{r}
	}
	return p
}

// lineBreaks turns the line breaks inside runs (a text written on several lines) into
// paragraphs of their own, as PowerPoint writes them: a raw newline in a:t is not a
// line break to PowerPoint. Each new paragraph keeps the look of the one it came from.
func lineBreaks(ps []para) []para {
	var out []para
	for _, p := range ps {
		cur := p
		cur.Runs = nil
		for _, r := range p.Runs {
			parts := splitLines(r.Text)
			for i, s := range parts {
				if i > 0 {
					out = append(out, cur)
					cur = p
					cur.Runs, cur.SpaceBefore = nil, 0
				}
				if s != "" || len(parts) == 1 {
					r.Text = s
					cur.Runs = append(cur.Runs, r)
				}
			}
		}
		out = append(out, cur)
	}
	return out
}

// splitLines splits s at its line breaks: CR LF, LF or a lone CR.
func splitLines(s string) []string {
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n")
}
