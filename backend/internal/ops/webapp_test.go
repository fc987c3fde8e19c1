package ops

import (
	"path"
	"regexp"
	"sort"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// staticImport matches a module's static imports (`import … from './x.js'`); dynamic import()
// calls are loaded later and are not part of the first load.
var staticImport = regexp.MustCompile(`(?m)^import\s[^'"]*['"](\./[^'"]+|\.\./[^'"]+)['"]`)

// firstLoad is every file a citizen's phone fetches to show the first screen: the shell, its
// stylesheet, main.js with everything it imports statically, and the home screen's module.
func firstLoad(t *testing.T) []string {
	staticOnce.Do(loadStatic)
	seen := map[string]bool{"index.html": true, "app.css": true}
	var walk func(name string)
	walk = func(name string) {
		if seen[name] {
			return
		}
		sf, ok := staticFiles[name]
		if !ok {
			t.Fatalf("%s is imported but not in the binary", name)
		}
		seen[name] = true
		for _, m := range staticImport.FindAllStringSubmatch(string(sf.body), -1) {
			walk(path.Clean(path.Join(path.Dir(name), m[1])))
		}
	}
	walk("main.js")
	walk("screens/home.js")
	var out []string
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// The citizen's first screen loads under 60 KB of JS and CSS as sent (brotli) — a cheap phone on
// 3G (issue 12); the figure is written in docs/webapp.md.
func TestWebAppFirstLoadBudget(t *testing.T) {
	total, plain := 0, 0
	for _, name := range firstLoad(t) {
		sf := staticFiles[name]
		n := len(sf.body)
		if b, ok := sf.encoded[httpx.EncodingBrotli]; ok {
			n = len(b)
		}
		t.Logf("%-20s %6d bytes, %6d sent as br", name, len(sf.body), n)
		if name != "index.html" {
			total += n
			plain += len(sf.body)
		}
	}
	t.Logf("first load: %d bytes of JS+CSS, %d sent as br", plain, total)
	if total > 60*1024 {
		t.Fatalf("first load is %d bytes of JS+CSS compressed, over the 60 KB budget", total)
	}
}

// Every module the app can load (static or dynamic import) is in the binary, so no screen fails
// with a 404 on a phone.
func TestWebAppModulesResolve(t *testing.T) {
	staticOnce.Do(loadStatic)
	// Only .js paths: JSDoc's import('../types/api') names a type, not a module.
	any := regexp.MustCompile(`(?:from\s+|import\()\s*['"](\.{1,2}/[^'"]+\.js)['"]`)
	for name, sf := range staticFiles {
		if path.Ext(name) != ".js" || name == "sw.js" {
			continue
		}
		for _, m := range any.FindAllStringSubmatch(string(sf.body), -1) {
			if _, ok := staticFiles[path.Clean(path.Join(path.Dir(name), m[1]))]; !ok {
				t.Errorf("%s imports %s, which is not in the binary", name, m[1])
			}
		}
	}
}
