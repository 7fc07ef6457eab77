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

// anyHelp ends the message for input that is no period at all when no kind is expected
// (Parse): it lists one form of every kind.
const anyHelp = "2024H1・2024・2024Q1・2024-08・2024-04..2025-03 または 令和６年度上半期・令和６年８月 のように指定してください"

// errSyntax marks input that does not match any accepted form; Parse turns
// it into the user-facing message that lists the accepted forms.
var errSyntax = errors.New("syntax")

// Parse reads a period of any kind in the forms staff are likely to type:
//
//	2024H1, 2024h2, 2024              fiscal half, fiscal year (canonical)
//	2024Q1 … 2024Q4                   fiscal quarter (Q1 = April–June)
//	2016-08, 2016/8                   calendar month
//	2016-08..2017-03                  range of months (also with ~ or 〜)
//	2024年度上半期, 2024年度第1四半期  Gregorian year with Japanese labels; 2016年8月
//	令和６年度上半期, 令和6年度 下半期  era year; 元 for year 1; 第一四半期 too
//	平成30年度, 昭和63年度, R6年度, H30年度上半期, 平成28年8月, H28年8月
//	平成28年8月～平成29年3月
//
// The input is NFKC-folded first, so full-width digits and letters
// (２０２４Ｈ１), ideographic spaces, the full-width tilde and the one-character era signs
// (㋿, ㍻) are accepted without special cases. Spaces may separate the parts.
//
// Era years that were never used are rejected rather than silently converted: FY2019
// is officially 令和元年度, so 平成31年度 is refused, as are 昭和64年度, 平成31年5月
// (令和元年5月) and 令和元年4月 (平成31年4月). Errors are written in Japanese because
// they are shown to the staff who typed the input.
func Parse(s string) (Period, error) {
	p, err := parse(strings.TrimSpace(norm.NFKC.String(s)))
	if err != nil {
		return Period{}, failure(s, err, anyHelp)
	}
	return p, nil
}

// ParseKind reads s as Parse does and accepts it only if a survey of kind k takes it
// (k.Accepts), so --period and a return's period cell refuse a month in a half-yearly
// survey with a message that shows what to type instead. The empty kind is DefaultKind.
func ParseKind(s string, k Kind) (Period, error) {
	p, err := parse(strings.TrimSpace(norm.NFKC.String(s)))
	if err != nil {
		return Period{}, failure(s, err, k.Help())
	}
	if k == KindRange && p.Kind() == KindMonth {
		// A span of one month is a range too: 2017-03 in a survey of ranges is
		// 2017-03..2017-03, as a ward answering for one month would mean it.
		p = RangeOf(p.Year, p.Month, p.Year, p.Month)
	}
	if !k.Accepts(p) {
		return Period{}, fmt.Errorf("期間「%s」は指定できません。この調査の期間は%sです。%s", strings.TrimSpace(s), k.Japanese(), k.Help())
	}
	return p, nil
}

// failure is the user-facing message for input that parse refused.
func failure(s string, err error, help string) error {
	shown := strings.TrimSpace(s)
	if errors.Is(err, errSyntax) {
		return fmt.Errorf("期間「%s」を読み取れません。%s", shown, help)
	}
	return fmt.Errorf("期間「%s」は指定できません。%v", shown, err)
}

// rangeSeparators split a range; NFKC has already folded the full-width tilde ～ to ~.
var rangeSeparators = []string{"..", "~", "〜"}

func parse(t string) (Period, error) {
	for _, sep := range rangeSeparators {
		if a, b, ok := strings.Cut(t, sep); ok {
			return parseRange(strings.TrimSpace(a), strings.TrimSpace(b))
		}
	}
	return parseOne(t)
}

// parseRange reads the two ends of a range; each must be a month.
func parseRange(a, b string) (Period, error) {
	first, err := parseOne(a)
	if err != nil {
		return Period{}, err
	}
	last, err := parseOne(b)
	if err != nil {
		return Period{}, err
	}
	if first.Kind() != KindMonth || last.Kind() != KindMonth {
		return Period{}, fmt.Errorf("範囲の始めと終わりは月で指定してください（例: %s）", KindRange.Example().Japanese())
	}
	if monthIndex(first.Year, first.Month) > monthIndex(last.Year, last.Month) {
		return Period{}, fmt.Errorf("範囲の始め（%s）が終わり（%s）より後です", first.Japanese(), last.Japanese())
	}
	return RangeOf(first.Year, first.Month, last.Year, last.Month), nil
}

// parseOne reads a single fiscal period or month.
func parseOne(t string) (Period, error) {
	sc := scanner{rest: t}
	e, hasEra := sc.era()
	var (
		n  int
		ok bool
	)
	if hasEra {
		sc.skipSpace()
		if sc.consume("元") {
			n, ok = 1, true
		} else {
			n, ok = sc.number()
		}
	} else {
		n, ok = sc.number()
	}
	if !ok {
		return Period{}, errSyntax
	}
	sc.skipSpace()
	switch {
	case sc.consume("年度"):
		return sc.fiscal(n, e, hasEra, true)
	case sc.consume("年"):
		// A calendar year alone (令和6年, Jan–Dec) is no period of any kind and would be
		// off by three months as a fiscal year: a month must follow.
		return sc.month(n, e, hasEra, "月")
	case !hasEra && (sc.consume("-") || sc.consume("/")):
		return sc.month(n, e, false, "")
	case hasEra:
		return Period{}, errSyntax
	}
	return sc.fiscal(n, e, false, false)
}

// fiscal reads what follows a fiscal year: a half, a quarter or nothing. The label must
// match the style of the year (上半期 after 年度, H1 after a bare year) so that mixed
// forms such as "2024年度H1" stay errors instead of guesses.
func (sc *scanner) fiscal(n int, e era, hasEra, japanese bool) (Period, error) {
	sc.skipSpace()
	p := Period{}
	switch {
	case japanese && sc.consume("上半期"):
		p.Half = FirstHalf
	case japanese && sc.consume("下半期"):
		p.Half = SecondHalf
	case japanese && sc.consume("第"):
		sc.skipSpace()
		q, ok := sc.quarterDigit()
		sc.skipSpace()
		if !ok || !sc.consume("四半期") {
			return Period{}, errSyntax
		}
		p.Quarter = q
	case !japanese && (sc.consume("H") || sc.consume("h")):
		h, ok := sc.digitIn(1, 2)
		if !ok {
			return Period{}, errSyntax
		}
		p.Half = Half(h)
	case !japanese && (sc.consume("Q") || sc.consume("q")):
		q, ok := sc.digitIn(1, 4)
		if !ok {
			return Period{}, errSyntax
		}
		p.Quarter = q
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
	p.Year = year
	return p, nil
}

// month reads the month number after a year (and the 月 that must follow it in the
// Japanese forms).
func (sc *scanner) month(n int, e era, hasEra bool, suffix string) (Period, error) {
	sc.skipSpace()
	m, ok := sc.number()
	if !ok {
		return Period{}, errSyntax
	}
	sc.skipSpace()
	if suffix != "" && !sc.consume(suffix) {
		return Period{}, errSyntax
	}
	sc.skipSpace()
	if sc.rest != "" {
		return Period{}, errSyntax
	}
	if m < 1 || m > 12 {
		return Period{}, fmt.Errorf("月は1〜12で指定してください")
	}
	year := n
	if hasEra {
		var err error
		if year, err = e.calendarMonth(n, m); err != nil {
			return Period{}, err
		}
	}
	if year < minYear || year > maxYear {
		return Period{}, fmt.Errorf("年は%d〜%dの範囲で指定してください", minYear, maxYear)
	}
	return MonthOf(year, m), nil
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

// digitIn reads exactly one digit lo..hi that no other digit follows (H1, Q4; not H12).
func (sc *scanner) digitIn(lo, hi int) (int, bool) {
	if len(sc.rest) == 0 || sc.rest[0] < '0'+byte(lo) || sc.rest[0] > '0'+byte(hi) {
		return 0, false
	}
	if len(sc.rest) > 1 && sc.rest[1] >= '0' && sc.rest[1] <= '9' {
		return 0, false
	}
	d := int(sc.rest[0] - '0')
	sc.rest = sc.rest[1:]
	return d, true
}

// kanjiDigits are the numerals written in 第一四半期 … 第四四半期.
var kanjiDigits = []string{"一", "二", "三", "四"}

// quarterDigit reads the number of 第N四半期: 1–4 in digits or 一–四.
func (sc *scanner) quarterDigit() (int, bool) {
	// 四 is also the first character of 四半期, so 第四半期 (no number) must not read
	// as quarter 4: a kanji numeral counts only when 四半期 follows it.
	for i, k := range kanjiDigits {
		if strings.HasPrefix(sc.rest, k) && strings.HasPrefix(strings.TrimLeftFunc(sc.rest[len(k):], unicode.IsSpace), "四半期") {
			sc.rest = sc.rest[len(k):]
			return i + 1, true
		}
	}
	return sc.digitIn(1, 4)
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

// isBlank reports whether s is empty or only white space.
func isBlank(s string) bool { return strings.TrimSpace(s) == "" }
