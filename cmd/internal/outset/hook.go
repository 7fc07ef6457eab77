package outset

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Op names a step that changes the disk (or, for opCheck, asks the OS about a target).
type Op string

// The steps of a write, in the order they first happen.
const (
	opMkdir   Op = "mkdir"
	opLock    Op = "lock"
	opLocked  Op = "locked"
	opCreate  Op = "create"
	opWrite   Op = "write"
	opSync    Op = "sync"
	opClose   Op = "close"
	opCheck   Op = "check"
	opRename  Op = "rename"
	opSyncDir Op = "syncdir"
	opRemove  Op = "remove"
	opUnlock  Op = "unlock"
)

// Hook is called before step n; an error fails the step as if the OS had returned it, and
// errKilled stops the run dead: no clean-up, no unlock, as kill -9 would.
type Hook func(n int, op Op, path string) error

// errKilled is what a hook returns to stop a run as a kill would.
var errKilled = errors.New("outset: stopped dead (fault injection)")

func isKilled(err error) bool { return errors.Is(err, errKilled) }

// testHook, when set, replaces the environment's hook (tests).
var testHook Hook

// currentHook is the test hook, or the one ZAITAKU_DEBUG_OUTSET asks for:
//
//	trace        print every step to stderr with its number
//	kill-at=N    exit at once (status 137, as after kill -9) before step N
//	hold=D       keep the lock for the duration D (e.g. 5s) before writing
//
// It lets a person see with the real binary what a kill between two renames leaves, and
// that the next run settles it.
func currentHook() Hook {
	if testHook != nil {
		return testHook
	}
	spec := os.Getenv("ZAITAKU_DEBUG_OUTSET")
	if spec == "" {
		return nil
	}
	trace, killAt, hold := false, -1, time.Duration(0)
	for _, f := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		switch k {
		case "trace":
			trace = true
		case "kill-at":
			killAt, _ = strconv.Atoi(v)
		case "hold":
			hold, _ = time.ParseDuration(v)
		}
	}
	return func(n int, op Op, path string) error {
		if trace {
			fmt.Fprintf(os.Stderr, "outset step %d: %s %s\n", n, op, path)
		}
		if n == killAt {
			fmt.Fprintf(os.Stderr, "ZAITAKU_DEBUG_OUTSET: stopped dead before step %d (%s %s)\n", n, op, path)
			os.Exit(137)
		}
		if op == opLocked && hold > 0 {
			time.Sleep(hold)
		}
		return nil
	}
}

// errInUse is a target held open by another program (on Windows), or injected by a test.
var errInUse = errors.New("outset: file in use by another program")
