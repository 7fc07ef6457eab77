// Package pagecheck is the check the offline checker page (render/checker) runs in the
// browser, compiled to WebAssembly: what the page carries (Config: the survey, the period,
// the report font's coverage, the previous answers) and Check, which turns dropped files
// into exactly what `zaitaku validate` prints for them. It is plain Go, so its tests run
// natively; render/checker/wasm only moves bytes between it and JavaScript.
package pagecheck

import (
	"fmt"
	"sort"
	"unicode"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/period"
)

// Config is what `zaitaku checker` embeds in the page as JSON for the WebAssembly checker:
// what validate would be given on the command line.
type Config struct {
	// Schema is the survey definition as written (YAML); SchemaSource names it in errors.
	Schema       string `json:"schema"`
	SchemaSource string `json:"schema_source"`
	// Period, when set, is the period every return must be for (validate --period).
	Period period.Period `json:"period"`
	// Glyphs is the report font's coverage, so the page warns about the same characters as
	// validate without carrying the font.
	Glyphs Glyphs `json:"glyphs"`
	// Previous is the previous period's answers for the 前回比 check (validate --previous),
	// and PreviousNote the line validate prints first when they cannot be compared at all.
	Previous     *check.Previous `json:"previous,omitempty"`
	PreviousNote string          `json:"previous_note,omitempty"`
}

// Glyphs is a font's coverage as the ranges of characters it prints as themselves.
type Glyphs struct {
	// Ranges are inclusive [first, last] runs of runes, in order, not touching.
	Ranges [][2]rune `json:"ranges"`
	// Substitute is what the report prints instead of a character it cannot.
	Substitute rune `json:"substitute"`
}

// Coverage scans every character once and keeps the runs canDraw accepts: the page's
// answer for each character is then canDraw's (a test holds it to render/fonts).
func Coverage(canDraw func(rune) bool, substitute rune) Glyphs {
	g := Glyphs{Substitute: substitute}
	in := false
	for r := rune(0); r <= unicode.MaxRune; r++ {
		ok := canDraw(r)
		switch {
		case ok && !in:
			g.Ranges = append(g.Ranges, [2]rune{r, r})
		case ok:
			g.Ranges[len(g.Ranges)-1][1] = r
		}
		in = ok
	}
	return g
}

// CanDraw reports whether r is in one of the ranges.
func (g Glyphs) CanDraw(r rune) bool {
	i := sort.Search(len(g.Ranges), func(i int) bool { return g.Ranges[i][1] >= r })
	return i < len(g.Ranges) && g.Ranges[i][0] <= r
}

// Check is the coverage as the checks take it.
func (g Glyphs) Check() *check.Glyphs {
	return &check.Glyphs{CanDraw: g.CanDraw, Substitute: g.Substitute}
}

// Loaded is a Config with its schema parsed, ready to check files.
type Loaded struct {
	Config
	schema *schema.Schema
}

// Load parses the config's schema; `zaitaku checker` has checked it, so an error here
// means the page was altered.
func Load(c Config) (*Loaded, error) {
	sc, err := schema.Parse([]byte(c.Schema), c.SchemaSource)
	if err != nil {
		return nil, fmt.Errorf("調査の定義を読めません: %w", err)
	}
	return &Loaded{Config: c, schema: sc}, nil
}

// Schema is the survey the page checks against.
func (l *Loaded) Schema() *schema.Schema { return l.schema }
