package templatecmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/form"
)

func run(opts *Options) (string, error) {
	var out bytes.Buffer
	opts.IO = &cli.IO{Out: &out, ErrOut: &out}
	err := runTemplate(opts)
	return out.String(), err
}

func TestFlagsParsed(t *testing.T) {
	var got *Options
	cmd := NewCmdTemplate(&cli.IO{}, func(o *Options) error { got = o; return nil })
	cmd.SetArgs([]string{"--ward", "北区", "--period", "2024H1", "-o", "x.xlsx", "--force"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Ward != "北区" || got.Period != "2024H1" || got.Output != "x.xlsx" || !got.Force || got.All {
		t.Errorf("parsed %+v", got)
	}
}

func TestWardTemplateIsAnEmptyReturnForThatWard(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "北区.xlsx")
	msg, err := run(&Options{Ward: "北区", Period: "令和６年度上半期", Output: out})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, out) {
		t.Errorf("output does not say where: %q", msg)
	}
	r, err := check.Read(out, schema.Default(), check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Ward == nil || r.Ward.Name != "北区" || r.Period.String() != "2024H1" {
		t.Errorf("header: ward %v period %v", r.Ward, r.Period)
	}
	// A blank form has every required answer missing, and nothing else wrong.
	for _, f := range r.Findings {
		if !strings.Contains(f.Message, "未") {
			t.Errorf("unexpected finding on a blank form: %s %s", f.Where(), f.Message)
		}
	}
	// Its ▼ list of names offers only 北区; a blank form (no --ward) offers every ward.
	if got := unitList(t, out); strings.Join(got, ",") != "北区" {
		t.Errorf("ward list of 北区.xlsx = %v, want only 北区", got)
	}
	blank := filepath.Join(dir, "blank.xlsx")
	if _, err := run(&Options{Output: blank}); err != nil {
		t.Fatal(err)
	}
	if got := unitList(t, blank); len(got) != 24 || got[0] != "北区" || got[23] != "西成区" {
		t.Errorf("ward list of a blank form = %v, want the 24 wards", got)
	}
	// It refuses to overwrite what may be a filled-in return.
	if _, err := run(&Options{Ward: "北区", Output: out}); cli.Code(err) != cli.ExitUsage || !strings.Contains(err.Error(), "すでにあります") {
		t.Errorf("overwrite not refused: %v", err)
	}
}

// An output that cannot be written exits 3, not 2: the command line was right.
func TestUnwritableOutput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ファイル")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, o := range []*Options{{Output: filepath.Join(file, "北区.xlsx")}, {All: true, Output: filepath.Join(file, "回答票")}} {
		if _, err := run(o); cli.Code(err) != cli.ExitOutput {
			t.Errorf("%s: exit %d (%v), want %d", o.Output, cli.Code(err), err, cli.ExitOutput)
		}
	}
}

// unitList is column A of the hidden lists sheet: the names the 区名 cell's ▼ list offers.
func unitList(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cols, err := f.GetCols(form.ListsSheet)
	if err != nil || len(cols) == 0 {
		t.Fatalf("%s: no lists sheet: %v", path, err)
	}
	var names []string
	for _, v := range cols[0] {
		if v != "" {
			names = append(names, v)
		}
	}
	return names
}

func TestAllWritesEveryWard(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "回答票")
	if _, err := run(&Options{All: true, Period: "2024H1", Output: dir}); err != nil {
		t.Fatal(err)
	}
	sc := schema.Default()
	for _, u := range sc.Units.List {
		r, err := check.Read(filepath.Join(dir, u.Name+".xlsx"), sc, check.ReadOptions{})
		if err != nil {
			t.Fatalf("%s: %v", u.Name, err)
		}
		if r.Ward != u {
			t.Errorf("%s.xlsx names ward %v", u.Name, r.Ward)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 24 {
		t.Errorf("%d files, want 24", len(entries))
	}
}

// officesYAML is a survey answered by 相談支援室 (a label longer than one counter kanji),
// without blocks.
const officesYAML = `id: offices
version: 1
title: 相談支援室の月報
period: month
units:
  label: 相談支援室
  list:
    - {name: 第一相談支援室}
    - {name: 第二相談支援室}
    - {name: 第三相談支援室}
sheets:
  - id: s1
    name: 月報
    items:
      - id: a
        label: 相談
        questions:
          - {id: n, type: counts, label: 相談者, categories: [{id: all, label: 相談者}]}
`

// --all says how many forms it wrote in words that fit the survey's unit: 「24区」 for a
// one-kanji counter, 「相談支援室 3 件」 for a longer noun (schema.Units.Count).
func TestAllMessageNamesTheUnits(t *testing.T) {
	offices := filepath.Join(t.TempDir(), "offices.yaml")
	if err := os.WriteFile(offices, []byte(officesYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		schema, period string
		files          int
		want           string // the message before ": <dir>"
	}{
		{"", "2024H1", 24, "24区の回答票を作りました"},
		{offices, "2016-08", 3, "相談支援室 3 件の回答票を作りました"},
	}
	for _, tt := range tests {
		dir := filepath.Join(t.TempDir(), "回答票")
		msg, err := run(&Options{All: true, SchemaPath: tt.schema, Period: tt.period, Output: dir})
		if err != nil {
			t.Fatalf("%s: %v", tt.schema, err)
		}
		if want := tt.want + ": " + dir + "\n"; msg != want {
			t.Errorf("schema %q: message %q, want %q", tt.schema, msg, want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != tt.files {
			t.Errorf("schema %q: %d files, want %d", tt.schema, len(entries), tt.files)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{All: true, Ward: "北区"}, "同時に指定できません"},
		{Options{Ward: "梅田区"}, "「梅田区」は調査の対象の区にありません"},
		{Options{Period: "2024H3"}, "--period"},
	} {
		_, err := run(&tc.opts)
		if cli.Code(err) != cli.ExitUsage || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want exit 2 with %q", tc.opts, err, tc.want)
		}
	}
}

func TestTemplateIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	for _, p := range []string{a, b} {
		if _, err := run(&Options{Ward: "西成区", Period: "2024H2", Output: p}); err != nil {
			t.Fatal(err)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("the same template written twice differs")
	}
}
