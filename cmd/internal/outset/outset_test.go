package outset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	durable = false
	os.Exit(m.Run())
}

// The previous and the new set differ in every way a set can: changed files, a file that
// did not exist before, and a file whose content is the same (an unchanged re-run).
var (
	oldSet = []File{
		{"aggregate.json", []byte(`{"old": true}`)},
		{"集計表.xlsx", []byte("old workbook")},
		{"集計.csv", []byte("same,csv\r\n")},
		{"report.pdf", []byte("%PDF old")},
	}
	newSet = []File{
		{"aggregate.json", []byte(`{"new": true, "longer": "yes"}`)},
		{"集計表.xlsx", []byte("new workbook")},
		{"集計.csv", []byte("same,csv\r\n")},
		{"report.pdf", []byte("%PDF new")},
		{"report.html", []byte("<!doctype html>new")},
	}
)

// deadPID is the id of a process that has ended, as the lock of a killed run carries.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.Pid()
}

// asKilledRun makes the locks of this test carry a dead process's id, so that the next
// run sees them as a killed run's.
func asKilledRun(t *testing.T) {
	pid := deadPID(t)
	lockPID = func() int { return pid }
	t.Cleanup(func() { lockPID = os.Getpid; testHook = nil })
}

func putSet(t *testing.T, dir string, set []File) {
	t.Helper()
	for _, f := range set {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// holds reports whether dir holds exactly set, byte for byte, and nothing else.
func holds(dir string, set []File) bool {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != len(set) {
		return false
	}
	for _, f := range set {
		got, err := os.ReadFile(filepath.Join(dir, f.Name))
		if err != nil || !bytes.Equal(got, f.Data) {
			return false
		}
	}
	return true
}

// visibleHolds is holds for the files a person sees, ignoring outset's hidden ones.
func visibleHolds(t *testing.T, dir string, set []File) bool {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	tmp := t.TempDir()
	for _, e := range entries {
		if isOurs(e.Name()) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return false
		}
		os.WriteFile(filepath.Join(tmp, e.Name()), data, 0o644)
	}
	return holds(tmp, set)
}

func listing(dir string) string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		names = append(names, fmt.Sprintf("%s=%q", e.Name(), data))
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

// countSteps runs a whole write and returns how many steps it takes.
func countSteps(t *testing.T) int {
	t.Helper()
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	n := 0
	testHook = func(int, Op, string) error { n++; return nil }
	defer func() { testHook = nil }()
	if err := Write(dir, newSet, Options{}); err != nil {
		t.Fatal(err)
	}
	if !holds(dir, newSet) {
		t.Fatalf("a clean write left %s", listing(dir))
	}
	return n
}

// A run stopped dead (as by kill -9) or failing at any step leaves the folder, once the
// next run has settled it, holding exactly the previous set or exactly the new one, and
// nothing of outset's.
func TestEveryStepKilledOrFailed(t *testing.T) {
	asKilledRun(t)
	steps := countSteps(t)
	if steps < 30 {
		t.Fatalf("only %d steps counted", steps)
	}
	injected := errors.New("injected failure")
	for _, mode := range []string{"kill", "fail"} {
		sawOld, sawNew := false, false
		for k := 0; k <= steps; k++ {
			dir := t.TempDir()
			putSet(t, dir, oldSet)
			var at string
			testHook = func(n int, op Op, path string) error {
				if n != k {
					return nil
				}
				at = fmt.Sprintf("%s %s", op, filepath.Base(path))
				if mode == "kill" {
					return errKilled
				}
				return injected
			}
			err := Write(dir, newSet, Options{})
			testHook = nil
			if k == steps && err != nil {
				t.Fatalf("%s at %d (no fault): %v", mode, k, err)
			}
			if mode == "kill" && k < steps && !isKilled(err) {
				t.Fatalf("kill at step %d (%s) did not stop the run: %v", k, at, err)
			}
			if mode == "fail" && !visibleHolds(t, dir, oldSet) && !visibleHolds(t, dir, newSet) {
				t.Fatalf("failure at step %d (%s) left a mixed set before any recovery: %s", k, at, listing(dir))
			}
			if mode == "fail" && err != nil && strings.Contains(err.Error(), "outset:") {
				t.Errorf("failure at step %d (%s): message is not for people: %v", k, at, err)
			}
			if err := Recover(dir, Options{}); err != nil {
				t.Fatalf("%s at step %d (%s): recovery: %v", mode, k, at, err)
			}
			switch {
			case holds(dir, oldSet):
				sawOld = true
			case holds(dir, newSet):
				sawNew = true
			default:
				t.Fatalf("%s at step %d (%s) then recovery left: %s", mode, k, at, listing(dir))
			}
			// The next run writes normally.
			if err := Write(dir, newSet, Options{}); err != nil || !holds(dir, newSet) {
				t.Fatalf("%s at step %d (%s): the following write: %v, %s", mode, k, at, err, listing(dir))
			}
		}
		if !sawOld || !sawNew {
			t.Errorf("%s: expected both outcomes over the steps (old %v, new %v)", mode, sawOld, sawNew)
		}
	}
}

// The recovery itself may be killed at any of its steps; the run after it still settles.
func TestRecoveryKilledToo(t *testing.T) {
	if testing.Short() {
		t.Skip("kills every step of every recovery: a few seconds")
	}
	asKilledRun(t)
	steps := countSteps(t)
	for k := 0; k < steps; k++ {
		for j := 0; ; j++ {
			dir := t.TempDir()
			putSet(t, dir, oldSet)
			testHook = func(n int, _ Op, _ string) error {
				if n == k {
					return errKilled
				}
				return nil
			}
			Write(dir, newSet, Options{})
			killed := false
			testHook = func(n int, _ Op, _ string) error {
				if n == j {
					killed = true
					return errKilled
				}
				return nil
			}
			Recover(dir, Options{})
			testHook = nil
			if err := Recover(dir, Options{}); err != nil {
				t.Fatalf("kill at %d, recovery killed at %d: %v", k, j, err)
			}
			if !holds(dir, oldSet) && !holds(dir, newSet) {
				t.Fatalf("kill at %d, recovery killed at %d, then recovery left: %s", k, j, listing(dir))
			}
			if !killed {
				break
			}
		}
	}
}

func TestSwitchFailingMidwayIsRolledBack(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	renames := 0
	testHook = func(_ int, op Op, path string) error {
		if op == opRename && !strings.Contains(path, journalName) {
			renames++
			if renames == 4 {
				return &os.LinkError{Op: "rename", Old: path, New: path, Err: syscall.EIO}
			}
		}
		return nil
	}
	defer func() { testHook = nil }()
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "前のまま") {
		t.Fatalf("error %v", err)
	}
	if !holds(dir, oldSet) {
		t.Errorf("after a failed switch: %s", listing(dir))
	}
}

func TestTargetIsAFolder(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet[:2])
	os.Mkdir(filepath.Join(dir, "report.pdf"), 0o755)
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "report.pdf という名前のフォルダがある") {
		t.Fatalf("error %v", err)
	}
	for _, f := range oldSet[:2] {
		if got, _ := os.ReadFile(filepath.Join(dir, f.Name)); !bytes.Equal(got, f.Data) {
			t.Errorf("%s changed to %q", f.Name, got)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("leftovers: %s", listing(dir))
	}
}

func TestDiskFull(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	testHook = func(_ int, op Op, path string) error {
		if op == opWrite && strings.Contains(path, "report.pdf") {
			return syscall.ENOSPC
		}
		return nil
	}
	defer func() { testHook = nil }()
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "ディスクの空きが足りないため report.pdf を書き込めません") {
		t.Fatalf("error %v", err)
	}
	// The kind survives the Japanese message: callers decide by it, not by the text.
	var oe *Error
	if !errors.As(err, &oe) || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("error %#v is not an *Error wrapping ENOSPC", err)
	}
	if !holds(dir, oldSet) {
		t.Errorf("after disk full: %s", listing(dir))
	}
}

func TestInUseOnWindowsIsNamed(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	// What checkReplaceable reports on Windows for a file Excel holds open.
	testHook = func(_ int, op Op, path string) error {
		if op == opCheck && filepath.Base(path) == "集計表.xlsx" {
			return errInUse
		}
		return nil
	}
	defer func() { testHook = nil }()
	err := Write(dir, newSet, Options{})
	want := "集計表.xlsx が Excel などで開かれているため置き換えられません。閉じてからもう一度実行してください"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v", err)
	}
	if !holds(dir, oldSet) {
		t.Errorf("after a file in use: %s", listing(dir))
	}
}

// The message names the program that usually holds each kind of output open.
func TestOpenedByNamesTheProgram(t *testing.T) {
	for name, want := range map[string]string{
		"集計表.xlsx":    " Excel など",
		"集計.csv":      " Excel など",
		"report.pdf":  " PDF の閲覧ソフトなど",
		"report.html": "ブラウザなど",
		"report.pptx": " PowerPoint など",
	} {
		if got := openedBy(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestUnwritableFolder(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	if os.Geteuid() == 0 {
		// root writes anywhere: inject what a read-only folder gives everyone else.
		testHook = func(_ int, op Op, path string) error {
			if op == opLock {
				return &fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}
			}
			return nil
		}
		defer func() { testHook = nil }()
	} else {
		os.Chmod(dir, 0o555)
		defer os.Chmod(dir, 0o755)
	}
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "に書き込めません（書き込みの権限がありません）") {
		t.Fatalf("error %v", err)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("error %#v does not wrap fs.ErrPermission", err)
	}
	if strings.Contains(err.Error(), "permission denied") {
		t.Errorf("English in the message: %v", err)
	}
	os.Chmod(dir, 0o755)
	if !holds(dir, oldSet) {
		t.Errorf("after an unwritable folder: %s", listing(dir))
	}
}

// A second run at the same folder while the first holds it waits, then refuses in Japanese.
func TestBusyFolderRefused(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	// A live holder: this very process.
	os.WriteFile(filepath.Join(dir, lockName), fmt.Appendf(nil, "zaitaku\npid=%d\nhost=%s\n", os.Getpid(), hostname()), 0o644)
	var told []string
	start := time.Now()
	err := Write(dir, newSet, Options{Wait: 300 * time.Millisecond, Waiting: func(m string) { told = append(told, m) }})
	if err == nil || !strings.Contains(err.Error(), "出力先 "+dir+" は別の zaitaku が使用中です") {
		t.Fatalf("error %v", err)
	}
	if time.Since(start) < 300*time.Millisecond || len(told) != 1 {
		t.Errorf("did not wait (told %q)", told)
	}
	os.Remove(filepath.Join(dir, lockName))
	if !holds(dir, oldSet) {
		t.Errorf("after a refused run: %s", listing(dir))
	}
}

// Two runs at once: one waits for the other, and the folder ends with one whole set.
func TestTwoRunsAtOnce(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	other := []File{{"aggregate.json", []byte("other")}, {"集計表.xlsx", []byte("other")}, {"集計.csv", []byte("other")}, {"report.pdf", []byte("other")}, {"report.html", []byte("other")}}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, set := range [][]File{newSet, other} {
		wg.Go(func() { errs[i] = Write(dir, set, Options{Wait: 10 * time.Second}) })
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors: %v", errs)
	}
	if !holds(dir, newSet) && !holds(dir, other) {
		t.Errorf("two runs left: %s", listing(dir))
	}
}

func TestStaleLockCleared(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content string
		age     time.Duration
	}{
		{"dead process on this host", fmt.Sprintf("zaitaku\npid=%d\nhost=%s\n", deadPID(t), hostname()), 0},
		{"old lock of another host", "zaitaku\npid=1\nhost=elsewhere\n", time.Hour},
		{"empty lock of a run killed while taking it", "", time.Minute},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			putSet(t, dir, oldSet)
			lock := filepath.Join(dir, lockName)
			os.WriteFile(lock, []byte(tc.content), 0o644)
			old := time.Now().Add(-tc.age)
			os.Chtimes(lock, old, old)
			if err := Write(dir, newSet, Options{}); err != nil {
				t.Fatal(err)
			}
			if !holds(dir, newSet) {
				t.Errorf("left: %s", listing(dir))
			}
		})
	}
}

// A live lock of another host is not taken for stale while it is young.
func TestYoungLockOfAnotherHostKept(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, lockName), []byte("zaitaku\npid=1\nhost=elsewhere\n"), 0o644)
	if err := Write(dir, newSet, Options{}); err == nil || !strings.Contains(err.Error(), "使用中") {
		t.Fatalf("error %v", err)
	}
}

func TestRecoverLeavesOtherFoldersAlone(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	if err := Recover(dir, Options{}); err != nil {
		t.Fatal(err)
	}
}

func hostname() string { h, _ := os.Hostname(); return h }

// A journaled switch whose new files are not all whole (a temporary file cut short, as a
// disk that lied about fsync leaves it) is undone, not completed.
func TestIncompleteNewFileRolledBack(t *testing.T) {
	asKilledRun(t)
	for _, victim := range []string{"report.pdf", "report.html", "aggregate.json"} {
		dir := t.TempDir()
		putSet(t, dir, oldSet)
		renames := 0
		testHook = func(_ int, op Op, path string) error {
			if op == opRename && !strings.Contains(path, journalName) {
				renames++
				if renames == 4 { // aggregate.json and 集計表.xlsx switched, the rest not
					return errKilled
				}
			}
			return nil
		}
		Write(dir, newSet, Options{})
		testHook = nil
		// aggregate.json is already switched: cut it short where it now stands.
		path := filepath.Join(dir, tmpName(victim))
		if victim == "aggregate.json" {
			path = filepath.Join(dir, victim)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path, data[:len(data)/2], 0o644)
		if err := Recover(dir, Options{}); err != nil {
			t.Fatal(err)
		}
		if !holds(dir, oldSet) {
			t.Errorf("%s cut short: recovery left %s", victim, listing(dir))
		}
	}
}

func TestBrokenJournalNamed(t *testing.T) {
	dir := t.TempDir()
	putSet(t, dir, oldSet)
	os.WriteFile(filepath.Join(dir, journalName), []byte("{not json"), 0o644)
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "書き込みの記録（.zaitaku-journal.json）が壊れています") {
		t.Fatalf("error %v", err)
	}
	os.Remove(filepath.Join(dir, journalName))
	if !holds(dir, oldSet) {
		t.Errorf("left %s", listing(dir))
	}
}

func TestOutputFolderIsAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	os.WriteFile(dir, []byte("a file"), 0o644)
	err := Write(dir, newSet, Options{})
	if err == nil || !strings.Contains(err.Error(), "はフォルダではなくファイルです") {
		t.Fatalf("error %v", err)
	}
}
