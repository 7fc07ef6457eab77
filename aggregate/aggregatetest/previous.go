package aggregatetest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/schema/period"
)

// PreviousPeriod is the period of PreviousSample: the half before the samples'.
var PreviousPeriod = period.Period{Year: 2023, Half: period.SecondHalf}

// PreviousSample writes to dir, and returns the path of, an aggregate.json of the period
// before the samples': the sample returns' own aggregate with the movements the 前回比
// tests expect, computed by hand from testdata/sample:
//
//   - 北区 u3.08 (地域包括支援センター・ブランチ) was 39, now 79: doubled and 40 more → warned (2.0倍);
//   - 都島区 u3.04 (病院 地域連携相談室等（区内）) was 56, now 28: halved, 28 fewer → warned (0.5倍);
//   - 都島区 u3.08 was 34, now 17: halved but only 17 fewer → quiet;
//   - 北区 a1.5 was 実施している, now 実施に向けて準備・調整中 → warned (moved down);
//   - 都島区 a1.2 was 現時点では未着手, now 実施に向けて準備・調整中 → quiet (moved up).
//
// Only the per-unit answers the check reads are changed; the sums are left as they were.
func PreviousSample(tb testing.TB, dir string) string {
	tb.Helper()
	res := SampleWithout(tb)
	res.Period = PreviousPeriod
	res.PeriodLabel = PreviousPeriod.Japanese()
	setWard := func(qid, key, ward string, v int64) {
		cat := res.Question(qid).Category(key)
		for i := range cat.ByWard {
			if cat.ByWard[i].Ward == ward {
				cat.ByWard[i].Value = v
				return
			}
		}
		tb.Fatalf("no %s of %s in the sample", key, ward)
	}
	setWard("u3", "u3.08", "北区", 39)
	setWard("u3", "u3.04", "都島区", 56)
	setWard("u3", "u3.08", "都島区", 34)
	moveWard(tb, res, "a1", "a1.5", "北区", "実施している")
	moveWard(tb, res, "a1", "a1.2", "都島区", "現時点では未着手")
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "前回.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// moveWard makes ward's answer on a choice row the option named, in the per-unit lists.
func moveWard(tb testing.TB, res *aggregate.Result, qid, key, ward, option string) {
	tb.Helper()
	row := res.Question(qid).Row(key)
	found := false
	for i := range row.Options {
		o := &row.Options[i]
		var kept []string
		for _, w := range o.Wards {
			if w == ward {
				found = true
				continue
			}
			kept = append(kept, w)
		}
		if o.Option == option {
			kept = append(kept, ward)
		}
		o.Wards = kept
	}
	if !found {
		tb.Fatalf("%s did not answer %s in the sample", ward, key)
	}
}
