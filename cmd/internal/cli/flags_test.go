package cli

import (
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/render/report"
	"github.com/spf13/pflag"
)

// --period is defined before the schema is read, so its help must fit a survey of any
// period kind: it shows a half-year and a month, and no form of one kind alone (2024H1).
func TestPeriodFlagHelp(t *testing.T) {
	tests := []struct {
		what, want string
	}{
		{"対象期間を記入済みにする", "対象期間を記入済みにする。調査の期間の単位（半期・月など）に合わせて書く（例: 令和６年度上半期、令和６年８月）"},
		{"集計する期間（省略時は回答票から）", "集計する期間（省略時は回答票から）。調査の期間の単位（半期・月など）に合わせて書く（例: 令和６年度上半期、令和６年８月）"},
	}
	for _, tt := range tests {
		fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
		var p string
		AddPeriodFlag(fs, &p, tt.what)
		f := fs.Lookup("period")
		if f == nil {
			t.Fatalf("AddPeriodFlag(%q) added no --period", tt.what)
		}
		if f.Usage != tt.want {
			t.Errorf("--period help = %q, want %q", f.Usage, tt.want)
		}
		if strings.Contains(f.Usage, "2024H1") {
			t.Errorf("--period help assumes a half-yearly survey: %q", f.Usage)
		}
		if err := fs.Parse([]string{"--period", "令和６年８月"}); err != nil || p != "令和６年８月" {
			t.Errorf("--period parsed %q, %v", p, err)
		}
	}
}

// --doc-label left out keeps the survey's 資料番号, a value replaces it and an empty value
// asks for none.
func TestDocLabelFlag(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		label string
		none  bool
	}{
		{nil, "", false},
		{[]string{"--doc-label", "資料２"}, "資料２", false},
		{[]string{"--doc-label", ""}, "", true},
		{[]string{"--doc-label="}, "", true},
	} {
		fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
		var o report.Options
		AddReportFlags(fs, &o)
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		if o.DocLabel != tc.label || o.NoDocLabel != tc.none {
			t.Errorf("%q: DocLabel %q NoDocLabel %v, want %q %v", tc.args, o.DocLabel, o.NoDocLabel, tc.label, tc.none)
		}
	}
}
