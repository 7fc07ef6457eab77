package aggregatecmd

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/report"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// unitsWithoutBlocksYAML is the synthetic survey (formtest.SyntheticYAML) for n units
// renamed the way another city might run it: units called 相談支援室, no blocks, and no 区
// in any text of the schema (区 in a label becomes 圏). Whatever 区 or ブロック an output
// then shows comes from the program, not from the schema.
func unitsWithoutBlocksYAML(t *testing.T, n int) []byte {
	t.Helper()
	data, err := formtest.SyntheticYAML(n)
	if err != nil {
		t.Fatal(err)
	}
	noBlock := regexp.MustCompile(`, block: [^}]*`)
	var out []string
	inUnits := false
	for _, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "units:"):
			inUnits = true
		case inUnits && l != "" && !strings.HasPrefix(l, " "):
			inUnits = false
		}
		if inUnits {
			switch {
			case strings.HasPrefix(l, "  label:"):
				l = "  label: 相談支援室"
			case strings.HasPrefix(l, "  block_label:"), strings.HasPrefix(l, "  blocks:"):
				continue
			case strings.HasPrefix(l, "    - {name:"):
				l = noBlock.ReplaceAllString(l, "")
			}
		}
		out = append(out, l)
	}
	// 区分 (category) is not the ward word and stays.
	y := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(strings.Join(out, "\n"), "区分", "\x00"), "区", "圏"), "\x00", "区分")
	if strings.Contains(y, "block") {
		t.Fatal("the derived schema still has blocks")
	}
	return []byte(y)
}

// unitsWithoutBlocks writes the schema of unitsWithoutBlocksYAML and one synthetic return
// per unit, through formtest, into dir: it gives the schema file, the schema and the
// returns folder.
func unitsWithoutBlocks(t *testing.T, dir string, n int) (string, *schema.Schema, string) {
	t.Helper()
	return unitsLabelled(t, dir, n, "相談支援室")
}

// unitsLabelled is unitsWithoutBlocks with the units called label.
func unitsLabelled(t *testing.T, dir string, n int, label string) (string, *schema.Schema, string) {
	t.Helper()
	yaml := bytes.Replace(unitsWithoutBlocksYAML(t, n), []byte("\n  label: 相談支援室\n"), []byte("\n  label: "+label+"\n"), 1)
	schemaPath := filepath.Join(dir, label+".yaml")
	if err := os.WriteFile(schemaPath, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	sc, err := schema.Parse(yaml, schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Units.Label != label || len(sc.Units.Blocks) != 0 || len(sc.Units.List) != n {
		t.Fatalf("derived schema: label %q, blocks %q, %d units", sc.Units.Label, sc.Units.Blocks, len(sc.Units.List))
	}
	returns := filepath.Join(dir, "returns")
	if err := formtest.WriteSynthetic(returns, sc, formtest.SyntheticSeed); err != nil {
		t.Fatal(err)
	}
	return schemaPath, sc, returns
}

// With a schema whose units are 相談支援室 and that has no blocks, no output says 区 or
// shows a ブロック column: the unit word comes from units.label, and a column of blocks
// exists only when the schema has blocks. Checked on a complete aggregate, and on one with
// a unit missing, a file that names no unit and the case records in the report, whose
// pages and sheets say more about units.
func TestNoWardWordOrBlockColumnWithoutThem(t *testing.T) {
	dir := t.TempDir()
	schemaPath, sc, returns := unitsWithoutBlocks(t, dir, 3)
	t.Run("complete", func(t *testing.T) {
		out := filepath.Join(dir, "complete")
		if msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: returns, Output: out}); code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, msg)
		}
		checkNoWardWord(t, out, sc)
	})
	t.Run("incomplete", func(t *testing.T) {
		partial := filepath.Join(dir, "partial")
		if err := os.MkdirAll(partial, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, u := range sc.Units.List[1:] {
			name := formtest.SyntheticFileName(u)
			b, err := os.ReadFile(filepath.Join(returns, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(partial, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(partial, "メモ.xlsx"), []byte("not a workbook"), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "incomplete")
		opts := &Options{SchemaPath: schemaPath, Dir: partial, Output: out, AllowIncomplete: true, Report: report.Options{IncludeCases: true}}
		if msg, code := run(t, opts); code != cli.ExitOK {
			t.Fatalf("exit %d\n%s", code, msg)
		}
		res := readResult(t, out)
		if res.Submission.Complete || len(res.Submission.Others) != 1 || res.Question("o3") == nil || len(res.Question("o3").Cases) == 0 {
			t.Fatalf("want an incomplete aggregate with one stray file and case records: %+v", res.Submission)
		}
		checkNoWardWord(t, out, sc)
	})
}

// checkNoWardWord checks the six outputs in out for 区 and ブロック.
func checkNoWardWord(t *testing.T, out string, sc *schema.Schema) {
	read := func(t *testing.T, name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// clean reports each line of an output that says 区 or ブロック.
	clean := func(t *testing.T, name, text string) {
		t.Helper()
		for i, l := range strings.Split(text, "\n") {
			if wardWord(l) {
				t.Errorf("%s line %d says 区 or ブロック: %s", name, i+1, short(l))
			}
		}
	}

	t.Run(JSONName, func(t *testing.T) {
		b := read(t, JSONName)
		clean(t, JSONName, string(b))
		if !bytes.Contains(b, []byte(`"label": "相談支援室"`)) {
			t.Errorf("%s does not call the units 相談支援室", JSONName)
		}
		if m := regexp.MustCompile(`"(block|blocks|block_label|by_block)":`).Find(b); m != nil {
			t.Errorf("%s has %s although the schema has no blocks", JSONName, m)
		}
	})

	t.Run(CSVName, func(t *testing.T) {
		b := read(t, CSVName)
		clean(t, CSVName, string(b))
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"期間", "相談支援室", "設問ID", "設問", "選択肢・区分", "値", "集計ID"}
		if strings.Join(recs[0], ",") != strings.Join(want, ",") {
			t.Errorf("header %q, want %q", recs[0], want)
		}
	})

	t.Run(report.PDFName, func(t *testing.T) {
		bin := formtest.Tool(t, "poppler-utils", "pdftotext")
		text, err := exec.Command(bin, "-enc", "UTF-8", filepath.Join(out, report.PDFName), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(text, []byte(sc.Units.List[0].Name)) {
			t.Fatalf("pdftotext finds no unit name in the PDF:\n%s", short(string(text)))
		}
		clean(t, report.PDFName, string(text))
	})

	t.Run(report.HTMLName, func(t *testing.T) {
		page := string(read(t, report.HTMLName))
		// The inlined ECharts library carries its own Chinese strings (区域缩放); only the
		// page around it is ours.
		lib, err := os.ReadFile(filepath.Join(aggregatetest.Root(), "render", "html", "assets", "echarts.min.js"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(page, string(lib)) {
			t.Fatal("the page does not inline echarts.min.js as is; cannot separate it from the page")
		}
		page = strings.Replace(page, string(lib), "", 1)
		clean(t, report.HTMLName, page)
		if i := strings.Index(page, `<table class="status">`); i < 0 {
			t.Error("no status table")
		} else if head := page[i:]; strings.Contains(head[:strings.Index(head, "</thead>")], "<th></th>") {
			t.Errorf("the status table has a column without a title: %s", head[:strings.Index(head, "</thead>")])
		}
	})

	t.Run(SummaryName, func(t *testing.T) { checkSummaryNoWardWord(t, filepath.Join(out, SummaryName)) })

	t.Run(report.PPTXName, func(t *testing.T) {
		deck := read(t, report.PPTXName)
		text := deckText(t, deck)
		if !strings.Contains(text, sc.Units.List[0].Name) {
			t.Fatalf("no unit name in the deck's text:\n%s", short(text))
		}
		clean(t, report.PPTXName, text)
		// The charts' embedded workbooks, which 「データの編集」 opens, are held to the same rule.
		books := 0
		for name, b := range deckParts(t, deck) {
			if strings.HasPrefix(name, "ppt/embeddings/") && strings.HasSuffix(name, ".xlsx") {
				p := filepath.Join(t.TempDir(), "book.xlsx")
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				checkSummaryNoWardWord(t, p)
				books++
			}
		}
		if books == 0 {
			t.Error("the deck embeds no chart workbooks")
		}
	})
}

// checkSummaryNoWardWord checks every sheet name and cell text of 集計表.xlsx.
func checkSummaryNoWardWord(t *testing.T, path string) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		if wardWord(sheet) {
			t.Errorf("sheet name %q says 区 or ブロック", sheet)
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if wardWord(v) {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					t.Errorf("%s!%s says 区 or ブロック: %s", sheet, cell, short(v))
				}
			}
		}
	}
}

// The outputs of a survey whose units are 相談支援室 and that has no blocks, left in the
// returns folder, are recognised as zaitaku's own and skipped, as the default survey's are:
// the next aggregate neither refuses 集計.csv as a ward's CSV nor reads the others.
func TestOwnOutputsRecognisedWithoutWardWord(t *testing.T) {
	dir := t.TempDir()
	schemaPath, _, returns := unitsWithoutBlocks(t, dir, 2)
	out := filepath.Join(dir, "out")
	if msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: returns, Output: out}); code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	for _, name := range []string{CSVName, SummaryName, report.PDFName} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(returns, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: returns, Output: filepath.Join(dir, "again")})
	if code != cli.ExitOK {
		t.Fatalf("outputs left in the returns folder stop the next aggregate: exit %d\n%s", code, msg)
	}
	res := readResult(t, filepath.Join(dir, "again"))
	// aggregate.json keeps the note, not the Own flag: 「zaitaku … が作った…のため読みません」.
	own := map[string]bool{}
	for _, s := range res.Submission.Skipped {
		own[s.Name] = strings.Contains(s.Note, "zaitaku")
	}
	for _, name := range []string{CSVName, SummaryName, report.PDFName} {
		if !own[name] {
			t.Errorf("%s is not skipped as zaitaku's own output (skipped: %+v)", name, res.Submission.Skipped)
		}
	}
}

// wardWord reports whether s says 区 as the word for a unit, or ブロック. 区分 (a category,
// as in 「選択肢・区分」) is another word and does not count.
func wardWord(s string) bool {
	s = strings.ReplaceAll(s, "区分", "")
	return strings.Contains(s, "区") || strings.Contains(s, "ブロック")
}

// short cuts a line of an output to a readable length for a failure message.
func short(s string) string {
	if r := []rune(s); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	return s
}

// What aggregate prints about missing units reads well whatever the schema calls a unit:
// a one-kanji label is the counter itself (「1室」), a longer one is counted in 件, and the
// note after an incomplete aggregate names the units by their label. The default survey's
// 「■ 未提出（1区）」 is checked in TestProblemsStopTheAggregate.
func TestMissingUnitsInTheSchemasWord(t *testing.T) {
	for _, tc := range []struct {
		label string
		want  func(missing string) []string
	}{
		{"相談支援室", func(m string) []string {
			return []string{"■ 未提出（1 件）: " + m, "回答 2／3 件（未提出: " + m + "）",
				"注意: すべての相談支援室がそろっていないため、集計は一部の相談支援室だけです（各出力に明記しています）。"}
		}},
		{"室", func(m string) []string {
			return []string{"■ 未提出（1室）: " + m, "回答 2／3室（未提出: " + m + "）",
				"注意: すべての室がそろっていないため、集計は一部の室だけです（各出力に明記しています）。"}
		}},
	} {
		t.Run(tc.label, func(t *testing.T) {
			dir := t.TempDir()
			schemaPath, sc, returns := unitsLabelled(t, dir, 3, tc.label)
			missing := sc.Units.List[0].Name
			if err := os.Remove(filepath.Join(returns, formtest.SyntheticFileName(sc.Units.List[0]))); err != nil {
				t.Fatal(err)
			}
			msg, code := run(t, &Options{SchemaPath: schemaPath, Dir: returns, Output: filepath.Join(dir, "out"), AllowIncomplete: true})
			if code != cli.ExitOK {
				t.Fatalf("exit %d\n%s", code, msg)
			}
			for _, w := range tc.want(missing) {
				if !strings.Contains(msg, w) {
					t.Errorf("output lacks %q:\n%s", w, msg)
				}
			}
			if wardWord(strings.ReplaceAll(msg, dir, "")) {
				t.Errorf("output says 区:\n%s", msg)
			}
		})
	}
}

// The help is written before any schema is read, so it speaks of 回答する単位 and says 区
// only where it names the default survey's unit; --period takes the help every command
// shares (cli.AddPeriodFlag), which fits a survey of any period kind.
func TestHelpFitsAnySurvey(t *testing.T) {
	cmd := NewCmdAggregate(&cli.IO{}, func(*Options) error { return nil })
	for _, tt := range []struct{ name, text string }{
		{"Short", cmd.Short},
		{"Long", strings.Replace(cmd.Long, "大阪市の\n調査では区", "", 1)},
	} {
		if wardWord(tt.text) {
			t.Errorf("%s help says 区 or ブロック:\n%s", tt.name, tt.text)
		}
	}
	f := cmd.Flags().Lookup("period")
	if f == nil || !strings.HasPrefix(f.Usage, "集計する期間（省略時は回答票から）。調査の期間の単位") {
		t.Errorf("--period help: %+v", f)
	}
}
