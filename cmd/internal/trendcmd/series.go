package trendcmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// none is printed where a period has no figure: never 0, which would read as an answer.
const none = "―"

// cityLabel names the city-wide lines: the schema's units are counted or summed there.
const cityLabel = "全体"

// target is what a series follows: one choice row, or one count category or question total.
type target struct {
	q   *aggregate.Question
	key string // the row or category key; "" for the question's total
	row bool   // a choice row, else a figure
}

// title is the question (and row or category) as the report names it, with its id.
func (t target) title() string {
	h := charts.QuestionTitle(t.q)
	switch {
	case t.row && t.q.Type == schema.ChoiceGroup:
		if r := t.q.Row(t.key); r != nil {
			h += " ― " + r.Label
		}
	case !t.row && t.key != "":
		if c := t.q.Category(t.key); c != nil {
			h += " ― " + c.Label
		}
	}
	return h
}

// id is the id the user typed to get this series.
func (t target) id() string {
	if t.key != "" {
		return t.key
	}
	return t.q.ID
}

// resolve finds the choice row, category or question total named id.
func resolve(res *aggregate.Result, id string) (target, error) {
	if q := res.Question(id); q != nil {
		switch q.Type {
		case schema.Choice:
			if len(q.Rows) == 1 {
				return target{q: q, key: q.Rows[0].Key, row: true}, nil
			}
		case schema.ChoiceGroup:
			keys := make([]string, 0, len(q.Rows))
			for _, r := range q.Rows {
				keys = append(keys, r.Key)
			}
			return target{}, fmt.Errorf("「%s」は項目ごとに選ぶ設問です。項目のID（%s）を指定してください", id, strings.Join(keys, "・"))
		case schema.Counts, schema.Total, schema.Number:
			if q.Total != nil {
				return target{q: q}, nil
			}
		}
		return target{}, fmt.Errorf("「%s」は数や選択肢の設問ではないため、期間ごとの推移を示せません。選択肢の項目か件数の設問・区分のIDを指定してください（一覧: zaitaku schema show）", id)
	}
	for _, q := range res.Questions {
		if r := q.Row(id); r != nil && (q.Type == schema.Choice || q.Type == schema.ChoiceGroup) {
			return target{q: q, key: id, row: true}, nil
		}
		if c := q.Category(id); c != nil {
			return target{q: q, key: id}, nil
		}
	}
	return target{}, fmt.Errorf("aggregate.json に「%s」という設問・項目・区分はありません。IDは「zaitaku schema show」（別の調査の定義なら --schema 定義.yaml を付けて）で確認できます（例: %s）", id, examples(res))
}

// examples names a choice row and a count question of the aggregate, for the error above.
func examples(res *aggregate.Result) string {
	var ex []string
	for _, want := range []func(*aggregate.Question) string{
		func(q *aggregate.Question) string {
			if (q.Type == schema.Choice || q.Type == schema.ChoiceGroup) && len(q.Rows) > 0 {
				return q.Rows[len(q.Rows)-1].Key
			}
			return ""
		},
		func(q *aggregate.Question) string {
			if (q.Type == schema.Counts || q.Type == schema.Total || q.Type == schema.Number) && q.Total != nil {
				return q.ID
			}
			return ""
		},
	} {
		for _, q := range res.Questions {
			if id := want(q); id != "" {
				ex = append(ex, id)
				break
			}
		}
	}
	return strings.Join(ex, "、")
}

// cell is one figure of the series: an option (a unit's answer, or the option a city line
// counts) and a value, or the reason there is none.
type cell struct {
	option string
	value  string // as written in the CSV: digits, or the number's decimals
	shown  string // as printed in the table
	note   string // why there is no figure; set exactly when shown is none
}

// line is one row of the table: the city's figure for an option, or one unit's answers.
type line struct {
	unit   string // the unit, or cityLabel
	option string // the option a city line counts; "" otherwise
	cells  []cell
}

// column is one period of the series.
type column struct {
	code, label string
}

// series is the whole table: periods as columns, the city's lines then one per unit.
type series struct {
	t         target
	unitLabel string
	periods   []column
	city      []line
	units     []line
}

// periodData is one period's figures of the target, from a snapshot or this period.
type periodData struct {
	column
	missing  bool // the period's survey lacks the question, row or category
	perWard  bool
	options  []string
	row      *aggregate.ChoiceRow
	fig      *aggregate.Figure
	decimals int
	status   map[string]string // this period only: each unit's submission status
}

// periodsOf lists every period of the aggregate in order, earlier ones first.
func periodsOf(res *aggregate.Result, t target) []periodData {
	var out []periodData
	for _, src := range res.Earlier {
		pd := periodData{column: column{src.Period.String(), src.PeriodLabel}}
		s := t.q.EarlierIn(src.Period)
		if s == nil || s.NoData {
			pd.missing = true
			out = append(out, pd)
			continue
		}
		pd.perWard, pd.options, pd.decimals = s.PerWard, s.Options, s.Decimals
		pd.row, pd.fig = pick(t, s.Rows, s.Categories, s.Total)
		pd.missing = pd.row == nil && pd.fig == nil
		out = append(out, pd)
	}
	cur := periodData{column: column{res.Period.String(), res.PeriodLabel}, perWard: true, options: t.q.Options, decimals: t.q.Decimals, status: map[string]string{}}
	cur.row, cur.fig = pick(t, t.q.Rows, t.q.Categories, t.q.Total)
	cur.missing = cur.row == nil && cur.fig == nil
	for _, w := range res.Submission.Wards {
		cur.status[w.Ward] = w.Status
	}
	return append(out, cur)
}

// pick finds the target's row or figure among one period's figures.
func pick(t target, rows []*aggregate.ChoiceRow, cats []*aggregate.Category, total *aggregate.Figure) (*aggregate.ChoiceRow, *aggregate.Figure) {
	switch {
	case t.row:
		for _, r := range rows {
			if r.Key == t.key {
				return r, nil
			}
		}
	case t.key == "":
		return nil, total
	default:
		for _, c := range cats {
			if c.Key == t.key {
				return nil, &c.Figure
			}
		}
	}
	return nil, nil
}

// buildSeries lays the target out over every period of the aggregate.
func buildSeries(res *aggregate.Result, t target) *series {
	pds := periodsOf(res, t)
	s := &series{t: t, unitLabel: res.Units.Label}
	for _, pd := range pds {
		s.periods = append(s.periods, pd.column)
	}
	if t.row {
		for _, o := range optionsOf(pds) {
			l := line{unit: cityLabel, option: o}
			for _, pd := range pds {
				switch {
				case pd.missing:
					l.cells = append(l.cells, noneCell("この期間の調査にありません"))
				case !contains(pd.options, o):
					l.cells = append(l.cells, noneCell("この期間の選択肢にありません"))
				default:
					n := strconv.Itoa(pd.row.Count(o))
					l.cells = append(l.cells, cell{option: o, value: n, shown: n})
				}
			}
			s.city = append(s.city, l)
		}
	} else {
		l := line{unit: cityLabel}
		for _, pd := range pds {
			if pd.missing {
				l.cells = append(l.cells, noneCell("この期間の調査にありません"))
				continue
			}
			l.cells = append(l.cells, number(pd.fig.Sum, pd.decimals, t.q.Type))
		}
		s.city = append(s.city, l)
	}
	answers := make([]map[string]string, len(pds))
	values := make([]map[string]int64, len(pds))
	for i, pd := range pds {
		if pd.row != nil {
			answers[i] = pd.row.Answers()
		}
		values[i] = pd.fig.Values()
	}
	perWard := res.Units.Label + "ごとの数値はありません（公表値だけの期間）"
	for _, u := range res.Units.List {
		l := line{unit: u.Name}
		for i, pd := range pds {
			st, current := pd.status[u.Name]
			switch {
			case pd.missing:
				l.cells = append(l.cells, noneCell("この期間の調査にありません"))
			case !pd.perWard:
				l.cells = append(l.cells, noneCell(perWard))
			case current && st != aggregate.StatusCounted:
				l.cells = append(l.cells, noneCell(aggregate.StatusLabel(st)))
			case t.row:
				if a := answers[i][u.Name]; a != "" {
					l.cells = append(l.cells, cell{option: a, value: "1", shown: a})
				} else {
					l.cells = append(l.cells, noneCell("回答なし"))
				}
			default:
				if v, ok := values[i][u.Name]; ok {
					l.cells = append(l.cells, number(v, pd.decimals, t.q.Type))
				} else {
					l.cells = append(l.cells, noneCell("回答なし"))
				}
			}
		}
		s.units = append(s.units, l)
	}
	return s
}

// optionsOf is this period's options, then any option only an earlier period offered
// (令和５年度上半期's 開催予定), in the order they first appear.
func optionsOf(pds []periodData) []string {
	out := append([]string(nil), pds[len(pds)-1].options...)
	for _, pd := range pds[:len(pds)-1] {
		for _, o := range pd.options {
			if !contains(out, o) {
				out = append(out, o)
			}
		}
	}
	return out
}

// number is a figure as the CSV holds it (plain digits) and as the table shows it (1,709).
func number(v int64, decimals int, typ schema.QuestionType) cell {
	if typ == schema.Number {
		return cell{value: textfmt.Decimal(v, decimals), shown: textfmt.Fixed(v, decimals)}
	}
	return cell{value: strconv.FormatInt(v, 10), shown: textfmt.Thousands(v)}
}

func noneCell(note string) cell { return cell{shown: none, note: note} }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
