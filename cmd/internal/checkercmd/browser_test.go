package checkercmd_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/osaka-city/zaitaku/aggregate/aggregatetest"
	"github.com/osaka-city/zaitaku/cmd/internal/cli"
	"github.com/osaka-city/zaitaku/render/browsertest"
	"github.com/osaka-city/zaitaku/render/checker/pagecheck"
)

// launchOffline starts headless Chromium offline (browsertest.Start: no sandbox, every host
// name resolves to nothing, the tab emulated offline), so a page that needed anything from
// a network could not get it. Downloads go to downloads. The context given has a deadline
// for the whole test.
func launchOffline(t *testing.T, downloads string) (*browsertest.Session, context.Context) {
	t.Helper()
	s := browsertest.Start(t, 1280, 1000)
	ctx, cancel := context.WithTimeout(s.Context(), 4*time.Minute)
	t.Cleanup(cancel)
	yes := true
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads, EventsEnabled: &yes,
	}); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return s, ctx
}

// noViolations fails the test for every rule of axe-core (WCAG 2.0/2.1 A and AA, headings
// and landmarks) the page in its present state breaks, of any severity.
func noViolations(t *testing.T, s *browsertest.Session, state string) {
	t.Helper()
	for _, v := range s.Axe(t) {
		t.Errorf("%s: %s", state, v)
	}
}

// openPage opens the page from file:// and waits until its checker is ready; it gives how
// long that took as the page measured it.
func openPage(t *testing.T, ctx context.Context, page string) float64 {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(browsertest.FileURL(page)),
		chromedp.Poll[chromedp.Void](`window.zaitakuState === "ready" || window.zaitakuState === "failed"`)); err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	state, err := chromedp.Run(ctx, chromedp.Evaluate[string](`window.zaitakuState + ": " + document.getElementById("status").textContent`))
	if err != nil || state != "ready: 準備ができました。回答票を選んでください。" {
		t.Fatalf("page not ready: %q %v", state, err)
	}
	ms, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.zaitakuReadyMs`))
	return ms
}

// pick chooses files with the page's file input, waits for the check and gives the result
// with the text the page shows (the 前回比 note, each file's <pre>, the verdict) and how
// long the check took.
func pick(t *testing.T, ctx context.Context, files ...string) (pagecheck.Result, string, float64) {
	t.Helper()
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.zaitakuRuns || 0`))
	err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), files),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.zaitakuRuns === %d || document.querySelector(".fatal")`, before+1)))
	if err != nil {
		t.Fatalf("checking %v: %v", names(files), err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[pagecheck.Result](`window.zaitakuLast.result`))
	if err != nil {
		fatal, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#results")))
		t.Fatalf("no result for %v: %v %s", names(files), err, fatal)
	}
	shown, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const n = document.getElementById("note"), v = document.getElementById("verdict");
		return (n ? n.textContent + "\n" : "") +
			Array.from(document.querySelectorAll("#run pre.cli"), p => p.textContent).join("") +
			(v ? "\n" + v.textContent + "\n" : "");
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.zaitakuLast.ms`))
	return res, shown, ms
}

// The page opened from file:// in headless Chromium with the network cut shows for a clean
// sample return, a broken one, a file that is not a return and several at once exactly the
// findings validate prints (text, JSON byte for byte, exit code), and saves the same marked
// copy as validate --annotate. The 月報 page does the same for a 月報 return.
func TestPageInChromium(t *testing.T) {
	downloads := t.TempDir()
	s, ctx := launchOffline(t, downloads)
	page := writePage(t)
	st, _ := os.Stat(page)
	readyMs := openPage(t, ctx, page)
	t.Logf("page %d bytes; ready in %.0f ms", st.Size(), readyMs)
	noViolations(t, s, "the page before a check")

	bad := repo("testdata", "bad")
	t.Chdir(bad)
	for _, files := range [][]string{
		{repo("testdata", "returns", "北区.xlsx")},
		{filepath.Join(bad, "件数に単位.xlsx")},
		{filepath.Join(bad, "old-format.xls")},
		{repo("testdata", "returns", "北区.xlsx"), filepath.Join(bad, "件数に単位.xlsx"), filepath.Join(bad, "old-format.xls")},
	} {
		res, shown, ms := pick(t, ctx, files...)
		t.Logf("%v checked in %.0f ms", names(files), ms)
		// validate is given the files by name from one folder, as the page sees them.
		local := copyTo(t, t.TempDir(), files...)
		t.Chdir(filepath.Dir(local[0]))
		sameAsValidate(t, res, nil, names(local)...)
		if shown != res.Text {
			t.Errorf("%v: the page shows\n%s\nnot\n%s", names(files), shown, res.Text)
		}
	}
	noViolations(t, s, "the page with the results of three files")

	// The marked copy of 件数に単位.xlsx, saved with the button, is validate --annotate's.
	res, _, _ := pick(t, ctx, filepath.Join(bad, "件数に単位.xlsx"))
	if res.Code != cli.ExitFindings || len(res.Files) != 1 || res.Files[0].AnnotatedName != "件数に単位_確認結果.xlsx" {
		t.Fatalf("件数に単位.xlsx: exit %d, %+v", res.Code, res.Files)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button.save"))); err != nil {
		t.Fatal(err)
	}
	saved := waitFile(t, filepath.Join(downloads, "件数に単位_確認結果.xlsx"))
	keepScreenshot(t, ctx, "checker-件数に単位.png")
	annotated := t.TempDir()
	t.Chdir(bad)
	if out, code := zaitaku("validate", "--annotate", annotated, "件数に単位.xlsx"); code != cli.ExitFindings {
		t.Fatalf("validate --annotate: exit %d\n%s", code, out)
	}
	want, err := os.ReadFile(filepath.Join(annotated, "件数に単位.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(saved, want) {
		t.Errorf("the saved copy (%d bytes) is not validate --annotate's (%d bytes)", len(saved), len(want))
	}

	// Dropped on the page rather than picked: the same result as picking.
	dropped := drop(t, ctx, filepath.Join(bad, "件数に単位.xlsx"))
	if dropped.JSON != res.JSON || dropped.Text != res.Text {
		t.Errorf("dropping gives\n%s\nnot as picking\n%s", dropped.Text, res.Text)
	}

	// A page whose check cannot start says so in Japanese instead of staying blank: an
	// altered config, and a CSP without 'wasm-unsafe-eval' (Chromium needs it to compile).
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for name, broken := range map[string][]byte{
		"config": bytes.Replace(html, []byte(`id="zaitaku-config">{"schema":`), []byte(`id="zaitaku-config">{"schema":1,"x":`), 1),
		"csp":    bytes.Replace(html, []byte(` 'wasm-unsafe-eval'`), nil, 1),
	} {
		if bytes.Equal(broken, html) {
			t.Fatalf("%s: nothing replaced", name)
		}
		path := filepath.Join(t.TempDir(), name+".html")
		if err := os.WriteFile(path, broken, 0o644); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, chromedp.Navigate(browsertest.FileURL(path)),
			chromedp.Poll[chromedp.Void](`window.zaitakuState === "failed" || window.zaitakuState === "ready"`))
		status, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#status[role="alert"]') ? document.getElementById("status").textContent : "no alert"`))
		if err != nil || !strings.HasPrefix(status, "確認の準備ができませんでした。") {
			t.Errorf("%s: %q %v", name, status, err)
		}
	}

	// The 前回比 check carried in the page: the previous answers of the sample.
	prev := aggregatetest.PreviousSample(t, t.TempDir())
	openPage(t, ctx, writePage(t, "--previous", prev))
	t.Chdir(repo("testdata", "returns"))
	wards := []string{"北区.xlsx", "都島区.xlsx", "福島区.xlsx", "此花区.xlsx", "中央区.xlsx"}
	var paths []string
	for _, w := range wards {
		paths = append(paths, repo("testdata", "returns", w))
	}
	res, shown, _ := pick(t, ctx, paths...)
	sameAsValidate(t, res, []string{"--previous", prev}, wards...)
	if shown != res.Text || !strings.Contains(res.JSON, `"change-`) {
		t.Errorf("前回比: the page shows\n%s\nfor\n%s", shown, res.Text)
	}
	keepScreenshot(t, ctx, "checker-前回比.png")

	// The 月報 page with a 月報 return.
	dir := t.TempDir()
	yaml := filepath.Join(dir, "getsuho.yaml")
	out, code := zaitaku("schema", "example", "月報")
	if code != cli.ExitOK || os.WriteFile(yaml, []byte(out), 0o644) != nil {
		t.Fatalf("schema example: %d", code)
	}
	openPage(t, ctx, writePage(t, "--schema", yaml))
	t.Chdir(repo("testdata", "getsuho", "returns"))
	res, shown, _ = pick(t, ctx, repo("testdata", "getsuho", "returns", "中央区.xlsx"))
	sameAsValidate(t, res, []string{"--schema", yaml}, "中央区.xlsx")
	if shown != res.Text {
		t.Errorf("月報: the page shows\n%s\nnot\n%s", shown, res.Text)
	}
}

// drop drops a file on the page's drop zone as a drag from Explorer would (a drop event
// with the file in its DataTransfer) and gives the result.
func drop(t *testing.T, ctx context.Context, path string) pagecheck.Result {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`window.zaitakuRuns || 0`))
	js := fmt.Sprintf(`(() => {
		const bin = atob(%q), b = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
		const dt = new DataTransfer();
		dt.items.add(new File([b], %q));
		document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		return true;
	})()`, base64.StdEncoding.EncodeToString(data), filepath.Base(path))
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](js)(ctx, tg)
		return err
	}), chromedp.Poll[chromedp.Void](fmt.Sprintf(`window.zaitakuRuns === %d`, before+1))); err != nil {
		t.Fatalf("dropping %s: %v", filepath.Base(path), err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[pagecheck.Result](`window.zaitakuLast.result`))
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// copyTo copies files into dir and gives their new paths.
func copyTo(t *testing.T, dir string, files ...string) []string {
	t.Helper()
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.Base(f))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

// waitFile waits for a download to be complete and reads it.
func waitFile(t *testing.T, path string) []byte {
	t.Helper()
	for range 200 {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return data
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s was not downloaded", filepath.Base(path))
	return nil
}

// keepScreenshot saves the whole page as name in $ZAITAKU_CHECKER_KEEP, when set, to look at.
func keepScreenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("ZAITAKU_CHECKER_KEEP")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
