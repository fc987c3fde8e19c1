package dossier_test

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// world is a ward with staff, an applicant with a phone registered for pushes, and procedures.
type world struct {
	e          *testkit.Env
	ward       testkit.Ward
	officer    testkit.User
	citizen    testkit.User
	birth      uuid.UUID // 3 working days, counter/online/home_pickup/postal_return
	copyCert   uuid.UUID // same day, cut-off 15:00, counter only
	otherWardP uuid.UUID
}

func insertProcedure(t *testing.T, e *testkit.Env, ward uuid.UUID, code, name string, days int, cutoff *int, channels ...string) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	_, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days,
		cutoff_hour, fee_vnd, required_documents, channels, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4, 'Hộ tịch', $5, $6, 8000, ARRAY['Tờ khai', 'Giấy chứng sinh'], $7, now(), now())`,
		id, ward, code, name, days, cutoff, channels)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func newWorld(t *testing.T, opts ...testkit.Option) *world {
	e := testkit.New(t, opts...)
	w := &world{e: e, ward: e.NewWard("26734", 2)}
	w.officer = e.NewUser(w.ward, auth.RoleOfficer)
	w.citizen = e.NewUser(w.ward, auth.RoleCitizen)
	w.birth = insertProcedure(t, e, w.ward.ID, "1.001193", "Đăng ký khai sinh", 3, nil, "counter", "online", "home_pickup", "postal_return")
	fifteen := 15
	w.copyCert = insertProcedure(t, e, w.ward.ID, "2.000815", "Chứng thực bản sao từ bản chính", 0, &fifteen, "counter")
	other := e.NewWard("00070", 1)
	w.otherWardP = insertProcedure(t, e, other.ID, "1.001193", "Đăng ký khai sinh", 3, nil, "counter")
	return w
}

func vn(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, calendar.Location)
	if err != nil {
		panic(err)
	}
	return t
}

func (w *world) create(t *testing.T, body map[string]any) api.Dossier {
	t.Helper()
	var d api.Dossier
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body}).JSON(t, &d)
	return d
}

func TestCreateComputesDueDateAndCode(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		now       string
		procedure uuid.UUID
		want      string
	}{
		{"2026-11-26 10:00", w.birth, "2026-12-01 17:00"},    // Thursday + 3 working days over a weekend
		{"2026-02-12 09:00", w.birth, "2026-02-24 17:00"},    // Thursday before Tết 2026
		{"2026-11-23 14:30", w.copyCert, "2026-11-23 17:00"}, // same-day procedure before its cut-off
		{"2026-11-23 15:10", w.copyCert, "2026-11-24 17:00"}, // after the cut-off: next working day
	}
	for _, c := range cases {
		w.e.Clock.Set(vn(c.now))
		d := w.create(t, map[string]any{"procedure_id": c.procedure, "applicant_id": w.citizen.ID, "channel": "counter"})
		if !d.DueAt.Equal(vn(c.want)) {
			t.Errorf("received %s: due %s, want %s", c.now, d.DueAt.In(calendar.Location), c.want)
		}
		if !strings.HasPrefix(d.Code, vn(c.now).Format("0601")+"-") || len(d.Code) != 11 || strings.ContainsAny(d.Code[5:], "ILOU") {
			t.Errorf("code %q", d.Code)
		}
		if d.Status != "received" || d.PortalStatusCode != 2 || d.PortalChannelCode != 1 || d.ApplicantName == "" || d.ApplicantPhone == nil {
			t.Errorf("dossier %+v", d)
		}
	}
}

func TestCreateRefusesWhatTheProcedureDoesNotAllow(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(vn("2026-11-23 09:00"))
	otherCitizen := w.e.NewUser(w.e.NewWard("00071", 1), auth.RoleCitizen)
	volunteer := w.e.NewUser(w.ward, auth.RoleVolunteer)
	cases := []struct {
		name, field, code string
		body              map[string]any
	}{
		{"procedure of another ward", "procedure_id", "unknown_procedure", map[string]any{"procedure_id": w.otherWardP, "applicant_name": "Lê Văn Tám", "channel": "counter"}},
		{"channel not allowed", "channel", "channel_not_allowed", map[string]any{"procedure_id": w.copyCert, "applicant_name": "Lê Văn Tám", "channel": "online"}},
		{"postal not allowed", "return_method", "postal_not_allowed", map[string]any{"procedure_id": w.copyCert, "applicant_name": "Lê Văn Tám", "channel": "counter", "return_method": "postal"}},
		{"applicant of another ward", "applicant_id", "unknown_applicant", map[string]any{"procedure_id": w.birth, "applicant_id": otherCitizen.ID, "channel": "counter"}},
		{"applicant not a citizen", "applicant_id", "unknown_applicant", map[string]any{"procedure_id": w.birth, "applicant_id": volunteer.ID, "channel": "counter"}},
		{"no applicant", "applicant_name", "required", map[string]any{"procedure_id": w.birth, "channel": "counter"}},
		{"bad phone", "applicant_phone", "invalid_phone", map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Văn Tám", "applicant_phone": "123", "channel": "counter"}},
		{"received in the future", "received_at", "in_future", map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Văn Tám", "channel": "counter", "received_at": "2026-11-24T09:00:00+07:00"}},
		{"received long ago", "received_at", "too_old", map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Văn Tám", "channel": "counter", "received_at": "2026-09-01T09:00:00+07:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: c.body}).Problem(t)
			if len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.code {
				t.Fatalf("errors = %+v", p.Errors)
			}
		})
	}
	var n int
	w.e.Pool.QueryRow(context.Background(), "SELECT count(*) FROM dossiers").Scan(&n)
	if n != 0 {
		t.Fatalf("%d dossiers written", n)
	}
	// A walk-in without an account: name and phone are enough.
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Văn Tám", "applicant_phone": "0987 654 321", "channel": "counter"})
	if d.ApplicantId != nil || *d.ApplicantPhone != "+84987654321" {
		t.Fatalf("walk-in %+v", d)
	}
}

func TestCreateIsIdempotent(t *testing.T) {
	w := newWorld(t)
	body := map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"}
	key := map[string]string{"Idempotency-Key": "dossier-retry-0001"}
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body, Header: key}).Status; s != 201 && s != 409 {
				t.Errorf("status %d", s)
			}
		}()
	}
	wg.Wait()
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body, Header: key})
	var n int
	w.e.Pool.QueryRow(context.Background(), "SELECT count(*) FROM dossiers").Scan(&n)
	if n != 1 {
		t.Fatalf("%d dossiers for one Idempotency-Key", n)
	}
}

// The whole life of a dossier, with what the applicant is told at each step.
func TestLifecycleNotifiesTheApplicant(t *testing.T) {
	w := newWorld(t)
	token := "applicant-phone-token-000001"
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: w.e.Token(w.citizen), Body: map[string]any{"token": token, "platform": "android"}})
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter", "return_method": "postal"})
	for _, to := range []string{"in_review", "supplement_requested", "in_review", "approved", "result_ready", "returned"} {
		body := map[string]any{"to": to}
		if to == "supplement_requested" {
			body["note"] = "Thiếu giấy chứng sinh bản chính"
		}
		w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: body})
	}
	var detail api.DossierDetail
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &detail)
	if detail.Status != "returned" || detail.ResultAt == nil || detail.ClosedAt == nil || len(detail.Events) != 7 || detail.PortalStatusCode != 10 {
		t.Fatalf("detail %+v", detail)
	}

	var inbox api.NotificationList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/notifications", Token: w.e.Token(w.citizen)}).JSON(t, &inbox)
	var types []string
	for _, n := range inbox.Items {
		types = append(types, n.Type)
	}
	if got := strings.Join(types, ","); got != "dossier.returned,dossier.result_ready,dossier.supplement_requested,dossier.received" {
		t.Fatalf("inbox = %s", got)
	}
	ready := inbox.Items[1]
	if ready.Title != "Hồ sơ "+d.Code+" đã có kết quả" || !strings.Contains(ready.Body, "bưu điện") ||
		ready.Data["dossier_id"] != d.Id.String() || ready.Data["link"] != "motcua://dossiers/"+d.Id.String() || ready.Data["notification_id"] != ready.Id.String() {
		t.Fatalf("result_ready notification %+v", ready)
	}
	if !strings.Contains(inbox.Items[2].Body, "Thiếu giấy chứng sinh") || inbox.UnreadCount != 4 {
		t.Fatalf("supplement %+v, unread %d", inbox.Items[2], inbox.UnreadCount)
	}
	var jobs int
	w.e.Pool.QueryRow(context.Background(), "SELECT count(*) FROM push_jobs WHERE token = $1", token).Scan(&jobs)
	if jobs != 4 {
		t.Fatalf("%d push jobs, want one per notification", jobs)
	}
	// Reading one lowers the unread count; another citizen cannot read it.
	other := w.e.NewUser(w.ward, auth.RoleCitizen)
	w.e.Expect(404, testkit.Req{Method: "POST", Path: "/v1/me/notifications/" + ready.Id.String() + "/read", Token: other.Token})
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/me/notifications/" + ready.Id.String() + "/read", Token: w.e.Token(w.citizen)})
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/me/notifications?unread=true", Token: w.e.Token(w.citizen)}).JSON(t, &inbox)
	if inbox.UnreadCount != 3 || len(inbox.Items) != 3 {
		t.Fatalf("after read: %d unread, %d items", inbox.UnreadCount, len(inbox.Items))
	}
}

// The console's lists: overdue (open, past due) and due soon (open, due by the end of the second
// working day from today, in time for the apology letter).
func TestOverdueAndDueSoonLists(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(vn("2026-11-23 09:00"))                                                                                     // Monday
	birth := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Hà Văn Một", "channel": "counter"})       // due Thu 26/11
	copyCert := w.create(t, map[string]any{"procedure_id": w.copyCert, "applicant_name": "Hà Văn Hai", "channel": "counter"}) // due Mon 23/11
	later := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Hà Văn Ba", "channel": "counter"})
	w.e.Pool.Exec(context.Background(), "UPDATE dossiers SET due_at = $2, original_due_at = $2 WHERE id = $1", later.Id, vn("2026-12-10 17:00"))
	done := putDossier(t, w.e, w.ward.ID, w.birth, nil, "result_ready") // due in 3 days, but has its result
	list := func(q string) map[string]bool {
		t.Helper()
		var l api.DossierList
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers?" + q, Token: w.e.Token(w.officer)}).JSON(t, &l)
		out := map[string]bool{}
		for _, d := range l.Items {
			out[d.Id.String()] = true
		}
		return out
	}
	same := func(name string, got map[string]bool, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d dossiers, want %d", name, len(got), len(want))
		}
		for _, id := range want {
			if !got[id] {
				t.Errorf("%s: %s missing", name, id)
			}
		}
	}
	w.e.Clock.Set(vn("2026-11-23 10:00")) // due soon: by Wed 25/11 17:00
	same("due soon on Monday", list("due_soon=true"), copyCert.Id.String())
	same("overdue on Monday", list("overdue=true"))
	w.e.Clock.Set(vn("2026-11-24 09:00")) // due soon: by Thu 26/11 17:00; the copy is now late
	same("due soon on Tuesday", list("due_soon=true"), birth.Id.String())
	same("overdue on Tuesday", list("overdue=true"), copyCert.Id.String())
	same("not due soon on Tuesday", list("due_soon=false"), copyCert.Id.String(), later.Id.String(), done.String())
	var d api.DossierDetail
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + copyCert.Id.String(), Token: w.e.Token(w.officer)}).JSON(t, &d)
	if !d.Overdue {
		t.Fatal("not overdue")
	}
	// The overdue copy can no longer get an apology letter; the one due soon still can.
	apology := map[string]any{"to": "received", "new_due_date": "2026-12-04", "note": "Xin lỗi ông/bà vì chậm trả kết quả do hệ thống gián đoạn"}
	w.e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + copyCert.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: apology})
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + birth.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: apology})
	same("due soon after the letter", list("due_soon=true"))
}

func TestReceiptAndQR(t *testing.T) {
	w := newWorld(t, func(c *config.Config) { c.PublicBaseURL = "https://motcua.example.vn" })
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	var r api.Receipt
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt", Token: w.e.Token(w.citizen)}).JSON(t, &r)
	if r.Code != d.Code || r.TrackingUrl != "https://motcua.example.vn/track/"+d.Code || r.FeeVnd == nil || *r.FeeVnd != 8000 || r.WardName == "" || r.RequiredDocuments == nil {
		t.Fatalf("receipt %+v", r)
	}
	res := w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt.png", Token: w.e.Token(w.officer)})
	img, err := png.Decode(bytes.NewReader(res.Body))
	if err != nil || img.Bounds().Dx() < 200 || res.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("png: %v %v %s", err, img, res.Header.Get("Content-Type"))
	}
}

func TestPublicTrackingLeaksNothing(t *testing.T) {
	w := newWorld(t, func(c *config.Config) { c.TrackLimitPerIP = 6 })
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Hồ Văn Sáu", "applicant_phone": "0987654321",
		"channel": "counter", "note": "Ghi chú nội bộ"})
	res := w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + strings.ToLower(d.Code) + "?phone_last4=4321"})
	for _, leak := range []string{"Hồ Văn Sáu", "987654321", "Ghi chú", w.officer.ID.String(), "applicant", "officer", "note"} {
		if strings.Contains(string(res.Body), leak) {
			t.Errorf("public tracking leaks %q: %s", leak, res.Body)
		}
	}
	var pub api.PublicDossier
	res.JSON(t, &pub)
	if pub.Status != "received" || len(pub.History) != 1 {
		t.Fatalf("public %+v", pub)
	}
	wrong := w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=0000"}).Problem(t)
	unknown := w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/2611-ZZZZZZ?phone_last4=4321"}).Problem(t)
	if wrong.Code != unknown.Code || wrong.Title != unknown.Title || wrong.Detail != unknown.Detail {
		t.Fatalf("a wrong phone is distinguishable from an unknown code: %+v vs %+v", wrong, unknown)
	}
	w.e.Expect(400, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=12"})
	// Three look-ups so far count against the limit of 6 per minute (the 400 never reached it).
	for i := 0; i < 3; i++ {
		w.e.Do(testkit.Req{Method: "GET", Path: "/v1/public/dossiers/2611-ZZZZZZ?phone_last4=4321"})
	}
	limited := w.e.Expect(429, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=4321"})
	if limited.Header.Get("Retry-After") == "" {
		t.Fatal("no Retry-After")
	}
}
