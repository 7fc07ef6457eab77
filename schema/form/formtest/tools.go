package formtest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Tool finds a command-line tool a test needs, under the first of names on PATH. CI
// installs every such tool (.ci/run), so there a missing one fails the test instead of
// letting it pass unchecked; locally the test skips, naming the package to install.
func Tool(t testing.TB, pkg string, names ...string) string {
	t.Helper()
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	which := strings.Join(names, " / ")
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is not installed; .ci/run installs it (apt-get install %s)", which, pkg)
	}
	t.Skipf("%s is not installed (apt-get install %s)", which, pkg)
	return ""
}

// Soffice finds LibreOffice for tests that re-save or convert with it.
func Soffice(t testing.TB) string {
	t.Helper()
	return Tool(t, "libreoffice-calc-nogui", "soffice", "libreoffice")
}
