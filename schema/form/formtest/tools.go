package formtest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// Convert runs LibreOffice (bin, from Soffice or Tool) headless on src with the
// --convert-to filter, writing into outDir, with a profile of its own so that runs never
// share or wait on one. A conversion that fails or hangs for three minutes fails the test.
func Convert(t testing.TB, bin, src, filter, outDir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "profile")
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", filter, "--outdir", outDir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v\n%s", filter, err, out)
	}
}
