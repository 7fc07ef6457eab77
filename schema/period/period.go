// Package period names the periods a survey reports on.
//
// A survey's schema says which kind of period its returns cover (Kind: a month, a fiscal
// quarter, a fiscal half-year, a fiscal year, or a range of months). Fiscal periods follow
// the Japanese fiscal year (FY N = April N – March N+1); months and ranges are calendar
// months. Staff type periods in whatever form the document in front of them uses (2024H1,
// 令和６年度上半期, 平成28年8月, full-width digits from Excel, …), while files and JSON need
// one stable spelling; Parse accepts the former and String produces the latter.
package period

import (
	"cmp"
	"fmt"
	"strconv"
)

// Half selects part of a fiscal year. The zero value is FullYear so that a
// Period built from just a year (Period{Year: 2024}) means the whole year.
type Half int

const (
	// FullYear is the whole fiscal year (年度), used for annual reports.
	FullYear Half = 0
	// FirstHalf is April–September (上半期).
	FirstHalf Half = 1
	// SecondHalf is October–March of the following calendar year (下半期);
	// it still belongs to the fiscal year in which it starts.
	SecondHalf Half = 2
)

// Years outside this range are almost certainly typos (e.g. "24H1" or an
// era year typed without its era). 1926 is the first year the 昭和 era
// conversion produces; 2200 leaves plenty of room for 令和 and later.
const (
	minYear = 1926
	maxYear = 2200
)

// Period is one survey period. Which fields are set says its kind (see Kind): Year alone
// is a fiscal year, Year+Half a half, Year+Quarter a fiscal quarter, Year+Month a calendar
// month, and Year+Month to EndYear+EndMonth a range of months. Keeping one comparable
// struct lets periods of every kind be map keys and compare with ==, and keeps the
// half-year literals (Period{Year: 2024, Half: FirstHalf}) valid.
// The zero value means "no period" (see IsZero).
type Period struct {
	// Year is the Gregorian year: for fiscal periods the year in which the fiscal year
	// starts (2024 for 令和６年度, April 2024 – March 2025), for a month or a range the
	// calendar year of the (first) month. Storing the Gregorian year keeps ordering and
	// arithmetic independent of era changes.
	Year int
	// Half is the part of the fiscal year covered (half-years only).
	Half Half
	// Quarter is the fiscal quarter, 1 (April–June) to 4 (January–March), or 0.
	Quarter int
	// Month is the calendar month 1–12 of a month, or the first month of a range; 0 for
	// fiscal periods.
	Month int
	// EndYear and EndMonth are the last month of a range (inclusive); 0 otherwise.
	EndYear, EndMonth int
}

// MonthOf is the calendar month m (1–12) of year y, e.g. MonthOf(2016, 8) = 平成28年8月.
func MonthOf(y, m int) Period { return Period{Year: y, Month: m} }

// QuarterOf is fiscal quarter q (1–4) of fiscal year fy: QuarterOf(2024, 1) is
// April–June 2024, QuarterOf(2024, 4) January–March 2025.
func QuarterOf(fy, q int) Period { return Period{Year: fy, Quarter: q} }

// RangeOf is the months from y1-m1 to y2-m2 inclusive, e.g. the cumulative
// 平成28年8月～平成29年3月 = RangeOf(2016, 8, 2017, 3).
func RangeOf(y1, m1, y2, m2 int) Period {
	return Period{Year: y1, Month: m1, EndYear: y2, EndMonth: m2}
}

// Kind returns the period's kind, or "" for the zero Period.
func (p Period) Kind() Kind {
	switch {
	case p.IsZero():
		return ""
	case p.EndYear != 0 || p.EndMonth != 0:
		return KindRange
	case p.Month != 0:
		return KindMonth
	case p.Quarter != 0:
		return KindQuarter
	case p.Half != FullYear:
		return KindHalf
	}
	return KindYear
}

// Valid reports whether p is a period Parse could have produced: one kind's fields only,
// each in range, and a range that does not end before it starts.
func (p Period) Valid() bool {
	year := func(y int) bool { return y >= minYear && y <= maxYear }
	month := func(m int) bool { return m >= 1 && m <= 12 }
	if !year(p.Year) {
		return false
	}
	switch p.Kind() {
	case KindRange:
		return p.Half == FullYear && p.Quarter == 0 && month(p.Month) && year(p.EndYear) && month(p.EndMonth) &&
			monthIndex(p.Year, p.Month) <= monthIndex(p.EndYear, p.EndMonth)
	case KindMonth:
		return p.Half == FullYear && p.Quarter == 0 && month(p.Month)
	case KindQuarter:
		return p.Half == FullYear && p.Quarter >= 1 && p.Quarter <= 4
	case KindHalf:
		return p.Half == FirstHalf || p.Half == SecondHalf
	}
	return true
}

// monthIndex numbers calendar months consecutively, so spans compare as integers.
func monthIndex(y, m int) int { return y*12 + m - 1 }

// span is the first and last calendar month a valid period covers, as monthIndex values.
func (p Period) span() (first, last int) {
	fy := monthIndex(p.Year, 4) // April of the fiscal year
	switch p.Kind() {
	case KindRange:
		return monthIndex(p.Year, p.Month), monthIndex(p.EndYear, p.EndMonth)
	case KindMonth:
		m := monthIndex(p.Year, p.Month)
		return m, m
	case KindQuarter:
		first = fy + 3*(p.Quarter-1)
		return first, first + 2
	case KindHalf:
		first = fy + 6*(int(p.Half)-1)
		return first, first + 5
	}
	return fy, fy + 11
}

// Months is how many calendar months the period covers: 1 for a month, 3 for a quarter,
// 6 for a half, 12 for a fiscal year, the months of a range ends included.
func (p Period) Months() int {
	first, last := p.span()
	return last - first + 1
}

// String returns the canonical form used in file names and JSON: 2024 (fiscal year),
// 2024H1, 2024Q1 (fiscal quarter), 2016-08 (month), 2016-08..2017-03 (range). The zero
// Period prints as "" so that an unset field round-trips through MarshalText/UnmarshalText.
func (p Period) String() string {
	// Invalid periods still print recognisably for debugging; Parse and MarshalText
	// reject them.
	switch p.Kind() {
	case "":
		return ""
	case KindRange:
		return fmt.Sprintf("%04d-%02d..%04d-%02d", p.Year, p.Month, p.EndYear, p.EndMonth)
	case KindMonth:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Month)
	case KindQuarter:
		return fmt.Sprintf("%dQ%d", p.Year, p.Quarter)
	case KindHalf:
		return fmt.Sprintf("%dH%d", p.Year, int(p.Half))
	}
	return strconv.Itoa(p.Year)
}

// Compare returns -1, 0 or +1 in the order described at Less; it has the
// shape slices.SortFunc expects.
func (p Period) Compare(q Period) int {
	switch pz, qz := p.IsZero(), q.IsZero(); {
	case pz || qz:
		// "No period" sorts first, as year 0 did before periods had kinds.
		return cmp.Compare(boolInt(!pz), boolInt(!qz))
	}
	pv, qv := p.Valid(), q.Valid()
	if pv != qv {
		// Invalid periods go after everything so they stand out at the end of a table.
		return cmp.Compare(boolInt(!pv), boolInt(!qv))
	}
	if !pv {
		return cmp.Or(cmp.Compare(p.Year, q.Year), cmp.Compare(p.Half, q.Half), cmp.Compare(p.Quarter, q.Quarter),
			cmp.Compare(p.Month, q.Month), cmp.Compare(p.EndYear, q.EndYear), cmp.Compare(p.EndMonth, q.EndMonth))
	}
	pf, pl := p.span()
	qf, ql := q.span()
	// A valid period is fixed by its kind and span, so this is 0 only for equal periods.
	return cmp.Or(cmp.Compare(pl, ql), cmp.Compare(qf, pf), cmp.Compare(p.Kind().rank(), q.Kind().rank()))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Less orders periods for history tables in the order reports are published: by the
// last month covered, and among periods ending together the shorter first, since a
// summary comes out after its parts. So within a fiscal year 上半期, 下半期, then the
// whole year; a month before the quarter, half and year that end with it; and a
// cumulative range (平成28年8月～平成29年3月) after the month 平成29年3月.
func (p Period) Less(q Period) bool {
	return p.Compare(q) < 0
}

// IsZero reports whether p is the zero Period ("no period"). Besides being a
// readable check, it lets encoding/json's omitzero option drop unset fields.
func (p Period) IsZero() bool {
	return p == Period{}
}

// MarshalText writes the canonical form, so JSON, YAML and map keys all use
// one spelling whatever form was parsed. It refuses invalid periods rather
// than writing something Parse would later reject.
func (p Period) MarshalText() ([]byte, error) {
	if p.IsZero() {
		return []byte{}, nil
	}
	if !p.Valid() {
		return nil, fmt.Errorf("period: invalid period %+v", p)
	}
	return []byte(p.String()), nil
}

// UnmarshalText accepts everything Parse does (every kind: an aggregate.json of any
// survey can be read), so hand-edited files may use the Japanese form. Empty text gives
// the zero Period, mirroring MarshalText.
func (p *Period) UnmarshalText(b []byte) error {
	if isBlank(string(b)) {
		*p = Period{}
		return nil
	}
	q, err := Parse(string(b))
	if err != nil {
		return err
	}
	*p = q
	return nil
}
