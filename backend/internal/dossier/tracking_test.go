package dossier_test

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The applicant's account phone works too (they may have changed numbers since the receipt),
// the history lists states only, and a dossier without any phone cannot be tracked.
func TestTrackingByAccountPhone(t *testing.T) {
	w := newWorld(t)
	e := w.e
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	note := "Thiếu bản chính giấy chứng sinh của cháu"
	for _, body := range []map[string]any{{"to": "in_review"}, {"to": "supplement_requested", "note": note}, {"to": "in_review"}} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: e.Token(w.officer), Body: body})
	}
	track := func(code, last4 string) *testkit.Response {
		return e.Do(testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + code + "?phone_last4=" + last4})
	}
	old := w.citizen.Phone[len(w.citizen.Phone)-4:]
	res := track(d.Code, old)
	if res.Status != 200 {
		t.Fatalf("status %d", res.Status)
	}
	for _, leak := range []string{note, "Người dùng", w.citizen.Phone[3:], w.citizen.ID.String(), w.officer.ID.String(), "officer", "actor"} {
		if strings.Contains(string(res.Body), leak) {
			t.Errorf("public tracking leaks %q: %s", leak, res.Body)
		}
	}
	var pub api.PublicDossier
	res.JSON(t, &pub)
	var states []string
	for _, h := range pub.History {
		states = append(states, string(h.Status))
	}
	if got := strings.Join(states, ","); got != "received,in_review,supplement_requested,in_review" || pub.Status != "in_review" || pub.PortalStatusCode != 4 {
		t.Fatalf("history %s, status %s", got, pub.Status)
	}

	if _, err := e.Pool.Exec(context.Background(), "UPDATE users SET phone = '+84987001234' WHERE id = $1", w.citizen.ID); err != nil {
		t.Fatal(err)
	}
	for _, last4 := range []string{old, "1234"} {
		if s := track(d.Code, last4).Status; s != 200 {
			t.Errorf("last4 %s after a change of number: %d", last4, s)
		}
	}
	if s := track(d.Code, "9999").Status; s != http.StatusNotFound {
		t.Errorf("wrong last4: %d", s)
	}
	// A walk-in with no phone: no last4 can match.
	nophone := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Bà Tư", "channel": "counter"})
	for _, last4 := range []string{"0000", "1234"} {
		if s := track(nophone.Code, last4).Status; s != http.StatusNotFound {
			t.Errorf("dossier without a phone tracked with %s: %d", last4, s)
		}
	}
}

// Refusals speak the caller's language, and look the same for a wrong number and an unknown code.
func TestTrackingRefusalsInEnglishAndLimit(t *testing.T) {
	w := newWorld(t, func(c *config.Config) { c.TrackLimitPerIP = 3 })
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Bà Tư", "applicant_phone": "0912345678", "channel": "counter"})
	en := map[string]string{"Accept-Language": "en"}
	wrong := w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=0000", Header: en})
	unknown := w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/2611-0000AA?phone_last4=5678", Header: en})
	pw, pu := wrong.Problem(t), unknown.Problem(t)
	if pw.Code != "not_found" || pw.Code != pu.Code || pw.Title != pu.Title || pw.Detail != pu.Detail || pw.Type != pu.Type {
		t.Fatalf("distinguishable: %+v vs %+v", pw, pu)
	}
	if strings.ContainsAny(pw.Title, "àáảãạăâđèéêìíòóôơùúư") {
		t.Fatalf("title not in English: %q", pw.Title)
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=5678"})
	// Three look-ups made: the fourth in the minute is refused, even with the right number.
	limited := w.e.Expect(429, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=5678"})
	if p := limited.Problem(t); p.Code != "rate_limited" {
		t.Fatalf("code %q", p.Code)
	}
	if s, err := strconv.Atoi(limited.Header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
		t.Fatalf("Retry-After %q", limited.Header.Get("Retry-After"))
	}
	// A minute later it answers again.
	w.e.Clock.Advance(61 * time.Second)
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/public/dossiers/" + d.Code + "?phone_last4=5678"})
}

func TestReceiptFieldsAndPNG(t *testing.T) {
	w := newWorld(t, func(c *config.Config) { c.PublicBaseURL = "https://motcua.example.vn" })
	w.e.Clock.Set(vn("2026-11-23 09:00"))
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Đỗ Thị Mai", "channel": "counter"})
	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	var r api.Receipt
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt", Token: w.e.Token(admin)}).JSON(t, &r)
	if r.DossierId != d.Id || r.WardName != "Phường thử 26734" || r.ProcedureCode != "1.001193" || r.ProcedureName != "Đăng ký khai sinh" ||
		r.ApplicantName != "Đỗ Thị Mai" || !r.ReceivedAt.Equal(vn("2026-11-23 09:00")) || !r.DueAt.Equal(vn("2026-11-26 17:00")) ||
		r.FeeVnd == nil || *r.FeeVnd != 8000 || r.RequiredDocuments == nil || strings.Join(*r.RequiredDocuments, "|") != "Tờ khai|Giấy chứng sinh" ||
		r.TrackingUrl != "https://motcua.example.vn/track/"+d.Code {
		t.Fatalf("receipt %+v", r)
	}
	res := w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/receipt.png", Token: w.e.Token(admin)})
	if !bytes.HasPrefix(res.Body, []byte("\x89PNG\r\n\x1a\n")) || res.Header.Get("Content-Length") != strconv.Itoa(len(res.Body)) {
		t.Fatalf("not a PNG of the stated length: %d bytes, Content-Length %q", len(res.Body), res.Header.Get("Content-Length"))
	}
	img, err := png.Decode(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 200 {
		t.Fatalf("QR image %v", b)
	}
	// The QR of another code is another picture.
	other := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Đỗ Thị Mai", "channel": "counter"})
	res2 := w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + other.Id.String() + "/receipt.png", Token: w.e.Token(admin)})
	if bytes.Equal(res.Body, res2.Body) {
		t.Fatal("two dossiers share a QR code")
	}
}
