package formtest

import (
	_ "embed"
	"math/rand/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
)

//go:embed number.yaml
var numberYAML []byte

// NumberYAML is a small monthly survey of five 相談支援室 with number questions between
// counts questions: 窓口開設日数 (days, whole, max 31, show_range) and 平均相談時間 (hours,
// one decimal place, max 24), and a rule comparing days with the counts c1.
func NumberYAML() []byte { return append([]byte(nil), numberYAML...) }

// NumberSchema is NumberYAML loaded.
func NumberSchema() *schema.Schema {
	sc, err := schema.Parse(numberYAML, "number.yaml")
	if err != nil {
		panic("number test schema is invalid: " + err.Error())
	}
	return sc
}

// numberAnswer is a number question's synthetic answer within its bounds: an int for a
// whole number, else a float64 with the question's decimal places (Fill stores both as
// number cells).
func numberAnswer(s *form.Slot, rng *rand.Rand) any {
	q := s.Question
	hi := int64(999)
	if q.Max != nil {
		hi = *q.Max
	}
	lo := q.MinValue()
	scale := q.Scale()
	v := lo*scale + rng.Int64N((hi-lo)*scale+1)
	if q.Decimals == 0 {
		return int(v)
	}
	return float64(v) / float64(scale)
}
