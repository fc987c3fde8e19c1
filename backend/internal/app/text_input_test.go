package app_test

import (
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// someID is a well-formed id that names nothing: a request carrying it gets past the gate and
// is then refused by the feature, so a 404 proves the gate let the request through.
const someID = "01900000-0000-7000-8000-000000000000"

// Control characters and bytes that are not UTF-8 are refused at the gate, on public and
// private operations, in the path, the query and every text of the body, with the field named:
// PostgreSQL refuses U+0000 and invalid UTF-8, and used to turn them into 500s.
func TestGateRefusesControlCharactersAndInvalidUTF8(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	citizen, officer, admin := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleAdmin)
	nb := w.Neighborhoods[0].String()
	cases := []struct {
		name   string
		req    testkit.Req
		status int
		field  string
		code   string
	}{
		// The examples.
		{"login phone with NUL", testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: `{"phone":"0912\u0000345678","password":"Matkhau-2026"}`}, 422, "phone", "control_character"},
		{"tracking code %00", testkit.Req{Method: "GET", Path: "/v1/public/dossiers/%00?phone_last4=0000"}, 400, "code", "control_character"},
		{"procedure search %00", testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734&q=a%00"}, 400, "q", "control_character"},
		{"ward province %00", testkit.Req{Method: "GET", Path: "/v1/wards?province=%00"}, 400, "province", "control_character"},
		{"device token %00", testkit.Req{Method: "DELETE", Path: "/v1/me/devices/%00", Token: citizen.Token}, 400, "token", "control_character"},
		// Every feature's body texts.
		{"register name", testkit.Req{Method: "POST", Path: "/v1/auth/register", Body: map[string]any{"phone": "0912345678", "password": "Matkhau-2026", "full_name": "An\x00", "ward_code": "26734"}}, 422, "full_name", "control_character"},
		{"user name", testkit.Req{Method: "POST", Path: "/v1/users", Token: admin.Token, Body: map[string]any{"phone": "0912345679", "password": "Matkhau-2026", "full_name": "Bình\x1b", "role": "volunteer"}}, 422, "full_name", "control_character"},
		{"procedure document", testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Body: map[string]any{"code": "1.1", "name": "Khai sinh", "field": "Hộ tịch", "processing_days": 1, "channels": []string{"counter"}, "required_documents": []string{"Tờ khai", "CCCD\x00"}}}, 422, "required_documents/1", "control_character"},
		{"dossier applicant", testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: officer.Token, Body: map[string]any{"procedure_id": someID, "channel": "counter", "applicant_name": "Chi\x00", "applicant_phone": "0912345678"}}, 422, "applicant_name", "control_character"},
		{"session venue", testkit.Req{Method: "PATCH", Path: "/v1/sessions/" + someID, Token: officer.Token, Body: map[string]any{"venue": "Nhà văn hóa\x7f"}}, 422, "venue", "control_character"},
		{"booking note", testkit.Req{Method: "POST", Path: "/v1/sessions/" + someID + "/bookings", Token: citizen.Token, Body: map[string]any{"slot_starts_at": "2026-03-07T08:00:00+07:00", "note": "\x00"}}, 422, "note", "control_character"},
		{"check-in name", testkit.Req{Method: "POST", Path: "/v1/sessions/" + someID + "/check-ins", Token: officer.Token, Body: map[string]any{"name": "Dũng\x00"}}, 422, "name", "control_character"},
		{"pickup address", testkit.Req{Method: "POST", Path: "/v1/pickups", Token: citizen.Token, Body: map[string]any{"address": "12 Lê Lợi\x00", "neighborhood_id": nb, "reason": "elderly", "preferred_date": "2026-03-09", "window_start": "08:00", "window_end": "10:00", "contact_phone": "0912345678"}}, 422, "address", "control_character"},
		{"pickup form key", testkit.Req{Method: "POST", Path: "/v1/pickups/" + someID + "/transitions", Token: officer.Token, Body: map[string]any{"to": "collected", "form_data": map[string]string{"ho\x00ten": "An"}}}, 422, "form_data/ho\\u0000ten", "control_character"},
		{"pickup form value", testkit.Req{Method: "POST", Path: "/v1/pickups/" + someID + "/transitions", Token: officer.Token, Body: map[string]any{"to": "collected", "form_data": map[string]string{"ho_ten": "An\x00"}}}, 422, "form_data/ho_ten", "control_character"},
		{"device app version", testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: citizen.Token, Body: map[string]any{"token": strings.Repeat("t", 30), "platform": "android", "app_version": "1.0\x00"}}, 422, "app_version", "control_character"},
		{"shipment street", testkit.Req{Method: "POST", Path: "/v1/dossiers/" + someID + "/shipment", Token: citizen.Token, Body: map[string]any{"recipient_name": "An", "recipient_phone": "0912345678", "province": "Hà Nội", "ward": "Hoàn Kiếm", "street": "1 Tràng Tiền\x00"}}, 422, "street", "control_character"},
		{"webhook event id", testkit.Req{Method: "POST", Path: "/v1/webhooks/postal", Body: `{"event_id":"e\u0000","tracking_number":"T1","status":"delivered","occurred_at":"2026-03-07T08:00:00Z"}`}, 422, "event_id", "control_character"},
		// A line break is a control character in a one-line text, allowed in a multi-line one.
		{"line break in a name", testkit.Req{Method: "PATCH", Path: "/v1/me", Token: citizen.Token, Body: map[string]any{"full_name": "An\nBình"}}, 422, "full_name", "control_character"},
		{"line break in a note", testkit.Req{Method: "POST", Path: "/v1/sessions/" + someID + "/transitions", Token: officer.Token, Body: map[string]any{"to": "cancelled", "note": "Mưa bão:\n\tdời lịch"}}, 404, "", ""},
		{"NUL in a note", testkit.Req{Method: "POST", Path: "/v1/sessions/" + someID + "/transitions", Token: officer.Token, Body: map[string]any{"to": "cancelled", "note": "Mưa\x00"}}, 422, "note", "control_character"},
		// Declared header parameters: the Idempotency-Key is stored as text.
		{"idempotency key not UTF-8", testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: officer.Token, Header: map[string]string{"Idempotency-Key": "\xe9t\xe9-2026-key"},
			Body: map[string]any{"procedure_id": someID, "channel": "counter"}}, 400, "Idempotency-Key", "invalid_utf8"},
		{"idempotency key with a control character", testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: officer.Token, Header: map[string]string{"Idempotency-Key": "key-\x01-2026"},
			Body: map[string]any{"procedure_id": someID, "channel": "counter"}}, 400, "Idempotency-Key", "control_character"},
		// Bytes that are not UTF-8.
		{"invalid UTF-8 in a body text", testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: []byte("{\"phone\":\"0912\xff345678\",\"password\":\"Matkhau-2026\"}")}, 422, "phone", "invalid_utf8"},
		{"invalid UTF-8 in a query", testkit.Req{Method: "GET", Path: "/v1/wards?province=H%E0%20N%F4i"}, 400, "province", "invalid_utf8"},
		{"invalid UTF-8 in a path", testkit.Req{Method: "GET", Path: "/v1/public/dossiers/%C3%28?phone_last4=0000"}, 400, "code", "invalid_utf8"},
		// Vietnamese, emoji and right-to-left marks are text like any other.
		{"Vietnamese and emoji", testkit.Req{Method: "GET", Path: "/v1/wards?province=H%C3%A0%20N%E1%BB%99i%20%F0%9F%8F%AF%E2%80%8F"}, 200, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := e.Do(c.req)
			if res.Status != c.status {
				t.Fatalf("status %d, want %d: %s", res.Status, c.status, res.Body)
			}
			if c.field == "" {
				return
			}
			p := res.Problem(t)
			if p.Code != "validation_failed" || len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != c.code {
				t.Fatalf("problem %+v, want validation_failed with %s/%s", p, c.field, c.code)
			}
		})
	}
}

// A malformed id is a field error naming the parameter or body field, like any other format.
func TestGateNamesMalformedUUIDs(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	officer := e.NewUser(e.NewWard("26734", 1), auth.RoleOfficer)
	cases := []struct {
		req    testkit.Req
		status int
		field  string
	}{
		{testkit.Req{Method: "GET", Path: "/v1/dossiers/not-a-uuid"}, 400, "id"},
		{testkit.Req{Method: "GET", Path: "/v1/dossiers?procedure_id=1234"}, 400, "procedure_id"},
		{testkit.Req{Method: "POST", Path: "/v1/dossiers", Body: map[string]any{"procedure_id": "0190-nope", "channel": "counter"}}, 422, "procedure_id"},
		{testkit.Req{Method: "PATCH", Path: "/v1/sessions/" + someID, Body: map[string]any{"staff_ids": []string{someID, "x"}}}, 422, "staff_ids/1"},
	}
	for _, c := range cases {
		c.req.Token = officer.Token
		res := e.Do(c.req)
		if res.Status != c.status {
			t.Errorf("%s %s: status %d, want %d: %s", c.req.Method, c.req.Path, res.Status, c.status, res.Body)
			continue
		}
		p := res.Problem(t)
		if p.Code != "validation_failed" || len(p.Errors) != 1 || p.Errors[0].Field != c.field || p.Errors[0].Code != "invalid_format" {
			t.Errorf("%s %s: %+v, want %s/invalid_format", c.req.Method, c.req.Path, p, c.field)
		}
	}
}
