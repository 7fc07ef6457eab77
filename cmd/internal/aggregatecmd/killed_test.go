package aggregatecmd_test

// These tests drive `zaitaku aggregate` and `zaitaku report` through the command line
// (root.Execute), as a person would after a crash; being an external test package, they
// may import root, which wires every command, without aggregatecmd importing reportcmd.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/cmd/internal/aggregatecmd"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/cmd/internal/root"
	"github.com/osaka-city/zaitaku/render/report"
)

// zaitaku runs the command line args and returns what it printed, or an error with it
// when the exit code is not 0.
func zaitaku(args ...string) (string, error) {
	var b bytes.Buffer
	if code := root.Execute(args, &cli.IO{Out: &b, ErrOut: &b}); code != cli.ExitOK {
		return b.String(), fmt.Errorf("zaitaku %v: exit %d\n%s", args, code, b.String())
	}
	return b.String(), nil
}

// TestKilledRunHelper is the child of TestKilledRunSettledByTheNextRun: an aggregate that
// ZAITAKU_DEBUG_OUTSET stops dead part-way through replacing the outputs.
func TestKilledRunHelper(t *testing.T) {
	out := os.Getenv("ZAITAKU_TEST_KILLED_OUT")
	if out == "" {
		t.Skip("run by TestKilledRunSettledByTheNextRun")
	}
	zaitaku("aggregate", aggregatecmd.Samples, "-o", out, "--history", aggregatecmd.History, "-q")
	t.Fatal("the run was not stopped")
}

// A real process killed at steps across the switch leaves a set that the next command on
// the folder (report, reading aggregate.json; or aggregate) settles to a whole one.
func TestKilledRunSettledByTheNextRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the aggregate several times")
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := zaitaku("aggregate", aggregatecmd.Samples, "-o", out, "-q"); err != nil {
		t.Fatal(err)
	}
	old := aggregatecmd.Snapshot(t, out)
	// Steps with 5 outputs replacing 5: 0 mkdir, 1 lock, 2 locked, 3–22 five times create,
	// write, sync, close; 23–27 checks; 28–33 the journal; 34–43 the switch, two renames
	// an output; 44–46 the commit. 20 is before the journal (the old set stays), 39 the
	// middle of the switch (some outputs new, some old), 45 just before the commit.
	for _, k := range []int{20, 39, 45} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunHelper$")
		cmd.Env = append(os.Environ(), "ZAITAKU_TEST_KILLED_OUT="+out, "ZAITAKU_DEBUG_OUTSET=kill-at="+strconv.Itoa(k))
		b, err := cmd.CombinedOutput()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 137 || !bytes.Contains(b, []byte("stopped dead before step")) {
			t.Fatalf("kill-at=%d: %v\n%s", k, err, b)
		}
		if _, err := os.Stat(filepath.Join(out, ".zaitaku.lock")); err != nil {
			t.Fatalf("kill-at=%d left no lock: the kill came too early to test anything", k)
		}
		// `zaitaku report path` renders beside the aggregate, settling the folder first.
		if _, err := zaitaku("report", filepath.Join(out, aggregatecmd.JSONName)); err != nil {
			t.Fatalf("kill-at=%d: report: %v", k, err)
		}
		now := aggregatecmd.Snapshot(t, out)
		js := now[aggregatecmd.JSONName]
		id := aggregate.ID(js)
		for _, name := range []string{aggregatecmd.CSVName, report.HTMLName} {
			if !bytes.Contains(now[name], []byte(id)) {
				t.Errorf("kill-at=%d: %s is not of the aggregate.json beside it (%s)", k, name, id)
			}
		}
		if len(now) != 5 {
			t.Errorf("kill-at=%d: leftovers: %v", k, aggregatecmd.Keys(now))
		}
		if k == 20 && !bytes.Equal(now[aggregatecmd.SummaryName], old[aggregatecmd.SummaryName]) {
			t.Errorf("kill-at=%d (before the journal): the old set was not kept", k)
		}
	}
}
