package check

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

// checkPeriod reads the 対象期間 cell as a period of the schema's kind (a month in a
// half-yearly survey is refused with the expected form) and compares it with --period.
func (r *checker) checkPeriod(opts ReadOptions) {
	kind := period.Kind(r.Schema.Period)
	c := r.PeriodCell
	var (
		p   period.Period
		err error
	)
	switch {
	case r.Blocked[form.MetaPeriod]:
		return
	case c == nil:
		r.add(finding.Finding{Severity: finding.Error, Code: finding.SlotMissing, QuestionID: "_period", Label: "対象期間", Message: "対象期間の欄が見つかりません"})
		return
	case c.Value == "":
		r.add(at(c, finding.Error, finding.Missing, "_period", "対象期間", "対象期間が未記入です（例："+kind.Example().Japanese()+"）"))
		return
	case c.Kind == returns.KindDate:
		p, err = dateAsMonth(c.Value, kind)
	default:
		p, err = period.ParseKind(c.Value, kind)
	}
	if err != nil {
		r.add(at(c, finding.Error, finding.NotAPeriod, "_period", "対象期間", err.Error()))
		return
	}
	r.Period = p
	if !opts.Period.IsZero() && p != opts.Period {
		f := at(c, finding.Error, finding.WrongPeriod, "_period", "対象期間", fmt.Sprintf("対象期間が「%s」になっています（集計するのは「%s」）", p.Japanese(), opts.Period.Japanese()))
		f.Expected = opts.Period.Japanese()
		r.add(f)
	}
}

// dateAsMonth reads a period cell that Excel turned into a date. Excel does that to a
// month typed as 平成28年8月, 2016/8 or 2016-08 (the first of the month) when the cell
// lost its text format, so in a monthly survey the first of a month is that month. Any
// other date is refused: it is not clear which period it means.
func dateAsMonth(value string, kind period.Kind) (period.Period, error) {
	d, ok := cellDate(value)
	if !ok {
		return period.Period{}, fmt.Errorf("日付として入力されています（Excel が日付に変換しました）。%s", kind.Help())
	}
	if p := period.MonthOf(d.Year(), int(d.Month())); d.Day() == 1 && kind.Accepts(p) && p.Valid() {
		return p, nil
	}
	return period.Period{}, fmt.Errorf("日付（%d年%d月%d日）として入力されています（Excel が日付に変換しました）。%s", d.Year(), int(d.Month()), d.Day(), kind.Help())
}

// cellDate is the day a date cell holds: an Excel serial number (days since 1899-12-30,
// right for every date after February 1900) or an ISO 8601 date (t="d" cells).
func cellDate(value string) (time.Time, bool) {
	if n, err := strconv.ParseFloat(value, 64); err == nil {
		if n < 61 || n > 2958465 { // before March 1900 or after 9999-12-31
			return time.Time{}, false
		}
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(math.Floor(n))), true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05Z", "2006-01-02"} {
		if t, err := time.Parse(layout, value); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
