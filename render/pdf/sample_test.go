package pdf

import (
	"bytes"
	"path/filepath"
	"sync"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form"
)

var (
	sampleOnce sync.Once
	sampleRes  *aggregate.Result
	sampleErr  error
)

// sampleResult aggregates the sample returns with the history, as charts' tests do, once
// for all tests: charts.Build only reads it.
func sampleResult(t *testing.T) *aggregate.Result {
	t.Helper()
	sampleOnce.Do(func() { sampleRes, sampleErr = collectSample() })
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleRes
}

func collectSample() (*aggregate.Result, error) {
	files, err := form.ListReturns(filepath.Join("..", "..", "testdata", "returns"))
	if err != nil {
		return nil, err
	}
	c, err := aggregate.Collect(files, schema.Default(), aggregate.CollectOptions{})
	if err != nil {
		return nil, err
	}
	res := c.Result()
	hist, err := aggregate.LoadDir(filepath.Join("..", "..", "testdata", "history"))
	if err != nil {
		return nil, err
	}
	return res, res.AttachEarlier(hist)
}

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
