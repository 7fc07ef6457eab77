// Package textfmt holds the two text rules every output shares: how a figure is written
// (Thousands) and how wide a character is (Wide, Width, and CellLines for a wrapped Excel
// cell). The template writer, the Excel summary and the report model (charts) all import
// it, so a figure or a line break never differs between them.
package textfmt

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Thousands writes 1234 as 1,234, as findings, the report and the charts print figures.
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// Wide reports whether r takes the width of two half-width characters: East Asian wide
// and fullwidth characters, and the ambiguous ones (①, ○, ※, ―, ×, Greek), which the
// Japanese fonts of every output (BIZ UDPゴシック, Excel's MS P ゴシック/游ゴシック) draw
// full-width.
func Wide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return true
	}
	return false
}

// RuneWidth is r's width in half-width columns: 2 when Wide, else 1.
func RuneWidth(r rune) int {
	if Wide(r) {
		return 2
	}
	return 1
}

// Width is the display width of s in half-width columns.
func Width(s string) int {
	n := 0
	for _, r := range s {
		n += RuneWidth(r)
	}
	return n
}

// CellLines estimates how many lines text takes in a wrapped column of the given width.
// Widths are in Excel's column units (one '0' of the default font); a full-width character
// of the proportional BIZ UDPゴシック measures about 1.6 of them.
func CellLines(text string, colWidth float64) int {
	perLine := max(colWidth*0.95-1, 1)
	total := 0
	for _, line := range strings.Split(text, "\n") {
		cols := 0.0
		for _, r := range line {
			if Wide(r) {
				cols += 1.6
			} else {
				cols++
			}
		}
		total += max(1, int(math.Ceil(cols/perLine)))
	}
	return total
}
