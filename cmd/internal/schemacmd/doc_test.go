package schemacmd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/schema/examples"
)

// docOutput is the ```text block that follows, before any other ```sh block, a ```sh block
// in which a line starts with command: what the page says the command prints. (A command
// may also be listed without its output, in a block of several.)
func docOutput(t *testing.T, doc, name, command string) string {
	t.Helper()
	for _, block := range strings.Split(doc, "```sh\n")[1:] {
		sh, rest, _ := strings.Cut(block, "\n```\n")
		_, text, hasText := strings.Cut(rest, "```text\n")
		text, _, closed := strings.Cut(text, "```\n")
		if !hasText || !closed {
			continue
		}
		for _, line := range strings.Split(sh, "\n") {
			if line == command || strings.HasPrefix(line, command+" ") {
				return text
			}
		}
	}
	t.Fatalf("%s shows no `%s` followed by what it prints", name, command)
	return ""
}

// The 月報 walk of docs/schema.md and README's section on the shipped survey paste what
// `zaitaku schema example` and `zaitaku schema check 月報.yaml` print; they print it still.
func TestDocShowsWhatSchemaPrints(t *testing.T) {
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	schemaMD, readme := read("docs/schema.md"), read("README.md")

	listing, code := execute(t, "example")
	if code != 0 {
		t.Fatalf("schema example: exit %d\n%s", code, listing)
	}
	for name, doc := range map[string]string{"docs/schema.md": schemaMD, "README.md": readme} {
		if got := docOutput(t, doc, name, "zaitaku schema example"); got != listing {
			t.Errorf("%s shows `zaitaku schema example` printing\n%s\nit prints\n%s", name, got, listing)
		}
	}

	e, _ := examples.Find("月報")
	t.Chdir(t.TempDir()) // the page runs it where 月報.yaml was written
	if err := os.WriteFile("月報.yaml", e.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	check, code := execute(t, "check", "月報.yaml")
	if code != 0 {
		t.Fatalf("schema check 月報.yaml: exit %d\n%s", code, check)
	}
	if got := docOutput(t, schemaMD, "docs/schema.md", "zaitaku schema check 月報.yaml"); got != check {
		t.Errorf("docs/schema.md shows `zaitaku schema check 月報.yaml` printing\n%s\nit prints\n%s", got, check)
	}
}
