package examples

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docSection is the text of docs/schema.md under the heading line, up to the next heading
// of the same level.
func docSection(t *testing.T, heading string) string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(doc), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("docs/schema.md has no section %q", heading)
	}
	level, _, _ := strings.Cut(heading, " ")
	sec, _, _ = strings.Cut(sec, "\n"+level+" ")
	return sec
}

// yamlBlocks is the content of every ```yaml block of a section, each ending in a newline.
func yamlBlocks(t *testing.T, sec string) []string {
	t.Helper()
	var blocks []string
	for {
		_, rest, ok := strings.Cut(sec, "```yaml\n")
		if !ok {
			return blocks
		}
		block, after, ok := strings.Cut(rest, "\n```\n")
		if !ok {
			t.Fatal("a ```yaml block is not closed")
		}
		blocks = append(blocks, block+"\n")
		sec = after
	}
}

// TestDocGetsuho: docs/schema.md's second worked example is the shipped 月報 schema byte for
// byte, so the page shows what `zaitaku schema example 月報` prints. The whole file rather
// than a part: a test of equality leaves nothing to drift, where a shortened copy could
// only be held to "loads" and would silently fall behind the file.
func TestDocGetsuho(t *testing.T) {
	e, ok := Find("月報")
	if !ok {
		t.Fatal("no example 月報")
	}
	blocks := yamlBlocks(t, docSection(t, "## A second worked example: the 月報"))
	if len(blocks) != 1 {
		t.Fatalf("the section has %d ```yaml blocks, want the one holding %s", len(blocks), e.File)
	}
	if got, want := blocks[0], string(e.YAML()); got != want {
		t.Errorf("the section's YAML is not schema/examples/%s; from line %d it reads\n%s\nwhere the file has\n%s",
			e.File, firstDiff(got, want)+1, lineAt(got, firstDiff(got, want)), lineAt(want, firstDiff(got, want)))
	}
}

// TestDocWalk: every ```yaml block of the Japanese walk 「自分の調査に合わせる（月報を例に）」 is a
// passage of the shipped 月報 schema, so what the walk teaches is what the tool ships. A
// block may add comment lines of its own (they are ignored, as the file's are), and a line
// `# …` marks lines of the file left out; every other line is the file's, in the file's
// order and indentation (shifted as a whole, so a question can be shown from its `- id:`).
func TestDocWalk(t *testing.T) {
	e, _ := Find("月報")
	file := codeLines(string(e.YAML()))
	blocks := yamlBlocks(t, docSection(t, "## 自分の調査に合わせる（月報を例に）"))
	if len(blocks) < 8 {
		t.Fatalf("the walk has %d ```yaml blocks, want one for each decision (at least 8)", len(blocks))
	}
	for i, b := range blocks {
		if !isPassage(b, file) {
			t.Errorf("```yaml block %d of the walk is not a passage of schema/examples/%s:\n%s", i+1, e.File, b)
		}
	}
}

// codeLines drops blank and comment-only lines.
func codeLines(src string) []string {
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
			out = append(out, l)
		}
	}
	return out
}

// isPassage reports whether block's lines, split into runs at `# …` lines, are found in file
// run after run, each run on consecutive lines, all with one shift of indentation.
func isPassage(block string, file []string) bool {
	var runs [][]string
	run := []string{}
	for _, l := range strings.Split(block, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "# …"):
			runs = append(runs, run)
			run = []string{}
		case t != "" && !strings.HasPrefix(t, "#"):
			run = append(run, l)
		}
	}
	runs = append(runs, run)
	if len(runs[0]) == 0 {
		return false
	}
	for start := range file {
		shift := indent(file[start]) - indent(runs[0][0])
		if shift >= 0 && matchRuns(runs, file, start, strings.Repeat(" ", shift)) {
			return true
		}
	}
	return false
}

// matchRuns: the first run at file[at:], each later run somewhere after the one before.
func matchRuns(runs [][]string, file []string, at int, pad string) bool {
	if len(runs) == 0 {
		return true
	}
	if runAt(runs[0], file, at, pad) {
		for next := at + len(runs[0]); next <= len(file); next++ {
			if matchRuns(runs[1:], file, next, pad) {
				return true
			}
		}
	}
	return false
}

func runAt(run, file []string, at int, pad string) bool {
	if at+len(run) > len(file) {
		return false
	}
	for j, l := range run {
		if pad+l != file[at+j] {
			return false
		}
	}
	return true
}

func indent(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }

func firstDiff(a, b string) int {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return i
		}
	}
	return min(len(al), len(bl))
}

func lineAt(s string, i int) string {
	if l := strings.Split(s, "\n"); i < len(l) {
		return l[i]
	}
	return "(end)"
}
