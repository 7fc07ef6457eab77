package aggregatecmd

// The helpers the external tests (package aggregatecmd_test) share with the internal ones.
var (
	Snapshot = snapshot
	Keys     = keys
	Samples  = samples
	History  = history
)
