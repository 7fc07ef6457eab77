//go:build windows

package outset

import (
	"errors"
	"syscall"
)

// Windows error codes the syscall package does not name.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
	errorHandleDiskFull   syscall.Errno = 39
	errorInvalidParameter syscall.Errno = 87
	errorDiskFull         syscall.Errno = 112
	stillActive                         = 259
)

// processAlive opens the process: an id no process has is an invalid parameter.
func processAlive(pid int) (alive, known bool) {
	h, err := syscall.OpenProcess(syscall.PROCESS_QUERY_INFORMATION, false, uint32(pid))
	if err != nil {
		if errors.Is(err, errorInvalidParameter) {
			return false, true
		}
		return true, true // exists, but not ours to open
	}
	defer syscall.CloseHandle(h)
	var code uint32
	if err := syscall.GetExitCodeProcess(h, &code); err != nil {
		return false, false
	}
	return code == stillActive, true
}

// syncDir: Windows has no fsync of a folder; NTFS journals its renames itself.
func syncDir(string) {}

// checkReplaceable opens the file with no sharing at all. Excel, and PDF viewers, keep the
// files they show open, and Windows then refuses to rename over them; asking first lets
// zaitaku name the file before anything has been switched.
func checkReplaceable(path string) error {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, 0, nil, syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if isInUse(err) {
			return errInUse
		}
		if errors.Is(err, syscall.ERROR_FILE_NOT_FOUND) {
			return nil
		}
		return err
	}
	return syscall.CloseHandle(h)
}

func isInUse(err error) bool {
	return errors.Is(err, errInUse) || errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}

func platformDiskFull(err error) bool {
	return errors.Is(err, errorDiskFull) || errors.Is(err, errorHandleDiskFull)
}
