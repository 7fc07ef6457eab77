package cli

import (
	"bytes"
	"errors"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
)

// --period takes a period of the survey's kind; another kind is a usage error that shows
// the expected form.
func TestParsePeriod(t *testing.T) {
	src := bytes.Replace(schema.DefaultYAML(), []byte("\nunits:\n"), []byte("\nperiod: month\nunits:\n"), 1)
	monthly, err := schema.Parse(src, "monthly.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sc   *schema.Schema
		in   string
		want period.Period
		msg  string // the usage error; "" = accepted
	}{
		{schema.Default(), "", period.Period{}, ""},
		{schema.Default(), "2024H1", period.Period{Year: 2024, Half: period.FirstHalf}, ""},
		{schema.Default(), "令和５年度", period.Period{Year: 2023}, ""},
		{schema.Default(), "来年", period.Period{}, "--period: 期間「来年」を読み取れません。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"},
		{schema.Default(), "2016-08", period.Period{}, "--period: 期間「2016-08」は指定できません。この調査の期間は半期単位です。2024H1・2024H2・2024 または 令和６年度上半期 のように指定してください"},
		{monthly, "", period.Period{}, ""},
		{monthly, "平成28年8月", period.MonthOf(2016, 8), ""},
		{monthly, "2016-08", period.MonthOf(2016, 8), ""},
		{monthly, "2024H1", period.Period{}, "--period: 期間「2024H1」は指定できません。この調査の期間は月単位です。2024-08 または 令和６年８月 のように指定してください"},
		{monthly, "平成31年5月", period.Period{}, "--period: 期間「平成31年5月」は指定できません。平成は平成31年4月（2019年4月）までです。2019年5月以降は令和で指定してください（2019年5月＝令和元年5月）"},
	}
	for _, tt := range tests {
		got, err := ParsePeriod(tt.sc, tt.in)
		if tt.msg == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParsePeriod(%s, %q) = %v, %v; want %v", tt.sc.Period, tt.in, got, err, tt.want)
			}
			continue
		}
		var ee *ExitError
		if !errors.As(err, &ee) || ee.Code != ExitUsage || ee.Msg != tt.msg {
			t.Errorf("ParsePeriod(%s, %q) error = %v\nwant usage error: %s", tt.sc.Period, tt.in, err, tt.msg)
		}
	}
}
