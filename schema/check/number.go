package check

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/returns"
	"github.com/osaka-city/zaitaku/schema/textfmt"
)

// A number question's answer is read as ParseCount reads a count, with a decimal point
// allowed where the question allows decimal places, and kept exact as an integer scaled
// by 10^decimals (schema.Question.Scale).

// decimalNumber is a number typed as text once full-width digits, commas and full stops
// are read as ASCII: digits (grouped by thousands or not), then a point and digits.
var decimalNumber = regexp.MustCompile(`^([0-9]+|[1-9][0-9]{0,2}(?:,[0-9]{3})+)\.([0-9]+)$`)

// decimalWithUnit is a decimal number followed by a unit word.
var decimalWithUnit = regexp.MustCompile(`^[0-9][0-9,]*\.[0-9]+\s*(件|回|人|日|名|か所|カ所|ヶ所|箇所|時間|%|％)$`)

// ParseNumber reads a number question's answer literally, as ParseCount reads a count,
// allowing up to decimals decimal places: v is the value × 10^decimals. A number cell's
// stored value is first rounded to the 15 significant digits Excel keeps, so 12.3 stored
// as 12.300000000000001 reads as 12.3. tooMany is set when the value is a number with
// more decimal places than allowed (its own finding); problem says why a value is not a
// number at all, or is that finding's message.
func ParseNumber(s string, number bool, decimals int) (v int64, tooMany bool, problem string) {
	if decimals == 0 {
		n, p := ParseCount(s, number)
		return n, false, p
	}
	var text string
	if number {
		t := strings.TrimSpace(s)
		if t == "" {
			return 0, false, "空欄です"
		}
		if !returns.IsPlainNumber(t) {
			return 0, false, "数ではありません"
		}
		f, err := strconv.ParseFloat(t, 64)
		switch {
		case f < 0:
			return 0, false, "負の数です"
		case err != nil || f > schema.MaxValue:
			return 0, false, "大きすぎる数です"
		}
		text = strconv.FormatFloat(f, 'f', -1, 64)
		if g, err := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64); err == nil {
			text = strconv.FormatFloat(g, 'f', -1, 64)
		}
	} else {
		text = asciiDigits(strings.Trim(s, " \u3000"))
		if text == "" {
			return 0, false, "空欄です"
		}
		if !countText.MatchString(text) && !decimalNumber.MatchString(text) {
			if m := decimalWithUnit.FindStringSubmatch(text); m != nil {
				return 0, false, unitTyped(m[1])
			}
			if p := textCountProblem(text); p != "整数ではありません" && p != "小数点が入っています" {
				return 0, false, p
			}
			return 0, false, "数として読めません"
		}
		text = strings.ReplaceAll(text, ",", "")
	}
	return scaleDecimal(text, decimals)
}

// scaleDecimal turns a plain decimal ("1709", "12.50") into the value × 10^decimals.
func scaleDecimal(text string, decimals int) (int64, bool, string) {
	whole, frac, _ := strings.Cut(text, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > decimals {
		return 0, true, fmt.Sprintf("小数点以下が %d 桁あります", len(frac))
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > schema.MaxValue {
		return 0, false, "大きすぎる数です"
	}
	scale := int64(math.Pow10(decimals))
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt(frac+strings.Repeat("0", decimals-len(frac)), 10, 64)
	}
	return w*scale + f, false, ""
}

// checkNumber judges a number question's answer cell: present when required, a number,
// no more decimal places than allowed, within the bounds. The value goes into Counts,
// scaled by the question's Scale.
func (r *checker) checkNumber(s *form.Slot, c *returns.Cell) {
	q := s.Question
	label := s.Label()
	want := form.NumberRange(q)
	if c.Value == "" {
		if s.Required() {
			f := at(c, finding.Error, finding.Missing, s.Key, label, "未記入です（該当がなければ 0 を入力してください）")
			f.Expected = want
			r.add(f)
		}
		return
	}
	v, tooMany, problem := ParseNumber(c.Value, c.Number, q.Decimals)
	switch {
	case tooMany:
		f := at(c, finding.Error, finding.TooManyDecimals, s.Key, label,
			fmt.Sprintf("「%s」は%s。%sで入力してください", c.Value, problem, form.DecimalsText(q.Decimals)))
		f.Expected = want
		r.add(f)
		return
	case problem != "":
		shown, legend := Visible(c.Value)
		f := at(c, finding.Error, finding.NotACount, s.Key, label, fmt.Sprintf("「%s」%sは%s。%sを入力してください", shown, legend, problem, want))
		f.Expected = want
		r.add(f)
		return
	}
	scale := q.Scale()
	if v < q.MinValue()*scale || (q.Max != nil && v > *q.Max*scale) {
		exp := fmt.Sprintf("%s 以上", Thousands(q.MinValue()))
		if q.Max != nil {
			exp = fmt.Sprintf("%s 以上 %s 以下", Thousands(q.MinValue()), Thousands(*q.Max))
		}
		f := at(c, finding.Error, finding.OutOfRange, s.Key, label, fmt.Sprintf("%s は範囲外です（%s）", textfmt.Fixed(v, q.Decimals), exp))
		f.Expected = exp
		r.add(f)
		return
	}
	r.Counts[s.Key] = v
}

// validNumber reports whether v, beside an empty number cell, is an answer it would take.
func validNumber(s *form.Slot, v string) bool {
	_, tooMany, problem := ParseNumber(v, false, s.Question.Decimals)
	return !tooMany && problem == ""
}

// figureDecimals is the decimal places a rule's figure is kept with: a number question's,
// 0 for counts.
func figureDecimals(f *schema.Figure) int {
	if q := f.Owner(); q.Type == schema.Number {
		return q.Decimals
	}
	return 0
}

// figureAmount writes a figure's value with its unit, in its decimal places: 「1,234 件」,
// 「12.5 日」.
func figureAmount(v int64, decimals int, unit string) string {
	return strings.TrimSpace(textfmt.Fixed(v, decimals) + " " + unit)
}
