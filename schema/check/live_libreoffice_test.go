package check_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/examples"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// kindCounts are the live checks' counts of one sheet, by form.LiveKind.
type kindCounts [5]int

// liveKindOf is the live check kind that shows what validate reports as code.
var liveKindOf = map[finding.Code]form.LiveKind{
	finding.Missing:             form.LiveMissing,
	finding.RuleRequired:        form.LiveMissing,
	finding.BreakdownMismatch:   form.LiveBreakdown,
	finding.RepeatExceeds:       form.LiveRepeat,
	finding.TotalMismatch:       form.LiveTotal,
	finding.ComputedOverwritten: form.LiveTotal,
	finding.RuleCompare:         form.LiveRule,
	finding.RuleEmpty:           form.LiveRule,
}

// liveCase is a return to open in LibreOffice: its answers (nil for a blank form) and the
// mismatches built into them, by sheet, beyond the empty answers the test counts itself.
type liveCase struct {
	name    string
	sc      *schema.Schema
	answers map[string]any
	built   map[string]kindCounts
}

// boxText is what a sheet's 確認 box must say for the counts.
func boxText(n kindCounts) string {
	var parts []string
	for _, k := range form.LiveKinds() {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d件", k.Label(), n[k]))
		}
	}
	status := form.BoxDone
	if len(parts) > 0 {
		status = strings.Join(parts, "・")
	}
	return form.BoxHeading + "\n" + status + "\n" + form.BoxNote
}

// sheetOf is the sheet an answer key is on.
func sheetOf(sc *schema.Schema, key string) string {
	if key == form.MetaWard || key == form.MetaPeriod {
		return sc.Sheets[0].Name
	}
	for _, s := range form.Slots(sc) {
		if s.Key == key {
			return s.Question.Item.Sheet.Name
		}
	}
	panic("no slot " + key)
}

// expectedMissing counts, from the schema, the answers left empty that the form asks
// for: required answers and the header, answers a rule requires, a case record's 場面.
func expectedMissing(sc *schema.Schema, a map[string]any) map[string]int {
	out := map[string]int{}
	given := func(k string) bool {
		v, ok := a[k]
		return ok && strings.TrimSpace(fmt.Sprint(v)) != ""
	}
	for _, k := range []string{form.MetaWard, form.MetaPeriod} {
		if !given(k) {
			out[sheetOf(sc, k)]++
		}
	}
	required := map[string]bool{}
	for _, s := range form.Slots(sc) {
		if s.Required() {
			required[s.Key] = true
			if !given(s.Key) {
				out[sheetOf(sc, s.Key)]++
			}
		}
	}
	for _, r := range sc.Rules {
		if r.IsCompare() || required[r.Target.Key] || given(r.Target.Key) || !given(r.Condition.Key) {
			continue
		}
		v := a[r.Condition.Key]
		holds := true
		switch {
		case r.Condition.IsChoice() && len(r.Options) > 0:
			holds = slices.ContainsFunc(r.Options, func(o *schema.Option) bool { return o.Label == v })
		case r.Condition.IsCount():
			n, _ := v.(int)
			holds = n > 0
		}
		if holds {
			out[sheetOf(sc, r.Target.Key)]++
		}
	}
	for _, q := range sc.Questions() {
		for rec := 1; q.Type == schema.Cases && rec <= q.Records; rec++ {
			used := false
			for _, f := range q.Fields {
				used = used || (f.Type != schema.Choice && given(form.CaseKey(q, rec, f)))
			}
			for _, f := range q.Fields {
				if used && f.Type == schema.Choice && !given(form.CaseKey(q, rec, f)) {
					out[q.Item.Sheet.Name]++
				}
			}
		}
	}
	return out
}

// halfFilled drops every third required answer, except those of keep, from a complete
// set, then applies the changes.
func halfFilled(sc *schema.Schema, a map[string]any, keep []string, change map[string]any) map[string]any {
	return changed(thirdEmpty(sc, a, keep), change)
}

// thirdEmpty drops every third required answer, except those of keep.
func thirdEmpty(sc *schema.Schema, a map[string]any, keep []string) map[string]any {
	i := 0
	for _, s := range form.Slots(sc) {
		if !s.Required() || slices.Contains(keep, s.Key) {
			continue
		}
		if i%3 == 0 {
			delete(a, s.Key)
		}
		i++
	}
	return a
}

// changed applies changes to answers: a nil value empties the answer.
func changed(a map[string]any, change map[string]any) map[string]any {
	for k, v := range change {
		if v == nil {
			delete(a, k)
		} else {
			a[k] = v
		}
	}
	return a
}

func liveCases(t *testing.T) []liveCase {
	def := schema.Default()
	e, ok := examples.Find("月報")
	if !ok {
		t.Fatal("no 月報 example")
	}
	gs, err := e.Schema()
	if err != nil {
		t.Fatal(err)
	}
	gsComplete := func() map[string]any {
		a := formtest.ValidAnswers(gs)
		a[form.MetaPeriod] = "2016-08..2017-03"
		return a
	}
	valid := formtest.ValidAnswers(def)
	return []liveCase{
		{name: "区役所・相談支援室 blank", sc: def},
		{name: "区役所・相談支援室 complete", sc: def, answers: formtest.ValidAnswers(def)},
		{name: "区役所・相談支援室 half", sc: def, built: map[string]kindCounts{"相談支援室": {0, 1, 1, 1, 0}},
			answers: halfFilled(def, formtest.ValidAnswers(def),
				[]string{"ka1", "o2care.cm", "o2care.center", "o2care.provider", "o2care.procedure", "o2care.other", "o2.care",
					"u3.01", "u3.01r", "o4total", "o4.city", "o4.org", "o4.carekaigi", "o2.med", "o2med.hospital"},
				map[string]any{
					form.MetaPeriod:  nil,                               // the header: 未記入
					"ka2":            nil,                               // required by ka1 = 開催している: 未記入
					"o2care.cm":      valid["o2care.cm"].(int) + 1,      // 内訳の不一致
					"u3.01r":         valid["u3.01"].(int) + 5,          // 再掲の超過
					"o4total":        valid["o4total"].(int) + 1,        // 合計の不一致
					"o2med.clinic":   nil,                               // a 内訳 half typed in: 未記入 only,
					"o2med.hospital": valid["o2med.hospital"].(int) + 3, // not a mismatch yet
				})},
		{name: "月報 blank", sc: gs},
		{name: "月報 complete", sc: gs, answers: gsComplete()},
		{name: "月報 half", sc: gs, built: map[string]kindCounts{"相談支援室": {0, 0, 0, 1, 1}},
			answers: changed(gsComplete(), map[string]any{
				"days":        nil, // 未記入
				"clients.med": 100, // 相談者 more than 相談内容: the rule, 回答の矛盾
				"topics.care": 99,  // a computed cell typed over: 合計の不一致
			})},
		// Every third answer left empty: the rule's figures are incomplete, so it is not
		// judged yet, however far apart they are.
		{name: "月報 half-way", sc: gs,
			answers: halfFilled(gs, gsComplete(), nil, map[string]any{"clients.med": 100})},
	}
}

// validateCounts counts validate's findings by sheet and live check kind.
func validateCounts(fs []finding.Finding) map[string]kindCounts {
	out := map[string]kindCounts{}
	for _, f := range fs {
		if k, ok := liveKindOf[f.Code]; ok {
			n := out[f.Sheet]
			n[k]++
			out[f.Sheet] = n
		}
	}
	return out
}

// TestLiveChecksInLibreOffice opens a blank, a complete and a half-filled return of both
// shipped surveys in LibreOffice, which recalculates the form's formulas on load (the
// template saves none of their results), and reads each sheet's 確認 box back: it counts
// the empty answers the schema asks for and the mismatches built in, as validate does.
// The return re-saved by LibreOffice, formulas' results and all, reads with the same
// findings as before.
func TestLiveChecksInLibreOffice(t *testing.T) {
	if len(form.LiveKinds()) != len(kindCounts{}) {
		t.Fatalf("kindCounts holds %d kinds, form has %d", len(kindCounts{}), len(form.LiveKinds()))
	}
	bin := formtest.Soffice(t)
	dir := t.TempDir()
	for i, tc := range liveCases(t) {
		f, err := form.BuildTemplate(tc.sc, form.TemplateOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if tc.answers != nil {
			if err := formtest.Fill(f, tc.answers); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("case%d.xlsx", i))
		if err := f.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		f.Close()
		before, err := check.Read(path, tc.sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		resaved := resave(t, bin, path)
		lo, err := excelize.OpenFile(resaved)
		if err != nil {
			t.Fatal(err)
		}
		missing := expectedMissing(tc.sc, tc.answers)
		got := validateCounts(before.Findings)
		for _, sh := range tc.sc.Sheets {
			want := tc.built[sh.Name]
			want[form.LiveMissing] += missing[sh.Name]
			if got[sh.Name] != want {
				t.Errorf("%s: %s: validate counts %v, the test expects %v", tc.name, sh.Name, got[sh.Name], want)
			}
			box, err := lo.GetCellValue(sh.Name, fmt.Sprintf("%s%d", form.BoxCol, form.BoxFirstRow))
			if err != nil {
				t.Fatal(err)
			}
			if w := boxText(want); box != w {
				t.Errorf("%s: %s: the 確認 box says\n%q\nwant\n%q", tc.name, sh.Name, box, w)
			}
			if strings.HasSuffix(tc.name, "complete") && !strings.Contains(box, "\n"+form.BoxDone+"\n") {
				t.Errorf("%s: %s: the 確認 box of a complete return says %q", tc.name, sh.Name, box)
			}
			t.Logf("%s: %s: %s", tc.name, sh.Name, strings.Split(box, "\n")[1])
		}
		lo.Close()
		keep(t, resaved, tc.name)
		after, err := check.Read(resaved, tc.sc, check.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if b, a := findingLines(before.Findings), findingLines(after.Findings); !slices.Equal(b, a) {
			t.Errorf("%s: findings changed by LibreOffice's re-save:\nbefore %q\nafter  %q", tc.name, b, a)
		}
		if tc.name == "区役所・相談支援室 complete" && len(before.Findings) > 0 {
			t.Errorf("%s: the complete return has findings: %q", tc.name, findingLines(before.Findings))
		}
	}
}

// findingLines are findings without their file, for comparing two files' findings.
func findingLines(fs []finding.Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = fmt.Sprintf("%s %s %s!%s %s", f.Severity, f.Code, f.Sheet, f.Cell, f.Message)
	}
	return out
}

// keep copies a return LibreOffice re-saved into $ZAITAKU_LIVE_KEEP, when set, to look at
// (convert it to PDF with LibreOffice: the box and the light red cells).
func keep(t *testing.T, path, name string) {
	dir := os.Getenv("ZAITAKU_LIVE_KEEP")
	if dir == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".xlsx"), data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}
