//go:build !unix && !windows

package outset

import "errors"

// processAlive cannot tell here; a lock is then stale only by its age.
func processAlive(int) (alive, known bool) { return false, false }

func syncDir(string) {}

func checkReplaceable(string) error { return nil }

func isInUse(err error) bool { return errors.Is(err, errInUse) }

func platformDiskFull(error) bool { return false }
