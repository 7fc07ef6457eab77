// Package examples holds the surveys shipped with zaitaku besides the default one: schemas
// of real surveys that a city can print (`zaitaku schema example NAME`), adapt and pass with
// --schema. Each is also a test that zaitaku serves a survey by its YAML alone: its sample
// returns under testdata reproduce the figures the city published.
package examples

import (
	"embed"
	"strings"

	"github.com/osaka-city/zaitaku/schema"
)

//go:embed *.yaml
var files embed.FS

// Example is one shipped survey.
type Example struct {
	// Name is what a person types: 「月報」.
	Name string
	// File is the embedded YAML file, also accepted as a name without its extension.
	File string
	// About says in a line what the survey is and where its published figures are from.
	About string
}

// List is every shipped survey, in the order `zaitaku schema example` lists them.
var List = []Example{
	{
		Name:  "月報",
		File:  "getsuho.yaml",
		About: "高齢者等在宅医療・介護連携に関する相談支援事業 月報（相談支援室・11区、平成28年8月～平成29年3月の年度累計）",
	},
}

// Find returns the example called name (its Name, or its file name with or without .yaml).
func Find(name string) (Example, bool) {
	name = strings.TrimSpace(name)
	for _, e := range List {
		if name == e.Name || name == e.File || name == strings.TrimSuffix(e.File, ".yaml") {
			return e, true
		}
	}
	return Example{}, false
}

// YAML is the example as written, comments included, the starting point for a city's own copy.
func (e Example) YAML() []byte {
	data, err := files.ReadFile(e.File)
	if err != nil {
		panic("examples: " + e.File + " is not embedded") // List and the embedded files are tested together
	}
	return data
}

// Schema loads the example; its Source is the example's name, as messages quote it.
func (e Example) Schema() (*schema.Schema, error) { return schema.Parse(e.YAML(), e.Name) }
