package pdf

import (
	"bytes"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
)

// sampleResult is the aggregate of the sample returns with the earlier periods.
func sampleResult(t *testing.T) *aggregate.Result { return aggregatetest.Sample(t) }

func sampleReport(t *testing.T, opts charts.Options) *charts.Report {
	t.Helper()
	return charts.Build(sampleResult(t), opts)
}

func render(t *testing.T, rep *charts.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rep, Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
