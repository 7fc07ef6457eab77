package browsertest

import (
	"os"
	"path/filepath"
	"testing"
)

func writePage(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "page.html")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Axe finds what a page breaks: an image without a text alternative and a skipped heading
// level are reported, a clean page gives nothing.
func TestAxe(t *testing.T) {
	bad := Open(t, writePage(t, `<!DOCTYPE html><html><head><title>x</title></head><body>
<main><h1>見出し</h1><h3>飛んだ見出し</h3><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>`), 800, 600)
	found := map[string]Violation{}
	for _, v := range bad.Axe(t) {
		found[v.ID] = v
	}
	for _, id := range []string{"image-alt", "html-has-lang", "heading-order"} {
		if _, ok := found[id]; !ok {
			t.Errorf("axe missed %s; found %v", id, found)
		}
	}
	if !found["image-alt"].Severe() {
		t.Errorf("image-alt is %q, not severe", found["image-alt"].Impact)
	}

	good := Open(t, writePage(t, `<!DOCTYPE html><html lang="ja"><head><title>x</title></head><body>
<main><h1>見出し</h1><h2>節</h2><p>本文</p></main></body></html>`), 800, 600)
	if vs := good.Axe(t); len(vs) > 0 {
		t.Errorf("a clean page has violations: %v", vs)
	}
}

// The page cannot reach any network: a fetch of an outside address fails.
func TestOffline(t *testing.T) {
	s := Open(t, writePage(t, `<!DOCTYPE html><html lang="ja"><title>x</title><p>x</p></html>`), 800, 600)
	var got struct {
		Online bool   `json:"online"`
		Fetch  string `json:"fetch"`
	}
	s.Eval(t, `fetch('http://example.org/').then(function () { return 'loaded'; }, function (e) { return 'failed: ' + e; })
	  .then(function (f) { return {online: navigator.onLine, fetch: f}; })`, &got)
	if got.Online || got.Fetch == "loaded" {
		t.Errorf("the page is online: %+v", got)
	}
}
