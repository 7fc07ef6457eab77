package check_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/check"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
)

func TestRoundTripClean(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
	r, err := check.Read(path, sc, check.ReadOptions{Period: period.Period{Year: 2024, Half: period.FirstHalf}})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 0 {
		for _, f := range r.Findings {
			t.Errorf("unexpected finding: %s %s %s", f.Where(), f.Label, f.Message)
		}
	}
	if r.Ward == nil || r.Ward.Name != "北区" || r.Period.String() != "2024H1" {
		t.Errorf("header read as ward %v period %v", r.Ward, r.Period)
	}
	for _, s := range form.Slots(sc) {
		want := answers[s.Key]
		switch s.Kind {
		case form.SlotChoice:
			if got := r.Choices[s.Key]; got == nil || got.Label != want {
				t.Errorf("%s: choice %v, want %v", s.Key, got, want)
			}
		case form.SlotCount:
			if got, ok := r.Counts[s.Key]; !ok || int(got) != want.(int) {
				t.Errorf("%s: count %d (%v), want %v", s.Key, got, ok, want)
			}
		case form.SlotText:
			if got := r.Texts[s.Key]; got != want {
				t.Errorf("%s: text %q, want %q", s.Key, got, want)
			}
		case form.SlotList:
			if got := strings.Join(r.Lists[s.Key], "\n"); got != want {
				t.Errorf("%s: list %q, want %q", s.Key, got, want)
			}
		}
	}
}

func TestNormalisedAnswersAccepted(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["a1.1"] = " 準備中 "
	answers["a1.2"] = "３"
	answers["a1.3"] = "実施している　"
	answers["u3.01"] = "１,２３４"
	answers["u3.02"] = "12"
	answers["_ward"] = "北区 "
	answers["_period"] = "2024H1"
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		t.Errorf("unexpected finding: %s %s", f.Where(), f.Message)
	}
	checks := map[string]string{"a1.1": "実施に向けて準備・調整中", "a1.2": "現時点では未着手", "a1.3": "実施している"}
	for k, want := range checks {
		if got := r.Choices[k]; got == nil || got.Label != want {
			t.Errorf("%s read as %v, want %s", k, got, want)
		}
	}
	if r.Counts["u3.01"] != 1234 || r.Counts["u3.02"] != 12 {
		t.Errorf("counts read as %d, %d", r.Counts["u3.01"], r.Counts["u3.02"])
	}
}

// Each rule broken on its own gives exactly one finding, on the right cell.
func TestEachRuleBroken(t *testing.T) {
	sc := schema.Default()
	cases := []struct {
		name    string
		change  map[string]any
		key     string // the slot whose cell the finding is on
		id      string // the finding's question_id
		sev     finding.Severity
		code    finding.Code
		message string // figures the message must name, where the finding is about figures
		file    string
		opts    check.ReadOptions
	}{
		{name: "required choice missing", change: map[string]any{"i1": ""}, key: "i1", id: "i1", sev: finding.Error, code: finding.Missing},
		{name: "choice not in list", change: map[string]any{"a1.4": "たぶん"}, key: "a1.4", id: "a1.4", sev: finding.Error, code: finding.NotAChoice},
		{name: "code out of range", change: map[string]any{"u2.1": "3"}, key: "u2.1", id: "u2.1", sev: finding.Error, code: finding.NotAChoice},
		{name: "count missing", change: map[string]any{"u3.05": ""}, key: "u3.05", id: "u3.05", sev: finding.Error, code: finding.Missing},
		{name: "count with unit", change: map[string]any{"u3.05": "12件"}, key: "u3.05", id: "u3.05", sev: finding.Error, code: finding.NotACount},
		{name: "negative count", change: map[string]any{"o1.03": -4}, key: "o1.03", id: "o1.03", sev: finding.Error, code: finding.NotACount},
		{name: "fractional count", change: map[string]any{"o1.03": 2.5}, key: "o1.03", id: "o1.03", sev: finding.Error, code: finding.NotACount},
		{name: "text in count", change: map[string]any{"o1.03": "不明"}, key: "o1.03", id: "o1.03", sev: finding.Error, code: finding.NotACount},
		{name: "breakdown does not add up", change: map[string]any{"o2med.clinic": 5}, key: "o2.med", id: "o2med", sev: finding.Error, code: finding.BreakdownMismatch, message: "内訳の合計（19 件）が「医療に関すること」の 16 件と一致しません"},
		{name: "total does not add up", change: map[string]any{"o4total": 5}, key: "o4total", id: "o4total", sev: finding.Error, code: finding.TotalMismatch, message: "2 ＋ 2 ＝ 4 回 と一致しません"},
		{name: "repeat exceeds its parent", change: map[string]any{"u3.01r": 3}, key: "u3.01r", id: "u3.01r", sev: finding.Error, code: finding.RepeatExceeds, message: "再掲（3 件）が「医科」の 2 件 を超えています"},
		{name: "unknown ward", change: map[string]any{"_ward": "北区役所"}, key: "_ward", id: "_ward", sev: finding.Error, code: finding.UnknownUnit},
		{name: "ward missing", change: map[string]any{"_ward": ""}, key: "_ward", id: "_ward", sev: finding.Error, code: finding.Missing},
		{name: "file name names another ward", change: map[string]any{}, file: "西淀川区.xlsx", key: "_ward", id: "_ward", sev: finding.Warning, code: finding.UnitNameMismatch},
		{name: "period unreadable", change: map[string]any{"_period": "上半期"}, key: "_period", id: "_period", sev: finding.Error, code: finding.NotAPeriod},
		{name: "period differs from --period", change: map[string]any{}, opts: check.ReadOptions{Period: period.Period{Year: 2024, Half: period.SecondHalf}}, key: "_period", id: "_period", sev: finding.Error, code: finding.WrongPeriod},
		{name: "old form version", change: map[string]any{form.MetaForm: "osaka-zaitaku-renkei/0"}, key: "_form", id: "_form", sev: finding.Error, code: finding.FormVersion},
		{name: "other survey", change: map[string]any{form.MetaForm: "kobe-survey/1"}, key: "_form", id: "_form", sev: finding.Error, code: finding.WrongSurvey},
		{name: "case without scene", change: map[string]any{"o3.2.content": "相談内容の例", "o3.2.scene": ""}, key: "o3.2.scene", id: "o3.2.scene", sev: finding.Error, code: finding.Missing},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			answers := formtest.ValidAnswers(sc)
			// Case 2 is empty unless a test fills it, so "case without scene" is one finding.
			for k := range answers {
				if strings.HasPrefix(k, "o3.2.") {
					answers[k] = ""
				}
			}
			for k, v := range tc.change {
				answers[k] = v
			}
			file := tc.file
			if file == "" {
				file = "北区.xlsx"
			}
			path, cells := formtest.WriteReturn(t, t.TempDir(), file, answers)
			r, err := check.Read(path, sc, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Findings) != 1 {
				for _, f := range r.Findings {
					t.Logf("finding: %s %s %s", f.Where(), f.QuestionID, f.Message)
				}
				t.Fatalf("got %d findings, want 1", len(r.Findings))
			}
			f := r.Findings[0]
			name := form.DefinedName(tc.key)
			switch tc.key {
			case "_ward":
				name = form.NameWard
			case "_period":
				name = form.NamePeriod
			case "_form":
				name = form.NameForm
			}
			want := cells[name]
			if f.Sheet != want.Sheet || f.Cell != want.Cell {
				t.Errorf("finding at %s, want %s", f.Where(), want)
			}
			if f.QuestionID != tc.id || f.Severity != tc.sev || f.Code != tc.code || !strings.Contains(f.Message, tc.message) {
				t.Errorf("finding %s/%s/%s %q, want %s/%s/%s containing %q", f.QuestionID, f.Severity, f.Code, f.Message, tc.id, tc.sev, tc.code, tc.message)
			}
			if f.File != file {
				t.Errorf("finding names file %q, want %q", f.File, file)
			}
		})
	}
}

func TestReadSurvivesInsertedRowsAndRenamedSheet(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["u3.07"] = 77
	dir := t.TempDir()
	path, _ := formtest.WriteReturn(t, dir, "北区.xlsx", answers)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A ward inserts rows near the top of both sheets and renames one: excelize moves the
	// defined names as Excel does.
	if err := f.InsertRows("区役所", 6, 3); err != nil {
		t.Fatal(err)
	}
	if err := f.InsertRows("相談支援室", 10, 2); err != nil {
		t.Fatal(err)
	}
	if err := f.SetColWidth("相談支援室", "D", "D", 60); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range r.Findings {
		t.Errorf("unexpected finding: %s %s", fd.Where(), fd.Message)
	}
	if r.Counts["u3.07"] != 77 {
		t.Errorf("u3.07 read as %d after row insertion", r.Counts["u3.07"])
	}
}

func TestIDColumnFallback(t *testing.T) {
	sc := schema.Default()
	answers := formtest.ValidAnswers(sc)
	answers["o1.19"] = 42
	path, _ := formtest.WriteReturn(t, t.TempDir(), "北区.xlsx", answers)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Some tools drop defined names on save; the hidden id column still finds the answers.
	for _, dn := range f.GetDefinedName() {
		if err := f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	r, err := check.Read(path, sc, check.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range r.Findings {
		t.Errorf("unexpected finding: %s %s", fd.Where(), fd.Message)
	}
	if r.Counts["o1.19"] != 42 || r.Ward == nil {
		t.Errorf("fallback read o1.19=%d ward=%v", r.Counts["o1.19"], r.Ward)
	}
}
