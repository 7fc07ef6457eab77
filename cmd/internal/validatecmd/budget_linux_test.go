package validatecmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Every file of testdata/bad, however crafted, costs `zaitaku validate` at most this much
// (issue 9): the cost of a workbook is in proportion to its size, and these are small.
const (
	budgetCPU = 2 * time.Second
	budgetRSS = 300 << 20
)

// TestBadFilesBudget runs the built zaitaku on every file of testdata/bad and holds the
// child process to the budget: CPU time (user + system), not wall time, so that a busy
// machine does not fail it, and the peak resident memory the kernel reports for it. Linux
// only: Maxrss is in KiB there (bytes on macOS).
func TestBadFilesBudget(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no go tool to build zaitaku with")
		}
		t.Skip("no go tool to build zaitaku with")
	}
	bin := filepath.Join(t.TempDir(), "zaitaku")
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/osaka-city/zaitaku/cmd/zaitaku").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join("..", "..", "..", "testdata", "bad")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == "cases.tsv" || strings.HasSuffix(name, ".md") {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(bin, "validate", filepath.Join(dir, name))
			// The binary's own memory limit applies, as for a user; nothing inherited.
			cmd.Env = append(os.Environ(), "GOMEMLIMIT=", "GOGC=")
			out, err := cmd.CombinedOutput()
			if _, exited := err.(*exec.ExitError); err != nil && !exited {
				t.Fatal(err)
			}
			if code := cmd.ProcessState.ExitCode(); code < 0 || code > 2 {
				t.Errorf("exit %d (killed or crashed):\n%s", code, out)
			}
			ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			if !ok {
				t.Fatal("no resource usage for the child")
			}
			cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			rss := ru.Maxrss << 10
			t.Logf("%v CPU, %d MB", cpu.Round(time.Millisecond), rss>>20)
			if cpu > budgetCPU {
				t.Errorf("took %v of CPU, budget %v", cpu, budgetCPU)
			}
			if rss > budgetRSS {
				t.Errorf("peak memory %d MB, budget %d MB", rss>>20, budgetRSS>>20)
			}
		})
	}
	if n < 30 {
		t.Errorf("only %d files in testdata/bad", n)
	}
}
