// Command zaitaku makes, checks and aggregates the half-yearly 在宅医療・介護連携推進事業
// survey returns of a city's wards. See README.md.
package main

import (
	"os"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/root"
)

func main() {
	os.Exit(root.Execute(os.Args[1:], cli.System()))
}
