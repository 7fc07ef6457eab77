package aggregate_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
	"github.com/osaka-city/zaitaku/schema/form"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
	"github.com/osaka-city/zaitaku/schema/period"
	"github.com/osaka-city/zaitaku/schema/returns"
)

var h1 = period.Period{Year: 2024, Half: period.FirstHalf}

// ward writes a valid return for one ward with some answers changed.
func ward(t *testing.T, dir, name string, change map[string]any) {
	t.Helper()
	a := formtest.ValidAnswers(schema.Default())
	a[form.MetaWard] = name
	for k, v := range change {
		a[k] = v
	}
	formtest.WriteReturn(t, dir, name+".xlsx", a)
}

func collect(t *testing.T, dir string, opts aggregate.CollectOptions) *aggregate.Collection {
	t.Helper()
	files, err := returns.ListReturns(dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := aggregate.Collect(files, schema.Default(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Three wards in two blocks, figures small enough to check by hand.
func TestFiguresByHand(t *testing.T) {
	dir := t.TempDir()
	// 北区 and 都島区 are 北部, 福島区 is 西部.
	ward(t, dir, "北区", map[string]any{"i1": "開催している", "u3.01": 10, "u3.01r": 4, "u3.02": 5, "o4.city": 3, "o4.org": 4, "o4total": 7, "o4.carekaigi": 1})
	ward(t, dir, "都島区", map[string]any{"i1": "現時点では未開催", "u3.01": 0, "u3.01r": 0, "u3.02": 5, "o4.city": 1, "o4.org": 1, "o4total": 2, "o4.carekaigi": 2})
	ward(t, dir, "福島区", map[string]any{"i1": "開催している", "u3.01": 10, "u3.01r": 9, "u3.02": 1, "o4.city": 0, "o4.org": 0, "o4total": 0, "o4.carekaigi": 0})
	c := collect(t, dir, aggregate.CollectOptions{})
	if c.Ready() {
		t.Error("3 of 24 wards reported as ready")
	}
	res := c.Result()

	i1 := res.Question("i1").Rows[0]
	held := i1.Options[0]
	if held.Option != "開催している" || held.Count != 2 || !reflect.DeepEqual(held.Wards, []string{"北区", "福島区"}) {
		t.Errorf("i1 開催している: %+v", held)
	}
	if got := held.ByBlock; got[0] != (aggregate.BlockCount{Block: "北部", Value: 1}) || got[2] != (aggregate.BlockCount{Block: "西部", Value: 1}) || got[1].Value != 0 {
		t.Errorf("i1 by block: %+v", got)
	}
	if i1.Count("現時点では未開催") != 1 || i1.Answer("都島区") != "現時点では未開催" {
		t.Errorf("i1 未開催: %+v", i1.Options[1])
	}

	u3 := res.Question("u3")
	med := u3.Category("u3.01")
	if med.Sum != 20 || med.Min.Value != 0 || !reflect.DeepEqual(med.Min.Wards, []string{"都島区"}) ||
		med.Max.Value != 10 || !reflect.DeepEqual(med.Max.Wards, []string{"北区", "福島区"}) {
		t.Errorf("u3.01 figure: %+v min %+v max %+v", med.Figure, med.Min, med.Max)
	}
	rep := u3.Category("u3.01r")
	if !rep.Repeat || rep.RepeatOf != "u3.01" || rep.Sum != 13 {
		t.Errorf("再掲: %+v", rep)
	}
	// The other 18 categories hold 2 in every return (formtest), the 再掲 is left out.
	want := int64(20 + 11 + 3*18*2)
	if u3.Total.Sum != want {
		t.Errorf("u3 total %d, want %d (再掲 must not be added)", u3.Total.Sum, want)
	}
	if u3.Total.ByBlock[0].Value != 10+5+36+0+5+36 || u3.Total.ByBlock[2].Value != 10+1+36 {
		t.Errorf("u3 total by block %+v", u3.Total.ByBlock)
	}

	tot := res.Question("o4total").Total
	if tot.Sum != 9 || tot.Min.Value != 0 || tot.Min.Wards[0] != "福島区" || tot.Max.Wards[0] != "北区" {
		t.Errorf("o4total %+v", tot)
	}
	o4 := res.Question("o4")
	if o4.Total.Sum != 9 || o4.Category("o4.carekaigi").Sum != 3 {
		t.Errorf("o4: total %d (carekaigi is 再掲 and must not be added), carekaigi %d", o4.Total.Sum, o4.Category("o4.carekaigi").Sum)
	}

	sub := res.Submission
	if sub.Counted != 3 || sub.Expected != 24 || len(sub.Missing) != 21 || sub.Missing[0] != "此花区" {
		t.Errorf("submission %d/%d missing %v", sub.Counted, sub.Expected, sub.Missing)
	}
	if !strings.HasPrefix(sub.Summary, "回答 3／24区（未提出: 此花区、中央区") {
		t.Errorf("summary %q", sub.Summary)
	}
	ka2 := res.Question("ka2").Texts
	if len(ka2) != 3 || ka2[0].Ward != "北区" || ka2[1].Ward != "都島区" || len(ka2[0].Lines) != 2 {
		t.Errorf("free text by ward: %+v", ka2)
	}
}

func TestDuplicateMixedPeriodAndInvalid(t *testing.T) {
	dir := t.TempDir()
	ward(t, dir, "北区", nil)
	a := formtest.ValidAnswers(schema.Default())
	a[form.MetaWard] = "北区"
	formtest.WriteReturn(t, dir, "北区（再提出）.xlsx", a)
	ward(t, dir, "西区", map[string]any{form.MetaPeriod: "令和５年度下半期"})
	ward(t, dir, "港区", map[string]any{"a1.1": "たぶん"})
	ward(t, dir, "大正区", nil)
	os.WriteFile(filepath.Join(dir, "壊れた.xlsx"), []byte("PK\x03\x04garbage"), 0o644)

	c := collect(t, dir, aggregate.CollectOptions{})
	if c.Period != h1 {
		t.Errorf("period %v, want the majority 2024H1", c.Period)
	}
	status := map[string]aggregate.WardStatus{}
	for _, ws := range c.Submission.Wards {
		status[ws.Ward] = ws
	}
	if s := status["北区"]; s.Status != aggregate.StatusDuplicate || len(s.Files) != 2 || s.Findings[0].Code != finding.DuplicateUnit || !strings.Contains(s.Findings[0].Message, "北区.xlsx、北区（再提出）.xlsx") {
		t.Errorf("北区: %+v", s)
	}
	if s := status["西区"]; s.Status != aggregate.StatusExcluded || s.Findings[0].Code != finding.MixedPeriod {
		t.Errorf("西区: %+v", s)
	}
	if s := status["港区"]; s.Status != aggregate.StatusExcluded || s.Errors != 1 {
		t.Errorf("港区: %+v", s)
	}
	if s := status["大正区"]; s.Status != aggregate.StatusCounted {
		t.Errorf("大正区: %+v", s)
	}
	if len(c.Submission.Others) != 1 || c.Submission.Others[0].Name != "壊れた.xlsx" {
		t.Errorf("others: %+v", c.Submission.Others)
	}
	if got := c.Submission.Excluded; !reflect.DeepEqual(got, []string{"北区", "西区", "港区"}) {
		t.Errorf("excluded %v", got)
	}
	if c.Ready() || c.Submission.Counted != 1 {
		t.Errorf("ready %v counted %d", c.Ready(), c.Submission.Counted)
	}
}

// The 24 sample returns reproduce 資料１'s figures of their own period (testdata/shiryo1.tsv),
// read back from the aggregate.json bytes; the same input gives the same bytes.
func TestSampleReturnsAndDeterminism(t *testing.T) {
	dir := filepath.Join("..", "testdata", "returns")
	var outs [2][]byte
	for i := range outs {
		c := collect(t, dir, aggregate.CollectOptions{Workers: i*3 + 1})
		if !c.Ready() {
			t.Fatalf("sample returns not ready: %s", c.Submission.Summary)
		}
		var buf bytes.Buffer
		if err := c.Result().WriteJSON(&buf); err != nil {
			t.Fatal(err)
		}
		outs[i] = buf.Bytes()
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("aggregate.json differs between runs")
	}
	var res aggregate.Result
	if err := json.Unmarshal(outs[0], &res); err != nil {
		t.Fatal(err)
	}
	if res.Format != aggregate.Format || res.FormatVersion != aggregate.FormatVersion || res.PeriodLabel != "令和６年度上半期" || res.Submission.Summary != "回答 24／24区" {
		t.Errorf("header %s %d %s %s", res.Format, res.FormatVersion, res.PeriodLabel, res.Submission.Summary)
	}
	for _, ws := range res.Submission.Wards {
		if len(ws.Files) != 1 || len(ws.Files[0].SHA256) != 64 {
			t.Errorf("%s files %+v", ws.Ward, ws.Files)
		}
	}
	aggregatetest.CheckShiryo1(t, &res, false)
}

func TestIDIsTheStartOfTheSHA256(t *testing.T) {
	// sha256("abc") = ba7816bf8f01cfea…
	if got := aggregate.ID([]byte("abc")); got != "ba78-16bf" {
		t.Errorf("ID(abc) = %q", got)
	}
	l := &aggregate.Loaded{SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}
	if l.ID() != "ba78-16bf" {
		t.Errorf("Loaded.ID = %q", l.ID())
	}
}

// collectListing reads a folder the way zaitaku aggregate does: returns, wrong formats and
// skipped files from returns.ListFolder.
func collectListing(t *testing.T, dir string) (*aggregate.Collection, error) {
	t.Helper()
	l, err := returns.ListFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	return aggregate.Collect(l.Returns, schema.Default(), aggregate.CollectOptions{Refused: l.Refused, Skipped: l.Skipped})
}

var oleHead = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...)

// A file that cannot be read but names a ward is that ward's submission: the ward is
// excluded with the file's reason, not reported 未提出; a file naming no ward stays apart.
func TestUnreadableFilesBelongToTheWardTheyName(t *testing.T) {
	dir := t.TempDir()
	ward(t, dir, "北区", nil)
	ward(t, dir, "福島区", nil)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("西区.xls", oleHead)
	write("西淀川区_回答.ods", []byte("PK\x03\x04"))
	write("都島区.xlsx", []byte("PK\x03\x04garbage"))
	write("福島区.csv", []byte("区名,回答\n"))
	write("メモ.xlsx", []byte("hello"))
	write("回答票.zip", []byte("PK\x03\x04"))

	c, err := collectListing(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]aggregate.WardStatus{}
	for _, ws := range c.Submission.Wards {
		status[ws.Ward] = ws
	}
	for _, tc := range []struct {
		ward, status, file string
		code               finding.Code
	}{
		{"西区", aggregate.StatusExcluded, "西区.xls", finding.WrongFormat},
		{"西淀川区", aggregate.StatusExcluded, "西淀川区_回答.ods", finding.WrongFormat},
		{"都島区", aggregate.StatusExcluded, "都島区.xlsx", finding.Unreadable},
		{"福島区", aggregate.StatusDuplicate, "福島区.csv", finding.DuplicateUnit},
	} {
		s := status[tc.ward]
		var files []string
		for _, f := range s.Files {
			files = append(files, f.Name)
		}
		if s.Status != tc.status || !strings.Contains(strings.Join(files, " "), tc.file) || s.Errors == 0 ||
			len(s.Findings) == 0 || s.Findings[0].Code != tc.code {
			t.Errorf("%s: %+v, want %s with %s and %s", tc.ward, s, tc.status, tc.file, tc.code)
		}
	}
	if s := status["淀川区"]; s.Status != aggregate.StatusMissing {
		t.Errorf("淀川区 took 西淀川区's file: %+v", s)
	}
	if len(c.Submission.Others) != 1 || c.Submission.Others[0].Name != "メモ.xlsx" {
		t.Errorf("others %+v", c.Submission.Others)
	}
	if got := c.Submission.Skipped; len(got) != 1 || got[0].Name != "回答票.zip" {
		t.Errorf("skipped %+v", got)
	}
	if !strings.Contains(c.Submission.Summary, "集計から除外: 都島区、福島区、西区、西淀川区") || strings.Contains(c.Submission.Summary, "未提出: 都島区") {
		t.Errorf("summary %q", c.Submission.Summary)
	}
	// The duplicate is said once for the ward, not once per file.
	n := 0
	for _, f := range status["福島区"].Findings {
		if f.Code == finding.DuplicateUnit {
			n++
		}
	}
	if n != 1 {
		t.Errorf("duplicate finding %d times", n)
	}
}

// When nothing can be used, every file is named with its reason.
func TestNothingReadableNamesEveryFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "北区.xls"), oleHead, 0o644)
	os.WriteFile(filepath.Join(dir, "都島区.xlsx"), []byte("PK\x03\x04garbage"), 0o644)
	os.WriteFile(filepath.Join(dir, "メモ.csv"), []byte("a,b\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "回答票.zip"), []byte("PK\x03\x04"), 0o644)
	_, err := collectListing(t, dir)
	var nr *aggregate.NothingReadable
	if !errors.As(err, &nr) || nr.NoPeriod {
		t.Fatalf("error %v", err)
	}
	if got := codesByFile(nr.Findings); got != "メモ.csv:wrong-format 北区.xls:wrong-format 都島区.xlsx:unreadable" {
		t.Errorf("findings %s", got)
	}
	for _, w := range []string{"読める回答票がありません（3 ファイルとも読めません）", "\n  " + nr.Findings[0].Line(true), "\n読まなかったファイル:\n  回答票.zip: "} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message lacks %q:\n%v", w, err)
		}
	}

	dir = t.TempDir()
	ward(t, dir, "北区", map[string]any{form.MetaPeriod: ""})
	ward(t, dir, "都島区", map[string]any{form.MetaPeriod: "来年"})
	os.WriteFile(filepath.Join(dir, "西区.xls"), oleHead, 0o644)
	_, err = collectListing(t, dir)
	if !errors.As(err, &nr) || !nr.NoPeriod {
		t.Fatalf("error %v", err)
	}
	if got := codesByFile(nr.Findings); got != "北区.xlsx:missing 西区.xls:wrong-format 都島区.xlsx:not-a-period" {
		t.Errorf("findings %s", got)
	}
	if !strings.Contains(err.Error(), "どの回答票からも対象期間を読み取れません") {
		t.Errorf("message %v", err)
	}
}

func codesByFile(fs []finding.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.File+":"+string(f.Code))
	}
	return strings.Join(out, " ")
}
