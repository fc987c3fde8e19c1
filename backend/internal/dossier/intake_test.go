package dossier_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// submit creates a submitted dossier as a home pickup's hand-over (or the post) does.
func (w *world) submit(t *testing.T, in dossier.Submission) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	err := pgx.BeginFunc(context.Background(), w.e.Pool, func(tx pgx.Tx) error {
		var err error
		id, _, err = w.e.App.Dossiers.CreateSubmitted(context.Background(), tx, in)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (w *world) get(t *testing.T, u testkit.User, id uuid.UUID) api.DossierDetail {
	t.Helper()
	var d api.DossierDetail
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String(), Token: w.e.Token(u)}).JSON(t, &d)
	return d
}

func (w *world) move(t *testing.T, status int, u testkit.User, id uuid.UUID, body map[string]any) *testkit.Response {
	t.Helper()
	return w.e.Expect(status, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: w.e.Token(u), Body: body})
}

// A volunteer's hand-over creates a submitted dossier: no clock, no receipt, nobody told. An
// officer receives it: the clock starts then, the receipt is issued with the documents listed,
// and the citizen is told. Later catalogue edits never change the issued receipt.
func TestSubmittedThenReceived(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ctx := context.Background()
	volunteer := e.NewUser(w.ward, auth.RoleVolunteer)
	e.Clock.Set(vn("2026-11-23 09:00")) // Monday
	note := "Tiếp nhận tại nhà"
	id := w.submit(t, dossier.Submission{WardID: w.ward.ID, ProcedureID: w.birth, Channel: dossier.ChannelHomePickup,
		ApplicantID: &w.citizen.ID, Note: &note, By: auth.Principal{UserID: volunteer.ID, WardID: w.ward.ID, Role: auth.RoleVolunteer}})

	d := w.get(t, w.citizen, id)
	if d.Status != "submitted" || d.PortalStatusCode != 1 || d.ReceivedAt != nil || d.DueAt != nil || d.OriginalDueAt != nil ||
		!d.SubmittedAt.Equal(vn("2026-11-23 09:00")) || len(d.Events) != 1 || d.Events[0].To != "submitted" {
		t.Fatalf("submitted %+v", d)
	}
	if n := e.Count("SELECT count(*) FROM notifications WHERE user_id = $1", w.citizen.ID); n != 0 {
		t.Fatalf("%d notifications before intake", n)
	}
	for _, p := range []string{"/receipt", "/receipt.html"} {
		if p := e.Expect(http.StatusConflict, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + p, Token: e.Token(w.officer)}).Problem(t); p.Code != "not_received" {
			t.Fatalf("receipt before intake: %q", p.Code)
		}
	}
	// A volunteer cannot receive it; the applicant cannot either (they may only withdraw).
	e.Expect(http.StatusForbidden, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/transitions", Token: e.Token(volunteer),
		Body: map[string]any{"to": "received"}})
	w.move(t, http.StatusForbidden, w.citizen, id, map[string]any{"to": "received"})

	e.Clock.Set(vn("2026-11-23 16:30")) // received late on Monday: the clock starts now, not at hand-over
	var got api.DossierDetail
	w.move(t, http.StatusOK, w.officer, id, map[string]any{"to": "received",
		"documents_received": []string{"Tờ khai đăng ký khai sinh", "Giấy chứng sinh <bản chính>"}}).JSON(t, &got)
	if got.Status != "received" || got.PortalStatusCode != 2 || !got.ReceivedAt.Equal(vn("2026-11-23 16:30")) ||
		!got.DueAt.Equal(vn("2026-11-26 17:00")) || !got.OriginalDueAt.Equal(vn("2026-11-26 17:00")) {
		t.Fatalf("received %+v", got)
	}
	var title, body string
	e.Pool.QueryRow(ctx, "SELECT title_vi, body_vi FROM notifications WHERE user_id = $1 AND type = 'dossier.received'", w.citizen.ID).Scan(&title, &body)
	if !strings.Contains(title, got.Code) || !strings.Contains(body, "26/11/2026") {
		t.Fatalf("received notification %q / %q", title, body)
	}

	var officerName string
	e.Pool.QueryRow(ctx, "SELECT full_name FROM users WHERE id = $1", w.officer.ID).Scan(&officerName)
	// The catalogue changes afterwards: the receipt does not.
	e.Pool.Exec(ctx, "UPDATE procedures SET fee_vnd = NULL, name = 'Tên mới', required_documents = ARRAY['Giấy khác'] WHERE id = $1", w.birth)
	var r api.Receipt
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + "/receipt", Token: e.Token(w.citizen)}).JSON(t, &r)
	if r.FeeVnd == nil || *r.FeeVnd != 8000 || r.ProcedureName != "Đăng ký khai sinh" ||
		strings.Join(r.DocumentsReceived, "|") != "Tờ khai đăng ký khai sinh|Giấy chứng sinh <bản chính>" ||
		r.ReceivingOfficer == nil || *r.ReceivingOfficer != officerName || !r.DueAt.Equal(vn("2026-11-26 17:00")) ||
		r.OfficeName != "Trung tâm Phục vụ hành chính công phường thử 26734" || r.ReturnMethod != "counter" {
		t.Fatalf("receipt %+v", r)
	}

	// The printable page: the same snapshot, escaped, with the QR code inlined; staff only.
	res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + "/receipt.html", Token: e.Token(w.officer)})
	page := string(res.Body)
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Fatalf("content type %q", ct)
	}
	for _, want := range []string{"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "size: A5", "Trung tâm Phục vụ hành chính công phường thử 26734",
		got.Code, "8.000 đồng", "Giấy chứng sinh &lt;bản chính&gt;", "17:00, 26/11/2026", officerName, `src="data:image/png;base64,`,
		"/track/" + got.Code} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<bản chính>") || strings.Contains(page, "Tên mới") {
		t.Error("page not escaped, or read from the catalogue")
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + "/receipt.html"})
	e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + "/receipt.html", Token: e.Token(w.citizen)})
	e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String() + "/receipt.html",
		Token: e.Token(e.NewUser(e.NewWard("00072", 1), auth.RoleOfficer))})

	// documents_received belongs to intake only.
	if p := w.move(t, http.StatusUnprocessableEntity, w.officer, id, map[string]any{"to": "in_review", "documents_received": []string{"x"}}).Problem(t); len(p.Errors) != 1 || p.Errors[0].Code != "only_at_intake" {
		t.Fatalf("errors %+v", p.Errors)
	}
}

// A fee the province sets is not known to the catalogue: the receipt says so, never 0.
func TestReceiptFeeSetByProvince(t *testing.T) {
	w := newWorld(t)
	w.e.Pool.Exec(context.Background(), "UPDATE procedures SET fee_vnd = NULL WHERE id = $1", w.birth)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Võ Văn Tám", "channel": "counter"})
	var r api.Receipt
	w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt", Token: w.e.Token(w.officer)}).JSON(t, &r)
	if r.FeeVnd != nil {
		t.Fatalf("fee %d", *r.FeeVnd)
	}
	page := string(w.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt.html", Token: w.e.Token(w.officer)}).Body)
	if !strings.Contains(page, "Theo quy định của tỉnh") || strings.Contains(page, "0 đồng") {
		t.Fatal("province fee not shown as such")
	}
}

// A refusal at intake needs a reason, which the citizen receives; the dossier closes with portal
// status 3 and never gets a clock.
func TestRefusedAtIntakeNeedsAReason(t *testing.T) {
	w := newWorld(t)
	id := w.submit(t, dossier.Submission{WardID: w.ward.ID, ProcedureID: w.birth, Channel: dossier.ChannelHomePickup,
		ApplicantID: &w.citizen.ID, By: auth.Principal{UserID: w.officer.ID, WardID: w.ward.ID, Role: auth.RoleOfficer}})
	for _, body := range []map[string]any{{"to": "refused_at_intake"}, {"to": "refused_at_intake", "note": "  "}} {
		if p := w.move(t, http.StatusUnprocessableEntity, w.officer, id, body).Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "note" || p.Errors[0].Code != "reason_required" {
			t.Fatalf("errors %+v", p.Errors)
		}
	}
	reason := "Thiếu tờ khai có chữ ký của người đi đăng ký"
	var d api.DossierDetail
	w.move(t, http.StatusOK, w.officer, id, map[string]any{"to": "refused_at_intake", "note": reason}).JSON(t, &d)
	if d.Status != "refused_at_intake" || d.PortalStatusCode != 3 || d.ClosedAt == nil || d.ReceivedAt != nil || d.DueAt != nil {
		t.Fatalf("refused %+v", d)
	}
	var body string
	w.e.Pool.QueryRow(context.Background(), "SELECT body_vi FROM notifications WHERE user_id = $1 AND type = 'dossier.refused_at_intake'", w.citizen.ID).Scan(&body)
	if !strings.Contains(body, "Lý do: "+reason) {
		t.Fatalf("refusal notification %q", body)
	}
	w.move(t, http.StatusConflict, w.officer, id, map[string]any{"to": "received"})
}

// A parcel sent by post with an applicant who has no account: channel code 3, reached by phone.
func TestSubmittedByPostWithoutAccount(t *testing.T) {
	w := newWorld(t)
	phone := "0912 345 678"
	id := w.submit(t, dossier.Submission{WardID: w.ward.ID, ProcedureID: w.birth, Channel: dossier.ChannelPostal,
		ApplicantName: "Đinh Thị Mười", ApplicantPhone: &phone, ReturnMethod: dossier.ReturnPostal})
	d := w.get(t, w.officer, id)
	if d.Channel != "postal" || d.PortalChannelCode != 3 || d.ApplicantId != nil || d.ApplicantPhone == nil || *d.ApplicantPhone != "+84912345678" {
		t.Fatalf("postal %+v", d)
	}
	// The entry refuses what the catalogue does not allow, naming the field.
	err := pgx.BeginFunc(context.Background(), w.e.Pool, func(tx pgx.Tx) error {
		_, _, err := w.e.App.Dossiers.CreateSubmitted(context.Background(), tx, dossier.Submission{WardID: w.ward.ID,
			ProcedureID: w.copyCert, Channel: dossier.ChannelHomePickup, ApplicantName: "Đinh Thị Mười"})
		return err
	})
	var inv *fault.Invalid
	if !errors.As(err, &inv) || len(inv.Fields) != 1 || inv.Fields[0].Name != "channel" {
		t.Fatalf("err %v", err)
	}
}

// Supplement requests list what is missing and pause the clock: back in review, the working days
// waited are added to due_at (original_due_at stays). A rejection needs a reason the citizen gets.
func TestSupplementPausesTheClockAndRejectionNeedsAReason(t *testing.T) {
	w := newWorld(t)
	e := w.e
	ctx := context.Background()
	e.Clock.Set(vn("2026-11-23 09:00")) // Monday; due Thursday 26/11 17:00
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"})
	if p := w.move(t, http.StatusUnprocessableEntity, w.officer, d.Id, map[string]any{"to": "supplement_requested"}).Problem(t); p.Errors[0].Code != "missing_documents_required" {
		t.Fatalf("errors %+v", p.Errors)
	}
	e.Clock.Set(vn("2026-11-24 10:00")) // Tuesday
	missing := "Bản sao giấy chứng nhận kết hôn của cha mẹ"
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "supplement_requested", "note": missing})
	var body string
	e.Pool.QueryRow(ctx, "SELECT body_vi FROM notifications WHERE user_id = $1 AND type = 'dossier.supplement_requested'", w.citizen.ID).Scan(&body)
	if !strings.Contains(body, "Cần bổ sung: "+missing) {
		t.Fatalf("supplement notification %q", body)
	}
	e.Clock.Set(vn("2026-11-30 11:00")) // next Monday: Wed, Thu, Fri, Mon waited
	var back api.DossierDetail
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "in_review"}).JSON(t, &back)
	if back.PausedDays != 4 || !back.DueAt.Equal(vn("2026-12-02 17:00")) || !back.OriginalDueAt.Equal(vn("2026-11-26 17:00")) || back.Overdue {
		t.Fatalf("after the pause: %d days, due %s, original %s", back.PausedDays, back.DueAt, back.OriginalDueAt)
	}
	var paused *string
	e.Pool.QueryRow(ctx, "SELECT paused_at::text FROM dossiers WHERE id = $1", d.Id).Scan(&paused)
	if paused != nil {
		t.Fatalf("still paused at %s", *paused)
	}

	if p := w.move(t, http.StatusUnprocessableEntity, w.officer, d.Id, map[string]any{"to": "rejected"}).Problem(t); p.Errors[0].Code != "reason_required" {
		t.Fatalf("errors %+v", p.Errors)
	}
	reason := "Người yêu cầu không phải cha, mẹ hoặc người thân thích của trẻ"
	var rejected api.DossierDetail
	w.move(t, http.StatusOK, w.officer, d.Id, map[string]any{"to": "rejected", "note": reason}).JSON(t, &rejected)
	if rejected.PortalStatusCode != 9 {
		t.Fatalf("rejected portal status %d", rejected.PortalStatusCode)
	}
	e.Pool.QueryRow(ctx, "SELECT body_vi FROM notifications WHERE user_id = $1 AND type = 'dossier.rejected'", w.citizen.ID).Scan(&body)
	if body != "Hồ sơ không đủ điều kiện giải quyết. Lý do: "+reason {
		t.Fatalf("rejection notification %q", body)
	}
}

// A procedure whose law counts calendar days (Luật Đất đai 2024, Điều 235) is due on the
// calendar day, moved to the next working day when that is a day off.
func TestCalendarDayProcedure(t *testing.T) {
	w := newWorld(t)
	mediation := insertProcedure(t, w.e, w.ward.ID, "1.012345", "Hòa giải tranh chấp đất đai", 30, nil, "counter")
	w.e.Pool.Exec(context.Background(), "UPDATE procedures SET day_count = 'calendar' WHERE id = $1", mediation)
	for received, due := range map[string]string{
		"2026-11-23 09:00": "2026-12-23 17:00", // Wednesday
		"2026-11-07 09:00": "2026-12-09 17:00", // received Saturday: counts from Monday 9/11; 9/12 is a Wednesday
		"2026-11-05 09:00": "2026-12-07 17:00", // 5/12 is a Saturday: due the next working day
	} {
		w.e.Clock.Set(vn(received))
		d := w.create(t, map[string]any{"procedure_id": mediation, "applicant_name": "Lâm Văn Mười Một", "channel": "counter"})
		if !d.DueAt.Equal(vn(due)) {
			t.Errorf("received %s: due %s, want %s", received, d.DueAt, due)
		}
	}
}

// The portal's own code: optional on create, set or cleared later by an officer, unique, validated.
func TestPortalCodeField(t *testing.T) {
	w := newWorld(t)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Phan Văn Mười Hai", "channel": "counter",
		"portal_code": "000.00.26.H29-261123-0001"})
	if d.PortalCode == nil || *d.PortalCode != "000.00.26.H29-261123-0001" {
		t.Fatalf("portal code %v", d.PortalCode)
	}
	w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer),
		Body: map[string]any{"procedure_id": w.birth, "applicant_name": "Phan Văn Mười Hai", "channel": "counter", "portal_code": "2611-ABC"}})
	if p := w.e.Expect(http.StatusConflict, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer),
		Body: map[string]any{"procedure_id": w.birth, "applicant_name": "Phan Văn Mười Ba", "channel": "counter", "portal_code": "000.00.26.H29-261123-0001"}}).Problem(t); p.Code != "portal_code_taken" {
		t.Fatalf("code %q", p.Code)
	}
	other := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Phan Văn Mười Ba", "channel": "counter"})
	path := "/v1/dossiers/" + other.Id.String()
	if p := w.e.Expect(http.StatusConflict, testkit.Req{Method: "PATCH", Path: path, Token: w.e.Token(w.officer),
		Body: map[string]any{"portal_code": "000.00.26.H29-261123-0001"}}).Problem(t); p.Code != "portal_code_taken" {
		t.Fatalf("code %q", p.Code)
	}
	var got api.DossierDetail
	w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"portal_code": "H29.26734-261123-0002"}}).JSON(t, &got)
	if got.PortalCode == nil || *got.PortalCode != "H29.26734-261123-0002" {
		t.Fatalf("patched %v", got.PortalCode)
	}
	w.e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"portal_code": nil}}).JSON(t, &got)
	if got.PortalCode != nil {
		t.Fatalf("not cleared: %v", *got.PortalCode)
	}
	w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PATCH", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"portal_code": "x"}})
	w.e.Expect(http.StatusForbidden, testkit.Req{Method: "PATCH", Path: path, Token: w.e.Token(w.citizen), Body: map[string]any{"portal_code": nil}})
	if n := w.e.Count("SELECT count(*) FROM audit_events WHERE target_id = $1 AND action = 'dossier.portal_code'", other.Id); n != 2 {
		t.Fatalf("%d audit rows", n)
	}
}

// An applicant need not have an account or live in the ward: a name and a phone are enough, and
// no message says the applicant must be the ward's citizen.
func TestApplicantWithoutAccount(t *testing.T) {
	w := newWorld(t)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Trương Văn Khách", "applicant_phone": "0987654321", "channel": "counter"})
	if d.ApplicantId != nil || d.ApplicantPhone == nil || *d.ApplicantPhone != "+84987654321" {
		t.Fatalf("applicant %+v", d)
	}
	stranger := w.e.NewUser(w.e.NewWard("00072", 1), auth.RoleCitizen)
	p := w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer),
		Body: map[string]any{"procedure_id": w.birth, "applicant_id": stranger.ID, "channel": "counter"}}).Problem(t)
	if len(p.Errors) != 1 || strings.Contains(p.Errors[0].Message, "công dân của phường") || !strings.Contains(p.Errors[0].Message, "họ tên và số điện thoại") {
		t.Fatalf("errors %+v", p.Errors)
	}
}
