package trendcmd

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	rhtml "github.com/osaka-city/zaitaku/render/html"
)

var (
	rowRE  = regexp.MustCompile(`<tr><th scope="row">(.*?)</th>(.*?)</tr>`)
	cellRE = regexp.MustCompile(`<td[^>]*>(.*?)</td>`)
	// fetchRE finds what a browser would load: a src or href with a URL.
	fetchRE = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)
)

// htmlRows runs the HTML form and returns its table rows: the name, then the cells.
func htmlRows(t *testing.T, page string) [][]string {
	t.Helper()
	var out [][]string
	for _, m := range rowRE.FindAllStringSubmatch(page, -1) {
		r := []string{html.UnescapeString(m[1])}
		for _, c := range cellRE.FindAllStringSubmatch(m[2], -1) {
			r = append(r, html.UnescapeString(c[1]))
		}
		out = append(out, r)
	}
	return out
}

// textRows reads the text form's rows of a name and four periods.
func textRows(text string) [][]string {
	var out [][]string
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) == 5 {
			out = append(out, f)
		}
	}
	return out
}

// The page of a choice row and of a count: ECharts inline exactly once, nothing fetched,
// lang="ja", the heading and period span, an accessible table whose cells are the text
// format's, and a chart of the right kind whose missing periods are null, never 0.
func TestHTMLPage(t *testing.T) {
	lib := rhtml.ECharts()
	if len(lib) < 500_000 {
		t.Fatalf("ECharts() is %d bytes", len(lib))
	}
	for _, tc := range []struct {
		id    string
		want  []string
		rows  int
		chart string
	}{
		{"a1.5", []string{"（a1.5）", "全体（区の数）", "区ごと", `"type":"bar"`, `"stack":"total"`, `"name":"実施している"`, `"data":[null,10,10,10]`,
			`"aria":{"decal":{"show":true},"enabled":true,"label":{"description":"期間ごとに、各選択肢を選んだ区の数（積み上げ棒）。`}, 3 + 24, "bar"},
		{"u3", []string{"（u3）", "単位: 件", `"type":"line"`, `"data":[null,6106,13568,6784]`, "13,568",
			`"aria":{"decal":{"show":false},"enabled":true,"label":{"description":"期間ごとの全体の合計（折れ線）。`}, 1 + 24, "line"},
	} {
		page, code := run(golden, tc.id, "--format", "html")
		if code != 0 {
			t.Fatalf("%s: exit %d\n%.500s", tc.id, code, page)
		}
		if n := strings.Count(page, lib); n != 1 {
			t.Errorf("%s: ECharts inline %d times", tc.id, n)
		}
		rest := strings.Replace(page, lib, "", 1)
		if m := fetchRE.FindString(rest); m != "" {
			t.Errorf("%s: the page fetches %q", tc.id, m)
		}
		for _, want := range append(tc.want, `<html lang="ja">`, "令和４年度〜令和６年度上半期", "<caption>", `<th scope="col">令和５年度上半期</th>`, `<th scope="rowgroup"`) {
			if !strings.Contains(rest, want) {
				t.Errorf("%s: page lacks %q", tc.id, want)
			}
		}
		text, _ := run(golden, tc.id)
		got, want := htmlRows(t, page), textRows(text)
		if len(got) != tc.rows || len(want) != tc.rows {
			t.Fatalf("%s: %d rows in the page, %d in the text, want %d", tc.id, len(got), len(want), tc.rows)
		}
		for i := range got {
			if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("%s row %d: page %v, text %v", tc.id, i, got[i], want[i])
			}
		}
		if got[len(got)-1][0] != "西成区" || got[len(got)-1][1] != none {
			t.Errorf("%s: last row %v, want 西成区 with 「―」 in 令和４年度", tc.id, got[len(got)-1])
		}
	}
}

// -o writes the page atomically to the file and says so; stdout gets nothing of the page.
func TestHTMLOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "推移.html")
	out, code := run(golden, "u3", "--format", "html", "-o", path)
	data, err := os.ReadFile(path)
	if code != 0 || err != nil || !strings.HasPrefix(string(data), "<!DOCTYPE html>") || !strings.Contains(out, path) || strings.Contains(out, "<html") {
		t.Fatalf("exit %d, %v\n%.300s", code, err, out)
	}
}
