package html

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/charts"
	"github.com/osaka-city/zaitaku/render/browsertest"
	"github.com/osaka-city/zaitaku/schema/form/formtest"
)

// sample is the report of the 24 sample returns with the earlier periods attached, as
// charts' own tests build it. Each call builds a new report, so a test may change it.
func sample(t *testing.T) *charts.Report {
	t.Helper()
	return charts.Build(aggregatetest.Sample(t), charts.Options{DocLabel: "資料１"})
}

func render(t *testing.T, rep *charts.Report) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// chartBlocks counts the blocks drawn as charts.
func chartBlocks(rep *charts.Report) int {
	n := 0
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				if b.Stacked != nil || b.Counts != nil {
					n++
				}
			}
		}
	}
	return n
}

func find(rep *charts.Report, id string) charts.Block {
	for _, s := range rep.Sections {
		for _, it := range s.Items {
			for _, b := range it.Blocks {
				switch {
				case b.Stacked != nil && b.Stacked.ID == id, b.Counts != nil && b.Counts.ID == id,
					b.Texts != nil && b.Texts.ID == id, b.Periods != nil && b.Periods.ID == id:
					return b
				}
			}
		}
	}
	return charts.Block{}
}

func TestWriteSample(t *testing.T) {
	rep := sample(t)
	page := render(t, rep)
	// pub is a figure of 資料１ (testdata/shiryo1.tsv) as the page prints it.
	pub := func(period, question, key, option string) string {
		return charts.Thousands(aggregatetest.Published(t, period, question, key, option))
	}
	for _, want := range []string{
		"<!DOCTYPE html>", `<html lang="ja">`, `<meta charset="utf-8">`,
		"<title>令和６年度 上半期 区役所・相談支援室の取組について（資料１）</title>",
		`<div class="doc-label">資料１</div>`, `<p class="summary">回答 24／24区</p>`,
		// Sections, items and the table of contents linking them.
		`<h2>Ⅰ．区役所の取組</h2>`, `<h2>Ⅱ．相談支援室の取組</h2>`,
		`<h3>（ア）地域の医療・介護の資源の把握</h3>`, `<a href="#s2-3">（オ）在宅医療・介護連携に関する相談支援</a>`,
		// Count headings carry their totals as the PDF prints them; a 内訳 chart's heading
		// is bracketed. Earlier figures are shown.
		`（３）活動状況 ①連絡調整機関<span class="total">　（ ` + pub("2024H1", "u3", "", "") + ` 件 ）</span>`,
		`<h4>【 医療に関すること（内訳） 】<span class="total">（ `,
		`<p class="earlier">令和５年度 ` + pub("2023", "o1", "", "") + `件</p>`,
		`<p class="earlier">令和５年度上半期：開催している ` + pub("2023H1", "i1", "i1", "開催している") + `区、開催予定 ` + pub("2023H1", "i1", "i1", "開催予定") +
			`区、開催予定なし ` + pub("2023H1", "i1", "i1", "開催予定なし") + `区</p>`,
		`<p class="note">※未開催の区は下半期で開催予定</p>`,
		// The per-row earlier columns of ウ(1) stand beside its bars: 令和５年度上半期 from the
		// sample returns of that period (testdata/sample/movements.tsv: 10, 17, 19 as in 令和５年度),
		// 令和５年度 as published.
		`"name":"令和５年度上半期\n実施している／令和５年度\n実施している"`,
		`{"value":"10／` + pub("2023", "u1", "u1.1", "実施している") + `"},{"value":"17／` + pub("2023", "u1", "u1.2", "実施している") + `"},{"value":"19／` + pub("2023", "u1", "u1.3", "実施している") + `"}`,
		// Tables: the period table (令和５年度上半期's 44 from its sample returns, 2024H1's × 0.9),
		// free text, the status page and the appendix.
		`<th scope="row" class="indent">（再掲）地域ケア会議</th><td class="num">` + pub("2022", "o4", "o4.carekaigi", "") + `</td><td class="num">44</td><td class="num">` + pub("2023", "o4", "o4.carekaigi", "") +
			`</td><td class="num">` + pub("2024H1", "o4", "o4.carekaigi", "") + `</td>`,
		`<li class="pre">もしばなゲーム研究会</li>`,
		`<h2>提出状況</h2>`, `<h3>付表　区別の回答（1／3）</h3>`, `<abbr title="地域の医療・介護の資源の把握の取組状況 １．地域で把握可能な既存情報の整理">ア-1</abbr>`,
		// ECharts is inline, with its licence notice in the footer.
		`version="5.4.3"`, "The Apache Software Foundation",
		`<script>zaitakuDone();</script>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, `class="banner"`) || strings.Contains(page, "incomplete\"") {
		t.Error("a complete report shows the incomplete banner")
	}
	// Case records stay out unless the report was built with them.
	if strings.Contains(page, "入退院支援の場面") {
		t.Error("case records in a report built without IncludeCases")
	}
}

func TestNoExternalURL(t *testing.T) {
	page := render(t, sample(t))
	lower := strings.ToLower(page)
	for _, bad := range []string{
		`src="http`, `src='http`, `href="http`, `href='http`, `src="//`, `href="//`,
		"//cdn", "cdn.jsdelivr", "unpkg.com", "go-echarts.github.io", "go-echarts-assets",
		"<link", "@import", "url(http", "url(//",
	} {
		if i := strings.Index(lower, bad); i >= 0 {
			t.Errorf("page contains %q: …%s…", bad, page[max(0, i-80):min(len(page), i+80)])
		}
	}
	// Outside the inline library, every src or href attribute is a link within the page.
	rest := strings.Replace(page, echartsJS, "", 1)
	for _, m := range regexp.MustCompile(`(?i)\b(src|href)\s*=\s*["']?([^"'\s>]*)`).FindAllStringSubmatch(rest, -1) {
		if !strings.HasPrefix(m[2], "#") {
			t.Errorf("%s=%q is not a link within the page", m[1], m[2])
		}
	}
	// The browser is told to fetch nothing at all.
	if !strings.Contains(page, `content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"`) {
		t.Error("no Content-Security-Policy forbidding fetches")
	}
}

// TestInlineAssetsSafe guards the inline scripts and styles: a "</script" or "<!--" in
// them would end or hide the rest of the page.
func TestInlineAssetsSafe(t *testing.T) {
	for name, s := range map[string]string{"echarts.min.js": echartsJS, "page.js": pageJS, "page.css": pageCSS} {
		l := strings.ToLower(s)
		if strings.Contains(l, "</script") || strings.Contains(l, "<!--") || strings.Contains(l, "</style") {
			t.Errorf("%s cannot be written inline", name)
		}
	}
	if len(echartsJS) < 500_000 || !strings.Contains(echartsJS, `version="5.4.3"`) {
		t.Errorf("assets/echarts.min.js is not ECharts 5.4.3 (%d bytes)", len(echartsJS))
	}
}

func TestDeterministic(t *testing.T) {
	a, b := render(t, sample(t)), render(t, sample(t))
	if a != b {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Fatalf("two renderings differ at byte %d: %q vs %q", i, a[i:min(len(a), i+80)], b[i:min(len(b), i+80)])
	}
}

func TestChartContainers(t *testing.T) {
	rep := sample(t)
	page := render(t, rep)
	want := chartBlocks(rep)
	if want != 15 {
		t.Errorf("sample has %d chart blocks, want 10 stacked + 5 counts", want)
	}
	ids := regexp.MustCompile(`<div class="item" id="([A-Za-z0-9_]+)"`).FindAllStringSubmatch(page, -1)
	if len(ids) != want {
		t.Fatalf("%d chart containers, want %d", len(ids), want)
	}
	seen := map[string]bool{}
	for _, m := range ids {
		id := m[1]
		if seen[id] {
			t.Errorf("chart id %s twice", id)
		}
		seen[id] = true
		if strings.Count(page, `id="`+id+`"`) != 1 {
			t.Errorf("element id %s is not unique", id)
		}
		if !strings.Contains(page, "echarts.init(document.getElementById('"+id+"')") || !strings.Contains(page, "zaitakuChart(goecharts_"+id+");") {
			t.Errorf("chart %s is not initialised and registered", id)
		}
	}
	if !seen["q_i1_chart"] || !seen["q_o2med_chart"] {
		t.Errorf("chart ids not taken from the model ids: %v", seen)
	}
	if !strings.Contains(page, fmt.Sprintf(`data-charts-expected="%d"`, want)) {
		t.Error("the page does not announce how many charts it draws")
	}
	// Side-by-side 内訳 charts share a row.
	if !regexp.MustCompile(`<div class="pair">\s*<div class="block has-chart" id="q_o2med"[^>]*>(?s:.*?)<div class="block has-chart" id="q_o2care"`).MatchString(page) {
		t.Error("内訳 charts are not side by side")
	}
}

// chartScript returns the script of one chart.
func chartScript(t *testing.T, page, id string) string {
	t.Helper()
	start := strings.Index(page, "let goecharts_"+id+" ")
	if start < 0 {
		t.Fatalf("no chart %s", id)
	}
	end := strings.Index(page[start:], "</script>")
	return page[start : start+end]
}

func TestTooltipsNameWards(t *testing.T) {
	rep := sample(t)
	page := render(t, rep)

	// i1 開催している: the tooltip of the segment lists the 18 wards behind it.
	i1 := find(rep, "i1").Stacked
	wards := i1.Bars[0].Wards[0]
	if len(wards) != 18 || wards[0] != "北区" {
		t.Fatalf("i1 wards %q", wards)
	}
	tipJSON, _ := json.Marshal(tip{H: "推進会議開催状況", S: []string{"開催している　18区"}, W: wards})
	script := chartScript(t, page, "q_i1_chart")
	if !strings.Contains(script, `{"value":18,"tip":`+string(tipJSON)+`}`) {
		t.Errorf("i1 tooltip data %s not in\n%s", tipJSON, script)
	}
	if !strings.Contains(script, `"formatter":function (p) { return zaitakuTip(p); }`) {
		t.Error("i1 tooltip has no formatter")
	}
	// Zero segments get no label; the others are labelled with their count.
	u2 := chartScript(t, page, "q_u2_chart")
	if !strings.Contains(u2, `"label":{"show":true,"color":"#FFFFFF","fontSize":12,"backgroundColor":"#1F4E79","borderRadius":2,"position":"inside"}`) {
		t.Error("segments are not labelled")
	}

	// Count bars: the tooltip gives the total, the per-ward range and each ward's value.
	u3 := find(rep, "u3").Counts
	ci := chartScript(t, page, "q_u3_chart")
	first := u3.Bars[0]
	tj, _ := json.Marshal(tip{H: first.Label, S: []string{"865 件", "区ごとの範囲　" + first.Range}, W: first.Wards})
	if !strings.Contains(ci, string(tj)) || len(first.Wards) != 24 {
		t.Errorf("u3 tooltip %s not in the chart", tj)
	}
	// The 再掲 row is drawn lighter, hatched, and its label greyed.
	if !strings.Contains(ci, `"itemStyle":{"color":"#`+string(charts.RepeatColor)+`","decal":`) ||
		!strings.Contains(ci, `{"value":"（再掲：積極的役割を担う医療機関）","textStyle":{"color":"`+cssColor(charts.MutedColor)+`"}}`) {
		t.Error("再掲 bar not drawn as a part")
	}
	// The value axis is the model's: 0 to Max, a tick per step, the unit at the end.
	if !strings.Contains(ci, fmt.Sprintf(`"min":0,"max":%d,"interval":500,"name":"（件）"`, u3.Axis.Max)) {
		t.Errorf("u3 axis not the model's %+v", u3.Axis)
	}
}

func TestEscaping(t *testing.T) {
	rep := sample(t)
	ka2 := find(rep, "ka2").Texts
	ka2.Entries[0].Lines = append(ka2.Entries[0].Lines, "<script>alert(1)</script>")
	ka2.Entries[0].Ward = `北区"><img src=x onerror=alert(2)>`
	a1 := find(rep, "a1").Stacked
	a1.Bars[0].Label = "</script><script>alert(3)</script>"
	a1.Bars[0].Lines = []string{"</script><script>alert(3)</script>"}
	a1.Bars[0].Wards[0] = append(a1.Bars[0].Wards[0], "<img src=x onerror=alert(4)>")
	a1.Heading = "<b>見出し</b>"
	// go-echarts turns a string wrapped in __f__ into code; a label must stay text.
	a1.Bars[1].Lines = []string{"__f__alert(6)__f__"}
	rep.Title = "タイトル</title><script>alert(5)</script>"
	page := render(t, rep)

	for _, bad := range []string{"<script>alert(", "<img src=x", "<b>見出し", ":alert(6)"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;",
		"北区&#34;&gt;&lt;img src=x onerror=alert(2)&gt;",
		"&lt;b&gt;見出し&lt;/b&gt;",
		// Inside the chart script, "<" is written as \u003c: the label cannot end the script.
		`\u003c/script>\u003cscript>alert(3)\u003c/script>`,
		`"\u003cimg src=x onerror=alert(4)>"`,
		"{\"value\":\"_\u200b_f_\u200b_alert(6)_\u200b_f_\u200b_\"}",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks escaped %q", want)
		}
	}
	// Every <script> element is one of ours: library, page.js, one per chart, the final call.
	if n, want := strings.Count(page, "<script"), 3+chartBlocks(rep); n != want {
		t.Errorf("%d script elements, want %d", n, want)
	}
}

func TestIncomplete(t *testing.T) {
	rep := sample(t)
	rep.Complete = false
	rep.Summary = "回答 22／24区"
	rep.Notice = charts.IncompleteNotice(rep.Summary, rep.Complete)
	page := render(t, rep)
	for _, want := range []string{
		`<div class="banner" role="alert">集計途中の資料です（回答 22／24区）</div>`,
		`<p class="summary incomplete">回答 22／24区</p>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

func TestEmptyReport(t *testing.T) {
	page := render(t, &charts.Report{Title: "空", Complete: true})
	if !strings.Contains(page, `data-charts-expected="0"`) || strings.Contains(page, `id="charts-warning"`) {
		t.Error("a report without charts still expects some")
	}
}

// runChromium runs headless Chromium on a file with networking cut off: every host name
// resolves to nothing, so a page that needed anything from a network could not get it.
func runChromium(t *testing.T, bin, dir string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	profile, err := os.MkdirTemp(dir, "profile")
	if err != nil {
		t.Fatal(err)
	}
	base := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--no-default-browser-check", "--disable-extensions",
		"--user-data-dir=" + profile, "--host-resolver-rules=MAP * ~NOTFOUND",
		"--virtual-time-budget=5000",
	}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, tail(stderr.String(), 2000))
	}
	return stdout.Bytes()
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// pageRequests lists the network requests a page made, from a Chromium NetLog. The
// browser's own background requests carry the initiator "not an origin"; a page's carry
// its origin ("null" for a file).
func pageRequests(t *testing.T, netlog string) []string {
	t.Helper()
	data, err := os.ReadFile(netlog)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Events []struct {
			Params map[string]any `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("netlog: %v", err)
	}
	var out []string
	for _, e := range log.Events {
		url, _ := e.Params["url"].(string)
		init, ok := e.Params["initiator"].(string)
		if ok && init != "not an origin" && url != "" && !strings.HasPrefix(url, "file:") {
			out = append(out, init+" → "+url)
		}
	}
	return out
}

func TestHeadlessChromium(t *testing.T) {
	bin := browsertest.Chromium(t)
	rep := sample(t)
	want := chartBlocks(rep)
	dir := t.TempDir()
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, []byte(render(t, rep)), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file

	// The inline ECharts ran and drew every chart, with the network unreachable, and the
	// page asked the network for nothing.
	netlog := filepath.Join(dir, "net.json")
	dom := string(runChromium(t, bin, dir, "--log-net-log="+netlog, "--dump-dom", url))
	if got := regexp.MustCompile(`data-charts-rendered="(\d+)"`).FindStringSubmatch(dom); got == nil || got[1] != fmt.Sprint(want) {
		t.Errorf("charts rendered %v, want %d", got, want)
	}
	if !strings.Contains(dom, fmt.Sprintf(`<output id="charts-rendered">%d</output>`, want)) {
		t.Error("the hidden count is not set")
	}
	if !regexp.MustCompile(`<p id="charts-warning" class="warning" hidden="">`).MatchString(dom) {
		t.Error("the no-charts warning is still shown")
	}
	if n := strings.Count(dom, "<svg"); n < want {
		t.Errorf("%d SVG drawings for %d charts", n, want)
	}
	if reqs := pageRequests(t, netlog); len(reqs) > 0 {
		t.Errorf("the page made network requests: %q", reqs)
	}

	// The NetLog check itself sees a page's requests: a page that loads from a CDN fails it.
	control := filepath.Join(dir, "control.html")
	os.WriteFile(control, []byte(`<!DOCTYPE html><img src="https://cdn.example.org/x.png"><script src="http://cdn.example.org/e.js"></script>`), 0o644)
	controlLog := filepath.Join(dir, "control.json")
	runChromium(t, bin, dir, "--log-net-log="+controlLog, "--dump-dom", "file://"+control)
	if reqs := pageRequests(t, controlLog); len(reqs) != 2 {
		t.Errorf("netlog check found %q in a page loading two URLs", reqs)
	}

	// A laptop-sized screenshot shows more than a blank page: the first chart's bars are in
	// it, in the model's colours.
	shot := filepath.Join(dir, "shot.png")
	runChromium(t, bin, dir, "--screenshot="+shot, "--window-size=1366,900", url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 1366 || b.Dy() != 900 {
		t.Errorf("screenshot is %v", b)
	}
	var n, sum, sumSq float64
	bars := 0
	mr, mg, mb := charts.Color("5B9BD5").RGB() // 実施に向けて準備・調整中: used by charts only
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r8, g8, b8 := r>>8, g>>8, bl>>8
			l := 0.299*float64(r8) + 0.587*float64(g8) + 0.114*float64(b8)
			n++
			sum += l
			sumSq += l * l
			if near(r8, mr) && near(g8, mg) && near(b8, mb) {
				bars++
			}
		}
	}
	mean := sum / n
	variance := sumSq/n - mean*mean
	if variance < 100 {
		t.Errorf("screenshot looks blank: luminance variance %.1f", variance)
	}
	if bars < 1000 {
		t.Errorf("only %d pixels of bar colour in the screenshot: charts not drawn", bars)
	}
	if keep := os.Getenv("ZAITAKU_HTML_KEEP"); keep != "" {
		// To look at the page by eye: ZAITAKU_HTML_KEEP=/tmp/look go test -run Headless
		for _, name := range []string{"report.html", "shot.png"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				os.WriteFile(filepath.Join(keep, name), data, 0o644)
			}
		}
	}
}

func near(a uint32, b uint8) bool {
	d := int(a) - int(b)
	return d > -6 && d < 6
}

// The 集計ID given is in a meta tag and visible in the footer; none is drawn when none is
// given.
func TestAggregateID(t *testing.T) {
	rep := sample(t)
	if page := render(t, rep); strings.Contains(page, "集計ID") || strings.Contains(page, "zaitaku-aggregate-id") {
		t.Error("an ID drawn that was not given")
	}
	rep.AggregateID = "1a2b-3c4d"
	page := render(t, rep)
	if !strings.Contains(page, `<meta name="zaitaku-aggregate-id" content="1a2b-3c4d">`) {
		t.Error("no meta tag")
	}
	foot := page[strings.Index(page, "<footer>"):]
	if !strings.Contains(foot, `集計ID <span id="aggregate-id">1a2b-3c4d</span>`) {
		t.Error("no 集計ID in the footer")
	}
}

// markChartsJS puts a marker at the start of every chart block's heading and another
// under its chart, so that the printed PDF tells on which page each chart begins and ends.
const markChartsJS = `<style>.zz-mark{font-size:4px;line-height:1}%s</style><script>(function(){
var cs=document.querySelectorAll('.chart');
for(var i=0;i<cs.length;i++){
var h=cs[i].closest('.block').querySelector('h4');
var s=document.createElement('span');s.className='zz-mark';s.textContent='ZZS'+i+' ';h.insertBefore(s,h.firstChild);
var e=document.createElement('span');e.className='zz-mark';e.textContent='ZZE'+i;cs[i].appendChild(e);}
})();</script>
</body>`

var chartMark = regexp.MustCompile(`ZZ([SE])(\d+)`)

// printCharts prints page with the chart markers (and css added) in headless Chromium from
// a laptop-sized window and returns the printed page of each chart's start and end.
func printCharts(t *testing.T, bin, pdftotext, dir, name, page, css string) (start, end map[string]int) {
	t.Helper()
	i := strings.LastIndex(page, "</body>")
	if i < 0 {
		t.Fatal("no </body>")
	}
	file := filepath.Join(dir, name+".html")
	if err := os.WriteFile(file, []byte(page[:i]+fmt.Sprintf(markChartsJS, css)+page[i+len("</body>"):]), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, name+".pdf")
	runChromium(t, bin, dir, "--window-size=1366,768", "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+file)
	out, err := exec.Command(pdftotext, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	start, end = map[string]int{}, map[string]int{}
	for n, text := range strings.Split(string(out), "\f") {
		for _, m := range chartMark.FindAllStringSubmatch(text, -1) {
			if m[1] == "S" {
				start[m[2]] = n + 1
			} else {
				end[m[2]] = n + 1
			}
		}
	}
	return start, end
}

// TestPrintKeepsChartsWhole prints the report as a person does from a laptop's browser
// (A4 landscape, the page's own print style) and checks that every chart prints on one
// page together with its heading.
func TestPrintKeepsChartsWhole(t *testing.T) {
	bin := browsertest.Chromium(t)
	pdftotext := formtest.Tool(t, "poppler-utils", "pdftotext")
	rep := sample(t)
	want := chartBlocks(rep)
	page := render(t, rep)
	dir := t.TempDir()

	start, end := printCharts(t, bin, pdftotext, dir, "report", page, "")
	if len(start) != want || len(end) != want {
		t.Fatalf("found %d chart headings and %d chart ends in the PDF, want %d", len(start), len(end), want)
	}
	for i, p := range start {
		if end[i] != p {
			t.Errorf("chart %s: heading on page %d, bottom on page %d", i, p, end[i])
		}
	}

	// The check sees a cut chart: zoomed three times, the charts are taller than a page.
	start, end = printCharts(t, bin, pdftotext, dir, "control", page, ".block.has-chart .chart{zoom:3 !important}")
	cut := 0
	for i, p := range start {
		if end[i] != p {
			cut++
		}
	}
	if cut == 0 {
		t.Error("no cut chart found where every chart is taller than a page")
	}
}
