package examples

import (
	"io/fs"
	"slices"
	"testing"
)

// Every listed example is embedded and loads; every embedded file is listed, so none ships
// unseen by `zaitaku schema example`.
func TestEveryExampleLoads(t *testing.T) {
	var listed []string
	for _, e := range List {
		listed = append(listed, e.File)
		sc, err := e.Schema()
		if err != nil {
			t.Errorf("%s (%s): %v", e.Name, e.File, err)
			continue
		}
		if sc.Source != e.Name || len(sc.Questions()) == 0 {
			t.Errorf("%s: source %q, %d questions", e.Name, sc.Source, len(sc.Questions()))
		}
		if got, ok := Find(e.Name); !ok || got.File != e.File {
			t.Errorf("Find(%q) = %v, %v", e.Name, got, ok)
		}
	}
	embedded, err := fs.Glob(files, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range embedded {
		if !slices.Contains(listed, f) {
			t.Errorf("%s is embedded but not in List", f)
		}
	}
	if _, ok := Find("nothing"); ok {
		t.Error("Find found an example that does not exist")
	}
}
