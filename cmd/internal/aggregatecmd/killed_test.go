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
	"strings"
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
	outputs := len(old)
	if outputs != 6 {
		t.Fatalf("the first run wrote %v, want the six outputs", aggregatecmd.Keys(old))
	}
	// The steps of n outputs replacing n (ZAITAKU_DEBUG_OUTSET=trace lists them): 0 mkdir,
	// 1 lock, 2 locked; from 3, n times create, write, sync, close a temporary; then n
	// checks; six steps of the journal; the switch, two renames an output; the commit
	// (syncdir, remove the journal, syncdir). Killed before the write of the last temporary
	// (before the journal: the old set stays), before the sixth rename of the switch (the
	// first two outputs new, the third at its backup name, the rest old), and before the
	// journal is removed (every output new, not yet committed).
	checks := 3 + 4*outputs
	journal := checks + outputs
	switchAt := journal + 6
	commit := switchAt + 2*outputs
	beforeJournal := checks - 3
	for _, k := range []int{beforeJournal, switchAt + 5, commit + 1} {
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
		if !strings.Contains(aggregatecmd.LastSlide(t, now[report.PPTXName]), "集計ID "+id) {
			t.Errorf("kill-at=%d: report.pptx is not of the aggregate.json beside it (%s)", k, id)
		}
		if len(now) != outputs {
			t.Errorf("kill-at=%d: leftovers: %v", k, aggregatecmd.Keys(now))
		}
		if k == beforeJournal && !bytes.Equal(now[aggregatecmd.SummaryName], old[aggregatecmd.SummaryName]) {
			t.Errorf("kill-at=%d (before the journal): the old set was not kept", k)
		}
	}
}
