package period

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The Periods section of docs/schema.md is what people type from: every form its table
// lists for a kind is read as that kind, the canonical and printed forms are what String
// and Japanese write, and its sample message is the one ParseKind gives.
func TestDocPeriods(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "schema.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "\n## Periods\n")
	if !ok {
		t.Fatal("docs/schema.md has no ## Periods section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	code := regexp.MustCompile("`([^`]+)`")
	rows := 0
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if len(cells) != 5 || !strings.HasPrefix(cells[0], "| `") || cells[1] == "covers" {
			continue // not a row of the table, or its header
		}
		rows++
		kind := Kind(code.FindStringSubmatch(cells[0])[1])
		if !kind.Valid() {
			t.Errorf("docs: unknown kind %q", kind)
			continue
		}
		var canonical, printed []string
		for _, m := range code.FindAllStringSubmatch(cells[2], -1) {
			canonical = append(canonical, m[1])
		}
		for _, p := range strings.Split(cells[3], ", ") {
			printed = append(printed, strings.TrimSpace(p))
		}
		var typed []string
		for _, m := range code.FindAllStringSubmatch(cells[4], -1) {
			if strings.ContainsAny(m[1], "0123456789") { // not a separator such as `..`
				typed = append(typed, m[1])
			}
		}
		for _, s := range append(append(canonical, printed...), typed...) {
			p, err := ParseKind(s, kind)
			if err != nil {
				t.Errorf("docs, %s: %q: %v", kind, s, err)
				continue
			}
			if i := indexOf(canonical, s); i >= 0 && p.String() != s {
				t.Errorf("docs, %s: canonical %q prints as %q", kind, s, p.String())
			}
			if i := indexOf(printed, s); i >= 0 && p.Japanese() != s {
				t.Errorf("docs, %s: printed %q is written %q", kind, s, p.Japanese())
			}
		}
	}
	if rows != len(Kinds) {
		t.Errorf("docs: the Periods table has %d kinds, want %d", rows, len(Kinds))
	}
	_, want := ParseKind("令和６年度上半期", KindMonth)
	if !strings.Contains(section, "\n"+want.Error()+"\n") {
		t.Errorf("docs: the sample message is not ParseKind's:\n%s", want)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
