package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// While the database cannot be reached every API request is 503 service_unavailable with
// Retry-After, in both languages, so phones and load balancers back off and retry; once it is
// back the same requests work. Each outage is logged as two lines (down, back), however many
// requests failed in between.
func TestDatabaseOutageIs503WithRetryAfterAndLoggedOnce(t *testing.T) {
	t.Parallel()
	e, proxy := testkit.NewBehindCut(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	requests := []testkit.Req{
		{Method: "GET", Path: "/v1/me", Token: officer.Token},
		{Method: "GET", Path: "/v1/dossiers", Token: officer.Token},
		{Method: "GET", Path: "/v1/wards"},
		{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": officer.Phone, "password": officer.Password}},
		{Method: "POST", Path: "/v1/users", Token: officer.Token, Header: map[string]string{"Idempotency-Key": "outage-key-0001"},
			Body: map[string]any{"phone": "0916000001", "password": "Tinh-nguyen-2026", "full_name": "Hoàng Văn Sáu", "role": "volunteer"}},
	}
	works := func() {
		t.Helper()
		for end := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			res := e.Do(requests[0])
			if res.Status == http.StatusOK {
				return
			}
			if time.Now().After(end) {
				t.Fatalf("after the database came back: %d %s", res.Status, res.Body)
			}
		}
	}
	works()

	for outage := 1; outage <= 2; outage++ {
		proxy.Cut()
		for round := 0; round < 5; round++ {
			for _, r := range requests {
				if round%2 == 1 {
					r.Header = map[string]string{"Accept-Language": "en", "Idempotency-Key": "outage-key-0001"}
				}
				res := e.Do(r)
				if res.Status != http.StatusServiceUnavailable || res.Header.Get("Retry-After") != "3" ||
					res.Header.Get("Content-Type") != httpx.ProblemContentType {
					t.Fatalf("%s %s during the outage: %d Retry-After %q %s", r.Method, r.Path, res.Status, res.Header.Get("Retry-After"), res.Body)
				}
				p := res.Problem(t)
				want := httpx.Message("service_unavailable")
				if p.Code != "service_unavailable" || round%2 == 1 && p.Title != want.EN || round%2 == 0 && p.Title != want.VI {
					t.Fatalf("problem %+v", p)
				}
			}
		}
		e.Expect(http.StatusServiceUnavailable, testkit.Req{Method: "GET", Path: "/readyz"})
		proxy.Restore()
		for end := time.Now().Add(30 * time.Second); e.App.DBOutage.Down(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(end) {
				t.Fatal("the outage never ended")
			}
		}
		works()

		down, back, other := logLines(t, e)
		if down != outage || back != outage || other != 0 {
			t.Fatalf("after %d outages of %d failed requests each: %d 'unreachable', %d 'reachable again', %d other lines\n%s",
				outage, 5*len(requests), down, back, other, e.Log)
		}
	}
	// The user the idempotent create was retried for is made once, after the outage.
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/users", Token: officer.Token,
		Header: map[string]string{"Accept-Language": "en", "Idempotency-Key": "outage-key-0001"},
		Body:   map[string]any{"phone": "0916000001", "password": "Tinh-nguyen-2026", "full_name": "Hoàng Văn Sáu", "role": "volunteer"}})
}

// logLines counts the application's log lines other than the access log.
func logLines(t *testing.T, e *testkit.Env) (down, back, other int) {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(append([]byte(nil), e.Log.Bytes()...)))
	for sc.Scan() {
		var l struct{ Msg string }
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		switch l.Msg {
		case "http":
		case "database unreachable":
			down++
		case "database reachable again":
			back++
		default:
			other++
		}
	}
	return down, back, other
}
