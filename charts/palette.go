package charts

// The page colours every output uses for the same roles, so that the PDF, the HTML page
// and the summary workbook mark a return not counted, a note or a heading alike. The
// chart fills (OptionColor, CountColor, …) are in layout.go.
const (
	// InkColor is body text; MutedColor notes, 再掲 labels and other secondary text.
	InkColor   Color = "262626"
	MutedColor Color = "595959"
	// AccentColor is the report's dark blue: headings, section bands, earlier figures.
	AccentColor Color = "1F4E79"
	// AlertColor is text that says something is missing (a unit not counted, an
	// incomplete report); AlertFill the background it stands on.
	AlertColor Color = "C00000"
	AlertFill  Color = "FBE5D6"
	// GridColor is the light rule of grids and value axes.
	GridColor Color = "D9D9D9"
)
