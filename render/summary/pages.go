package summary

import "math"

// Printing: the sheets print on A4 landscape scaled to fit one page wide (集計, 自由記述,
// 提出状況) or one page tall (the ward matrices), and the programs break pages wherever
// a page is full. Left alone, that leaves a question's heading alone at the foot of a
// page and cuts short tables in two, so manual page breaks are put before every block
// that would run over the foot of its page. A program honours manual breaks under
// fit-to-width and fit-to-height; only the page size along the fitted side is estimated
// here, from the column widths and row heights the workbook sets.

// The A4 landscape page in points, and its margins (page) in inches.
const (
	pageLong       = 841.89
	pageShort      = 595.28
	marginSide     = 0.4
	marginEdge     = 0.6
	marginHF       = 0.3
	printableWidth = pageLong - 2*marginSide*72
	printableDepth = pageShort - 2*marginEdge*72
	pointsPerPixel = 0.75
)

// A column of width w is w × (the default font's widest digit) pixels wide. The digits
// of BIZ UDPゴシック are 0.76 em: 11 px at 11 pt in Excel, 11.1 in LibreOffice. Each
// estimate errs on the side that puts less on a page than fits: the narrower digit where
// the scale follows from the widths (fit to width: a narrower sheet prints larger), a
// wider one where the widths fill the page (fit to height).
const (
	digitPixelsLess = 11
	digitPixelsMore = 11.2
)

// breakBefore says whether a block of size need starts a new page, used of the page
// (capacity) being filled. On a page that the program began itself, inside a block
// taller than a page, the estimate of where that page began may be off by a tall row
// or more, so the next block always starts a page of its own.
func breakBefore(used, need, capacity float64, auto bool) bool {
	return used > 0 && (auto || used+need > capacity)
}

// keep is a block of rows (headings and the table under them) that prints on one page.
// A block taller than a page starts a page.
type keep struct {
	first, last int
}

// span is a block of columns (one question of a ward matrix) that prints on one page.
type span struct {
	first, last int
}

// keepRows marks rows first..last as one block.
func (s *sheet) keepRows(first, last int) {
	s.keeps = append(s.keeps, keep{first: first, last: last})
}

// keepCols marks columns first..last as one block.
func (s *sheet) keepCols(first, last int) {
	s.spans = append(s.spans, span{first: first, last: last})
}

func (s *sheet) rowHeight(row int) float64 {
	h, err := s.f.GetRowHeight(s.name, row)
	s.check(err)
	return h
}

func (s *sheet) rowsHeight(first, last int) float64 {
	h := 0.0
	for r := first; r <= last; r++ {
		h += s.rowHeight(r)
	}
	return h
}

func (s *sheet) colsWidth(first, last int, digit float64) float64 {
	w := 0.0
	for c := first; c <= last; c++ {
		w += s.widths[c] * digit * pointsPerPixel
	}
	return w
}

// roundScale rounds a print scale up to a whole percent: the programs round theirs
// down, and a larger scale means fewer rows on the estimated page.
func roundScale(v float64) float64 {
	return math.Min(1, math.Ceil(v*100)/100)
}

// rowBreaks breaks the pages of a sheet fitted to one page wide before each kept block
// of rows that would run over the foot of its page. titleRows repeat on every page.
func (s *sheet) rowBreaks(titleRows int) {
	if len(s.keeps) == 0 {
		return
	}
	scale := roundScale(printableWidth / s.colsWidth(1, s.lastCol, digitPixelsLess))
	capacity := printableDepth/scale - s.rowsHeight(1, titleRows)
	used, auto, next := 0.0, false, 0
	for r := titleRows + 1; r <= s.keeps[len(s.keeps)-1].last; r++ {
		if next < len(s.keeps) && s.keeps[next].first == r {
			k := s.keeps[next]
			next++
			if breakBefore(used, s.rowsHeight(k.first, k.last), capacity, auto) {
				s.check(s.f.InsertPageBreak(s.name, cellName(1, r)))
				used, auto = 0, false
			}
		}
		h := s.rowHeight(r)
		if used > 0 && used+h > capacity {
			// The program's own break: this row starts the next page.
			used, auto = 0, true
		}
		used += h
	}
}

// colBreaks breaks the pages of a sheet fitted to one page tall (rows 1..lastRow) before
// each kept block of columns that would run over the right edge of its page. titleCols
// repeat on every page.
func (s *sheet) colBreaks(titleCols, lastRow int) {
	if len(s.spans) == 0 {
		return
	}
	scale := roundScale(printableDepth / s.rowsHeight(1, lastRow))
	capacity := printableWidth/scale - s.colsWidth(1, titleCols, digitPixelsMore)
	used, auto, next := 0.0, false, 0
	for c := titleCols + 1; c <= s.spans[len(s.spans)-1].last; c++ {
		if next < len(s.spans) && s.spans[next].first == c {
			sp := s.spans[next]
			next++
			if breakBefore(used, s.colsWidth(sp.first, sp.last, digitPixelsMore), capacity, auto) {
				s.check(s.f.InsertPageBreak(s.name, cellName(c, 1)))
				used, auto = 0, false
			}
		}
		w := s.colsWidth(c, c, digitPixelsMore)
		if used > 0 && used+w > capacity {
			used, auto = 0, true
		}
		used += w
	}
}
