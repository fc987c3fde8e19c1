package dossier_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func addDevice(t *testing.T, e *testkit.Env, user uuid.UUID, token, locale string) {
	t.Helper()
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO devices (token, user_id, platform, locale, created_at, updated_at)
		VALUES ($1, $2, 'android', $3, now(), now())`, token, user, locale); err != nil {
		t.Fatal(err)
	}
}

// result_ready writes the inbox row and one push job per device of the applicant, nobody else's.
func TestResultReadyReachesEveryDevice(t *testing.T) {
	w := newWorld(t)
	e := w.e
	phones := []string{"applicant-android-token-0001", "applicant-tablet-token-00002"}
	addDevice(t, e, w.citizen.ID, phones[0], "vi")
	addDevice(t, e, w.citizen.ID, phones[1], "en")
	bystander := e.NewUser(w.ward, auth.RoleCitizen)
	addDevice(t, e, bystander.ID, "bystander-phone-token-000001", "vi")

	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(w.officer), Body: map[string]any{"to": to}})
	}
	var (
		id                               uuid.UUID
		user                             uuid.UUID
		titleVI, titleEN, bodyVI, bodyEN string
		raw                              []byte
	)
	err := e.Pool.QueryRow(context.Background(), `SELECT id, user_id, title_vi, title_en, body_vi, body_en, data FROM notifications
		WHERE type = 'dossier.result_ready'`).Scan(&id, &user, &titleVI, &titleEN, &bodyVI, &bodyEN, &raw)
	if err != nil {
		t.Fatal(err)
	}
	var data map[string]string
	if err := json.Unmarshal(raw, &data); err != nil {
		t.Fatal(err)
	}
	if user != w.citizen.ID || titleVI != "Hồ sơ "+d.Code+" đã có kết quả" || titleEN != "Dossier "+d.Code+" has its result" ||
		strings.Contains(bodyVI, "bưu điện") || !strings.Contains(bodyEN, d.Code) {
		t.Fatalf("notification to %s: %q / %q / %q / %q", user, titleVI, titleEN, bodyVI, bodyEN)
	}
	if data["dossier_id"] != d.Id.String() || data["code"] != d.Code || data["status"] != "result_ready" ||
		data["link"] != "motcua://dossiers/"+d.Id.String() {
		t.Fatalf("data %v", data)
	}
	rows, err := e.Pool.Query(context.Background(), "SELECT token FROM push_jobs WHERE notification_id = $1", id)
	if err != nil {
		t.Fatal(err)
	}
	var tokens []string
	for rows.Next() {
		var tok string
		if err := rows.Scan(&tok); err != nil {
			t.Fatal(err)
		}
		tokens = append(tokens, tok)
	}
	sort.Strings(tokens)
	if strings.Join(tokens, ",") != strings.Join(phones, ",") {
		t.Fatalf("push jobs for %v, want %v", tokens, phones)
	}
	// received and result_ready are told; in_review and approved are not.
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", w.citizen.ID); n != 2 {
		t.Fatalf("%d notifications", n)
	}
	var receivedBody string
	e.Pool.QueryRow(context.Background(), "SELECT body_vi FROM notifications WHERE type = 'dossier.received'").Scan(&receivedBody)
	if !strings.Contains(receivedBody, d.DueAt.In(calendar.Location).Format("02/01/2006")) {
		t.Fatalf("received notification %q does not give the due date", receivedBody)
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", bystander.ID); n != 0 {
		t.Fatalf("a bystander got %d notifications", n)
	}
}

// A walk-in without an account is told on their phone (issue 16; until then they were told
// nothing): no inbox row belongs to an account, one Zalo job per notice goes to the phone, and
// moves still work.
func TestWalkInIsToldOnTheirPhone(t *testing.T) {
	w := newWorld(t)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Ông Năm", "applicant_phone": "0912345678", "channel": "counter"})
	for _, to := range []string{"in_review", "rejected"} {
		w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": to, "note": "Không đủ điều kiện"}})
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id IS NOT NULL"); n != 0 {
		t.Fatalf("%d notifications in an account's inbox for a walk-in", n)
	}
	if n := w.e.Count(`SELECT count(*) FROM notifications n JOIN message_jobs j ON j.notification_id = n.id
		WHERE n.phone = '+84912345678' AND j.channel = 'zns' AND j.ward_id = $1 AND n.type IN ('dossier.received', 'dossier.rejected')`, w.ward.ID); n != 2 {
		t.Fatalf("%d Zalo jobs for the walk-in, want 2 (received, rejected)", n)
	}
}

// The longest note the contract allows, in 4-byte characters, must still fit a push: the
// notification quotes an excerpt, the timeline keeps the whole note.
func TestLongNoteStillNotifies(t *testing.T) {
	w := newWorld(t)
	addDevice(t, w.e, w.citizen.ID, "applicant-android-token-0001", "vi")
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	path := "/v1/dossiers/" + d.Id.String() + "/transitions"
	w.e.Expect(200, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"to": "in_review"}})
	note := strings.Repeat("𝔸", 1000)
	w.e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"to": "supplement_requested", "note": note}})
	if n := w.e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND note = $2", d.Id, note); n != 1 {
		t.Fatal("the timeline lost the note")
	}
	var body string
	w.e.Pool.QueryRow(context.Background(), "SELECT body_vi FROM notifications WHERE type = 'dossier.supplement_requested'").Scan(&body)
	if !strings.Contains(body, "𝔸𝔸𝔸") || !strings.HasSuffix(body, "…") {
		t.Fatalf("supplement notification %q", body)
	}
}
