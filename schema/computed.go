package schema

import "strings"

// Computed figures are subtotals nobody types, as a monthly report (月報) groups 相談内容
// under 医療 and 介護: a counts category with `computed: true` is the total (without
// 再掲) of the one counts question whose breakdown_of names it, and a total question with
// `computed: true` is the sum of its sum_of. The form writes them as locked formula cells;
// the checks compute them from their parts, never from the cell; every output shows them
// as figures like any other.

// ComputedParts gives the keys a computed figure adds up — a computed category's
// breakdown categories without 再掲, a computed total's sum_of — and nil for a key that
// is not computed.
func (s *Schema) ComputedParts(key string) []string {
	if c := s.Category(key); c != nil {
		if !c.Computed || c.Breakdown == nil {
			return nil
		}
		var out []string
		for _, p := range c.Breakdown.TotalCategories() {
			out = append(out, p.Key)
		}
		return out
	}
	if q := s.Question(key); q != nil && q.Type == Total && q.Computed {
		return q.SumOf
	}
	return nil
}

// ComputedKeys lists every computed figure's key, each after the computed figures among
// its parts (a subtotal of subtotals), so that one pass in this order fills them all.
func (s *Schema) ComputedKeys() []string { return s.computed }

// IsComputed reports whether key names a computed category or a computed total.
func (s *Schema) IsComputed(key string) bool {
	if c := s.Category(key); c != nil {
		return c.Computed
	}
	q := s.Question(key)
	return q != nil && q.Type == Total && q.Computed
}

// IsComputed reports whether the answer is a computed category or total, which no rule can
// ask a ward to type.
func (a *Answer) IsComputed() bool {
	if a.Category != nil {
		return a.Category.Computed
	}
	return a.Question.Type == Total && a.Question.Computed
}

// checkComputed ties every category to its breakdown, checks each computed figure and
// orders them, parts first; a chain of computed categories that loops is a mistake.
func (d *decoder) checkComputed(s *Schema) {
	if s.questions == nil {
		return // no sheets: reported already
	}
	breakdowns := map[*Category][]*Question{}
	for _, q := range s.Questions() {
		if q.Type != Counts || q.BreakdownOf == "" {
			continue
		}
		if p := s.Category(q.BreakdownOf); p != nil && p.Question != q && !p.IsRepeat() {
			breakdowns[p] = append(breakdowns[p], q)
		}
	}
	for p, qs := range breakdowns {
		p.Breakdown = qs[0]
	}
	valid := map[string]int{} // computed key → its line
	var order []string        // the computed keys in form order
	for _, q := range s.Questions() {
		switch {
		case q.Computed && q.Type == Counts:
			d.errorf(q.Line, "設問「%s」（counts）には computed は使えません。counts の合計はもともと自動計算です。内訳の合計を自動計算にするには、その区分に computed: true を書きます", q.ID)
		case q.Computed && q.Type != Total:
			d.errorf(q.Line, "設問「%s」（%s）には computed は使えません（自動計算にできるのは total の設問と counts の区分です）", q.ID, q.Type)
		case q.Computed:
			if d.checkComputedTotal(q) {
				valid[q.ID] = q.Line
				order = append(order, q.ID)
			}
		case q.Type == Counts:
			for _, c := range q.Categories {
				if c.Computed && d.checkComputedCategory(c, breakdowns[c]) {
					valid[c.Key] = c.Line
					order = append(order, c.Key)
				}
			}
		}
	}
	d.orderComputed(s, valid, order)
}

// checkComputedTotal refuses what a computed total cannot have: a ward types nothing there.
func (d *decoder) checkComputedTotal(q *Question) bool {
	ok := true
	if q.RequiredSet != nil {
		d.errorf(q.Line, "設問「%s」は自動計算の合計（computed）なので required は使えません（記入する欄ではありません）", q.ID)
		ok = false
	}
	if q.Min != nil || q.Max != nil {
		d.errorf(q.Line, "設問「%s」は自動計算の合計（computed）なので min / max は使えません（範囲は sum_of の各区分の設問に書きます）", q.ID)
		ok = false
	}
	return ok
}

// checkComputedCategory checks that a computed category is the total of exactly one
// breakdown and is not a 再掲.
func (d *decoder) checkComputedCategory(c *Category, breakdowns []*Question) bool {
	switch {
	case c.IsRepeat():
		d.errorf(c.Line, "区分「%s」は再掲（repeat_of）なので computed にはできません（自動計算の区分は内訳の合計で、再掲は合計に入らない内数です）", c.Key)
	case len(breakdowns) == 0:
		d.errorf(c.Line, "区分「%s」は computed（内訳の合計を自動計算）ですが、breakdown_of: %s と書いた内訳の設問がありません", c.Key, c.Key)
	case len(breakdowns) > 1:
		var ids []string
		for _, q := range breakdowns {
			ids = append(ids, "「"+q.ID+"」")
		}
		d.errorf(c.Line, "区分「%s」は computed ですが、内訳の設問が %d つあります（%s）。どの合計か決められないので、breakdown_of: %s の設問は１つにしてください", c.Key, len(breakdowns), strings.Join(ids, ""), c.Key)
	default:
		return true
	}
	return false
}

// orderComputed puts the computed keys in s.computed with the computed parts of each before
// it, reporting each chain that loops (a.x is the total of b, whose b.y is the total of a)
// once, on the line of the computed category where it was found.
func (d *decoder) orderComputed(s *Schema, valid map[string]int, order []string) {
	const visiting, done = 1, 2
	state := map[string]int{}
	var stack []string
	var visit func(key string)
	visit = func(key string) {
		switch state[key] {
		case done:
			return
		case visiting:
			i := len(stack) - 1
			for i > 0 && stack[i] != key {
				i--
			}
			loop := append(append([]string(nil), stack[i:]...), key)
			d.errorf(valid[key], "区分「%s」の自動計算（computed）が循環しています（%s）。内訳の設問の breakdown_of を見直してください", key, strings.Join(loop, " → "))
			return
		}
		state[key] = visiting
		stack = append(stack, key)
		for _, p := range s.ComputedParts(key) {
			if _, ok := valid[p]; ok {
				visit(p)
			}
		}
		stack = stack[:len(stack)-1]
		state[key] = done
		s.computed = append(s.computed, key)
	}
	for _, key := range order {
		visit(key)
	}
}
