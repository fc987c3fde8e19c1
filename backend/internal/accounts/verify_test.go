package accounts_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/accounts"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/backend/internal/testkit/race"
)

var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

func sendReq(token string) testkit.Req {
	return testkit.Req{Method: "POST", Path: "/v1/me/phone-verification", Token: token}
}

func confirmReq(token, code string) testkit.Req {
	return testkit.Req{Method: "POST", Path: "/v1/me/phone-verification/confirm", Token: token, Body: map[string]any{"code": code}}
}

// lastCode reads the newest code texted to phone from the SMS queued in the outbox — what
// the person's phone would show.
func lastCode(t *testing.T, e *testkit.Env, phone string) string {
	t.Helper()
	var body string
	if err := e.Pool.QueryRow(context.Background(), `SELECT n.body_vi FROM message_jobs m JOIN notifications n ON n.id = m.notification_id
		WHERE m.phone = $1 AND m.channel = 'sms' AND n.type = 'account.phone_code' ORDER BY m.created_at DESC, m.id DESC LIMIT 1`, phone).Scan(&body); err != nil {
		t.Fatal(err)
	}
	code := sixDigits.FindString(body)
	if code == "" {
		t.Fatalf("no code in the SMS %q", body)
	}
	return code
}

func sendAndReadCode(t *testing.T, e *testkit.Env, token, phone string) string {
	t.Helper()
	var sent api.PhoneCodeSent
	res := expect(t, e, http.StatusAccepted, sendReq(token))
	res.JSON(t, &sent)
	if sent.PhoneTail != phone[len(phone)-3:] || strings.Contains(string(res.Body), lastCode(t, e, phone)) {
		t.Fatalf("send answered %s", res.Body)
	}
	return lastCode(t, e, phone)
}

func wrongCode(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

// Somebody registering another person's number first gets an account but not the history:
// without the code texted to that phone, confirming fails and nothing is claimed.
func TestRegisteringAnotherPersonsPhoneClaimsNothingWithoutTheCode(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	const victim = "+84912345679"
	d := counterDossier(t, e, w, officer, victim)
	var a api.AuthResponse
	res := register(e, w, "0912345679")
	if res.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &a)
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND applicant_id IS NULL", d); n != 1 {
		t.Fatal("registering claimed the dossier")
	}
	// No code sent yet: nothing to confirm.
	expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(a.AccessToken, "123456"))
	code := sendAndReadCode(t, e, a.AccessToken, victim)
	for _, guess := range []string{wrongCode(code), "", "12345a"} {
		p := expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(a.AccessToken, guess))
		if !hasField(p, "code", "wrong_code") {
			t.Fatalf("guess %q: %+v", guess, p)
		}
	}
	vi, en := e.ExpectProblem(http.StatusUnprocessableEntity, confirmReq(a.AccessToken, wrongCode(code)))
	if vi.Errors[0].Message == en.Errors[0].Message || en.Errors[0].Message == "" {
		t.Fatalf("words: %q / %q", vi.Errors[0].Message, en.Errors[0].Message)
	}
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND applicant_id IS NULL", d); n != 1 {
		t.Fatal("a wrong code claimed the dossier")
	}
	if n := e.Count("SELECT attempts FROM phone_codes WHERE user_id = $1", a.User.Id); n != 5 {
		t.Fatalf("attempts counted %d, want 5", n)
	}
	// Five wrong tries spend the code: even the right one is refused now.
	p := expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(a.AccessToken, code))
	if !hasField(p, "code", "too_many_attempts") {
		t.Fatalf("after 5 tries: %+v", p)
	}
	if n := e.Count("SELECT count(*) FROM users WHERE id = $1 AND phone_verified_at IS NULL", a.User.Id); n != 1 {
		t.Fatal("the phone was marked verified")
	}
	// The code never reaches the logs, and the audit trail has only the phone's last digits.
	if strings.Contains(e.Log.String(), code) {
		t.Fatal("the code is in the logs")
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE target_id = $1 AND (detail::text LIKE '%' || $2 || '%' OR detail::text LIKE '%912345679%')`, a.User.Id, code); n != 0 {
		t.Fatal("the audit trail holds the code or the whole phone")
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'user.phone_verify_refused'`, a.User.Id); n != 6 {
		t.Fatalf("refusals audited: %d", n)
	}
}

// An expired code is refused; a used code cannot be replayed; a new code replaces the old one.
func TestPhoneCodeExpiresAndCannotBeReplayed(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)
	tok := e.Token(u)
	old := sendAndReadCode(t, e, tok, u.Phone)
	e.Clock.Advance(accounts.CodeTTL)
	tok = e.Token(u)
	p := expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(tok, old))
	if !hasField(p, "code", "code_expired") {
		t.Fatalf("expired: %+v", p)
	}
	code := sendAndReadCode(t, e, tok, u.Phone)
	if code != old {
		expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(tok, old))
	}
	var c api.PhoneClaimed
	expect(t, e, http.StatusOK, confirmReq(tok, code)).JSON(t, &c)
	if c.Dossiers != 0 || c.PhoneVerifiedAt.IsZero() {
		t.Fatalf("claimed %+v", c)
	}
	// Replaying it, or asking for another code, is refused: the phone is verified.
	expectProblem(t, e, http.StatusConflict, "phone_already_verified", confirmReq(tok, code))
	expectProblem(t, e, http.StatusConflict, "phone_already_verified", sendReq(tok))
}

// Three codes an hour per account, even when the requests race; the fourth is a 429 with the
// seconds until the oldest of the hour falls out.
func TestPhoneCodeSendsAreLimitedEvenWhenRacing(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)
	tok := e.Token(u)
	const n = 8
	statuses := make([]int, n)
	race.Run(n, func(i int) { statuses[i] = e.Do(sendReq(tok)).Status })
	ok, limited := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusAccepted:
			ok++
		case http.StatusTooManyRequests:
			limited++
		}
	}
	if ok != accounts.MaxCodesPerHour || limited != n-ok {
		t.Fatalf("statuses %v", statuses)
	}
	if c := e.Count("SELECT count(*) FROM message_jobs WHERE phone = $1 AND channel = 'sms'", u.Phone); c != accounts.MaxCodesPerHour {
		t.Fatalf("%d SMS queued", c)
	}
	res := e.Do(sendReq(tok))
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "3600" {
		t.Fatalf("4th: %d Retry-After %q", res.Status, res.Header.Get("Retry-After"))
	}
	e.Clock.Advance(time.Hour + time.Second)
	expect(t, e, http.StatusAccepted, sendReq(e.Token(u)))
}

// Racing confirms of the right code claim once: one answer says what was claimed, the others
// are refused, and the claim is audited once.
func TestRacingConfirmsClaimOnce(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer, u := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	// The dossier is recorded for the phone without the account (as before the account existed).
	counterDossier(t, e, w, officer, u.Phone)
	e.Pool.Exec(context.Background(), "UPDATE dossiers SET applicant_id = NULL")
	tok := e.Token(u)
	code := sendAndReadCode(t, e, tok, u.Phone)
	const n = 6
	claims := make([]int64, n)
	statuses := make([]int, n)
	race.Run(n, func(i int) {
		res := e.Do(confirmReq(tok, code))
		statuses[i] = res.Status
		if res.Status == http.StatusOK {
			var c api.PhoneClaimed
			res.JSON(t, &c)
			claims[i] = c.Dossiers
		}
	})
	oks, total := 0, int64(0)
	for i, s := range statuses {
		if s == http.StatusOK {
			oks++
			total += claims[i]
		} else if s != http.StatusConflict {
			t.Fatalf("statuses %v", statuses)
		}
	}
	if oks != 1 || total != 1 {
		t.Fatalf("statuses %v, claims %v", statuses, claims)
	}
	if c := e.Count("SELECT count(*) FROM audit_events WHERE action = 'user.phone_verified' AND target_id = $1", u.ID); c != 1 {
		t.Fatalf("%d claims audited", c)
	}
}

// Anonymous callers get 401; staff get 403 (only citizens take over a phone's history: staff
// accounts are made by the ward and hold no applicant's records).
func TestPhoneVerificationRefusals(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	for _, r := range []testkit.Req{sendReq(""), confirmReq("", "123456")} {
		expect(t, e, http.StatusUnauthorized, r)
	}
	for _, role := range []string{auth.RoleVolunteer, auth.RoleOfficer, auth.RoleAdmin} {
		s := e.NewUser(w, role)
		expectProblem(t, e, http.StatusForbidden, "forbidden", sendReq(s.Token))
		expectProblem(t, e, http.StatusForbidden, "forbidden", confirmReq(s.Token, "123456"))
	}
	// Another citizen's code does not verify mine.
	me, other := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	code := sendAndReadCode(t, e, e.Token(other), other.Phone)
	expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(me.Token, code))
	expect(t, e, http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/me/phone-verification/confirm", Token: me.Token, Body: map[string]any{"code": 123456}})
}
