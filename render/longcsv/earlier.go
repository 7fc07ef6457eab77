package longcsv

import (
	"encoding/csv"
	"strconv"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// writeEarlier writes the rows of every earlier period whose snapshots keep each ward's
// answers, in the same columns as this period's, so a pivot table can compare periods.
// Periods from published totals only have no ward to put in a row and add nothing. An
// earlier period does not record which wards were missing, so it has no 提出状況 rows: a
// ward without an answer that period simply has no row. Units are listed in this period's
// order with this period's block; labels are that period's.
func writeEarlier(cw *csv.Writer, res *aggregate.Result, id string) error {
	blocks := res.Units.HasBlocks()
	rec := make([]string, 0, 8)
	for _, src := range res.Earlier {
		type item struct {
			q *aggregate.Question
			s *aggregate.Snapshot
		}
		var items []item
		answers := map[*aggregate.ChoiceRow]map[string]string{}
		values := map[*aggregate.Figure]map[string]int64{}
		for _, q := range res.Questions {
			s := q.EarlierIn(src.Period)
			if s == nil || s.NoData || !s.PerWard {
				continue
			}
			items = append(items, item{q, s})
			for _, r := range s.Rows {
				answers[r] = r.Answers()
			}
			for _, c := range s.Categories {
				values[&c.Figure] = c.Figure.Values()
			}
			if s.Total != nil {
				values[s.Total] = s.Total.Values()
			}
		}
		if len(items) == 0 {
			continue
		}
		p := src.Period.String()
		for _, u := range res.Units.List {
			row := func(qid, label, option, value string) error {
				rec = append(rec[:0], p, Guard(u.Name))
				if blocks {
					rec = append(rec, Guard(u.Block))
				}
				rec = append(rec, qid, Guard(label), Guard(option), value, id)
				return cw.Write(rec)
			}
			for _, it := range items {
				q, s := it.q, it.s
				heading := charts.QuestionTitle(q)
				switch q.Type {
				case schema.Choice, schema.ChoiceGroup:
					for _, r := range s.Rows {
						label := heading
						if q.Type == schema.ChoiceGroup {
							label += " ― " + r.Label
						}
						if a := answers[r][u.Name]; a != "" {
							if err := row(r.Key, label, a, "1"); err != nil {
								return err
							}
						}
					}
				case schema.Counts:
					for _, c := range s.Categories {
						if v, ok := values[&c.Figure][u.Name]; ok {
							if err := row(c.Key, heading, c.Label, strconv.FormatInt(v, 10)); err != nil {
								return err
							}
						}
					}
				case schema.Total, schema.Number:
					if v, ok := values[s.Total][u.Name]; ok {
						text := strconv.FormatInt(v, 10)
						if q.Type == schema.Number {
							text = textfmt.Decimal(v, s.Decimals)
						}
						if err := row(q.ID, heading, "", text); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return nil
}
