package charts

import (
	"fmt"
	"slices"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema"
)

// Moves is one block of an item's 区ごとの変化 page (Item.Moves): who moved between the
// previous period with per-ward answers and this one. The page's first block has only
// Lines (what the tables mean, the periods that cannot be compared, the 「…が３期連続」
// lists, the rows where nobody moved); each further block is one choice row's transition
// table: Rows are the previous answers, Columns this period's, each cell the units that
// went from the one to the other (the diagonal, Same, those that stayed).
type Moves struct {
	ID      string
	Heading string
	Lines   []string
	// Corner heads the column of the previous answers: 「令和５年度＼令和６年度上半期」.
	Corner  string
	Columns []string
	Rows    []MoveRow
	// Up, Stayed and Down count the units that moved along the option order (the first
	// option the furthest on); Ordered is false when the previous survey had other
	// options, so that up and down mean nothing and are not counted.
	Up, Stayed, Down int
	Ordered          bool
	// unmatched counts the units with an answer in only one of the two periods.
	unmatched int
}

// MoveRow is one previous answer of a transition table: the units in each column, as
// printed (「北区、東成区」), and the column of the same answer (-1 for none).
type MoveRow struct {
	Label string
	Cells []string
	Same  int
}

// MovesTitle heads an item's 区ごとの変化 page: 「（ア）… ― 区ごとの変化（令和５年度 → 令和６年度上半期）」.
func MovesTitle(itemHeading, unitLabel, from, to string) string {
	return fmt.Sprintf("%s ― %sごとの変化（%s → %s）", itemHeading, unitLabel, from, to)
}

// movesChain is the run of periods the 区ごとの変化 pages compare: the earlier periods
// with per-ward answers that come right before this one, oldest first.
func movesChain(q *aggregate.Question) (chain []*aggregate.Snapshot) {
	for i := len(q.Earlier) - 1; i >= 0; i-- {
		e := q.Earlier[i]
		if e.NoData || !e.PerWard {
			break
		}
		chain = append([]*aggregate.Snapshot{e}, chain...)
	}
	return chain
}

// earlierWithoutWards are the earlier periods whose aggregate has no per-ward answers.
func (b *builder) earlierWithoutWards() []string {
	var out []string
	for _, q := range b.res.Questions {
		for _, e := range q.Earlier {
			if !e.NoData && !e.PerWard && !slices.Contains(out, e.PeriodLabel) {
				out = append(out, e.PeriodLabel)
			}
		}
	}
	return out
}

// rowRef names a choice row short, as the run lists do: 「（ア）５」, 「（イ）（１）」.
func rowRef(q *aggregate.Question, r *aggregate.ChoiceRow) string {
	ref := ""
	if q.ItemMark != "" {
		ref = "（" + q.ItemMark + "）"
	}
	ref += q.Number
	if q.Type == schema.ChoiceGroup {
		num, _, ok := strings.Cut(r.Label, "．")
		if ok {
			ref += num
		}
	}
	if ref == "" {
		ref = r.Label
	}
	return ref
}

// rowHeading is a choice row in full: 「（ア）５．在宅医療・…の将来推計」, 「（イ）（１）推進会議開催状況」.
func rowHeading(q *aggregate.Question, r *aggregate.ChoiceRow) string {
	h := ""
	if q.ItemMark != "" {
		h = "（" + q.ItemMark + "）"
	}
	if q.Type == schema.ChoiceGroup {
		return h + q.Number + r.Label
	}
	return h + QuestionHeading(q)
}

// moves builds an item's 区ごとの変化 blocks, or nil when no choice question of the item
// has an earlier period with per-ward answers right before this one.
func (b *builder) moves(questions []*aggregate.Question) (heading string, out []*Moves) {
	units := schema.Units{Label: b.res.Units.Label}
	var runs, same []string
	var from string
	for _, q := range questions {
		if !IsChoice(q) {
			continue
		}
		chain := movesChain(q)
		if len(chain) == 0 {
			continue
		}
		prev := chain[len(chain)-1]
		from = prev.PeriodLabel
		ordered := slices.Equal(prev.Options, q.Options)
		for _, r := range q.Rows {
			pr := EarlierRow(prev, r.Key)
			if pr == nil {
				continue
			}
			m := b.transition(q, r, prev, pr, ordered)
			m.Heading = rowHeading(q, r)
			if m.Up+m.Down == 0 && m.unmatched == 0 && (ordered || m.Stayed == r.Answered) {
				same = append(same, rowRef(q, r))
			} else {
				out = append(out, m)
			}
			runs = append(runs, b.runs(q, r, chain)...)
		}
	}
	if from == "" {
		return "", nil
	}
	intro := &Moves{ID: "moves-" + questions[0].Item}
	intro.Lines = append(intro.Lines,
		fmt.Sprintf("%sと今回（%s）の回答を%sごとに比べています。選択肢は先に並ぶものほど進んだ状態とし、前の選択肢へ移った%sを「上がった」、後ろへ移った%sを「下がった」と数えます。表の行は前回の回答、列は今回の回答で、網掛けのますは回答の変わらなかった%sです。",
			from, b.res.PeriodLabel, units.Label, units.Label, units.Label, units.Label))
	for _, p := range b.earlierWithoutWards() {
		intro.Lines = append(intro.Lines, fmt.Sprintf("%sは%s別の回答がないため比較できません。", p, units.Label))
	}
	intro.Lines = append(intro.Lines, runs...)
	if len(same) > 0 {
		intro.Lines = append(intro.Lines, fmt.Sprintf("すべての%sが前回と同じ回答: %s", units.Label, strings.Join(same, "、")))
	}
	return MovesTitle(questions[0].ItemHeading, units.Label, from, b.res.PeriodLabel), append([]*Moves{intro}, out...)
}

// transition is one row's table between the previous period and this one.
func (b *builder) transition(q *aggregate.Question, r *aggregate.ChoiceRow, prev *aggregate.Snapshot, pr *aggregate.ChoiceRow, ordered bool) *Moves {
	units := schema.Units{Label: b.res.Units.Label}
	m := &Moves{ID: "moves-" + r.Key, Corner: prev.PeriodLabel + "＼" + b.res.PeriodLabel, Columns: q.Options, Ordered: ordered}
	now, then := r.Answers(), pr.Answers()
	prevOpts := prev.Options
	if len(prevOpts) == 0 {
		for _, oc := range pr.Options {
			prevOpts = append(prevOpts, oc.Option)
		}
	}
	cells := make([][][]string, len(prevOpts))
	for i := range cells {
		cells[i] = make([][]string, len(q.Options))
	}
	var unmatched []string
	for _, u := range b.res.Units.List {
		a, okA := now[u.Name]
		p, okP := then[u.Name]
		i, j := slices.Index(prevOpts, p), slices.Index(q.Options, a)
		if !okA || !okP || i < 0 || j < 0 {
			if okA || okP {
				unmatched = append(unmatched, u.Name)
			}
			continue
		}
		cells[i][j] = append(cells[i][j], u.Name)
		switch {
		case prevOpts[i] == q.Options[j]:
			m.Stayed++
		case ordered && j < i:
			m.Up++
		case ordered:
			m.Down++
		}
	}
	for i, o := range prevOpts {
		row := MoveRow{Label: o, Same: slices.Index(q.Options, o)}
		for j := range q.Options {
			row.Cells = append(row.Cells, strings.Join(cells[i][j], "、"))
		}
		m.Rows = append(m.Rows, row)
	}
	if ordered {
		m.Lines = append(m.Lines, fmt.Sprintf("上がった %s　変わらず %s　下がった %s", units.Amount(m.Up), units.Amount(m.Stayed), units.Amount(m.Down)))
	} else {
		m.Lines = append(m.Lines, fmt.Sprintf("%sの選択肢は今回と違うため、上がった・下がったは数えません（変わらず %s）", prev.PeriodLabel, units.Amount(m.Stayed)))
	}
	m.unmatched = len(unmatched)
	if len(unmatched) > 0 {
		m.Lines = append(m.Lines, fmt.Sprintf("前回か今回の回答がない%s: %s", units.Label, strings.Join(unmatched, "、")))
	}
	return m
}

// runs are the 「（ア）５ 現時点では未着手が３期連続: …」 lines of one row: the units whose
// answer has been the last option (the least far on) in every period of the run up to
// this one, for runs of two periods or more, longest first.
func (b *builder) runs(q *aggregate.Question, r *aggregate.ChoiceRow, chain []*aggregate.Snapshot) []string {
	if len(q.Options) == 0 {
		return nil
	}
	last := q.Options[len(q.Options)-1]
	byLen := map[int][]string{}
	now := r.Answers()
	for _, u := range b.res.Units.List {
		if now[u.Name] != last {
			continue
		}
		n := 1
		for i := len(chain) - 1; i >= 0; i-- {
			pr := EarlierRow(chain[i], r.Key)
			if pr == nil || pr.Answer(u.Name) != last {
				break
			}
			n++
		}
		if n >= 2 {
			byLen[n] = append(byLen[n], u.Name)
		}
	}
	var out []string
	for n := len(chain) + 1; n >= 2; n-- {
		if ws := byLen[n]; len(ws) > 0 {
			out = append(out, fmt.Sprintf("%s %sが%s期連続: %s", rowRef(q, r), last, fullDigits(n), strings.Join(ws, "、")))
		}
	}
	return out
}

// fullDigits prints a number in full-width digits, as the report's running text does (３期).
func fullDigits(n int) string {
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteRune(c - '0' + '０')
	}
	return b.String()
}
