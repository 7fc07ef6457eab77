package checker

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"unicode"

	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
	"github.com/osaka-city/zaitaku/render/fonts"
	"github.com/osaka-city/zaitaku/schema"
	"github.com/osaka-city/zaitaku/schema/period"
)

func samplePage(t *testing.T) (Page, string) {
	t.Helper()
	p, err := period.Parse("2024H1")
	if err != nil {
		t.Fatal(err)
	}
	sc := schema.Default()
	pg := Page{
		Config: pagecheck.Config{Schema: string(schema.DefaultYAML()), SchemaSource: "default", Period: p,
			Glyphs:       pagecheck.Glyphs{Ranges: [][2]rune{{0, 0xFFFF}}, Substitute: '〓'},
			PreviousNote: "前回比: </script><script>alert(1)</script>"},
		Survey: sc.Title + "<b>", FormID: sc.FormID(), Units: sc.Units.Label, Period: p.Japanese(), Build: "v9.9.9",
	}
	var buf bytes.Buffer
	if err := Write(&buf, pg); err != nil {
		t.Fatal(err)
	}
	return pg, buf.String()
}

// The page carries the config as JSON the checker reads back unchanged, and says what it
// checks, in Japanese, with the statement that nothing leaves the PC.
func TestPageContent(t *testing.T) {
	pg, page := samplePage(t)
	const open = `<script type="application/json" id="zaitaku-config">`
	_, rest, _ := strings.Cut(page, open)
	raw, _, ok := strings.Cut(rest, "</script>")
	if !ok {
		t.Fatal("no config in the page")
	}
	var c pagecheck.Config
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		t.Fatal(err)
	}
	if c.Schema != pg.Config.Schema || c.Period != pg.Config.Period || c.PreviousNote != pg.Config.PreviousNote || len(c.Glyphs.Ranges) != 1 {
		t.Errorf("config not carried unchanged: period %v, note %q", c.Period, c.PreviousNote)
	}
	if _, err := pagecheck.Load(c); err != nil {
		t.Errorf("the page's schema does not load: %v", err)
	}
	for _, want := range []string{
		`<html lang="ja">`,
		"<title>回答票チェック（在宅医療・介護連携推進事業 取組状況調査&lt;b&gt;）</title>",
		"このページは回答票をこのパソコンの中だけで確認します。ファイルはどこにも送信されません。インターネットに接続していなくても使えます。",
		`<input type="file" id="file" accept=".xlsx,.xlsm"`, `<label for="file">`,
		"準備しています…", "令和６年度上半期", "zaitaku v9.9.9", "osaka-zaitaku-renkei/",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<h1"); n != 1 {
		t.Errorf("%d h1 elements", n)
	}
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("%d script elements, want 4 (config, wasm, wasm_exec.js, page.js)", n)
	}
}

// Nothing is fetched: no external URL in an attribute or style, and a CSP that forbids
// every fetch and allows only the inline scripts and the WebAssembly compile.
func TestNoExternalURL(t *testing.T) {
	_, page := samplePage(t)
	lower := strings.ToLower(page)
	for _, bad := range []string{`src="http`, `href="http`, `src="//`, `href="//`, "<link", "@import", "url(http", "url(//", "fetch(", "xmlhttprequest", "import("} {
		if i := strings.Index(lower, bad); i >= 0 {
			t.Errorf("page contains %q: …%s…", bad, page[max(0, i-80):min(len(page), i+80)])
		}
	}
	// Outside the inline scripts, the page has no src or href attribute at all.
	rest := strings.Replace(strings.Replace(page, wasmExecJS, "", 1), pageJS, "", 1)
	for _, m := range regexp.MustCompile(`(?i)\b(src|href)\s*=\s*["']?([^"'\s>]*)`).FindAllStringSubmatch(rest, -1) {
		t.Errorf("%s=%q in the page", m[1], m[2])
	}
	if !strings.Contains(page, `content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data:"`) {
		t.Error("no Content-Security-Policy forbidding fetches")
	}
}

// The inline scripts and style cannot end their element early.
func TestInlineAssetsSafe(t *testing.T) {
	for name, s := range map[string]string{"wasm_exec.js": wasmExecJS, "page.js": pageJS, "page.css": pageCSS} {
		l := strings.ToLower(s)
		if strings.Contains(l, "</script") || strings.Contains(l, "<!--") || strings.Contains(l, "</style") {
			t.Errorf("%s cannot be written inline", name)
		}
	}
	if !strings.Contains(wasmExecJS, "Copyright 2018 The Go Authors") || !strings.Contains(goLicence, "Copyright 2009 The Go Authors") {
		t.Error("wasm_exec.js or its licence missing")
	}
}

// checker.wasm.gz and wasm_exec.js are what `go generate ./render/checker` makes from the
// code: the test rebuilds them the same way (so the wasm build runs in CI) and compares.
func TestWasmUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the WebAssembly checker")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("go is not on PATH: the WebAssembly checker cannot be rebuilt")
		}
		t.Skip("go is not on PATH")
	}
	dir := t.TempDir()
	cmd := exec.Command(goBin, "run", "./internal/genwasm", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./internal/genwasm: %v\n%s", err, out)
	}
	for _, name := range []string{"checker.wasm.gz", "wasm_exec.js"} {
		built, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(built, committed) {
			t.Errorf("render/checker/%s is not what the code builds (%d bytes built, %d committed): run `go generate ./render/checker` and commit it%s",
				name, len(built), len(committed), toolchainNote(committed, built))
		}
	}
}

// toolchainNote names a different Go version behind the committed wasm (its gzip comment).
func toolchainNote(committed, built []byte) string {
	comment := func(b []byte) string {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return ""
		}
		return zr.Comment
	}
	was, now := comment(committed), comment(built)
	if was != "" && now != "" && was != now {
		return " — the committed file was built with " + was + ", this toolchain is " + now + " (" + runtime.Version() + " runs the test); build with " + was + " or regenerate"
	}
	return ""
}

// The ranges the page carries give fonts.CanDraw's answer for every character, also after
// the JSON round trip to the page: the page warns about exactly the glyphs validate does.
func TestCoverageIsTheFont(t *testing.T) {
	g := pagecheck.Coverage(fonts.CanDraw, fonts.Substitute)
	data, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back pagecheck.Glyphs
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	wrong := 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if back.CanDraw(r) != fonts.CanDraw(r) {
			if wrong++; wrong < 10 {
				t.Errorf("U+%04X: page %v, font %v", r, back.CanDraw(r), fonts.CanDraw(r))
			}
		}
	}
	if back.Substitute != '〓' || !back.CanDraw('区') || back.CanDraw('𠮷') {
		t.Errorf("substitute %q, 区 %v, 𠮷 %v", back.Substitute, back.CanDraw('区'), back.CanDraw('𠮷'))
	}
	t.Logf("%d ranges, %d bytes of JSON", len(back.Ranges), len(data))
}
