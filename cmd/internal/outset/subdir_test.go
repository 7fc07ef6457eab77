package outset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Sets with a subfolder, as aggregate --ward-sheets writes: the sheets change with the
// rest, one is new.
var (
	oldSubSet = append(append([]File(nil), oldSet...),
		File{"区別/北区.pdf", []byte("%PDF old 北区")},
		File{"区別/都島区.pdf", []byte("%PDF same")})
	newSubSet = append(append([]File(nil), newSet...),
		File{"区別/北区.pdf", []byte("%PDF new 北区, longer")},
		File{"区別/都島区.pdf", []byte("%PDF same")},
		File{"区別/福島区.pdf", []byte("%PDF new 福島区")})
)

// tree lists every file under dir with its content, subfolders included.
func tree(dir string) map[string]string {
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, _ := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return out
}

func treeHolds(dir string, set []File) bool {
	got := tree(dir)
	if len(got) != len(set) {
		return false
	}
	for _, f := range set {
		if d, ok := got[f.Name]; !ok || !bytes.Equal([]byte(d), f.Data) {
			return false
		}
	}
	return true
}

func treeListing(dir string) string {
	var names []string
	for n, d := range tree(dir) {
		names = append(names, fmt.Sprintf("%s=%q", n, d))
	}
	sort.Strings(names)
	return strings.Join(names, " ")
}

func putTree(t *testing.T, dir string, set []File) {
	t.Helper()
	for _, f := range set {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A set with a subfolder is as all-or-nothing as a flat one: killed or failing at any
// step, the folder and its subfolder hold, once settled, exactly the old or the new set,
// with no temporary left in either.
func TestSubfolderEveryStepKilledOrFailed(t *testing.T) {
	asKilledRun(t)
	dir := t.TempDir()
	putTree(t, dir, oldSubSet)
	steps := 0
	testHook = func(int, Op, string) error { steps++; return nil }
	if err := Write(dir, newSubSet, Options{}); err != nil || !treeHolds(dir, newSubSet) {
		t.Fatalf("clean write: %v, %s", err, treeListing(dir))
	}
	testHook = nil
	injected := errors.New("injected failure")
	for _, mode := range []string{"kill", "fail"} {
		sawOld, sawNew := false, false
		for k := 0; k <= steps; k++ {
			dir := t.TempDir()
			putTree(t, dir, oldSubSet)
			testHook = func(n int, op Op, path string) error {
				switch {
				case n != k:
					return nil
				case mode == "kill":
					return errKilled
				}
				return injected
			}
			err := Write(dir, newSubSet, Options{})
			testHook = nil
			if k == steps && err != nil {
				t.Fatalf("%s at %d (no fault): %v", mode, k, err)
			}
			if err := Recover(dir, Options{}); err != nil {
				t.Fatalf("%s at step %d: recovery: %v", mode, k, err)
			}
			switch {
			case treeHolds(dir, oldSubSet):
				sawOld = true
			case treeHolds(dir, newSubSet):
				sawNew = true
			default:
				t.Fatalf("%s at step %d then recovery left: %s", mode, k, treeListing(dir))
			}
		}
		if !sawOld || !sawNew {
			t.Errorf("%s: expected both outcomes (old %v, new %v)", mode, sawOld, sawNew)
		}
	}
}

func TestSubfolderNames(t *testing.T) {
	for _, bad := range []string{"a/b/c.pdf", "/a.pdf", "a/", "../a.pdf", "a/..", ".a/b.pdf", "区別/.北区.pdf.zaitaku-new", "区別/.zaitaku.lock"} {
		if err := checkNames([]File{{Name: bad}}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := checkNames([]File{{Name: "区別/北区.pdf"}, {Name: "report.pdf"}}); err != nil {
		t.Error(err)
	}
}

// A lock in a subfolder belongs to another run writing there as a folder of its own
// (report --ward): the clean-up of the parent leaves it.
func TestSubfolderLockLeftAlone(t *testing.T) {
	dir := t.TempDir()
	putTree(t, dir, []File{{"区別/" + lockName, []byte("x")}, {"区別/" + tmpName("北区.pdf"), []byte("tmp")}})
	if err := Recover(dir, Options{}); err != nil {
		t.Fatal(err)
	}
	got := tree(dir)
	if _, ok := got["区別/"+lockName]; !ok || len(got) != 1 {
		t.Errorf("left %s", treeListing(dir))
	}
}
