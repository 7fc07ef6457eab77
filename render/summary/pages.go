package summary

import "math"

// Printing: the sheets print on A4 landscape scaled to fit one page wide (集計, 自由記述,
// 提出状況) or one page tall (the ward matrices), and the programs break pages wherever
// a page is full. Left alone, that leaves a question's heading alone at the foot of a
// page, cuts short tables in two, and continues a table on a page that does not say
// what its columns are. So manual page breaks are put before every block that would run
// over the foot of its page, and inside a block taller than a page wherever the page is
// full, with what the reader needs repeated after the break: on 集計 the table's heading
// (marked Continued) and header rows, on the ward matrices the question's title over its
// columns. A program honours manual breaks under fit-to-width and fit-to-height; only
// the page size along the fitted side is estimated here, from the column widths and row
// heights the workbook sets, erring towards less on a page so that the program never
// breaks a page before the manual break does.

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
// (capacity) being filled. On a page that the program began itself, the estimate of
// where that page began may be off by a tall row or more, so the next block always
// starts a page of its own.
func breakBefore(used, need, capacity float64, auto bool) bool {
	return used > 0 && (auto || used+need > capacity)
}

// keep is a block of rows that prints on one page: a table with the headings above it,
// or any other rows. A block taller than a page starts a page; if it is a table (repeat
// is set), it continues on the next pages under its header rows again.
type keep struct {
	first, last int
	// head is the first header row of the table and body its first row under the
	// header; repeat writes a continued heading at row at and the header rows under it
	// (body-head+1 rows in all).
	head, body int
	repeat     func(at int)
}

// span is a block of columns (one question of a ward matrix) that prints on one page,
// titled over its columns; a question wider than a page continues on the next pages
// under its title again.
type span struct {
	first, last int
	title       string
}

// keepRows marks rows first..last as one block.
func (s *sheet) keepRows(first, last int) {
	s.keeps = append(s.keeps, keep{first: first, last: last})
}

// keepTable marks rows first..last as one block: headings, the header rows head..body-1
// of a table and its rows body..last. repeat writes the continued heading and the header
// rows again at a row, for the pages a table taller than a page continues on.
func (s *sheet) keepTable(first, head, body, last int, repeat func(at int)) {
	s.keeps = append(s.keeps, keep{first: first, last: last, head: head, body: body, repeat: repeat})
}

// keepCols marks columns first..last as one block, titled title (a cell merged over them
// in the title row).
func (s *sheet) keepCols(first, last int, title string) {
	s.spans = append(s.spans, span{first: first, last: last, title: title})
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
// of rows that would run over the foot of its page, and inside a table taller than a
// page before the row that would, repeating the table's heading and header rows there.
// titleRows repeat on every page. It runs after finish: the rows it inserts get their
// heights here.
func (s *sheet) rowBreaks(titleRows int) {
	if len(s.keeps) == 0 {
		return
	}
	scale := roundScale(printableWidth / s.colsWidth(1, s.lastCol, digitPixelsLess))
	capacity := printableDepth/scale - s.rowsHeight(1, titleRows)
	used, auto, next, cur := 0.0, false, 0, -1
	for r := titleRows + 1; r <= s.keeps[len(s.keeps)-1].last; r++ {
		if next < len(s.keeps) && s.keeps[next].first == r {
			k := s.keeps[next]
			cur = next
			next++
			if breakBefore(used, s.rowsHeight(k.first, k.last), capacity, auto) {
				s.check(s.f.InsertPageBreak(s.name, cellName(1, r)))
				used, auto = 0, false
			}
		}
		h := s.rowHeight(r)
		if used == 0 || used+h <= capacity {
			used += h
			continue
		}
		if cur >= 0 && s.keeps[cur].repeat != nil && r >= s.keeps[cur].body && r <= s.keeps[cur].last {
			n := s.continueTable(cur, r)
			s.check(s.f.InsertPageBreak(s.name, cellName(1, r)))
			used, auto = s.rowsHeight(r, r+n-1)+h, false
			r += n
			continue
		}
		// The program's own break: this row starts the next page.
		used, auto = h, true
	}
}

// continueTable inserts the continued heading and header rows of the table of keep i
// before row r, and returns how many rows it inserted.
func (s *sheet) continueTable(i, r int) int {
	k := &s.keeps[i]
	n := k.body - k.head + 1
	s.check(s.f.InsertRows(s.name, r, n))
	k.last += n
	for j := i + 1; j < len(s.keeps); j++ {
		o := &s.keeps[j]
		o.first, o.last, o.head, o.body = o.first+n, o.last+n, o.head+n, o.body+n
	}
	// Every row had its height set by finish; what is noted now is the inserted rows.
	s.lines = map[int]int{}
	k.repeat(r)
	s.finish()
	return n
}

// colBreaks breaks the pages of a sheet fitted to one page tall (rows 1..lastRow) before
// each kept block of columns that would run over the right edge of its page, and splits
// a block wider than a page over pages of about equal width, its title (in titleRow)
// repeated over its columns on each, marked Continued after the first. titleCols repeat
// on every page. It runs after finish.
func (s *sheet) colBreaks(titleCols, titleRow, lastRow int) {
	if len(s.spans) == 0 {
		return
	}
	scale := roundScale(printableDepth / s.rowsHeight(1, lastRow))
	capacity := printableWidth/scale - s.colsWidth(1, titleCols, digitPixelsMore)
	used := 0.0
	for _, sp := range s.spans {
		w := s.colsWidth(sp.first, sp.last, digitPixelsMore)
		if used > 0 && used+w > capacity {
			s.check(s.f.InsertPageBreak(s.name, cellName(sp.first, 1)))
			used = 0
		}
		if w <= capacity || sp.first == sp.last {
			used += w
			continue
		}
		starts := s.split(sp.first, sp.last, capacity)
		s.check(s.f.UnmergeCell(s.name, cellName(sp.first, titleRow), cellName(sp.last, titleRow)))
		from := sp.first
		for i, c := range append(starts, sp.last+1) {
			title := sp.title
			if i > 0 {
				title += Continued
			}
			// Taller title rows only shrink the scale: the pages estimated still fit.
			s.textSpan(from, c-1, titleRow, title, s.st.headLeft)
			if c <= sp.last {
				s.check(s.f.InsertPageBreak(s.name, cellName(c, 1)))
			}
			from = c
		}
		used = s.colsWidth(starts[len(starts)-1], sp.last, digitPixelsMore)
	}
	s.finish()
}

// split divides columns first..last, wider than a page (capacity), over as few pages as
// it takes with about as many columns on each, so no page holds a stub of a column or
// two. It returns the first column of each page after the first.
func (s *sheet) split(first, last int, capacity float64) []int {
	n := last - first + 1
	k := max(2, int(math.Ceil(s.colsWidth(first, last, digitPixelsMore)/capacity)))
	for ; k < n; k++ {
		var starts []int
		c, fits := first, true
		for i := 0; i < k && fits; i++ {
			size := n / k
			if i < n%k {
				size++
			}
			fits = s.colsWidth(c, c+size-1, digitPixelsMore) <= capacity
			if i > 0 {
				starts = append(starts, c)
			}
			c += size
		}
		if fits {
			return starts
		}
	}
	starts := make([]int, 0, n-1)
	for c := first + 1; c <= last; c++ {
		starts = append(starts, c)
	}
	return starts
}
