package accounts_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// counterDossier records a dossier at the counter for a name and phone, without an account.
func counterDossier(t *testing.T, e *testkit.Env, w testkit.Ward, officer testkit.User, phone string) uuid.UUID {
	t.Helper()
	var proc uuid.UUID
	err := e.Pool.QueryRow(context.Background(), "SELECT id FROM procedures WHERE ward_id = $1", w.ID).Scan(&proc)
	if err != nil {
		if err := e.Pool.QueryRow(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, required_documents, fee_vnd, created_at, updated_at)
			VALUES (gen_random_uuid(), $1, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, '{counter}', '{}', NULL, now(), now()) RETURNING id`, w.ID).Scan(&proc); err != nil {
			t.Fatal(err)
		}
	}
	var d api.Dossier
	expect(t, e, http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer),
		Body: map[string]any{"procedure_id": proc, "applicant_name": "Bà Sáu", "applicant_phone": phone, "channel": "counter"}}).JSON(t, &d)
	return d.Id
}

func register(e *testkit.Env, w testkit.Ward, phone string) *testkit.Response {
	return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{
		"phone": phone, "password": "Matkhau-2026", "full_name": "Lê Thị Sáu", "ward_code": w.Code}})
}

// Proving the phone with the texted code makes what the ward recorded for it (without an
// account) the account's: in its list, and its messages in its inbox. Another phone's dossiers
// and another ward's stay as they were.
func TestVerifiedPhoneClaimsItsHistoryInTheWard(t *testing.T) {
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	officer, otherOfficer := e.NewUser(w, auth.RoleOfficer), e.NewUser(other, auth.RoleOfficer)
	const mine, theirs = "+84912345671", "+84912345672"
	d1 := counterDossier(t, e, w, officer, mine)
	d2 := counterDossier(t, e, w, officer, theirs)
	d3 := counterDossier(t, e, other, otherOfficer, mine)

	res := register(e, w, "0912345671")
	if res.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", res.Status, res.Body)
	}
	var a api.AuthResponse
	res.JSON(t, &a)
	owner := func(d uuid.UUID) string {
		var id *string
		e.Pool.QueryRow(context.Background(), "SELECT applicant_id::text FROM dossiers WHERE id = $1", d).Scan(&id)
		if id == nil {
			return ""
		}
		return *id
	}
	if owner(d1) != "" {
		t.Fatal("registering alone claimed the phone's dossier")
	}
	var claimed api.PhoneClaimed
	expect(t, e, http.StatusOK, confirmReq(a.AccessToken, sendAndReadCode(t, e, a.AccessToken, mine))).JSON(t, &claimed)
	if claimed.Dossiers != 1 || claimed.Notifications != 1 {
		t.Fatalf("claimed %+v", claimed)
	}
	if owner(d1) != a.User.Id.String() {
		t.Fatal("the ward's dossier for the phone was not claimed")
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE type = 'account.phone_code' AND phone = $1 AND body_vi ~ '[0-9]{6}'", mine); n != 0 {
		t.Fatal("the code's text is still in the outbox after the phone was proved")
	}
	if owner(d2) != "" || owner(d3) != "" {
		t.Fatal("another phone's, or another ward's, dossier was claimed")
	}
	var list api.DossierList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers", Token: a.AccessToken}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Id != d1 {
		t.Fatalf("the new account lists %d dossiers", len(list.Items))
	}
	var inbox api.NotificationList
	expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me/notifications", Token: a.AccessToken}).JSON(t, &inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].Type != "dossier.received" {
		t.Fatalf("inbox after claiming (the code's SMS must not be in it): %+v", inbox.Items)
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE phone = $1 AND user_id IS NULL AND ward_id = $2", mine, other.ID); n != 1 {
		t.Fatal("another ward's message to the phone joined the inbox")
	}
	if n := e.Count(`SELECT count(*) FROM audit_events WHERE action = 'user.phone_verified' AND target_id = $1
		AND (detail->'claimed'->>'dossiers')::int = 1 AND detail->>'phone_tail' = '671'`, a.User.Id); n != 1 {
		t.Fatal("the claim is not in the audit trail")
	}
	// The next change is told to the account (its inbox), not to the bare phone.
	expect(t, e, http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d1.String() + "/transitions", Token: e.Token(officer),
		Body: map[string]any{"to": "in_review"}})
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", a.User.Id); n < 1 {
		t.Fatal("no notification to the account")
	}
}

// A phone still held by an account — even a deactivated one — cannot register again, so what was
// recorded for it without an account is not claimed by anybody.
func TestPhoneOfADeactivatedAccountClaimsNothing(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer, admin, old := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleCitizen)
	expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/users/" + old.ID.String(), Token: admin.Token, Body: map[string]any{"active": false}})
	d := counterDossier(t, e, w, officer, old.Phone)
	if res := register(e, w, old.Phone); res.Status != http.StatusConflict {
		t.Fatalf("register with a deactivated account's phone: %d %s", res.Status, res.Body)
	}
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND applicant_id IS NULL", d); n != 1 {
		t.Fatal("the dossier was claimed")
	}
}
