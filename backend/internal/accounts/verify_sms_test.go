package accounts_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/accounts"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/smsfake"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/backend/internal/testkit/race"
)

// The code goes by SMS to the account's phone — even for a person who put Zalo and the app
// first — through the phone worker, and neither the worker nor the app logs it.
func TestPhoneCodeIsTextedBySMSOnly(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)
	expect(t, e, http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/me/notification-preferences", Token: u.Token,
		Body: map[string]any{"order": []string{"zns", "push", "sms"}, "zns_opt_out": false, "sms_opt_out": false}})
	sms, err := smsfake.Start("Bearer sms")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sms.Close)
	gw, err := notify.NewSMS(notify.SMSConfig{URL: sms.URL, Auth: "Authorization: Bearer sms"})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	worker := notify.NewPhoneWorker(e.Pool, e.Clock, nil, gw, slog.New(slog.NewJSONHandler(&logs, nil)), notify.DefaultWorkerConfig())
	code := sendAndReadCode(t, e, u.Token, u.Phone)
	if _, err := worker.DrainOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := sms.Messages()
	if len(got) != 1 || "+"+got[0].To != u.Phone || !strings.Contains(got[0].Text, code) {
		t.Fatalf("SMS sent: %+v", got)
	}
	if n := e.Count("SELECT count(*) FROM message_jobs WHERE phone = $1 AND channel = 'zns'", u.Phone); n != 0 {
		t.Fatal("the code went by Zalo")
	}
	if strings.Contains(logs.String(), code) || strings.Contains(e.Log.String(), code) {
		t.Fatal("the code is in the logs")
	}
}

// Racing wrong tries cannot exceed the code's 5: the sixth and later are refused as too many,
// and never a 5xx.
func TestRacingWrongTriesStopAtFive(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)
	code := sendAndReadCode(t, e, u.Token, u.Phone)
	const n = 9
	statuses := make([]int, n)
	race.Run(n, func(i int) { statuses[i] = e.Do(confirmReq(u.Token, wrongCode(code))).Status })
	for _, s := range statuses {
		if s != http.StatusUnprocessableEntity {
			t.Fatalf("statuses %v", statuses)
		}
	}
	if c := e.Count("SELECT attempts FROM phone_codes WHERE user_id = $1", u.ID); c != accounts.MaxCodeAttempts {
		t.Fatalf("attempts %d", c)
	}
	p := expectProblem(t, e, http.StatusUnprocessableEntity, "validation_failed", confirmReq(u.Token, code))
	if !hasField(p, "code", "too_many_attempts") {
		t.Fatalf("%+v", p)
	}
}

// A person who refused SMS is told to allow it: the code could not reach them otherwise.
func TestPhoneCodeRefusedWhenSMSIsOff(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	u := e.NewUser(w, auth.RoleCitizen)
	expect(t, e, http.StatusOK, testkit.Req{Method: "PUT", Path: "/v1/me/notification-preferences", Token: u.Token,
		Body: map[string]any{"order": []string{"push", "zns", "sms"}, "zns_opt_out": false, "sms_opt_out": true}})
	vi, en := e.ExpectProblem(http.StatusConflict, sendReq(u.Token))
	if vi.Code != "sms_opted_out" || !strings.Contains(vi.Title, "SMS") || vi.Title == en.Title {
		t.Fatalf("%+v / %+v", vi, en)
	}
	if n := e.Count("SELECT count(*) FROM phone_codes WHERE user_id = $1", u.ID); n != 0 {
		t.Fatal("a code was made")
	}
}
