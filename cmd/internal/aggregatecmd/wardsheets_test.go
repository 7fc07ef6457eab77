package aggregatecmd

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema/examples"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// With --ward-sheets, aggregate writes one sheet per counted unit into 区別/ in the same set,
// each with the 集計ID of the aggregate.json beside it; without it, no 区別/ at all. The
// 月報 gets its 11 sheets the same way.
func TestWardSheets(t *testing.T) {
	dir := t.TempDir()
	e, ok := examples.Find("月報")
	if !ok {
		t.Fatal("no 月報 example")
	}
	getsuho := filepath.Join(dir, "月報.yaml")
	if err := os.WriteFile(getsuho, e.YAML(), 0o644); err != nil {
		t.Fatal(err)
	}
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	for _, tc := range []struct {
		name    string
		opts    Options
		units   int
		checked []string
	}{
		{"24区", Options{Dir: filepath.Join(aggregatetest.Root(), "testdata", "returns")}, 24, []string{"北区", "西成区"}},
		{"月報", Options{SchemaPath: getsuho, Dir: filepath.Join(aggregatetest.GetsuhoDir(), "returns")}, 11, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Output = filepath.Join(dir, tc.name)
			opts.WardSheets = true
			msg, code := run(t, &opts)
			if code != cli.ExitOK {
				t.Fatalf("exit %d\n%s", code, msg)
			}
			if !strings.Contains(msg, "区別（区別シート "+strconv.Itoa(tc.units)+"区）") {
				t.Errorf("the output list does not name the sheets:\n%s", msg)
			}
			res := readResult(t, opts.Output)
			l, err := aggregate.Load(filepath.Join(opts.Output, JSONName))
			if err != nil {
				t.Fatal(err)
			}
			entries, _ := os.ReadDir(filepath.Join(opts.Output, "区別"))
			if len(entries) != tc.units || len(entries) != res.Submission.Counted {
				t.Fatalf("%d sheets, want %d", len(entries), tc.units)
			}
			units := tc.checked
			if units == nil {
				units = []string{res.Submission.Wards[0].Ward}
			}
			for _, u := range units {
				text, err := exec.Command(pdftotext, filepath.Join(opts.Output, "区別", u+".pdf"), "-").Output()
				if err != nil {
					t.Fatal(err)
				}
				for _, w := range []string{u + " 区別シート", "集計ID " + l.ID(), res.Submission.Summary} {
					if !strings.Contains(string(text), w) {
						t.Errorf("%s: sheet lacks %q", u, w)
					}
				}
			}
		})
	}
	plain := filepath.Join(dir, "plain")
	if msg, code := run(t, &Options{Dir: filepath.Join(aggregatetest.Root(), "testdata", "returns"), Output: plain}); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	if _, err := os.Stat(filepath.Join(plain, "区別")); err == nil {
		t.Error("区別/ written without --ward-sheets")
	}
}
