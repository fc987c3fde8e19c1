package app_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A refused login and a refused carrier callback carry their challenges too (RFC 9110 §15.5.2:
// every 401 has WWW-Authenticate); anonymous callers and bad tokens are checked for every
// operation in TestEveryPrivateOperationRefusesAnonymousAndWrongRoles.
func TestEvery401HasAChallenge(t *testing.T) {
	e := testkit.New(t)
	res := e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/auth/login",
		Body: map[string]any{"phone": "0912345678", "password": "wrong-password-1"}})
	if got := res.Header.Get("WWW-Authenticate"); got != `Bearer realm="motcua"` {
		t.Errorf("login 401: WWW-Authenticate = %q", got)
	}
	res = e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/webhooks/postal",
		Body:   map[string]any{"event_id": "e1", "tracking_number": "X", "status": "delivered", "occurred_at": "2026-01-01T00:00:00Z"},
		Header: map[string]string{"X-Carrier": "local", "X-Timestamp": "1", "X-Signature": "sha256=00"}})
	if got := res.Header.Get("WWW-Authenticate"); !strings.HasPrefix(got, "HMAC-SHA256 ") {
		t.Errorf("webhook 401: WWW-Authenticate = %q", got)
	}
}

// A 405 names the methods the path has, from the gate (API paths) and from Fiber (the others).
func TestMethodNotAllowedListsAllow(t *testing.T) {
	e := testkit.New(t)
	for path, want := range map[string]string{
		"/v1/me":                 "GET, HEAD, PATCH",
		"/v1/auth/login":         "POST",
		"/openapi.yaml":          "GET, HEAD",
		"/sw.js":                 "GET, HEAD",
		"/v1/sessions/" + zeroID: "GET, HEAD, PATCH",
	} {
		res := e.Expect(http.StatusMethodNotAllowed, testkit.Req{Method: "PUT", Path: path, Body: map[string]any{}})
		if got := res.Header.Get("Allow"); got != want {
			t.Errorf("PUT %s: Allow = %q, want %q", path, got, want)
		}
		if res.Problem(t).Code != "method_not_allowed" {
			t.Errorf("PUT %s: %s", path, res.Body)
		}
	}
	// An unknown path is still 404, not 405.
	e.Expect(http.StatusNotFound, testkit.Req{Method: "PUT", Path: "/no/such/thing"})
}

const zeroID = "00000000-0000-7000-8000-000000000000"

// HEAD answers wherever GET does, with the same status and headers and no body.
func TestHeadIsGetWithoutBody(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, "officer")
	for _, r := range []testkit.Req{
		{Path: "/healthz"},
		{Path: "/openapi.yaml"},
		{Path: "/docs/"},
		{Path: "/"},
		{Path: "/app/api.js"},
		{Path: "/sw.js"},
		{Path: "/v1/me", Token: officer.Token},
		{Path: "/v1/wards"},
		{Path: "/v1/procedures?ward_code=" + w.Code},
		{Path: "/v1/dossiers/" + zeroID, Token: officer.Token}, // a 404 problem too
	} {
		for _, enc := range []string{"", "br"} {
			r.Header = map[string]string{"Accept-Encoding": enc}
			r.Method = "GET"
			get := e.Do(r)
			r.Method = "HEAD"
			head := e.Do(r)
			if head.Status != get.Status || len(head.Raw) != 0 {
				t.Errorf("HEAD %s (%s): %d with %d body bytes; GET gave %d", r.Path, enc, head.Status, len(head.Raw), get.Status)
			}
			if get.Status == http.StatusMethodNotAllowed || get.Header.Get("Content-Length") != strconv.Itoa(len(get.Raw)) {
				t.Errorf("GET %s: %d, Content-Length %q for %d bytes", r.Path, get.Status, get.Header.Get("Content-Length"), len(get.Raw))
			}
			for _, h := range []string{"Content-Type", "Content-Length", "Content-Encoding", "Vary", "ETag", "Cache-Control", "Content-Language"} {
				if head.Header.Get(h) != get.Header.Get(h) {
					t.Errorf("%s %s: HEAD %s = %q, GET %q", r.Path, enc, h, head.Header.Get(h), get.Header.Get(h))
				}
			}
		}
	}
}

// Text above 1 KB is sent as br or gzip as Accept-Encoding allows, decodes to the plain body,
// and says Vary: Accept-Encoding; small JSON and refused codings go plain.
func TestCompressionIsNegotiated(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 30) // its neighbourhood list is a few KB of JSON
	for _, path := range []string{"/openapi.yaml", "/v1/wards/" + w.Code + "/neighborhoods?limit=100", "/app/api.js", "/"} {
		plain := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path})
		if plain.Header.Get("Content-Encoding") != "" || len(plain.Raw) < 1024 {
			t.Fatalf("%s without Accept-Encoding: %q, %d bytes", path, plain.Header.Get("Content-Encoding"), len(plain.Raw))
		}
		if !strings.Contains(plain.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s plain: Vary = %q", path, plain.Header.Get("Vary"))
		}
		for accept, want := range map[string]string{
			"gzip, deflate, br":          "br",
			"gzip":                       "gzip",
			"br;q=0.5, gzip;q=0.9":       "gzip",
			"*":                          "br",
			"br;q=0, gzip;q=0, identity": "",
		} {
			res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path, Header: map[string]string{"Accept-Encoding": accept}})
			if got := res.Header.Get("Content-Encoding"); got != want {
				t.Errorf("%s with %q: Content-Encoding %q, want %q", path, accept, got, want)
			}
			if string(res.Body) != string(plain.Body) || want != "" && len(res.Raw) >= len(plain.Raw) {
				t.Errorf("%s with %q: %d bytes decode to %d, plain is %d", path, accept, len(res.Raw), len(res.Body), len(plain.Body))
			}
			if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
				t.Errorf("%s with %q: Vary = %q", path, accept, res.Header.Get("Vary"))
			}
		}
	}
	for _, r := range []testkit.Req{
		{Method: "GET", Path: "/healthz"},
		{Method: "GET", Path: "/v1/nothing"},           // a small problem+json
		{Method: "GET", Path: "/manifest.webmanifest"}, // a small static file
	} {
		r.Header = map[string]string{"Accept-Encoding": "br, gzip"}
		res := e.Do(r)
		if res.Header.Get("Content-Encoding") != "" || res.Header.Get("Vary") != "" {
			t.Errorf("%s (%d bytes): Content-Encoding %q, Vary %q", r.Path, len(res.Raw), res.Header.Get("Content-Encoding"), res.Header.Get("Vary"))
		}
	}
}

// A large problem+json is compressed like any JSON and still a valid problem (the contract
// check of testkit validates the decoded body); an idempotent replay of a large answer is
// compressed again from the stored plain body.
func TestCompressionKeepsProblemsAndReplays(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, "admin")
	br := map[string]string{"Accept-Encoding": "br"}
	docs := make([]string, 50)
	for i := range docs {
		docs[i] = strings.Repeat("x", 301) // each one too long: fifty field errors
	}
	res := e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Header: br,
		Body: map[string]any{"code": "1.000001", "name": "Thủ tục", "field": "Hộ tịch", "processing_days": 1, "channels": []string{"counter"}, "required_documents": docs}})
	if res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Content-Type") != "application/problem+json" || len(res.Problem(t).Errors) != 50 {
		t.Errorf("large problem: %q %q %d errors", res.Header.Get("Content-Encoding"), res.Header.Get("Content-Type"), len(res.Problem(t).Errors))
	}

	for i := range docs {
		docs[i] = "Giấy tờ số " + strconv.Itoa(i+1) + " (bản chính hoặc bản sao có chứng thực)"
	}
	body := map[string]any{"code": "1.000002", "name": "Thủ tục dài", "field": "Hộ tịch", "processing_days": 1, "channels": []string{"counter"}, "required_documents": docs}
	key := map[string]string{"Accept-Encoding": "br", "Idempotency-Key": "compress-replay-1"}
	first := e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Header: key, Body: body})
	again := e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Header: key, Body: body})
	if first.Header.Get("Content-Encoding") != "br" || again.Header.Get("Content-Encoding") != "br" || again.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay: first %q, again %q replayed %q", first.Header.Get("Content-Encoding"), again.Header.Get("Content-Encoding"), again.Header.Get("Idempotent-Replayed"))
	}
	if string(first.Body) != string(again.Body) || again.Header.Get("Content-Type") != first.Header.Get("Content-Type") {
		t.Errorf("replay differs:\n%s\n%s", first.Body, again.Body)
	}
	plain := e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token,
		Header: map[string]string{"Idempotency-Key": "compress-replay-1"}, Body: body})
	if plain.Header.Get("Content-Encoding") != "" || string(plain.Raw) != string(first.Body) {
		t.Errorf("plain replay: %q %.80s", plain.Header.Get("Content-Encoding"), plain.Raw)
	}
}

// Static files carry a strong ETag per coding and answer a matching If-None-Match with 304; the
// shell (index, service worker, scripts) is revalidated on each use so it is never stale.
func TestStaticFilesRevalidate(t *testing.T) {
	e := testkit.New(t)
	for _, path := range []string{"/", "/track/ABC123", "/dossiers/42", "/sw.js", "/app/api.js", "/app/screens/home.js", "/app/i18n/en.js", "/app/app.css", "/manifest.webmanifest"} {
		for _, enc := range []string{"", "br", "gzip"} {
			hdr := map[string]string{"Accept-Encoding": enc}
			res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path, Header: hdr})
			tag := res.Header.Get("ETag")
			if !strings.HasPrefix(tag, `"`) || !strings.HasSuffix(tag, `"`) || len(tag) < 10 {
				t.Fatalf("%s (%s): ETag %q is not a strong validator", path, enc, tag)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("%s: Cache-Control %q", path, got)
			}
			for _, inm := range []string{tag, `"other", ` + tag, "W/" + tag, "*"} {
				hdr["If-None-Match"] = inm
				nm := e.Do(testkit.Req{Method: "GET", Path: path, Header: hdr})
				if nm.Status != http.StatusNotModified || len(nm.Raw) != 0 || nm.Header.Get("ETag") != tag || nm.Header.Get("Cache-Control") != "no-cache" {
					t.Errorf("%s (%s) If-None-Match %s: %d, %d bytes, ETag %q", path, enc, inm, nm.Status, len(nm.Raw), nm.Header.Get("ETag"))
				}
			}
			hdr["If-None-Match"] = `"stale"`
			if res := e.Do(testkit.Req{Method: "GET", Path: path, Header: hdr}); res.Status != http.StatusOK || len(res.Raw) == 0 {
				t.Errorf("%s with a stale tag: %d", path, res.Status)
			}
		}
	}
	// The codings are different byte sequences, so they have different strong tags.
	plain := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/app/api.js"}).Header.Get("ETag")
	brTag := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/app/api.js", Header: map[string]string{"Accept-Encoding": "br"}}).Header.Get("ETag")
	if plain == brTag {
		t.Errorf("identity and br share the ETag %s", plain)
	}
	// A br tag does not validate the identity body.
	res := e.Do(testkit.Req{Method: "GET", Path: "/app/api.js", Header: map[string]string{"If-None-Match": brTag}})
	if res.Status != http.StatusOK {
		t.Errorf("identity request with the br tag: %d", res.Status)
	}
}
