package summary

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
)

// Columns of the counts tables on 集計.
const (
	colSum = 2 + iota
	colMin
	colMinWards
	colMax
	colMaxWards
	colBlocks
)

// summarySheet writes 集計: per question under its section and item headings, a table of
// the figures — units per option, or sums with their smallest and largest units and the
// block sums — with the earlier periods beside them.
func (b *book) summarySheet() {
	res := b.res
	last := colBlocks + len(res.Units.Blocks) + len(res.Earlier) - 1
	for _, q := range res.Questions {
		if charts.IsChoice(q) {
			n := 1 + len(q.Options) + 1
			if charts.HasNoReply(q) {
				n++
			}
			for _, e := range charts.EarlierWithData(q) {
				n += len(charts.EarlierOptions(q, e))
			}
			last = max(last, n)
		}
	}
	s := b.sheet(SheetSummary, map[int]float64{1: 58, colMinWards: 18, colMaxWards: 18}, 11, last)
	row := s.header(res.Survey.ReportTitle, last)
	s.str(2, 2, res.Survey.Title, s.st.note)
	if !res.Submission.Complete {
		u := res.Units.Label
		s.str(1, row, "※ 回答のあった"+u+"だけの集計です。未提出・除外の"+u+"の分は含まれていません。", s.st.summaryBad)
		s.style(2, row, last, s.st.summaryBad)
		row++
	}
	for _, e := range res.Earlier {
		s.str(1, row, fmt.Sprintf("比較：%s（%s）", e.PeriodLabel, e.Summary), s.st.note)
		row++
	}
	s.freeze(1, 3)
	row++

	var tabled []*aggregate.Question
	for _, q := range res.Questions {
		if charts.IsChoice(q) || q.Type == schema.Counts || q.Type == schema.Total || q.Type == schema.Number {
			tabled = append(tabled, q)
		}
	}
	for _, part := range charts.Outline(tabled) {
		// Each heading is kept on the page of the first table under it.
		start := row
		if part.Title != "" {
			s.str(1, row, part.Title, s.st.section)
			s.style(2, row, last, s.st.section)
			s.check(s.f.SetRowHeight(s.name, row, 22))
			row += 2
		}
		for _, it := range part.Items {
			if start < 0 {
				start = row
			}
			s.str(1, row, it.Heading, s.st.item)
			s.style(2, row, last, s.st.item)
			s.check(s.f.SetRowHeight(s.name, row, 20))
			row++
			for _, q := range it.Questions {
				if start < 0 {
					start = row
				}
				row = s.questionTable(q, start, row)
				start = -1
			}
		}
	}
	s.finish()
	s.page(fitWidth, 3, 0)
}

// questionTable writes a question's heading and table from row on, kept on one page with
// the rows from start (the headings above it), and returns the next free row.
func (s *sheet) questionTable(q *aggregate.Question, start, row int) int {
	s.str(1, row, charts.QuestionHeading(q), s.st.question)
	if n := charts.QuestionNote(s.res, q); n != "" {
		s.str(2, row, n, s.st.note)
	}
	row++
	head, tableHead, tableRows := row, s.countsHead, s.countsRows
	if charts.IsChoice(q) {
		tableHead, tableRows = s.choiceHead, s.choiceRows
	}
	body := tableHead(q, row)
	row = tableRows(q, body)
	// A table taller than a page goes on under its heading, marked, and header rows.
	s.keepTable(start, head, body, row-1, func(at int) {
		s.str(1, at, charts.QuestionHeading(q)+Continued, s.st.question)
		tableHead(q, at+1)
	})
	return row + 1
}

// choiceHead writes the header rows of a choice question's table: the periods when earlier
// ones are shown, and the options. It returns the row of the table's first row.
func (s *sheet) choiceHead(q *aggregate.Question, row int) int {
	res := s.res
	noReply := charts.HasNoReply(q)
	nCur := len(q.Options) + 1
	if noReply {
		nCur++
	}
	if len(charts.EarlierWithData(q)) > 0 {
		s.str(1, row, "", s.st.headLeft)
		s.textSpan(2, 1+nCur, row, res.PeriodLabel, s.st.head)
		c := 2 + nCur
		for _, e := range charts.EarlierWithData(q) {
			n := len(charts.EarlierOptions(q, e))
			s.textSpan(c, c+n-1, row, charts.EarlierHead(e, res.Units.Label), s.st.head)
			c += n
		}
		row++
	}
	s.text(1, row, charts.CategoryHeader(res.Units.Label), s.st.headLeft)
	c := 2
	for _, o := range q.Options {
		s.text(c, row, o, s.st.head)
		c++
	}
	s.text(c, row, "合計", s.st.head)
	c++
	if noReply {
		s.text(c, row, charts.NoReplyLabel, s.st.head)
		c++
	}
	for _, e := range charts.EarlierWithData(q) {
		for _, o := range charts.EarlierOptions(q, e) {
			s.text(c, row, o, s.st.head)
			c++
		}
	}
	return row + 1
}

// choiceRows writes the rows of a choice question from row on: per row the number of
// wards per option and how many answered. It returns the row after the table.
func (s *sheet) choiceRows(q *aggregate.Question, row int) int {
	noReply := charts.HasNoReply(q)
	for _, r := range q.Rows {
		s.text(1, row, r.Label, s.st.label)
		c := 2
		for _, o := range q.Options {
			s.num(c, row, int64(r.Count(o)), s.st.number)
			c++
		}
		s.num(c, row, int64(r.Answered), s.st.totalNumber)
		c++
		if noReply {
			s.num(c, row, int64(len(r.Unanswered)), s.st.number)
			c++
		}
		for _, e := range charts.EarlierWithData(q) {
			for _, o := range charts.EarlierOptions(q, e) {
				if n := charts.EarlierCount(e, r.Key, o); n != nil {
					s.num(c, row, int64(*n), s.st.number)
				} else {
					s.str(c, row, Dash, s.st.dash)
				}
				c++
			}
		}
		row++
	}
	return row
}

// countsHead writes the header row of a counts or total question's table and returns the
// row of the table's first row.
func (s *sheet) countsHead(q *aggregate.Question, row int) int {
	res := s.res
	u := res.Units.Label
	heads := []string{charts.CategoryHeader(q.Unit), "合計", "最小", "最小の" + u, "最大", "最大の" + u}
	heads = append(heads, res.Units.Blocks...)
	for _, e := range charts.EarlierWithData(q) {
		heads = append(heads, charts.EarlierHead(e, res.Units.Label))
	}
	for i, h := range heads {
		st := s.st.head
		if i == 0 {
			st = s.st.headLeft
		}
		s.text(i+1, row, h, st)
	}
	return row + 1
}

// countsRows writes the rows of a counts, total or number question from row on: per category the
// sum over wards, the smallest and largest with every ward holding them, and the sum per
// block. It returns the row after the table.
func (s *sheet) countsRows(q *aggregate.Question, row int) int {
	s.decimals = q.Decimals // a number question's places; 0 for counts and totals
	defer func() { s.decimals = 0 }()
	if q.Type == schema.Total || q.Type == schema.Number {
		s.figureRow(row, q.Label, q.Total, s.st.totalLabel, s.st.totalNumber, charts.EarlierWithData(q), func(e *aggregate.Snapshot) *aggregate.Figure { return e.Total })
		return row + 1
	}
	for _, c := range q.Categories {
		lst, nst := s.st.label, s.st.number
		if c.Repeat {
			lst, nst = s.st.repeatLabel, s.st.repeatNumber
		}
		key := c.Key
		s.figureRow(row, charts.RepeatLabel(c), &c.Figure, lst, nst, charts.EarlierWithData(q), func(e *aggregate.Snapshot) *aggregate.Figure {
			if ec := charts.EarlierCategory(e, key); ec != nil {
				return &ec.Figure
			}
			return nil
		})
		row++
	}
	s.figureRow(row, charts.TotalLabel(q), q.Total, s.st.totalLabel, s.st.totalNumber, charts.EarlierWithData(q), func(e *aggregate.Snapshot) *aggregate.Figure { return e.Total })
	return row + 1
}

func (s *sheet) figureRow(row int, label string, fig *aggregate.Figure, labelStyle, numStyle int, earlier []*aggregate.Snapshot, get func(*aggregate.Snapshot) *aggregate.Figure) {
	s.text(1, row, label, labelStyle)
	if fig == nil {
		fig = &aggregate.Figure{}
	}
	s.num(colSum, row, fig.Sum, numStyle)
	extreme := func(col int, e *aggregate.Extreme) {
		if e == nil {
			s.str(col, row, Dash, s.st.dash)
			s.str(col+1, row, Dash, s.st.dash)
			return
		}
		s.num(col, row, e.Value, numStyle)
		s.text(col+1, row, strings.Join(e.Wards, "、"), s.st.text)
	}
	extreme(colMin, fig.Min)
	extreme(colMax, fig.Max)
	c := colBlocks
	for _, bl := range s.res.Units.Blocks {
		s.num(c, row, blockValue(fig.ByBlock, bl), numStyle)
		c++
	}
	for _, e := range earlier {
		var ef *aggregate.Figure
		if !e.NoData {
			ef = get(e)
		}
		if ef == nil {
			s.str(c, row, Dash, s.st.dash)
		} else {
			s.num(c, row, ef.Sum, numStyle)
		}
		c++
	}
}

func blockValue(bs []aggregate.BlockCount, block string) int64 {
	for _, b := range bs {
		if b.Block == block {
			return b.Value
		}
	}
	return 0
}
