package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// runSynthetic writes n synthetic returns (formtest.WriteSynthetic: the default survey
// with n generated units, one valid return each) and their schema file synth.yaml into out,
// for measuring the CLI at scale:
//
//	go run ./testdata/gen -synthetic 1741 -o /tmp/synth1741
//	zaitaku aggregate /tmp/synth1741 --schema /tmp/synth1741/synth.yaml -o /tmp/out
func runSynthetic(n int, seed int64, out string) (string, error) {
	data, err := formtest.SyntheticYAML(n)
	if err != nil {
		return "", err
	}
	sc := formtest.SyntheticSchema(n)
	start := time.Now()
	if err := formtest.WriteSynthetic(out, sc, seed); err != nil {
		return "", err
	}
	path := filepath.Join(out, formtest.SyntheticSchemaFile)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return "", err
	}
	return fmt.Sprintf("gen: wrote %d synthetic returns for %s (seed %d) and %s to %s in %.1fs",
		n, formtest.SyntheticPeriod.Japanese(), seed, formtest.SyntheticSchemaFile, out, time.Since(start).Seconds()), nil
}
