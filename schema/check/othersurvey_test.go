package check_test

import (
	"path/filepath"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
)

// A return of another survey checked against this one gives one finding, that it is of
// another survey, naming both and --schema; not the hundred cells its form lacks.
func TestOtherSurveysReturnGivesOneFinding(t *testing.T) {
	r, err := check.Read(filepath.Join(sampleRoot, "testdata", "getsuho", "returns", "北区.xlsx"), schema.Default(), check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 1 || r.Findings[0].Code != finding.WrongSurvey || r.Findings[0].Where() != "相談支援室!D2" {
		t.Fatalf("want one wrong-survey finding at 相談支援室!D2, got %d: %+v", len(r.Findings), r.Findings)
	}
}
