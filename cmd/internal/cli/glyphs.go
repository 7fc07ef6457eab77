package cli

import (
	"os"

	"github.com/osaka-city/zaitaku/render/fonts"
	"github.com/osaka-city/zaitaku/schema/check"
)

// Glyphs is the report font's coverage for the checks, so validate and aggregate warn
// about free text the PDF will print as 〓: the embedded BIZ UDPGothic, or the --font
// file when one is given. A font file that cannot be read falls back to the embedded
// font here; drawing the report says what is wrong with it.
func Glyphs(fontPath string) *check.Glyphs {
	if fontPath != "" {
		if data, err := os.ReadFile(fontPath); err == nil {
			if c, err := fonts.NewCoverage(data); err == nil {
				return &check.Glyphs{CanDraw: c.CanDraw, Substitute: c.Substitute()}
			}
		}
	}
	return &check.Glyphs{CanDraw: fonts.CanDraw, Substitute: fonts.Substitute}
}
