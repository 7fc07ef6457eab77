package period

import "strings"

// Kind is the length of period a survey reports on. A schema names it (`period: month`)
// so that returns, --period and the form's period cell all take that kind and refuse
// others with a message that shows the expected form.
type Kind string

// The kinds, as written in a schema's `period:`.
const (
	// KindMonth is one calendar month: 2016-08, 平成28年8月 (a 月報).
	KindMonth Kind = "month"
	// KindQuarter is one fiscal quarter: 2024Q1 = 令和６年度第１四半期 (April–June 2024).
	KindQuarter Kind = "quarter"
	// KindHalf is one fiscal half-year: 2024H1 = 令和６年度上半期. A half-yearly survey is
	// also summed up per fiscal year, so KindHalf accepts whole fiscal years (2024) too.
	KindHalf Kind = "half"
	// KindYear is one fiscal year: 2024 = 令和６年度.
	KindYear Kind = "year"
	// KindRange is a run of calendar months, e.g. a cumulative figure:
	// 2016-08..2017-03 = 平成28年8月～平成29年3月.
	KindRange Kind = "range"
)

// Kinds lists every kind in the order a schema's documentation gives them.
var Kinds = []Kind{KindMonth, KindQuarter, KindHalf, KindYear, KindRange}

// DefaultKind is the kind of a schema that names none: the half-yearly survey zaitaku
// was written for.
const DefaultKind = KindHalf

// kindInfo is what a kind shows people: its name in messages, an example, and the forms
// listed when an input cannot be read.
type kindInfo struct {
	name    string // 「この調査の期間は…です」
	example Period
	forms   []string // machine forms shown beside the Japanese example
}

var kinds = map[Kind]kindInfo{
	KindMonth:   {"月単位", MonthOf(2024, 8), []string{"2024-08"}},
	KindQuarter: {"四半期単位", QuarterOf(2024, 1), []string{"2024Q1（４〜６月）", "2024Q4（翌年１〜３月）"}},
	KindHalf:    {"半期単位", Period{Year: 2024, Half: FirstHalf}, []string{"2024H1", "2024H2", "2024"}},
	KindYear:    {"年度単位", Period{Year: 2024}, []string{"2024"}},
	KindRange:   {"月から月までの範囲", RangeOf(2024, 4, 2025, 3), []string{"2024-04..2025-03"}},
}

// orDefault treats the empty kind (a schema built without Parse) as DefaultKind.
func (k Kind) orDefault() Kind {
	if k == "" {
		return DefaultKind
	}
	return k
}

// Valid reports whether k is one of Kinds; the empty kind counts as DefaultKind.
func (k Kind) Valid() bool {
	_, ok := kinds[k.orDefault()]
	return ok
}

// Japanese names the kind in messages: 月単位, 半期単位, ….
func (k Kind) Japanese() string { return kinds[k.orDefault()].name }

// Example is a period of this kind, shown where a person must type one
// (対象期間（例：令和６年度上半期）).
func (k Kind) Example() Period { return kinds[k.orDefault()].example }

// Help lists the forms a period of this kind may be typed in, as the end of a message:
// 「2024-08 または 令和６年８月 のように指定してください」.
func (k Kind) Help() string {
	info := kinds[k.orDefault()]
	return strings.Join(info.forms, "・") + " または " + info.example.Japanese() + " のように指定してください"
}

// Accepts reports whether a survey of kind k takes period p: p must be of kind k, except
// that a half-yearly survey also takes a whole fiscal year (its annual summary).
func (k Kind) Accepts(p Period) bool {
	pk := p.Kind()
	k = k.orDefault()
	return pk == k || (k == KindHalf && pk == KindYear)
}

// rank breaks ties in Compare between periods of different kinds covering the same months.
func (k Kind) rank() int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}
