package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func TestProbes(t *testing.T) {
	e := testkit.New(t)
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/healthz"})
	res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/readyz"})
	if !strings.Contains(string(res.Body), `"migrations":"ok"`) {
		t.Fatalf("readyz = %s", res.Body)
	}
	// A database without the latest migration is not ready.
	if _, err := e.Pool.Exec(t.Context(), "DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)"); err != nil {
		t.Fatal(err)
	}
	res = e.Expect(http.StatusServiceUnavailable, testkit.Req{Method: "GET", Path: "/readyz"})
	if !strings.Contains(string(res.Body), `"migrations":"pending"`) {
		t.Fatalf("readyz = %s", res.Body)
	}
}

func TestMetricsDocsAndSpecAreServed(t *testing.T) {
	e := testkit.New(t)
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/healthz"})
	res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/metrics"})
	for _, want := range []string{`motcua_http_requests_total{method="GET",route="/healthz",status="200"}`, "motcua_db_pool_max_connections", "go_goroutines"} {
		if !strings.Contains(string(res.Body), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	res = e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/openapi.yaml"})
	if !strings.HasPrefix(string(res.Body), "openapi: 3") {
		t.Errorf("openapi.yaml = %.40s", res.Body)
	}
	res = e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/docs/"})
	if !strings.Contains(string(res.Body), "swagger") || strings.Contains(string(res.Body), "https://") && strings.Contains(string(res.Body), "cdn") {
		t.Errorf("docs page should be the embedded Swagger UI: %.300s", res.Body)
	}
	// Its assets come from the binary, not a CDN.
	res = e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/docs/swagger-ui-bundle.js"})
	if len(res.Body) < 100_000 {
		t.Errorf("swagger-ui-bundle.js is only %d bytes", len(res.Body))
	}
}

func TestRequestIDAndUnknownRoutes(t *testing.T) {
	e := testkit.New(t)
	res := e.Do(testkit.Req{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-ID": "trace-abc-12345"}})
	if got := res.Header.Get("X-Request-ID"); got != "trace-abc-12345" {
		t.Errorf("request id echoed = %q", got)
	}
	res = e.Do(testkit.Req{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-ID": "bad id with spaces"}})
	if got := res.Header.Get("X-Request-ID"); got == "" || strings.Contains(got, " ") {
		t.Errorf("malformed request id should be replaced, got %q", got)
	}
	res = e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: "/v1/nothing-here"})
	if p := res.Problem(t); p.Code != "not_found" || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown route: %+v", p)
	}
	res = e.Expect(http.StatusMethodNotAllowed, testkit.Req{Method: "DELETE", Path: "/v1/me"})
	if p := res.Problem(t); p.Code != "method_not_allowed" {
		t.Errorf("wrong method: %+v", p)
	}
}

func TestCORSPreflight(t *testing.T) {
	e := testkit.New(t)
	res := e.Do(testkit.Req{Method: "OPTIONS", Path: "/v1/me", Header: map[string]string{
		"Origin": "http://localhost:5173", "Access-Control-Request-Method": "GET",
		"Access-Control-Request-Headers": "Authorization",
	}})
	if res.Status != http.StatusNoContent || res.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Fatalf("preflight: %d %v", res.Status, res.Header)
	}
}

// No token, password or phone number reaches the logs, whatever the request carried.
func TestLogsCarryNoSecrets(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
		"phone": "0912345678", "password": "Hoa-sen-2026", "full_name": "Nguyễn Thị Hoa", "ward_code": w.Code}})
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": "0912345678", "password": "Hoa-sen-2026"}})
	e.Do(testkit.Req{Method: "GET", Path: "/v1/wards?province=0912345678"})
	out := e.Log.String()
	if out == "" {
		t.Fatal("nothing was logged")
	}
	for _, leak := range []string{"912345678", "Hoa-sen-2026", "eyJ"} {
		if strings.Contains(out, leak) {
			t.Errorf("log contains %q", leak)
		}
	}
}
