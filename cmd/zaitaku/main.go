// Command zaitaku makes, checks and aggregates the half-yearly 在宅医療・介護連携推進事業
// survey returns of a city's wards. See README.md.
package main

import (
	"os"
	"runtime/debug"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/root"
)

// memoryLimit is the heap size above which the garbage collector works harder. aggregate
// renders its six outputs, several side by side; with the collector's default pacing a
// nation-wide run (1,741 returns) peaked at about 700 MB on a machine where staff also
// have Excel open, and with this limit at about 420 MB for a few percent more time.
// GOMEMLIMIT in the environment overrides it.
const memoryLimit = 400 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(root.Execute(os.Args[1:], cli.System()))
}
