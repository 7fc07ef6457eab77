// Package period names the survey periods of the city's half-yearly survey.
//
// The survey follows the Japanese fiscal year (FY N = April N – March N+1),
// so a period is a fiscal year plus an optional half. Staff type periods in
// whatever form the document in front of them uses (2024H1, 令和６年度上半期,
// full-width digits from Excel, …), while files and JSON need one stable
// spelling; Parse accepts the former and String produces the latter.
package period

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// Period is one survey period: a fiscal year, or one half of it.
// The zero value means "no period" (see IsZero).
type Period struct {
	// Year is the Gregorian year in which the fiscal year starts, e.g. 2024
	// for 令和６年度 (April 2024 – March 2025). Storing the Gregorian year
	// keeps ordering and arithmetic independent of era changes.
	Year int
	// Half is the part of the fiscal year covered.
	Half Half
}

// syntaxHelp is appended to every rejection so that the reader learns what
// to type instead, not just that the input was wrong.
const syntaxHelp = "2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"

// errSyntax marks input that does not match any accepted form; Parse turns
// it into the user-facing message that lists the accepted forms.
var errSyntax = errors.New("syntax")

// Parse reads a period in any of the forms staff are likely to type:
//
//	2024H1, 2024h2, 2024              canonical form (whole year without H)
//	2024年度上半期, 2024年度           Gregorian year with Japanese labels
//	令和６年度上半期, 令和6年度 下半期  era year; 元 for year 1
//	平成30年度, 昭和63年度, R6年度, H30年度上半期
//
// The input is NFKC-folded first, so full-width digits and letters
// (２０２４Ｈ１), ideographic spaces and the one-character era signs (㋿, ㍻)
// are accepted without special cases. Spaces may separate the parts.
//
// Era years that were never used as fiscal-year names are rejected rather
// than silently converted: FY2019 is officially 令和元年度, so 平成31年度
// is refused, as is 昭和64年度 (FY1989 is 平成元年度). Errors are written in
// Japanese because they are shown to the staff who typed the input.
func Parse(s string) (Period, error) {
	p, err := parse(strings.TrimSpace(norm.NFKC.String(s)))
	if err == nil {
		return p, nil
	}
	shown := strings.TrimSpace(s)
	if errors.Is(err, errSyntax) {
		return Period{}, fmt.Errorf("期間「%s」を読み取れません。%s", shown, syntaxHelp)
	}
	return Period{}, fmt.Errorf("期間「%s」は指定できません。%v", shown, err)
}

func parse(t string) (Period, error) {
	sc := scanner{rest: t}
	e, hasEra := sc.era()
	var (
		n        int
		numOK    bool
		japanese bool
	)
	if hasEra {
		sc.skipSpace()
		if sc.consume("元") {
			n, numOK = 1, true
		} else {
			n, numOK = sc.number()
		}
		if !numOK {
			return Period{}, errSyntax
		}
		sc.skipSpace()
		// Era years are only accepted with 年度: "令和6年" is a calendar
		// year (Jan–Dec) and would be off by three months.
		if !sc.consume("年度") {
			return Period{}, errSyntax
		}
		japanese = true
	} else {
		if n, numOK = sc.number(); !numOK {
			return Period{}, errSyntax
		}
		sc.skipSpace()
		japanese = sc.consume("年度")
	}

	// The half label must match the style of the year so that mixed forms
	// such as "2024年度H1" stay errors instead of guesses.
	sc.skipSpace()
	half := FullYear
	switch {
	case japanese && sc.consume("上半期"):
		half = FirstHalf
	case japanese && sc.consume("下半期"):
		half = SecondHalf
	case !japanese && (sc.consume("H1") || sc.consume("h1")):
		half = FirstHalf
	case !japanese && (sc.consume("H2") || sc.consume("h2")):
		half = SecondHalf
	}
	sc.skipSpace()
	if sc.rest != "" {
		return Period{}, errSyntax
	}

	year := n
	if hasEra {
		var err error
		if year, err = e.fiscalYear(n); err != nil {
			return Period{}, err
		}
	}
	if year < minYear || year > maxYear {
		return Period{}, fmt.Errorf("年度は%d〜%dの範囲で指定してください", minYear, maxYear)
	}
	return Period{Year: year, Half: half}, nil
}

// era describes one Japanese era as used for fiscal-year names.
type era struct {
	name   string
	abbr   string // single-letter abbreviation used in forms (R6, H30)
	offset int    // fiscal year = offset + era year
	last   int    // last era year used as a fiscal-year name; 0 = open-ended
}

// eras lists only the eras the survey can need. Fiscal-year names switch
// era at the fiscal year in which the new era begins, which is why 平成 ends
// at 30 and 昭和 at 63 even though the calendar years 平成31年 and 昭和64年
// existed for a few months.
var eras = []era{
	{name: "令和", abbr: "R", offset: 2018},
	{name: "平成", abbr: "H", offset: 1988, last: 30},
	{name: "昭和", abbr: "S", offset: 1925, last: 63},
}

// fiscalYear converts an era year, refusing years that never named a
// fiscal year. The message names the era to use instead, because the usual
// mistake is writing 平成31年度 for FY2019 (it is 令和元年度).
func (e era) fiscalYear(n int) (int, error) {
	if n < 1 {
		return 0, fmt.Errorf("%s0年度はありません。最初の年度は%s元年度です", e.name, e.name)
	}
	if e.last != 0 && n > e.last {
		next := eras[0]
		for i := 1; i < len(eras); i++ {
			if eras[i].name == e.name {
				next = eras[i-1]
			}
		}
		first := e.offset + e.last + 1
		return 0, fmt.Errorf("%sの年度は%s%d年度（%d年度）までです。%d年度以降は%sで指定してください（%d年度＝%s元年度）",
			e.name, e.name, e.last, first-1, first, next.name, first, next.name)
	}
	return e.offset + n, nil
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

// scanner walks the folded input; it exists so that Parse can allow
// optional spaces between parts without a regular expression per form.
type scanner struct{ rest string }

func (sc *scanner) skipSpace() {
	sc.rest = strings.TrimLeftFunc(sc.rest, unicode.IsSpace)
}

func (sc *scanner) consume(prefix string) bool {
	if strings.HasPrefix(sc.rest, prefix) {
		sc.rest = sc.rest[len(prefix):]
		return true
	}
	return false
}

// number reads ASCII digits (NFKC has already folded full-width ones).
// Long runs are reported as out of range by the caller rather than
// overflowing, so they are capped well above maxYear.
func (sc *scanner) number() (int, bool) {
	i := 0
	for i < len(sc.rest) && sc.rest[i] >= '0' && sc.rest[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, false
	}
	digits := sc.rest[:i]
	sc.rest = sc.rest[i:]
	if i > 6 {
		return maxYear + 1, true
	}
	n, _ := strconv.Atoi(digits)
	return n, true
}

// era consumes a leading era name or its one-letter abbreviation. An
// abbreviation only counts when a year (digits or 元) follows it, because
// H, R and S are ordinary letters too: input like "H1" must fall through to
// the syntax error that lists the accepted forms.
func (sc *scanner) era() (era, bool) {
	for _, e := range eras {
		if sc.consume(e.name) {
			return e, true
		}
		r, size := utf8.DecodeRuneInString(sc.rest)
		if size > 0 && strings.EqualFold(string(r), e.abbr) {
			after := strings.TrimLeftFunc(sc.rest[size:], unicode.IsSpace)
			if strings.HasPrefix(after, "元") || (after != "" && after[0] >= '0' && after[0] <= '9') {
				sc.rest = sc.rest[size:]
				return e, true
			}
		}
	}
	return era{}, false
}

// String returns the canonical form (2024H1, 2024H2, 2024) used in file
// names and JSON. The zero Period prints as "" so that an unset field
// round-trips through MarshalText/UnmarshalText.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	switch p.Half {
	case FullYear:
		return strconv.Itoa(p.Year)
	default:
		// Invalid halves still print recognisably for debugging; Parse and
		// MarshalText reject them.
		return fmt.Sprintf("%dH%d", p.Year, int(p.Half))
	}
}

// Japanese returns the name printed in official documents, e.g.
// 令和６年度上半期, 令和元年度 or 平成３０年度下半期. Digits are full-width
// because that is how the city's published reports set them.
func (p Period) Japanese() string {
	return p.EraYear() + p.HalfLabel()
}

// EraYear returns only the fiscal-year part of Japanese (e.g. 令和６年度), for
// table headers that group both halves under one year. Years before 昭和
// fall back to the Gregorian year so the output is never a negative era
// year; the zero Period gives "".
func (p Period) EraYear() string {
	if p.IsZero() {
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

// rank orders halves within a year: the annual report summarises both
// halves and is published after them, so it sorts last. Invalid halves go
// after everything so they stand out at the end of a table.
func (h Half) rank() int {
	switch h {
	case FirstHalf:
		return 0
	case SecondHalf:
		return 1
	case FullYear:
		return 2
	default:
		return 3
	}
}

// Compare returns -1, 0 or +1 in the order described at Less; it has the
// shape slices.SortFunc expects.
func (p Period) Compare(q Period) int {
	switch {
	case p.Year != q.Year:
		if p.Year < q.Year {
			return -1
		}
		return 1
	case p.Half.rank() != q.Half.rank():
		if p.Half.rank() < q.Half.rank() {
			return -1
		}
		return 1
	case p.Half != q.Half: // two different invalid halves: keep it total
		if p.Half < q.Half {
			return -1
		}
		return 1
	}
	return 0
}

// Less orders periods for history tables: by fiscal year, and within a
// year 上半期, 下半期, then the whole year, which is the order in which the
// reports are published.
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
	if p.Year < minYear || p.Year > maxYear || p.Half.rank() > 2 {
		return nil, fmt.Errorf("period: invalid period {Year:%d Half:%d}", p.Year, int(p.Half))
	}
	return []byte(p.String()), nil
}

// UnmarshalText accepts everything Parse does, so hand-edited files may use
// the Japanese form. Empty text gives the zero Period, mirroring
// MarshalText.
func (p *Period) UnmarshalText(b []byte) error {
	if strings.TrimSpace(string(b)) == "" {
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
