package notify_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// setPrefs stores a person's choice as the API would.
func setPrefs(t *testing.T, e *testkit.Env, phone string, order []string, noZNS, noSMS bool) {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO notify_preferences (phone, channel_order, zns_opt_out, sms_opt_out, source, updated_at)
		VALUES ($1, $2, $3, $4, 'self', now()) ON CONFLICT (phone) DO UPDATE SET channel_order = excluded.channel_order,
		zns_opt_out = excluded.zns_opt_out, sms_opt_out = excluded.sms_opt_out`, phone, order, noZNS, noSMS); err != nil {
		t.Fatal(err)
	}
}

func TestChainFollowsPreferenceAndWhatEachChannelCarries(t *testing.T) {
	ready, received, offer := string(push.DossierResultReady), string(push.DossierReceived), string(push.PickupOffered)
	cases := []struct {
		name          string
		p             notify.Prefs
		typ           string
		device, phone bool
		want          []string
	}{
		{"default", notify.Prefs{}, ready, true, true, []string{"push", "zns", "sms"}},
		{"no device", notify.Prefs{}, ready, false, true, []string{"zns", "sms"}},
		{"received: no SMS", notify.Prefs{}, received, true, true, []string{"push", "zns"}},
		{"app work: push only", notify.Prefs{}, offer, true, true, []string{"push"}},
		{"zalo first", notify.Prefs{Order: []string{"zns", "push", "sms"}}, ready, true, true, []string{"zns", "push", "sms"}},
		{"sms first still only what matters", notify.Prefs{Order: []string{"sms", "zns", "push"}}, received, true, true, []string{"zns", "push"}},
		{"opted out of both", notify.Prefs{NoZNS: true, NoSMS: true}, ready, true, true, []string{"push"}},
		{"opted out of both, no app", notify.Prefs{NoZNS: true, NoSMS: true}, ready, false, true, nil},
		{"no zalo", notify.Prefs{NoZNS: true}, ready, false, true, []string{"sms"}},
	}
	for _, c := range cases {
		got := notify.Chain(c.p, c.typ, c.device, c.phone)
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
	}
}

// Zalo first: the person with the app is told by Zalo and gets no push; when Zalo fails the
// app is tried next, and then SMS.
func TestZaloFirstPreferenceSkipsThePushUntilZaloFails(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	setPrefs(t, p.e, p.user.Phone, []string{"zns", "push", "sms"}, false, false)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 1 || len(p.fake.Received()) != 0 {
		t.Fatalf("zalo %d, push %d: want Zalo only", len(p.zalo.Messages()), len(p.fake.Received()))
	}

	p.zalo.Fail(p.user.Phone[1:], -118)
	p.tell(t, resultReady(p.user.ID, ""))
	drainPhones(t, p.phones) // Zalo fails: the push is next
	drain(t, p.worker)
	if len(p.fake.Received()) != 1 || len(p.sms.Messages()) != 0 {
		t.Fatalf("after Zalo failed: push %d, sms %d; want the push and no SMS yet", len(p.fake.Received()), len(p.sms.Messages()))
	}
}

// Opted out of Zalo and SMS: a push that fails leaves nothing else to try; a phone-only
// person opted out of Zalo is sent the SMS for what matters and nothing for the rest.
func TestOptOutMeansNoZaloNorSMS(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	setPrefs(t, p.e, p.user.Phone, notify.DefaultOrder, true, true)
	p.fake.Unregister(tokA)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	p.e.Clock.Advance(notify.PushConfirmTimeout())
	drainPhones(t, p.phones)
	if len(p.zalo.Messages())+len(p.sms.Messages()) != 0 || p.e.Count("SELECT count(*) FROM message_jobs") != 0 {
		t.Fatal("a person who opted out was sent a Zalo message or an SMS")
	}

	setPrefs(t, p.e, stranger, notify.DefaultOrder, true, false)
	p.tell(t, resultReady(uuid.Nil, stranger))
	p.tell(t, notify.Message{Phone: stranger, Type: string(push.DossierReceived), Title: httpx.Text{VI: "Đã tiếp nhận"}, Body: httpx.Text{VI: "…"}})
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 0 || len(p.sms.Messages()) != 1 {
		t.Fatalf("zalo %d sms %d: want the one SMS of the result", len(p.zalo.Messages()), len(p.sms.Messages()))
	}
}

// An opt-out recorded after a message was queued applies to it: it is cancelled when claimed,
// and the next channel allowed takes over.
func TestOptOutAfterQueuingCancelsTheQueuedMessage(t *testing.T) {
	p := newPhoneWorld(t)
	p.tell(t, resultReady(uuid.Nil, stranger))
	setPrefs(t, p.e, stranger, notify.DefaultOrder, true, false)
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 0 || len(p.sms.Messages()) != 1 {
		t.Fatalf("zalo %d sms %d after opting out of Zalo", len(p.zalo.Messages()), len(p.sms.Messages()))
	}
	if n := p.e.Count("SELECT count(*) FROM message_jobs WHERE channel = 'zns' AND state = 'cancelled' AND last_error = 'opted out'"); n != 1 {
		t.Fatal("the Zalo job is not recorded cancelled")
	}
}

// The citizen's own preference: read (the default before any), set, refused when not a
// permutation; it is theirs alone (kept by their phone) and needs a session.
func TestMyNotificationPreferencesAPI(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	a, b := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	var got api.NotificationPreferences
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/notification-preferences", Token: a.Token}).JSON(t, &got)
	if len(got.Order) != 3 || got.Order[0] != "push" || got.ZnsOptOut || got.Source != nil || got.PhoneLast3 != a.Phone[len(a.Phone)-3:] {
		t.Fatalf("default %+v", got)
	}
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/me/notification-preferences", Token: a.Token,
		Body: map[string]any{"order": []string{"zns", "sms", "push"}, "zns_opt_out": false, "sms_opt_out": true}}).JSON(t, &got)
	if got.Order[0] != "zns" || !got.SmsOptOut || got.Source == nil || *got.Source != "self" {
		t.Fatalf("set %+v", got)
	}
	if n := e.Count("SELECT count(*) FROM notify_preferences WHERE phone = $1 AND sms_opt_out", a.Phone); n != 1 {
		t.Fatal("not stored by the phone")
	}
	// Another citizen sees only their own (the default).
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/notification-preferences", Token: b.Token}).JSON(t, &got)
	if got.Order[0] != "push" || got.SmsOptOut {
		t.Fatalf("another citizen sees %+v", got)
	}
	for _, order := range [][]string{{"push", "push", "sms"}, {"push", "zns"}, {"push", "zns", "fax"}} {
		e.Expect(422, testkit.Req{Method: "PUT", Path: "/v1/me/notification-preferences", Token: b.Token,
			Body: map[string]any{"order": order, "zns_opt_out": false, "sms_opt_out": false}})
	}
	e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/me/notification-preferences"})
	e.Expect(401, testkit.Req{Method: "PUT", Path: "/v1/me/notification-preferences",
		Body: map[string]any{"order": []string{"push", "zns", "sms"}, "zns_opt_out": true, "sms_opt_out": true}})
}

// phoneOnlyDossier records a dossier at the counter for a person without an account.
func phoneOnlyDossier(t *testing.T, e *testkit.Env, w testkit.Ward, officer testkit.User, phone string) {
	t.Helper()
	var proc uuid.UUID
	if err := e.Pool.QueryRow(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, required_documents, fee_vnd, created_at, updated_at)
		VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, '{counter}', '{}', NULL, now(), now())
		ON CONFLICT DO NOTHING RETURNING id`, w.ID).Scan(&proc); err != nil {
		if err := e.Pool.QueryRow(context.Background(), "SELECT id FROM procedures WHERE ward_id = $1", w.ID).Scan(&proc); err != nil {
			t.Fatal(err)
		}
	}
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer),
		Body: map[string]any{"procedure_id": proc, "applicant_name": "Bà Sáu", "applicant_phone": phone, "channel": "counter"}})
}

// At the desk an officer records the choice of a person the ward served without an account;
// the audit trail keeps who did it (the phone masked). Another ward's officer, a citizen, an
// anonymous caller, and a phone that has an account are refused.
func TestStaffRecordPhoneOnlyPersonsChoice(t *testing.T) {
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	officer, otherOfficer := e.NewUser(w, auth.RoleOfficer), e.NewUser(other, auth.RoleOfficer)
	citizen := e.NewUser(w, auth.RoleCitizen)
	phoneOnlyDossier(t, e, w, officer, "0912345678")
	body := map[string]any{"phone": "0912 345 678", "order": []string{"sms", "zns", "push"}, "zns_opt_out": true, "sms_opt_out": false}
	var got api.NotificationPreferences
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Token: officer.Token, Body: body}).JSON(t, &got)
	if got.Order[0] != "sms" || !got.ZnsOptOut || got.PhoneLast3 != "678" || *got.Source != "desk" {
		t.Fatalf("stored %+v", got)
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'notify_preferences.set' AND actor_id = $1 AND ward_id = $2
		AND detail->>'phone_last3' = '678' AND detail::text NOT LIKE '%912345678%'`, officer.ID, w.ID); n != 1 {
		t.Fatal("not audited, or the phone is in the audit in clear")
	}
	e.Expect(404, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Token: otherOfficer.Token, Body: body})
	e.Expect(403, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Token: citizen.Token, Body: body})
	e.Expect(401, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Body: body})
	withAccount := map[string]any{"phone": citizen.Phone, "order": []string{"push", "zns", "sms"}, "zns_opt_out": true, "sms_opt_out": true}
	e.Expect(409, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Token: officer.Token, Body: withAccount})
	e.Expect(422, testkit.Req{Method: "PUT", Path: "/v1/notification-preferences", Token: officer.Token,
		Body: map[string]any{"phone": "12", "order": []string{"push", "zns", "sms"}, "zns_opt_out": true, "sms_opt_out": true}})
	if n := e.Count("SELECT count(*) FROM notify_preferences"); n != 1 {
		t.Fatalf("%d preferences stored", n)
	}
}
