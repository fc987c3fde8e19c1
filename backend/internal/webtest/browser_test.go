package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func chromium(t *testing.T) string {
	if testing.Short() {
		t.Skip("browser tests run in make test, not make quick (-short)")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium on a CI machine: .ci/run installs Debian's chromium")
	}
	t.Skip("no Chromium here (apt-get install chromium)")
	return ""
}

// browser starts a headless Chromium at phone size with the flags this closed network needs.
func browser(t *testing.T) context.Context { return browserWith(t) }

// browserWith is browser with extra flags for one test (e.g. a fake camera fed from a file).
func browserWith(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(390, 844),
	)
	opts = append(opts, extra...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 120*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Run(ctx, phone()); err != nil {
		t.Fatal(err)
	}
	return ctx
}

func phone() chromedp.Action {
	return chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch)
}

func repoRoot() string {
	dir, _ := os.Getwd()
	for ; dir != "/" && !exists(filepath.Join(dir, "go.mod")); dir = filepath.Dir(dir) {
	}
	return dir
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// look audits the screen now shown with axe-core and photographs it at phone and desktop size.
func look(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	audit(t, ctx, name)
	out := filepath.Join(repoRoot(), "test-artifacts", "web")
	_ = os.MkdirAll(out, 0o755)
	// A full-page photo would show the sticky header and the fixed menu where the capture
	// scrolled to; for the photo they sit in the page's flow (CSSOM, allowed by the CSP).
	pin := func(pos string) chromedp.Action {
		return chromedp.Evaluate(`for (const el of document.querySelectorAll('.top, .menu')) el.style.position = '`+pos+`'`, nil)
	}
	if err := chromedp.Run(ctx, pin("static")); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = chromedp.Run(ctx, pin("")) }()
	for _, size := range []struct {
		suffix string
		w, h   int64
		mobile bool
	}{{"390x844", 390, 844, true}, {"1280x800", 1280, 800, false}} {
		var png []byte
		err := chromedp.Run(ctx,
			chromedp.ActionFunc(func(ctx context.Context) error {
				return emulation.SetDeviceMetricsOverride(size.w, size.h, 1, size.mobile).Do(ctx)
			}),
			chromedp.Sleep(150*time.Millisecond),
			chromedp.FullScreenshot(&png, 100),
		)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name+"-"+size.suffix+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Run(ctx, phone()); err != nil {
		t.Fatal(err)
	}
}

var axeSource string

// audit runs axe-core in the page and fails on any serious or critical violation.
func audit(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if axeSource == "" {
		b, err := os.ReadFile(filepath.Join(repoRoot(), "mobile-bridge", "webapp", "node_modules", "axe-core", "axe.min.js"))
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("axe-core missing (mobile-bridge/webapp/check.sh installs it): %v", err)
			}
			t.Logf("axe-core not installed (run mobile-bridge/webapp/check.sh): %s not audited", name)
			return
		}
		axeSource = string(b)
	}
	var found []string
	err := chromedp.Run(ctx,
		chromedp.Evaluate(axeSource, nil),
		chromedp.Evaluate(`axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
			.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`, &found,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatalf("axe on %s: %v", name, err)
	}
	axeLog(name, len(found))
	if len(found) > 0 {
		t.Errorf("axe on %s: %d serious/critical violations:\n%s", name, len(found), strings.Join(found, "\n"))
	}
}

// axeLog appends each audited screen and its count to test-artifacts/web/axe.txt.
func axeLog(name string, n int) {
	out := filepath.Join(repoRoot(), "test-artifacts", "web")
	_ = os.MkdirAll(out, 0o755)
	f, err := os.OpenFile(filepath.Join(out, "axe.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err == nil {
		fmt.Fprintf(f, "%s\t%d serious/critical\n", name, n)
		f.Close()
	}
}

// login signs in through the login screen and waits for the next screen.
func login(ctx context.Context, base string, u testkit.User) error {
	return chromedp.Run(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible("#phone", chromedp.ByID),
		chromedp.SendKeys("#phone", u.Phone, chromedp.ByID),
		chromedp.SendKeys("#password", u.Password, chromedp.ByID),
		chromedp.Click(`#login-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitNotPresent("#login-form", chromedp.ByID),
		chromedp.WaitVisible("#screen-title", chromedp.ByID),
	)
}

// offline switches the page's network off or on (DevTools emulation; navigator.onLine follows).
func offline(on bool) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := network.Enable().Do(ctx); err != nil {
			return err
		}
		//nolint:staticcheck // the replacement (emulateNetworkConditionsByRule) is not in this Chromium yet
		return network.EmulateNetworkConditions(on, 0, -1, -1).Do(ctx)
	})
}

// text reads an element's text.
func text(ctx context.Context, sel string) string {
	var s string
	_ = chromedp.Run(ctx, chromedp.Text(sel, &s, chromedp.ByQuery))
	return s
}

// run runs a step with its own time limit; on failure it says where the page was and what it
// showed, and keeps a screenshot (test-artifacts/web/FAILED-step.png).
func run(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action) {
	t.Helper()
	sctx, cancel := context.WithTimeout(ctx, 25*time.Second)
	defer cancel()
	if err := chromedp.Run(sctx, actions...); err != nil {
		var where, shown string
		var png []byte
		_ = chromedp.Run(ctx, chromedp.Evaluate(`location.href`, &where), chromedp.Evaluate(`document.getElementById('main').innerText`, &shown), chromedp.FullScreenshot(&png, 100))
		out := filepath.Join(repoRoot(), "test-artifacts", "web")
		_ = os.MkdirAll(out, 0o755)
		_ = os.WriteFile(filepath.Join(out, "FAILED-"+step+".png"), png, 0o644)
		t.Fatalf("%s: %v\nat %s showing:\n%s", step, err, where, shown)
	}
}
