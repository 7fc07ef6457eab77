package summary_test

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/osaka-city/zaitaku/aggregate"
	"github.com/osaka-city/zaitaku/render/summary"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/finding"
)

func TestTextsSheet(t *testing.T) {
	res := sample(t)
	data := write(t, res)
	f := open(t, data)
	rs := rows(t, f, summary.SheetTexts)
	if got := strings.Join(rs[3][:3], ","); got != "項目,区,内容" {
		t.Fatalf("header %q", got)
	}
	var want [][3]string
	var cases []aggregate.Case
	for _, q := range res.Questions {
		title := "（" + q.ItemMark + "）" + q.Number + q.Label
		switch q.Type {
		case schema.Text, schema.TextList:
			for _, tx := range q.Texts {
				for _, l := range tx.Lines {
					want = append(want, [3]string{title, tx.Ward, l})
				}
			}
		case schema.Cases:
			want = append(want, [3]string{title, "", fmt.Sprintf("相談事例（具体例）は集計表に含めていません（件数: %d件）", len(q.Cases))})
			cases = append(cases, q.Cases...)
		}
	}
	got := rs[4:]
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if g := [3]string{got[i][0], got[i][1], got[i][2]}; g != want[i] {
			t.Errorf("row %d = %q, want %q", i+5, g, want[i])
		}
	}
	if len(cases) != 23 || want[len(want)-1][2] != "相談事例（具体例）は集計表に含めていません（件数: 23件）" {
		t.Errorf("case note %q", want[len(want)-1][2])
	}
	// No case narrative reaches the workbook.
	parts := zipParts(t, data)
	for _, c := range cases {
		for _, fl := range c.Fields {
			for name, part := range parts {
				if len([]rune(fl.Value)) > 12 && strings.Contains(part, html.EscapeString(fl.Value)) {
					t.Fatalf("case record of %s (%s) is in the workbook (%s)", c.Ward, fl.Label, name)
				}
			}
		}
	}
}

func TestStatusSheet(t *testing.T) {
	res := sample(t)
	rs := rows(t, open(t, write(t, res)), summary.SheetStatus)
	if got := strings.Join(rs[3][:8], ","); got != "区,基本保健医療圏,状況,ファイル,SHA-256,エラー数,警告数,指摘" {
		t.Fatalf("header %q", got)
	}
	wards := rs[4:]
	if len(wards) != 24 {
		t.Fatalf("%d rows, want 24", len(wards))
	}
	for i, ws := range res.Submission.Wards {
		r := wards[i]
		want := []string{ws.Ward, ws.Block, "集計済", ws.Files[0].Name, ws.Files[0].SHA256, "0", "0", ""}
		if strings.Join(r[:8], "|") != strings.Join(want, "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i, r[:8], want)
		}
	}
}

func TestStatusSheetFindingsAndOthers(t *testing.T) {
	res := sample(t)
	ws := &res.Submission.Wards[1]
	ws.Status, ws.Errors, ws.Warnings = aggregate.StatusExcluded, 1, 1
	ws.Findings = []finding.Finding{
		{File: ws.Files[0].Name, Sheet: "区役所", Cell: "D12", Label: "推進会議開催状況", Severity: finding.Error, Code: finding.NotAChoice, Message: "選択肢にない回答です"},
		{File: ws.Files[0].Name, Sheet: "相談支援室", Cell: "D40", Severity: finding.Warning, Code: finding.GlyphMissing, Message: "前期より大きく増えています"},
	}
	res.Submission.Others = []aggregate.FileStatus{{
		FileInfo: aggregate.FileInfo{Name: "不明.xlsx", SHA256: "abc"},
		Findings: []finding.Finding{{File: "不明.xlsx", Severity: finding.Error, Code: finding.Missing, Message: "区名がありません"}},
	}}
	rs := rows(t, open(t, write(t, res)), summary.SheetStatus)
	r := rs[5]
	if r[2] != "エラーあり（集計から除外）" || r[5] != "1" || r[6] != "1" {
		t.Errorf("excluded ward row %q", r[:8])
	}
	// The cell holds the findings as every command prints them.
	want := ws.Findings[0].Line(false) + "\n" + ws.Findings[1].Line(false)
	if r[7] != want {
		t.Errorf("findings %q, want %q", r[7], want)
	}
	o := rs[4+24]
	if o[3] != "不明.xlsx" || o[5] != "1" || !strings.Contains(o[7], "区名がありません") {
		t.Errorf("other file row %q", o[:8])
	}
}

func TestChartsSheet(t *testing.T) {
	res := sample(t)
	data := write(t, res)
	f := open(t, data)
	var choice []*aggregate.Question
	for _, q := range res.Questions {
		if q.Type == schema.Choice || q.Type == schema.ChoiceGroup {
			choice = append(choice, q)
		}
	}
	parts := zipParts(t, data)
	var charts []string
	for name := range parts {
		if regexp.MustCompile(`^xl/charts/chart\d+\.xml$`).MatchString(name) {
			charts = append(charts, name)
		}
	}
	if len(charts) != len(choice) || len(choice) != 10 {
		t.Fatalf("%d charts, want one per choice question (%d)", len(charts), len(choice))
	}
	formula := regexp.MustCompile(`<f>([^<]*)</f>`)
	for i, q := range choice {
		x := parts[fmt.Sprintf("xl/charts/chart%d.xml", i+1)]
		for _, want := range []string{`<barDir val="bar"`, `<grouping val="stacked"`, `<max val="24"`, `<min val="0"`, `<majorUnit val="6"`, `<legendPos val="b"`} {
			if !strings.Contains(x, want) {
				t.Errorf("chart %d (%s): no %s", i+1, q.ID, want)
			}
		}
		// Every series points at cells holding the option's name, the row labels and
		// the counts.
		refs := formula.FindAllStringSubmatch(x, -1)
		if len(refs) != 3*len(q.Options) {
			t.Fatalf("chart %d (%s): %d references, want 3 per option", i+1, q.ID, len(refs))
		}
		for j, o := range q.Options {
			name := cells(t, f, html.UnescapeString(refs[3*j][1]))
			cats := cells(t, f, html.UnescapeString(refs[3*j+1][1]))
			vals := cells(t, f, html.UnescapeString(refs[3*j+2][1]))
			if len(name) != 1 || name[0] != o {
				t.Errorf("chart %s series %d name %q, want %q", q.ID, j, name, o)
			}
			for k, r := range q.Rows {
				if cats[k] != r.Label || vals[k] != itoa(r.Count(o)) {
					t.Errorf("chart %s %s %s: %q %q, want %q %d", q.ID, r.Key, o, cats[k], vals[k], r.Label, r.Count(o))
				}
			}
			// The same answer has the same colour in every chart.
			if o == "実施している" || o == "開催している" || o == "把握している" {
				ser := strings.Split(x, "<ser>")[1+j]
				if !strings.Contains(ser, `<a:srgbClr val="1F4E79"`) {
					t.Errorf("chart %s: %s is not dark blue", q.ID, o)
				}
			}
		}
	}
	// Charts sit one under another without overlapping.
	anchor := regexp.MustCompile(`<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>.*?<xdr:to><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff><xdr:row>(\d+)</xdr:row>`)
	var drawing string
	for name, x := range parts {
		if strings.HasPrefix(name, "xl/drawings/drawing") && strings.HasSuffix(name, ".xml") {
			drawing = x
		}
	}
	as := anchor.FindAllStringSubmatch(drawing, -1)
	if len(as) != len(choice) {
		t.Fatalf("%d chart anchors, want %d", len(as), len(choice))
	}
	prevEnd := -1
	for _, a := range as {
		from, _ := strconv.Atoi(a[2])
		to, _ := strconv.Atoi(a[4])
		if from <= prevEnd {
			t.Errorf("chart at row %d overlaps the one ending at row %d", from+1, prevEnd+1)
		}
		prevEnd = to
	}
}

// cells reads the values a chart reference like 'グラフ'!$M$7:$M$11 points at.
func cells(t *testing.T, f *excelize.File, ref string) []string {
	t.Helper()
	sheet, rng, ok := strings.Cut(ref, "!")
	if !ok {
		t.Fatalf("reference %q", ref)
	}
	sheet = strings.Trim(sheet, "'")
	from, to, _ := strings.Cut(strings.ReplaceAll(rng, "$", ""), ":")
	if to == "" {
		to = from
	}
	c1, r1, err := excelize.CellNameToCoordinates(from)
	if err != nil {
		t.Fatal(err)
	}
	c2, r2, err := excelize.CellNameToCoordinates(to)
	if err != nil || c1 != c2 {
		t.Fatalf("reference %q", ref)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		v, _ := f.GetCellValue(sheet, cellName(c1, r), excelize.Options{RawCellValue: true})
		out = append(out, v)
	}
	return out
}
