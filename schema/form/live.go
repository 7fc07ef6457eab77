package form

import (
	"fmt"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
)

// Live checks are what the form itself shows while a ward types, with no macros: a light
// red fill (conditional formatting) on an answer still empty or on a figure that disagrees
// with others, and a 確認 box at the top of each sheet counting them by formulas. They are
// a guide only: `zaitaku validate` (or the checker page) is the check, and the reader
// ignores every cell they use (their defined names start with HelperPrefix).
//
// A check refers to answer cells only through their defined names (zq_…), which Excel and
// LibreOffice keep pointing at the same cells when a ward inserts rows. A mismatch is shown
// only once every cell it compares holds a number (COUNT of them is complete), so a 内訳
// half typed in is not red; an answer typed as text (「１２」) is not compared at all.

// LiveKind is what a live check looks for; the 確認 box counts each kind on its own.
type LiveKind int

// The live check kinds, in the order the 確認 box lists them.
const (
	LiveMissing   LiveKind = iota // a required answer left empty (and the header's 区名・対象期間)
	LiveBreakdown                 // a 内訳 whose sum differs from its parent
	LiveRepeat                    // a 再掲 larger than what it is part of
	LiveTotal                     // a total (entered or computed) that differs from its parts
	LiveRule                      // a rule of the schema's rules: broken
	liveKinds
)

var liveLabels = [liveKinds]string{"未記入", "内訳の不一致", "再掲の超過", "合計の不一致", "回答の矛盾"}

// Label is how the 確認 box names the kind: 「未記入」.
func (k LiveKind) Label() string { return liveLabels[k] }

// LiveKinds lists every kind in the box's order.
func LiveKinds() []LiveKind {
	out := make([]LiveKind, liveKinds)
	for i := range out {
		out[i] = LiveKind(i)
	}
	return out
}

// TotalRowPrefix heads the At of a check marking a counts question's 合計 row (which has
// no defined name): "_total.o2".
const TotalRowPrefix = "_total."

// LiveCheck is one condition the form evaluates: Formula is true when the check fails.
type LiveCheck struct {
	Kind LiveKind
	// At is the answer whose cell the check marks: a slot key, MetaWard or MetaPeriod, or
	// TotalRowPrefix and a counts question's id for its 合計 row.
	At string
	// Formula is the condition (without "="), naming answer cells by their defined names.
	Formula string
}

// LiveChecks lists the live checks of a schema's form, in form order of the cells they
// mark: every required answer (and the header), the rules: that require an answer, the
// 場面 of a case record that has content, the 再掲 and 内訳 of counts, totals and
// computed figures, and the rules: that compare figures or ask for an empty answer.
func LiveChecks(sc *schema.Schema) []LiveCheck {
	out := []LiveCheck{
		{LiveMissing, MetaWard, blank(NameWard, false)},
		{LiveMissing, MetaPeriod, blank(NamePeriod, false)},
	}
	required := map[string]bool{}
	for _, s := range Slots(sc) {
		if s.Required() {
			required[s.Key] = true
			out = append(out, LiveCheck{LiveMissing, s.Key, blank(s.Name(), s.Kind == SlotList)})
		}
	}
	out = append(out, requireChecks(sc, required)...)
	out = append(out, caseChecks(sc)...)
	for _, q := range sc.Questions() {
		out = append(out, sumChecks(sc, q)...)
	}
	return append(out, compareChecks(sc)...)
}

// blank is true when a cell (or every row of a list's range) holds nothing but spaces.
func blank(name string, list bool) string {
	if list {
		return "SUMPRODUCT(LEN(TRIM(" + name + ")))=0"
	}
	return "LEN(TRIM(" + name + "))=0"
}

// maxArgs keeps each call under the 255 arguments Excel and LibreOffice take.
const maxArgs = 200

// call writes fn over args, as a sum of calls when there are too many for one.
func call(fn string, args []string) string {
	var parts []string
	for len(args) > 0 {
		n := min(len(args), maxArgs)
		parts = append(parts, fn+"("+strings.Join(args[:n], ",")+")")
		args = args[n:]
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "(" + strings.Join(parts, "+") + ")"
}

// names turns answer keys into their defined names.
func names(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = DefinedName(k)
	}
	return out
}

// inputKeys are the cells a ward types behind keys: a computed figure stands for its parts
// (its formula cell always holds a number, even before anything is typed).
func inputKeys(sc *schema.Schema, keys []string) []string {
	var out []string
	for _, k := range keys {
		if parts := sc.ComputedParts(k); len(parts) > 0 {
			out = append(out, inputKeys(sc, parts)...)
			continue
		}
		out = append(out, k)
	}
	return out
}

// filled is true when every input behind keys holds a number.
func filled(sc *schema.Schema, keys ...string) string {
	in := inputKeys(sc, keys)
	return fmt.Sprintf("%s=%d", call("COUNT", names(in)), len(in))
}

// sum is the sum of the figures keys name, a computed one taken from its parts as
// validate takes it (its cell may have been typed over).
func sum(sc *schema.Schema, keys []string) string { return call("SUM", names(inputKeys(sc, keys))) }

// mismatch is a failed comparison shown only once its cells are filled.
func mismatch(sc *schema.Schema, cond string, keys ...string) string {
	return "AND(" + filled(sc, keys...) + "," + cond + ")"
}

// sumChecks are a counts question's 再掲 and 内訳 checks, and a total's.
func sumChecks(sc *schema.Schema, q *schema.Question) []LiveCheck {
	var out []LiveCheck
	switch q.Type {
	case schema.Counts:
		for _, c := range q.Categories {
			switch {
			case c.IsRepeat():
				out = append(out, LiveCheck{LiveRepeat, c.Key, mismatch(sc, DefinedName(c.Key)+">"+sum(sc, []string{c.RepeatKey}), c.Key, c.RepeatKey)})
			case c.Computed:
				parts := sc.ComputedParts(c.Key)
				out = append(out, LiveCheck{LiveTotal, c.Key, mismatch(sc, DefinedName(c.Key)+"<>"+sum(sc, parts), parts...)})
			}
		}
		parent := sc.Category(q.BreakdownOf)
		if parent == nil || parent.Computed {
			return out // a computed parent is the sum itself (checked as a total above)
		}
		keys := catKeys(q.TotalCategories())
		out = append(out, LiveCheck{LiveBreakdown, parent.Key, mismatch(sc, sum(sc, keys)+"<>"+DefinedName(parent.Key), append(keys, parent.Key)...)})
	case schema.Total:
		out = append(out, LiveCheck{LiveTotal, q.ID, mismatch(sc, DefinedName(q.ID)+"<>"+sum(sc, q.SumOf), append([]string{q.ID}, q.SumOf...)...)})
	}
	return out
}

func catKeys(cs []*schema.Category) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Key
	}
	return out
}

// answerGiven is true when an answer has a value, as a rule's when reads it: a choice
// among the rule's options (any, without is:), a count above 0, any text.
func answerGiven(a *schema.Answer, options []*schema.Option) string {
	n := DefinedName(a.Key)
	switch {
	case a.IsChoice() && len(options) > 0:
		var eq []string
		for _, o := range options {
			eq = append(eq, n+"=\""+strings.ReplaceAll(o.Label, `"`, `""`)+"\"")
		}
		return "OR(" + strings.Join(eq, ",") + ")"
	case a.IsCount():
		return "N(" + n + ")>0"
	}
	return "NOT(" + blank(n, a.Question.Type == schema.TextList) + ")"
}

// requireChecks are the rules: that ask for an answer when another has a value (an
// answer required anyway is checked as such), and those that ask for it to stay empty
// otherwise.
func requireChecks(sc *schema.Schema, required map[string]bool) []LiveCheck {
	var out []LiveCheck
	for _, r := range sc.Rules {
		if r.IsCompare() || r.Target == nil || r.Condition == nil {
			continue
		}
		list := r.Target.Question.Type == schema.TextList
		when := answerGiven(r.Condition, r.Options)
		target := DefinedName(r.Target.Key)
		if !required[r.Target.Key] {
			out = append(out, LiveCheck{LiveMissing, r.Target.Key, "AND(" + when + "," + blank(target, list) + ")"})
		}
		if r.Otherwise == schema.OtherwiseEmpty {
			out = append(out, LiveCheck{LiveRule, r.Target.Key, "AND(NOT(" + when + "),NOT(" + blank(target, list) + "))"})
		}
	}
	return out
}

// caseChecks ask for the choice fields (場面) of a case record that has any content.
func caseChecks(sc *schema.Schema) []LiveCheck {
	var out []LiveCheck
	for _, q := range sc.Questions() {
		if q.Type != schema.Cases {
			continue
		}
		for rec := 1; rec <= q.Records; rec++ {
			var others []string
			for _, f := range q.Fields {
				if f.Type != schema.Choice {
					others = append(others, "NOT("+blank(DefinedName(CaseKey(q, rec, f)), false)+")")
				}
			}
			if len(others) == 0 {
				continue
			}
			for _, f := range q.Fields {
				if f.Type == schema.Choice {
					n := DefinedName(CaseKey(q, rec, f))
					out = append(out, LiveCheck{LiveMissing, CaseKey(q, rec, f), "AND(" + blank(n, false) + ",OR(" + strings.Join(others, ",") + "))"})
				}
			}
		}
	}
	return out
}

// compareChecks are the rules: comparing two figures, marked on the first figure's cell
// (a counts question's total on its 合計 row).
func compareChecks(sc *schema.Schema) []LiveCheck {
	var out []LiveCheck
	for _, r := range sc.Rules {
		if !r.IsCompare() || r.Left == nil || r.Right == nil {
			continue
		}
		l, rt := sum(sc, r.Left.Keys()), sum(sc, r.Right.Keys())
		if r.Left.Owner().Decimals > 0 || r.Right.Owner().Decimals > 0 {
			l, rt = "ROUND("+l+",6)", "ROUND("+rt+",6)"
		}
		op := map[string]string{">=": "<", "<=": ">", "=": "<>"}[r.Op]
		at := r.Left.Keys()[0]
		if r.Left.IsQuestionTotal() {
			at = TotalRowPrefix + r.Left.Question.ID
		}
		out = append(out, LiveCheck{LiveRule, at, mismatch(sc, l+op+rt, append(r.Left.Keys(), r.Right.Keys()...)...)})
	}
	return out
}
