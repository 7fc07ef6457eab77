//go:build !windows

package cli

import "os"

// ownConsole is Windows' question; elsewhere a terminal stays open when a program ends.
func ownConsole() bool { return false }

// isConsole reports that f is a terminal.
func isConsole(f *os.File) bool { return isTerminal(f) }
