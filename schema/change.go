package schema

import (
	"math"
	"reflect"
	"strconv"

	"gopkg.in/yaml.v3"
)

// ChangeCheck is the 前回比 check as the schema writes it: at the top level the default for
// every question, on a question its own thresholds or `false`. Government e-surveys ask for
// a reason when a figure moves a lot from the last report; zaitaku warns, per unit, when a
// count is at least Ratio times (or at most 1/Ratio of) the previous period's and differs
// from it by at least MinDifference, and when a choice moves down its list's order.
type ChangeCheck struct {
	// Ratio is how many times larger (or smaller) a count must be to be flagged: 2 flags
	// ×2 and ½. At most two decimal places; more than 1.
	Ratio *float64 `yaml:"ratio"`
	// MinDifference is the least difference, in the question's unit, worth a warning: a
	// ward going from 3 件 to 7 件 is no news.
	MinDifference *int64 `yaml:"min_difference"`
	// Choices (top level only) turns the check of choices moving down their list off
	// (false) for a survey whose options are not ordered best first.
	Choices *bool `yaml:"choices"`

	// Off is set by `change_check: false`; Bare by a plain true or false.
	Off  bool `yaml:"-"`
	Bare bool `yaml:"-"`
	Line int  `yaml:"-"`
	// RatioLine and MinDifferenceLine are the lines of those keys, for their messages.
	RatioLine, MinDifferenceLine int `yaml:"-"`
}

// ChangeRule is the 前回比 check in force for one question, resolved from the question's
// change_check and the top-level default.
type ChangeRule struct {
	// RatioHundredths is the ratio × 100 (2 → 200), so a comparison is exact in integers.
	RatioHundredths int64
	// MinDifference is in the question's unit (whole units, also for a number question
	// with decimals).
	MinDifference int64
}

// Ratio is the rule's ratio as written (2, 1.5).
func (r *ChangeRule) Ratio() float64 { return float64(r.RatioHundredths) / 100 }

// Default thresholds of a change_check that leaves them out.
const (
	DefaultChangeRatio         = 2
	DefaultChangeMinDifference = 0
)

// changeCheckType is the field type that also takes a bare true or false (decodeValue).
var changeCheckType = reflect.TypeOf((*ChangeCheck)(nil))

// decodeChangeCheck reads a change_check: a bare true or false, or a mapping whose keys'
// lines are kept for the messages about their values.
func (d *decoder) decodeChangeCheck(n *yaml.Node, v reflect.Value) {
	if n.Kind == yaml.ScalarNode {
		if c := d.decodeBareChangeCheck(n); c != nil {
			v.Set(reflect.ValueOf(c))
		}
		return
	}
	c := &ChangeCheck{}
	v.Set(reflect.ValueOf(c))
	d.decodeValue(n, v.Elem())
	c.RatioLine, c.MinDifferenceLine = c.Line, c.Line
	if k, _ := mapKey(n, "ratio"); k != nil {
		c.RatioLine = k.Line
	}
	if k, _ := mapKey(n, "min_difference"); k != nil {
		c.MinDifferenceLine = k.Line
	}
}

// decodeBareChangeCheck reads `change_check: true` or `false`.
func (d *decoder) decodeBareChangeCheck(n *yaml.Node) *ChangeCheck {
	b, err := strconv.ParseBool(n.Value)
	if err != nil || n.ShortTag() != "!!bool" {
		d.errorf(n.Line, "change_check には true・false か、ratio・min_difference の組を書きます（「%s」が書かれています）", n.Value)
		return nil
	}
	return &ChangeCheck{Off: !b, Bare: true, Line: n.Line}
}

// ChangeRule is the question's 前回比 check, or nil when it has none: its own change_check
// or, without one, the schema's. Choice questions are checked for moving down (the rule's
// thresholds do not apply); text, lists and case records never.
func (q *Question) ChangeRule() *ChangeRule { return q.changeRule }

// HasChangeChecks reports whether any question has a 前回比 check, so a command given the
// previous period can say when there is nothing to compare.
func (s *Schema) HasChangeChecks() bool {
	for _, q := range s.Questions() {
		if q.changeRule != nil {
			return true
		}
	}
	return false
}

// checkChange checks the top-level change_check and resolves every question's rule.
func (d *decoder) checkChange(s *Schema) {
	top := s.ChangeCheck
	if top != nil && !top.Off {
		d.checkChangeValues(top, "change_check")
	}
	for _, q := range s.Questions() {
		d.resolveChange(s, q)
	}
}

// checkChangeValues reports a ratio or min_difference out of range.
func (d *decoder) checkChangeValues(c *ChangeCheck, where string) {
	if c.Ratio != nil {
		r := *c.Ratio
		if r <= 1 || math.IsInf(r, 0) || math.IsNaN(r) {
			d.errorf(c.RatioLine, "%s の ratio（%s）は 1 より大きい数にしてください（2 なら前回の２倍以上か半分以下で警告します）", where, formatRatio(r))
		} else if h := r * 100; math.Abs(h-math.Round(h)) > 1e-6 || h > 1e9 {
			d.errorf(c.RatioLine, "%s の ratio（%s）は小数第２位までにしてください", where, formatRatio(r))
		}
	}
	if c.MinDifference != nil && *c.MinDifference < 0 {
		d.errorf(c.MinDifferenceLine, "%s の min_difference（%d）は 0 以上にしてください", where, *c.MinDifference)
	}
}

func formatRatio(r float64) string { return strconv.FormatFloat(r, 'f', -1, 64) }

// resolveChange works out one question's rule from its change_check and the default.
func (d *decoder) resolveChange(s *Schema, q *Question) {
	top, own := s.ChangeCheck, q.ChangeCheck
	where := "設問「" + q.ID + "」の change_check"
	switch q.Type {
	case Counts, Total, Number:
	case Choice, ChoiceGroup:
		if own != nil && !own.Bare {
			d.errorf(own.Line, "%s には true か false だけを書けます（選択式の設問は、前回より後の選択肢になったときに警告します。ratio・min_difference は件数・数値の設問に書きます）", where)
			return
		}
	default:
		if own != nil {
			d.errorf(own.Line, "%s は書けません。前回比の確認は件数（counts・total）・数値（number）・選択式（choice・choice_group）の設問にだけあります", where)
		}
		return
	}
	if own != nil && own.Choices != nil {
		d.errorf(own.Line, "%s に choices は書けません（choices は一番上の change_check にだけ書きます）", where)
	}
	if own != nil && !own.Bare {
		d.checkChangeValues(own, where)
	}
	topOn := top != nil && !top.Off
	switch {
	case own != nil && own.Off:
		return
	case own == nil && !topOn:
		return
	}
	if q.Type == Choice || q.Type == ChoiceGroup {
		if own == nil && top.Choices != nil && !*top.Choices {
			return
		}
		q.changeRule = &ChangeRule{}
		return
	}
	ratio, diff := float64(DefaultChangeRatio), int64(DefaultChangeMinDifference)
	for _, c := range []*ChangeCheck{top, own} {
		if c == nil || c.Off {
			continue
		}
		if c.Ratio != nil {
			ratio = *c.Ratio
		}
		if c.MinDifference != nil {
			diff = *c.MinDifference
		}
	}
	q.changeRule = &ChangeRule{RatioHundredths: int64(math.Round(ratio * 100)), MinDifference: diff}
}
