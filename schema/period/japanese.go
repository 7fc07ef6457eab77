package period

import (
	"fmt"
	"strconv"
	"strings"
)

// era describes one Japanese era as used for fiscal-year names and calendar months.
type era struct {
	name   string
	abbr   string // single-letter abbreviation used in forms (R6, H30)
	offset int    // Gregorian year = offset + era year (for fiscal and calendar years alike)
	last   int    // last era year used as a fiscal-year name; 0 = open-ended
	// from and until are the first and last calendar months (monthIndex) named in this
	// era; until 0 = open-ended. They overlap by the month an era changed in (昭和64年1月
	// and 平成元年1月 are both January 1989); the newer era names it in print.
	from, until int
}

// eras lists only the eras the survey can need, newest first. Fiscal-year names switch
// era at the fiscal year in which the new era begins, which is why 平成 ends at 30 and 昭和
// at 63 even though the calendar years 平成31年 and 昭和64年 existed for a few months;
// months follow the calendar (平成31年4月, then 令和元年5月).
var eras = []era{
	{name: "令和", abbr: "R", offset: 2018, from: monthIndex(2019, 5)},
	{name: "平成", abbr: "H", offset: 1988, last: 30, from: monthIndex(1989, 1), until: monthIndex(2019, 4)},
	{name: "昭和", abbr: "S", offset: 1925, last: 63, from: monthIndex(1926, 12), until: monthIndex(1989, 1)},
}

// fiscalYear converts an era year, refusing years that never named a
// fiscal year. The message names the era to use instead, because the usual
// mistake is writing 平成31年度 for FY2019 (it is 令和元年度).
func (e era) fiscalYear(n int) (int, error) {
	if n < 1 {
		return 0, fmt.Errorf("%s0年度はありません。最初の年度は%s元年度です", e.name, e.name)
	}
	if e.last != 0 && n > e.last {
		next := e.next()
		first := e.offset + e.last + 1
		return 0, fmt.Errorf("%sの年度は%s%d年度（%d年度）までです。%d年度以降は%sで指定してください（%d年度＝%s元年度）",
			e.name, e.name, e.last, first-1, first, next.name, first, next.name)
	}
	return e.offset + n, nil
}

// calendarMonth converts era year n and month m (already 1–12) to a Gregorian year,
// refusing months the era never named: 平成31年5月 is 令和元年5月, and 令和元年4月 is
// 平成31年4月. As with fiscalYear, the message names the era to use instead.
func (e era) calendarMonth(n, m int) (int, error) {
	if n < 1 {
		return 0, fmt.Errorf("%s0年はありません。最初の年は%s元年です", e.name, e.name)
	}
	y := e.offset + n
	i := monthIndex(y, m)
	if i < e.from {
		fy, fm := e.from/12, e.from%12+1
		py, pm := (e.from-1)/12, (e.from-1)%12+1
		prev := fmt.Sprintf("%d年%d月までは西暦で指定してください", py, pm)
		if p, ok := e.prev(); ok {
			prev = fmt.Sprintf("%d年%d月までは%sで指定してください（%d年%d月＝%s%d年%d月）", py, pm, p.name, py, pm, p.name, py-p.offset, pm)
		}
		return 0, fmt.Errorf("%sは%s元年%d月（%d年%d月）からです。%s", e.name, e.name, fm, fy, fm, prev)
	}
	if e.until != 0 && i > e.until {
		uy, um := e.until/12, e.until%12+1
		ny, nm := (e.until+1)/12, (e.until+1)%12+1
		next := e.next()
		return 0, fmt.Errorf("%sは%s%d年%d月（%d年%d月）までです。%d年%d月以降は%sで指定してください（%d年%d月＝%s%s年%d月）",
			e.name, e.name, uy-e.offset, um, uy, um, ny, nm, next.name, ny, nm, next.name, eraNumber(ny-next.offset), nm)
	}
	return y, nil
}

// next is the era after e (e itself for the newest).
func (e era) next() era {
	for i := 1; i < len(eras); i++ {
		if eras[i].name == e.name {
			return eras[i-1]
		}
	}
	return eras[0]
}

// prev is the era before e, if the package knows it.
func (e era) prev() (era, bool) {
	for i := 0; i+1 < len(eras); i++ {
		if eras[i].name == e.name {
			return eras[i+1], true
		}
	}
	return era{}, false
}

// eraNumber writes an era year in messages: 元 for the first year.
func eraNumber(n int) string {
	if n == 1 {
		return "元"
	}
	return strconv.Itoa(n)
}

// eraFor picks the era used to name fiscal year y, or false if y predates
// every era we know.
func eraFor(y int) (era, bool) {
	for _, e := range eras {
		if y > e.offset && (e.last == 0 || y <= e.offset+e.last) {
			return e, true
		}
	}
	return era{}, false
}

// eraForMonth picks the era that names calendar month i (monthIndex) in print.
func eraForMonth(i int) (era, bool) {
	for _, e := range eras {
		if i >= e.from {
			return e, true
		}
	}
	return era{}, false
}

// Japanese returns the name printed in official documents: 令和６年度上半期, 令和元年度,
// 令和６年度第１四半期, 平成２８年８月, 平成２８年８月～平成２９年３月. Digits are
// full-width because that is how the city's published reports set them.
func (p Period) Japanese() string {
	switch p.Kind() {
	case KindMonth:
		return monthJapanese(p.Year, p.Month)
	case KindRange:
		return monthJapanese(p.Year, p.Month) + "～" + monthJapanese(p.EndYear, p.EndMonth)
	case KindQuarter:
		return p.EraYear() + "第" + fullWidth(strconv.Itoa(p.Quarter)) + "四半期"
	}
	return p.EraYear() + p.HalfLabel()
}

// monthJapanese names a calendar month with its era (令和元年５月). Months before 昭和
// fall back to the Gregorian year (１９２６年１１月), so the output is never a negative
// era year.
func monthJapanese(y, m int) string {
	month := fullWidth(strconv.Itoa(m)) + "月"
	e, ok := eraForMonth(monthIndex(y, m))
	if !ok {
		return fullWidth(strconv.Itoa(y)) + "年" + month
	}
	n := y - e.offset
	if n == 1 {
		return e.name + "元年" + month
	}
	return e.name + fullWidth(strconv.Itoa(n)) + "年" + month
}

// EraYear returns only the fiscal-year part of Japanese (e.g. 令和６年度), for
// table headers that group the parts of one year under it. Years before 昭和
// fall back to the Gregorian year so the output is never a negative era
// year. Months and ranges are not parts of a fiscal year and give "", as
// does the zero Period.
func (p Period) EraYear() string {
	switch p.Kind() {
	case "", KindMonth, KindRange:
		return ""
	}
	e, ok := eraFor(p.Year)
	if !ok {
		return fullWidth(strconv.Itoa(p.Year)) + "年度"
	}
	n := p.Year - e.offset
	if n == 1 {
		return e.name + "元年度"
	}
	return e.name + fullWidth(strconv.Itoa(n)) + "年度"
}

// HalfLabel returns 上半期 or 下半期, and "" for a whole year so that
// EraYear()+HalfLabel() reads naturally for annual reports.
func (p Period) HalfLabel() string {
	switch p.Half {
	case FirstHalf:
		return "上半期"
	case SecondHalf:
		return "下半期"
	default:
		return ""
	}
}

// fullWidth maps ASCII digits to U+FF10..U+FF19, leaving other runes alone.
func fullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, s)
}
