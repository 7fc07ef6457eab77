package aggregate

import (
	"strings"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// Compute builds the figures of one period from the returns to count. counted must hold
// only returns without errors, at most one per unit; they are used in official unit order
// whatever order they come in.
func Compute(sc *schema.Schema, p period.Period, counted []*returns.Return, sub Submission) *Result {
	byWard := map[string]*returns.Return{}
	for _, r := range counted {
		byWard[r.Ward.Name] = r
	}
	var ordered []*returns.Return
	for _, u := range sc.Units.List {
		if r := byWard[u.Name]; r != nil {
			ordered = append(ordered, r)
		}
	}
	res := &Result{
		Format: Format, FormatVersion: FormatVersion,
		Survey:      Survey{ID: sc.ID, Version: sc.Version, Title: sc.Title, ReportTitle: sc.ReportTitle, DocLabel: &sc.DocLabel},
		Period:      p,
		PeriodLabel: p.Japanese(),
		Units:       Units{Label: sc.Units.Label, BlockLabel: sc.Units.BlockLabel, Blocks: sc.Units.Blocks},
		Submission:  sub,
	}
	for _, u := range sc.Units.List {
		res.Units.List = append(res.Units.List, Unit{Name: u.Name, Block: u.Block})
	}
	c := &computer{sc: sc, returns: ordered}
	for _, q := range sc.Questions() {
		res.Questions = append(res.Questions, c.question(q))
	}
	return res
}

type computer struct {
	sc      *schema.Schema
	returns []*returns.Return
}

func (c *computer) question(q *schema.Question) *Question {
	out := &Question{
		ID: q.ID, Type: q.Type, Sheet: q.Item.Sheet.Name, SheetTitle: q.Item.Sheet.Title,
		Item: q.Item.ID, ItemMark: q.Item.Mark, ItemHeading: q.Item.Heading(),
		Number: q.Number, Label: q.Label, Note: q.Note, Unit: q.Unit, Multiple: q.Multiple,
		BreakdownOf: q.BreakdownOf, SumOf: q.SumOf, ShowRange: q.ShowRange,
		UnitTable: q.UnitTable,
	}
	switch q.Type {
	case schema.Choice:
		out.Options = q.List.Labels()
		out.Rows = []*ChoiceRow{c.choiceRow(q.ID, q.Label, q.List)}
	case schema.ChoiceGroup:
		out.Options = q.List.Labels()
		for _, r := range q.Rows {
			out.Rows = append(out.Rows, c.choiceRow(r.Key, form.RowLabel(q, r), q.List))
		}
	case schema.Counts:
		for _, cat := range q.Categories {
			out.Categories = append(out.Categories, &Category{
				Key: cat.Key, Label: form.CategoryLabel(cat), Repeat: cat.IsRepeat(), RepeatOf: cat.RepeatKey,
				Figure: *c.figure(func(r *returns.Return) (int64, bool) { v, ok := r.Counts[cat.Key]; return v, ok }),
			})
		}
		// The total leaves 再掲 out: it is a subset of another row, counted there already.
		cats := q.TotalCategories()
		out.Total = c.figure(func(r *returns.Return) (int64, bool) {
			var sum int64
			for _, cat := range cats {
				v, ok := r.Counts[cat.Key]
				if !ok {
					return 0, false
				}
				sum += v
			}
			return sum, true
		})
	case schema.Total:
		out.Total = c.figure(func(r *returns.Return) (int64, bool) { v, ok := r.Counts[q.ID]; return v, ok })
	case schema.Number:
		// Summed exactly as integers scaled by 10^Decimals (schema.Question.Scale).
		out.Decimals = q.Decimals
		out.Total = c.figure(func(r *returns.Return) (int64, bool) { v, ok := r.Counts[q.ID]; return v, ok })
	case schema.Text:
		for _, r := range c.returns {
			if t, ok := r.Texts[q.ID]; ok {
				out.Texts = append(out.Texts, WardText{Ward: r.Ward.Name, Lines: []string{t}})
			}
		}
	case schema.TextList:
		for _, r := range c.returns {
			if l, ok := r.Lists[q.ID]; ok {
				out.Texts = append(out.Texts, WardText{Ward: r.Ward.Name, Lines: l})
			}
		}
	case schema.Cases:
		out.Cases = c.cases(q)
	}
	return out
}

// choiceRow tallies one choice answer: per option the wards that chose it, overall and per
// block, in official ward order.
func (c *computer) choiceRow(key, label string, list *schema.ChoiceList) *ChoiceRow {
	row := &ChoiceRow{Key: key, Label: label}
	idx := map[*schema.Option]int{}
	for i, o := range list.Options {
		idx[o] = i
		row.Options = append(row.Options, OptionCount{Option: o.Label, Wards: []string{}, ByBlock: c.blocks()})
	}
	for _, r := range c.returns {
		o, ok := r.Choices[key]
		if !ok {
			row.Unanswered = append(row.Unanswered, r.Ward.Name)
			continue
		}
		oc := &row.Options[idx[o]]
		oc.Count++
		row.Answered++
		oc.Wards = append(oc.Wards, r.Ward.Name)
		addBlock(oc.ByBlock, r.Ward.Block, 1)
	}
	return row
}

func (c *computer) blocks() []BlockCount {
	if len(c.sc.Units.Blocks) == 0 {
		return nil
	}
	out := make([]BlockCount, len(c.sc.Units.Blocks))
	for i, b := range c.sc.Units.Blocks {
		out[i].Block = b
	}
	return out
}

func addBlock(bs []BlockCount, block string, v int64) {
	for i := range bs {
		if bs[i].Block == block {
			bs[i].Value += v
		}
	}
}

// figure sums a per-ward value over the counted wards, with the minimum and maximum and
// every ward holding them (ties are all named, never one picked).
func (c *computer) figure(value func(*returns.Return) (int64, bool)) *Figure {
	f := &Figure{ByBlock: c.blocks()}
	for _, r := range c.returns {
		v, ok := value(r)
		if !ok {
			continue
		}
		f.Sum += v
		f.Wards++
		addBlock(f.ByBlock, r.Ward.Block, v)
		f.ByWard = append(f.ByWard, WardCount{Ward: r.Ward.Name, Value: v})
		switch {
		case f.Min == nil || v < f.Min.Value:
			f.Min = &Extreme{Value: v, Wards: []string{r.Ward.Name}}
		case v == f.Min.Value:
			f.Min.Wards = append(f.Min.Wards, r.Ward.Name)
		}
		switch {
		case f.Max == nil || v > f.Max.Value:
			f.Max = &Extreme{Value: v, Wards: []string{r.Ward.Name}}
		case v == f.Max.Value:
			f.Max.Wards = append(f.Max.Wards, r.Ward.Name)
		}
	}
	return f
}

func (c *computer) cases(q *schema.Question) []Case {
	var out []Case
	for _, r := range c.returns {
		for rec := 1; rec <= q.Records; rec++ {
			cs := Case{Ward: r.Ward.Name, Record: rec}
			filled := false
			for _, f := range q.Fields {
				key := form.CaseKey(q, rec, f)
				v := r.Texts[key]
				if o, ok := r.Choices[key]; ok {
					v = o.Label
				}
				filled = filled || v != ""
				cs.Fields = append(cs.Fields, CaseField{ID: f.ID, Label: f.Label, Value: v})
			}
			if filled {
				out = append(out, cs)
			}
		}
	}
	return out
}

// SummaryLine is the count every output states: 「回答 22／24区（未提出: 北区、西区）」, or
// 「回答 10／11 件（…）」 for units whose label is not a counter word (schema.Units.Amount).
func SummaryLine(unitLabel string, counted, expected int, missing, excluded []string) string {
	units := schema.Units{Label: unitLabel}
	s := "回答 " + textfmt.Thousands(int64(counted)) + "／" + units.Amount(expected)
	var notes []string
	if len(missing) > 0 {
		notes = append(notes, "未提出: "+strings.Join(missing, "、"))
	}
	if len(excluded) > 0 {
		notes = append(notes, "集計から除外: "+strings.Join(excluded, "、"))
	}
	if len(notes) > 0 {
		s += "（" + strings.Join(notes, "／") + "）"
	}
	return s
}
