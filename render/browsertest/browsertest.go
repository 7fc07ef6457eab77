// Package browsertest runs the project's HTML pages in Debian's headless Chromium for tests:
// it finds the browser, opens a page from a file with the network cut off, and checks the
// page with axe-core, the accessibility checker. The pages are read on office PCs with
// no network and by people using screen readers, so the tests open them the same way.
//
// Chromium is driven through its DevTools protocol with chromedp, a maintained client, so
// that the tests do not carry a hand-written protocol client of their own.
//
// A missing browser or axe-core skips the test on a developer's machine and fails it
// under CI (CI=true), where .ci/run installs both.
package browsertest

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// underCI tells whether a missing tool must fail the test rather than skip it.
func underCI() bool { return os.Getenv("CI") == "true" }

// Chromium returns the path of the chromium executable (Debian's package). Without it the
// test is skipped, or fails under CI.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if underCI() {
		t.Fatal("chromium not installed (apt-get install chromium)")
	}
	t.Skip("chromium not installed (apt-get install chromium)")
	return ""
}

// Session is one headless Chromium tab showing a page. It ends with the test.
type Session struct {
	ctx context.Context
}

// Open starts headless Chromium (Start) and opens the file at path (Navigate) in a window
// width×height CSS pixels.
func Open(t testing.TB, path string, width, height int) *Session {
	t.Helper()
	s := Start(t, width, height)
	s.Navigate(t, path)
	return s
}

// Start starts headless Chromium with no page yet: no sandbox, every host name
// unresolvable, the network emulated offline, a window width×height CSS pixels. The
// browser is closed when the test ends.
func Start(t testing.TB, width, height int) *Session {
	t.Helper()
	bin := Chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	s := &Session{ctx: ctx}
	// The first Run starts the browser and must not have a deadline (it would end the
	// browser); the steps after it have one each.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	s.call(t, "offline", func(c context.Context) error {
		_, err := chromedp.Call(c, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
		})
		if err != nil {
			return err
		}
		_, err = chromedp.Call(c, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	})
	return s
}

// Navigate opens the file at path as a file:// page and waits for its load event.
func (s *Session) Navigate(t testing.TB, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	s.call(t, "open "+abs, func(c context.Context) error {
		return chromedp.Do(c, chromedp.Navigate(FileURL(abs)))
	})
}

// FileURL is the file:// URL of an absolute path, escaped (Japanese names, spaces), for
// tests that navigate through chromedp themselves.
func FileURL(abs string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// Context is the chromedp context of the tab, for steps this package does not offer.
func (s *Session) Context() context.Context { return s.ctx }

// call runs f with a deadline and fails the test on error.
func (s *Session) call(t testing.TB, what string, f func(context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 2*time.Minute)
	defer cancel()
	if err := f(ctx); err != nil {
		t.Fatalf("chromium: %s: %v", what, err)
	}
}

// Eval evaluates the JavaScript expression in the page, waits for it if it is a promise,
// and decodes its JSON value into out (which may be nil).
func (s *Session) Eval(t testing.TB, expr string, out any) {
	t.Helper()
	s.call(t, "evaluate", func(c context.Context) error {
		raw, err := chromedp.Run(c, chromedp.Evaluate[[]byte](expr, chromedp.EvalAwaitPromise))
		if err != nil || out == nil {
			return err
		}
		return json.Unmarshal(raw, out)
	})
}

// Wait waits until the JavaScript expression is truthy in the page, such as a flag the
// page sets when its charts are drawn.
func (s *Session) Wait(t testing.TB, expr string) {
	t.Helper()
	s.call(t, "wait for "+expr, func(c context.Context) error {
		_, err := chromedp.Run(c, chromedp.Poll[chromedp.Void](expr))
		return err
	})
}

// Keys types keys into the page as a keyboard does, one key at a time: "\t" is Tab, "\r"
// Enter (chromedp/kb), for tests that a page can be used without a mouse.
func (s *Session) Keys(t testing.TB, keys string) {
	t.Helper()
	s.call(t, "keys", func(c context.Context) error {
		return chromedp.Do(c, chromedp.KeyEvent(keys))
	})
}
