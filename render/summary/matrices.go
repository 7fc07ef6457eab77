package summary

import (
	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
)

// Rows of the ward matrices: the common header, then three header rows (question, row
// label, key), then one row per ward.
const (
	matrixHeadQuestion = 4 + iota
	matrixHeadLabel
	matrixHeadKey
	matrixFirstWard
)

// matrixLead is the leading columns of a ward matrix — unit, block (only when the units
// have blocks), status — with their widths; the data columns follow them.
func matrixLead(u aggregate.Units) (widths map[int]float64, n int) {
	if charts.HasBlocks(u) {
		return map[int]float64{1: 10, 2: 9, 3: 13}, 3
	}
	return map[int]float64{1: 10, 2: 13}, 2
}

// matrixWardColumns writes the lead columns of a ward matrix (unit, block, status) and
// says per ward whether its figures were counted.
func (s *sheet) matrixWardColumns(lead int) map[string]bool {
	res := s.res
	counted := map[string]bool{}
	heads := []string{res.Units.Label, charts.BlockHeader(res.Units), "状況"}
	if lead < 3 {
		heads = []string{res.Units.Label, "状況"}
	}
	for i, h := range heads {
		s.textSpanDown(i+1, matrixHeadQuestion, matrixHeadKey, h)
	}
	for i, u := range res.Units.List {
		row := matrixFirstWard + i
		ws, ok := s.wards[u.Name]
		counted[u.Name] = ok && ws.Status == aggregate.StatusCounted
		s.str(1, row, u.Name, s.st.label)
		if lead == 3 {
			s.str(2, row, u.Block, s.st.label)
		}
		st := s.st.label
		label := ""
		if ok {
			label = aggregate.StatusLabel(ws.Status)
		}
		if !counted[u.Name] {
			st = s.st.bad
			if !ok {
				label = aggregate.StatusLabel(aggregate.StatusMissing)
			}
		}
		s.text(lead, row, label, st)
	}
	return counted
}

// textSpanDown writes a header merged down over the header rows.
func (s *sheet) textSpanDown(col, first, last int, v string) {
	s.str(col, first, v, s.st.head)
	s.check(s.f.MergeCell(s.name, cellName(col, first), cellName(col, last)))
	s.check(s.f.SetCellStyle(s.name, cellName(col, first), cellName(col, last), s.st.head))
}

// questionHeads writes each question's title once over its run of columns, from column
// first on (qs holds each column's question), and marks the run as one block (keepCols).
func (s *sheet) questionHeads(first int, qs []*aggregate.Question, title func(*aggregate.Question) string) {
	for i := 0; i < len(qs); {
		j := i
		for j < len(qs) && qs[j] == qs[i] {
			j++
		}
		head := title(qs[i])
		s.textSpan(first+i, first+j-1, matrixHeadQuestion, head, s.st.headLeft)
		s.keepCols(first+i, first+j-1, head)
		i = j
	}
}

// answersSheet writes the answers of every unit side by side: units down, the rows of
// every choice question across.
func (b *book) answersSheet() {
	res := b.res
	type column struct {
		q *aggregate.Question
		r *aggregate.ChoiceRow
	}
	var cols []column
	for _, q := range res.Questions {
		if charts.IsChoice(q) {
			for _, r := range q.Rows {
				cols = append(cols, column{q, r})
			}
		}
	}
	widths, lead := matrixLead(res.Units)
	first := lead + 1
	last := first + len(cols) - 1
	s := b.sheet(AnswersSheet(res.Units.Label), widths, 13, max(last, lead))
	s.header(AnswersSheet(res.Units.Label)+"（選択式の設問）", last)
	counted := s.matrixWardColumns(lead)
	qs := make([]*aggregate.Question, len(cols))
	for i, c := range cols {
		qs[i] = c.q
	}
	s.questionHeads(first, qs, charts.QuestionTitle)
	for i, c := range cols {
		col := first + i
		s.text(col, matrixHeadLabel, c.r.Label, s.st.head)
		s.str(col, matrixHeadKey, c.r.Key, s.st.key)
		// Indexed once per column: a lookup per ward would grow with the square of the wards.
		answers := c.r.Answers()
		unanswered := make(map[string]bool, len(c.r.Unanswered))
		for _, w := range c.r.Unanswered {
			unanswered[w] = true
		}
		for k, u := range res.Units.List {
			row := matrixFirstWard + k
			switch {
			case !counted[u.Name]:
				s.str(col, row, "", s.st.grey)
			case unanswered[u.Name]:
				s.str(col, row, charts.NoReplyLabel, s.st.noReply)
			default:
				s.text(col, row, answers[u.Name], s.st.centre)
			}
		}
	}
	s.finish()
	s.freeze(lead, matrixHeadKey)
	s.page(fitHeight, matrixHeadKey, lead)
	s.colBreaks(lead, matrixHeadQuestion, matrixFirstWard+len(res.Units.List)-1)
}

// countsSheet writes the counts of every unit side by side: units down, the categories
// and totals of every counts question (and every total and number question) across, with the sums, minima and maxima under them.
func (b *book) countsSheet() {
	res := b.res
	type column struct {
		q      *aggregate.Question
		label  string
		key    string
		fig    *aggregate.Figure
		repeat bool
		total  bool
	}
	var cols []column
	for _, q := range res.Questions {
		switch q.Type {
		case schema.Counts:
			for _, c := range q.Categories {
				cols = append(cols, column{q: q, label: charts.RepeatLabel(c), key: c.Key, fig: &c.Figure, repeat: c.Repeat})
			}
			cols = append(cols, column{q: q, label: charts.TotalLabel(q), fig: q.Total, total: true})
		case schema.Total, schema.Number:
			cols = append(cols, column{q: q, label: q.Label, key: q.ID, fig: q.Total, total: true})
		}
	}
	widths, lead := matrixLead(res.Units)
	first := lead + 1
	last := first + len(cols) - 1
	s := b.sheet(SheetCounts, widths, 10, max(last, lead))
	s.header("件数（"+res.Units.Label+"別）", last)
	counted := s.matrixWardColumns(lead)
	qs := make([]*aggregate.Question, len(cols))
	for i, c := range cols {
		qs[i] = c.q
	}
	s.questionHeads(first, qs, func(q *aggregate.Question) string {
		if q.Unit != "" {
			return charts.QuestionTitle(q) + "（" + q.Unit + "）"
		}
		return charts.QuestionTitle(q)
	})
	sumRow := matrixFirstWard + len(res.Units.List)
	for i, label := range []string{"合計", "最小", "最大"} {
		s.str(1, sumRow+i, label, s.st.totalLabel)
		s.style(2, sumRow+i, lead, s.st.totalLabel)
	}
	for i, c := range cols {
		col := first + i
		s.decimals = c.q.Decimals // a number question's places; 0 for counts and totals
		s.text(col, matrixHeadLabel, c.label, s.st.head)
		s.str(col, matrixHeadKey, c.key, s.st.key)
		numStyle := s.st.number
		if c.repeat {
			numStyle = s.st.repeatNumber
		}
		if c.total {
			numStyle = s.st.totalNumber
		}
		fig := c.fig
		if fig == nil {
			fig = &aggregate.Figure{}
		}
		byWard := map[string]int64{}
		has := map[string]bool{}
		for _, wc := range fig.ByWard {
			byWard[wc.Ward], has[wc.Ward] = wc.Value, true
		}
		for k, u := range res.Units.List {
			row := matrixFirstWard + k
			switch {
			case !counted[u.Name]:
				s.str(col, row, "", s.st.grey)
			case !has[u.Name]:
				s.str(col, row, Dash, s.st.dash)
			default:
				s.num(col, row, byWard[u.Name], numStyle)
			}
		}
		s.num(col, sumRow, fig.Sum, s.st.totalNumber)
		for i, e := range []*aggregate.Extreme{fig.Min, fig.Max} {
			if e == nil {
				s.str(col, sumRow+1+i, Dash, s.st.dash)
			} else {
				s.num(col, sumRow+1+i, e.Value, s.st.totalNumber)
			}
		}
	}
	s.decimals = 0
	s.finish()
	s.freeze(lead, matrixHeadKey)
	s.page(fitHeight, matrixHeadKey, lead)
	s.colBreaks(lead, matrixHeadQuestion, sumRow+2)
}
