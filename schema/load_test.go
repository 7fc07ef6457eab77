package schema_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema"
)

// ---------------------------------------------------------------- files

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLoad(t *testing.T) {
	path := filepath.Join("testdata", "minimal.yaml")
	s, err := schema.Load(path)
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	if s.Source != path || s.ID != "test" || len(s.Units.List) != 2 {
		t.Errorf("Load(%s): source %q, id %q, %d units", path, s.Source, s.ID, len(s.Units.List))
	}

	// Mistakes name the file they are in.
	_, err = schema.Load(filepath.Join("testdata", "mistakes.yaml"))
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join("testdata", "mistakes.yaml")+":") {
		t.Errorf("Load(mistakes.yaml) error does not start with the file name: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ないファイル.yaml")
	_, err := schema.Load(path)
	if err == nil {
		t.Fatal("Load of a missing file succeeded")
	}
	if !strings.Contains(err.Error(), path) || !hasJapanese.MatchString(err.Error()) {
		t.Errorf("error %q does not name %s in Japanese", err, path)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v is not fs.ErrNotExist", err)
	}
}

// docMinimalExample is the ```yaml block of docs/schema.md's "A complete minimal example"
// (the page's Japanese walk before it has ```yaml blocks of its own, excerpts of the 月報).
func docMinimalExample(t *testing.T) string {
	t.Helper()
	doc := string(readFile(t, filepath.Join("..", "docs", "schema.md")))
	_, sec, ok := strings.Cut(doc, "\n## A complete minimal example\n")
	if !ok {
		t.Fatal("docs/schema.md has no section ## A complete minimal example")
	}
	sec, _, _ = strings.Cut(sec, "\n## ")
	_, rest, ok := strings.Cut(sec, "```yaml\n")
	if !ok {
		t.Fatal("docs/schema.md: A complete minimal example has no ```yaml block")
	}
	src, _, ok := strings.Cut(rest, "\n```")
	if !ok {
		t.Fatal("docs/schema.md: the ```yaml block is not closed")
	}
	return src + "\n"
}

// TestDocExample parses the ```yaml block of docs/schema.md's minimal example, so the example
// people copy from always loads.
func TestDocExample(t *testing.T) {
	src := docMinimalExample(t)
	s, err := schema.Parse([]byte(src), "docs/schema.md")
	if err != nil {
		t.Fatalf("the example in docs/schema.md does not load:\n%v", err)
	}
	// The example shows what the page says it shows.
	if len(s.Units.List) != 3 || len(s.Units.Blocks) != 2 {
		t.Errorf("example has %d units in %d blocks, want 3 in 2", len(s.Units.List), len(s.Units.Blocks))
	}
	if len(s.Sheets) != 1 || len(s.Sheets[0].Items) != 1 {
		t.Fatalf("example has %d sheets, want 1 sheet with 1 item", len(s.Sheets))
	}
	types := map[schema.QuestionType]int{}
	repeat, breakdown := false, false
	for _, q := range s.Questions() {
		types[q.Type]++
		for _, c := range q.Categories {
			repeat = repeat || c.IsRepeat()
		}
		breakdown = breakdown || q.BreakdownOf != ""
	}
	for _, typ := range []schema.QuestionType{schema.Choice, schema.ChoiceGroup, schema.Counts, schema.Total, schema.TextList} {
		if types[typ] == 0 {
			t.Errorf("example has no %s question", typ)
		}
	}
	if !repeat || !breakdown {
		t.Errorf("example lacks a 再掲 (%v) or a 内訳 (%v)", repeat, breakdown)
	}
}
