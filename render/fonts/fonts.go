// Package fonts embeds the report's Japanese typeface, BIZ UDPGothic (Morisawa, SIL Open
// Font License 1.1; the licence is OFL.txt beside the font files), so the PDF renders the
// same on a machine with no Japanese fonts and no network. The files are those of Debian's
// fonts-morisawa-bizud-gothic 1.05.
package fonts

import _ "embed"

var (
	//go:embed BIZUDPGothic-Regular.ttf
	regular []byte
	//go:embed BIZUDPGothic-Bold.ttf
	bold []byte
	//go:embed OFL.txt
	licence string
)

// Family is the typeface's name as documents refer to it.
const Family = "BIZ UDPGothic"

// Regular returns the regular weight as TrueType data.
func Regular() []byte { return regular }

// Bold returns the bold weight as TrueType data.
func Bold() []byte { return bold }

// Licence returns the SIL Open Font License text the font is distributed under.
func Licence() string { return licence }
