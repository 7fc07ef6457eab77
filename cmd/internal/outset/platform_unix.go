//go:build unix

package outset

import (
	"errors"
	"os"
	"syscall"
)

// processAlive asks the OS whether pid runs: signal 0 checks without sending anything.
func processAlive(pid int) (alive, known bool) {
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil, errors.Is(err, syscall.EPERM):
		return true, true
	case errors.Is(err, syscall.ESRCH):
		return false, true
	}
	return false, false
}

// syncDir flushes the folder's entries (the renames) to disk.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// checkReplaceable: on Unix an open file does not stop a rename over it.
func checkReplaceable(string) error { return nil }

func isInUse(err error) bool { return errors.Is(err, errInUse) }

func platformDiskFull(error) bool { return false }
