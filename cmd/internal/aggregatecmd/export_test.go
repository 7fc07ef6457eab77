package aggregatecmd

// The helpers the external tests (package aggregatecmd_test) share with the internal ones.
var (
	Snapshot = snapshot
	Keys     = keys
	Samples  = samples
	History  = history
	// LastSlide is the XML of report.pptx's last slide, where the 集計ID is.
	LastSlide = lastSlide
)
