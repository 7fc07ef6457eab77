package formtest

import (
	_ "embed"
	"math/rand/v2"
	"path/filepath"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
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

// NumberSample is the answers of the five sample returns of NumberSchema (WriteNumberSample),
// by unit. 窓口開設日数 (days) adds up to 103 日, from 18 日 (第三室) to 22 日 (第二室,
// 第五室); 平均相談時間 (hours) to 8.5 時間, from 0.5 to 3.2; every return is valid.
var NumberSample = map[string]map[string]any{
	"第一室": {"c1.med": 30, "c1.care": 10, "days": 20, "hours": 1.5, "c2.med": 5, "c2.care": 6},
	"第二室": {"c1.med": 25, "c1.care": 5, "days": 22, "hours": 2, "c2.med": 3, "c2.care": 3},
	"第三室": {"c1.med": 40, "c1.care": 12, "days": 18, "hours": 0.5, "c2.med": 7, "c2.care": 1},
	"第四室": {"c1.med": 10, "c1.care": 12, "days": 21, "hours": "3.2", "c2.med": 2, "c2.care": 9},
	"第五室": {"c1.med": 50, "c1.care": 8, "days": 22, "hours": 1.3, "c2.med": 4, "c2.care": 4},
}

// NumberSamplePeriod is the month of the NumberSample returns: 平成28年8月.
var NumberSamplePeriod = period.Period{Year: 2016, Month: 8}

// WriteNumberSample writes the NumberSample returns of NumberSchema into dir, one
// 「<unit>.xlsx」 per unit, and returns their paths in unit order.
func WriteNumberSample(dir string) ([]string, error) {
	sc := NumberSchema()
	var paths []string
	for _, u := range sc.Units.List {
		f, err := form.BuildTemplate(sc, form.TemplateOptions{Ward: u.Name, Period: NumberSamplePeriod})
		if err != nil {
			return nil, err
		}
		a := map[string]any{}
		for k, v := range NumberSample[u.Name] {
			a[k] = v
		}
		err = Fill(f, a)
		p := filepath.Join(dir, u.Name+".xlsx")
		if err == nil {
			err = f.SaveAs(p)
		}
		f.Close()
		if err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
