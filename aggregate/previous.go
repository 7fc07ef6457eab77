package aggregate

import (
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
)

// Latest is the aggregate of the latest period among earlier ones (--previous): the
// period the 前回比 check compares with. nil when there is none.
func Latest(earlier []*Loaded) *Loaded {
	var out *Loaded
	for _, l := range earlier {
		if out == nil || out.Period.Less(l.Period) {
			out = l
		}
	}
	return out
}

// PreviousAnswers is an earlier aggregate's answers unit by unit, as the 前回比 check
// takes them (check.Previous): every count, total and number a unit gave (ByWard), every
// option a unit chose (the option's Wards). A number's value is rescaled to the decimal
// places of the question in sc; one that cannot be is left out, as is every question sc
// lacks. An aggregate built from published totals (testdata/history) has no per-unit
// figures: the result then holds no unit, and HasUnits says so.
func PreviousAnswers(r *Result, sc *schema.Schema) *check.Previous {
	p := &check.Previous{Period: r.Period, Units: map[string]*check.PreviousUnit{}}
	unit := func(name string) *check.PreviousUnit {
		u := p.Units[name]
		if u == nil {
			u = &check.PreviousUnit{Counts: map[string]int64{}, Choices: map[string]string{}}
			p.Units[name] = u
		}
		return u
	}
	for _, q := range r.Questions {
		sq := sc.Question(q.ID)
		if sq == nil {
			continue
		}
		for _, row := range q.Rows {
			for _, o := range row.Options {
				for _, w := range o.Wards {
					unit(w).Choices[row.Key] = o.Option
				}
			}
		}
		for _, c := range q.Categories {
			for _, wc := range c.ByWard {
				unit(wc.Ward).Counts[c.Key] = wc.Value
			}
		}
		if q.Total == nil || (q.Type != schema.Total && q.Type != schema.Number) {
			continue
		}
		for _, wc := range q.Total.ByWard {
			if v, ok := rescale(wc.Value, q.Decimals, sq.Decimals); ok {
				unit(wc.Ward).Counts[q.ID] = v
			}
		}
	}
	return p
}

// HasUnits reports whether an earlier aggregate kept any unit's answers.
func HasUnits(p *check.Previous) bool { return p != nil && len(p.Units) > 0 }

// rescale turns a value kept with from decimal places into one kept with to, when that is
// exact.
func rescale(v int64, from, to int) (int64, bool) {
	for ; from < to; from++ {
		v *= 10
	}
	for ; from > to; from-- {
		if v%10 != 0 {
			return 0, false
		}
		v /= 10
	}
	return v, true
}
