package postal_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/fcmfake"
	"github.com/motcuagandan/motcua/backend/internal/postal"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

var secret = []byte(config.DevPostalSecret)

type world struct {
	e       *testkit.Env
	ward    testkit.Ward
	officer testkit.User
	citizen testkit.User
	proc    uuid.UUID
}

func newWorld(t *testing.T) *world {
	e := testkit.New(t)
	w := &world{e: e, ward: e.NewWard("26734", 1)}
	if _, err := e.Pool.Exec(context.Background(), "UPDATE wards SET province = 'Thành phố Hồ Chí Minh' WHERE id = $1", w.ward.ID); err != nil {
		t.Fatal(err)
	}
	w.officer, w.citizen = e.NewUser(w.ward, auth.RoleOfficer), e.NewUser(w.ward, auth.RoleCitizen)
	w.proc = uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, ARRAY['counter','postal_return'], now(), now())`, w.proc, w.ward.ID); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) dossier(t *testing.T, applicant testkit.User) api.Dossier {
	var d api.Dossier
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer),
		Body: map[string]any{"procedure_id": w.proc, "applicant_id": applicant.ID, "channel": "counter"}}).JSON(t, &d)
	return d
}

func (w *world) move(t *testing.T, d api.Dossier, to ...string) {
	for _, s := range to {
		w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": s}})
	}
}

var address = map[string]any{"recipient_name": "Nguyễn Thị Lan", "recipient_phone": "0901000101", "province": "TP. Hồ Chí Minh",
	"ward": "Phường Bến Thành", "street": "12 Lê Lợi"}

func (w *world) book(t *testing.T, d api.Dossier, who testkit.User) api.Shipment {
	var sh api.Shipment
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/shipment", Token: w.e.Token(who), Body: address}).JSON(t, &sh)
	return sh
}

// webhook sends a carrier callback signed at the env's clock unless told otherwise.
func (w *world) webhook(evID, tracking, status string, at time.Time, sign func(ts string, body []byte) (string, string)) *testkit.Response {
	body, _ := json.Marshal(map[string]any{"event_id": evID, "tracking_number": tracking, "status": status, "occurred_at": at.Format(time.RFC3339)})
	ts := strconv.FormatInt(w.e.Clock.Now().Unix(), 10)
	sig := postal.Sign(secret, ts, body)
	if sign != nil {
		ts, sig = sign(ts, body)
	}
	h := map[string]string{"X-Carrier": "local"}
	if ts != "" {
		h["X-Timestamp"] = ts
	}
	if sig != "" {
		h["X-Signature"] = sig
	}
	return w.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/postal", Body: body, Header: h})
}

// The whole path, with exactly the pushes the citizen's phone should get, through the real
// Firebase SDK into the fake FCM.
func TestBookToDeliveredReturnsTheDossier(t *testing.T) {
	w := newWorld(t)
	token := "citizen-phone-token-postal-01"
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: w.e.Token(w.citizen), Body: map[string]any{"token": token, "platform": "android"}})
	d := w.dossier(t, w.citizen)
	var q api.ShipmentQuote
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/shipment/quote?province=Th%C3%A0nh%20ph%E1%BB%91%20H%E1%BB%93%20Ch%C3%AD%20Minh", Token: w.e.Token(w.citizen)}).JSON(t, &q)
	if !q.SameProvince || q.FeeVnd != postal.DefaultTariff.SameProvinceVnd {
		t.Fatalf("quote %+v", q)
	}
	sh := w.book(t, d, w.citizen)
	if sh.Status != "requested" || sh.DossierCode == nil || *sh.DossierCode != d.Code {
		t.Fatalf("shipment %+v", sh)
	}
	// Not before the result is ready.
	if p := w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "handed_to_carrier"}}).Problem(t); p.Code != "result_not_ready" {
		t.Fatalf("code %q", p.Code)
	}
	w.move(t, d, "in_review", "approved", "result_ready")
	// The hand-over answers at once; the carrier is called afterwards, by the worker.
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions", Token: w.e.Token(w.officer), Body: map[string]any{"to": "handed_to_carrier"}}).JSON(t, &sh)
	if sh.Status != "requested" || sh.TrackingNumber != nil || sh.CarrierRegistration == nil || sh.CarrierRegistration.State != "pending" {
		t.Fatalf("after the hand-over: %s, tracking %v, registration %+v", sh.Status, sh.TrackingNumber, sh.CarrierRegistration)
	}
	w.register(t, postal.Local{})
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &sh)
	if sh.Status != "handed_to_carrier" || sh.TrackingNumber == nil || len(*sh.TrackingNumber) != 13 || sh.CarrierRegistration.State != "registered" {
		t.Fatalf("after registration: %s, tracking %v, registration %+v", sh.Status, sh.TrackingNumber, sh.CarrierRegistration)
	}
	now := w.e.Clock.Now()
	for i, st := range []string{"in_transit", "delivered"} {
		res := w.webhook(fmt.Sprintf("ev-%d", i), *sh.TrackingNumber, st, now.Add(time.Duration(i+1)*time.Hour), nil)
		if res.Status != 200 || !jsonHas(res.Body, `"result":"applied"`) {
			t.Fatalf("%s: %d %s", st, res.Status, res.Body)
		}
	}
	var dd api.DossierDetail
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &dd)
	if dd.Status != "returned" || dd.ReturnMethod != "postal" {
		t.Fatalf("dossier %s / %s", dd.Status, dd.ReturnMethod)
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &sh)
	if sh.Status != "delivered" || len(sh.Events) != 4 {
		t.Fatalf("shipment %s with %d events", sh.Status, len(sh.Events))
	}

	// Drain the outbox through the real SDK and compare what the phone got.
	fake, err := fcmfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	sender, err := notify.NewFCM(context.Background(), notify.FCMConfig{ProjectID: "postal-test", Endpoint: fake.URL})
	if err != nil {
		t.Fatal(err)
	}
	worker := notify.NewWorker(w.e.Pool, w.e.Clock, sender, slog.New(slog.NewTextHandler(io.Discard, nil)), notify.DefaultWorkerConfig())
	if _, err := worker.DrainOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range fake.Received() {
		if m.Token != token {
			t.Fatalf("push to %s", m.Token)
		}
		got = append(got, m.Data["type"])
	}
	want := map[string]int{"dossier.received": 1, "dossier.result_ready": 1, "shipment.handed_to_carrier": 1, "shipment.delivered": 1, "dossier.returned": 1}
	counts := map[string]int{}
	for _, g := range got {
		counts[g]++
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Fatalf("pushes %v, want %v", counts, want)
	}
}

func jsonHas(b []byte, s string) bool { return len(b) > 0 && contains(string(b), s) }

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// Every bad or repeated callback gets its status and changes nothing it must not.
func TestWebhookRefusals(t *testing.T) {
	w := newWorld(t)
	d := w.dossier(t, w.citizen)
	sh := w.book(t, d, w.citizen)
	w.move(t, d, "in_review", "approved", "result_ready")
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "handed_to_carrier", "tracking_number": "EB123456789VN"}})
	tn := "EB123456789VN"
	at := w.e.Clock.Now().Add(time.Hour)
	state := func() (string, int) {
		var st string
		w.e.Pool.QueryRow(context.Background(), "SELECT status FROM shipments WHERE id = $1", sh.Id).Scan(&st)
		return st, w.e.Count("SELECT count(*) FROM shipment_events WHERE shipment_id = $1", sh.Id)
	}
	st0, ev0 := state()
	cases := []struct {
		name   string
		res    *testkit.Response
		status int
		code   string
	}{
		{"bad signature", w.webhook("e1", tn, "in_transit", at, func(ts string, b []byte) (string, string) {
			return ts, postal.Sign([]byte("another-secret-16ch"), ts, b)
		}), 401, "invalid_signature"},
		{"missing signature", w.webhook("e1", tn, "in_transit", at, func(ts string, b []byte) (string, string) { return ts, "" }), 401, "invalid_signature"},
		{"missing timestamp", w.webhook("e1", tn, "in_transit", at, func(ts string, b []byte) (string, string) { return "", postal.Sign(secret, ts, b) }), 401, "invalid_signature"},
		{"expired timestamp", w.webhook("e1", tn, "in_transit", at, func(ts string, b []byte) (string, string) {
			old := strconv.FormatInt(w.e.Clock.Now().Add(-10*time.Minute).Unix(), 10)
			return old, postal.Sign(secret, old, b)
		}), 401, "stale_timestamp"},
		{"unknown tracking number", w.webhook("e2", "XX000000000VN", "in_transit", at, nil), 404, "unknown_tracking_number"},
	}
	for _, c := range cases {
		if c.res.Status != c.status || c.res.Problem(t).Code != c.code {
			t.Errorf("%s: %d %s", c.name, c.res.Status, c.res.Body)
		}
	}
	// A malformed body, correctly signed.
	body := []byte(`{"event_id": "e3", "tracking_number": "` + tn + `", "status": "teleported"`)
	ts := strconv.FormatInt(w.e.Clock.Now().Unix(), 10)
	res := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/webhooks/postal", Body: body, Header: map[string]string{"X-Carrier": "local", "X-Timestamp": ts, "X-Signature": postal.Sign(secret, ts, body)}})
	if res.Status != 400 {
		t.Errorf("malformed body: %d %s", res.Status, res.Body)
	}
	if st, ev := state(); st != st0 || ev != ev0 || w.e.Count("SELECT count(*) FROM carrier_events") != 0 {
		t.Fatalf("refused callbacks changed things: %s %d", st, ev)
	}

	// Delivered, then the same event again, then an older in_transit arriving late.
	if r := w.webhook("e10", tn, "delivered", at.Add(2*time.Hour), nil); r.Status != 200 || !jsonHas(r.Body, `"applied"`) {
		t.Fatalf("delivered: %d %s", r.Status, r.Body)
	}
	if r := w.webhook("e10", tn, "delivered", at.Add(2*time.Hour), nil); r.Status != 200 || !jsonHas(r.Body, `"duplicate"`) {
		t.Fatalf("replay: %d %s", r.Status, r.Body)
	}
	if r := w.webhook("e9", tn, "in_transit", at.Add(time.Hour), nil); r.Status != 200 || !jsonHas(r.Body, `"stale"`) {
		t.Fatalf("out of order: %d %s", r.Status, r.Body)
	}
	if st, ev := state(); st != "delivered" || ev != ev0+1 {
		t.Fatalf("after replay and late event: %s with %d events", st, ev)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE type = 'shipment.delivered'"); n != 1 {
		t.Fatalf("delivered told %d times", n)
	}
}

func TestIsolationAndTariff(t *testing.T) {
	w := newWorld(t)
	other := w.e.NewUser(w.ward, auth.RoleCitizen)
	d := w.dossier(t, w.citizen)
	// Another citizen cannot book delivery of someone else's dossier, nor quote it.
	w.e.Expect(404, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/shipment", Token: w.e.Token(other), Body: address})
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/shipment/quote?province=Hue", Token: w.e.Token(other)})
	sh := w.book(t, d, w.officer) // an officer books it for the citizen
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.Id.String() + "/shipment", Token: w.e.Token(w.citizen), Body: address})
	wardB := w.e.NewWard("00070", 1)
	officerB := w.e.NewUser(wardB, auth.RoleOfficer)
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(officerB)})
	w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(other)})
	w.e.Expect(404, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions", Token: w.e.Token(officerB), Body: map[string]any{"to": "handed_to_carrier"}})
	w.e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String()})
	var list api.ShipmentList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments", Token: w.e.Token(officerB)}).JSON(t, &list)
	if len(list.Items) != 0 {
		t.Fatalf("ward B sees %d shipments", len(list.Items))
	}
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments?status=requested", Token: w.e.Token(w.officer)}).JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("ward A sees %d shipments", len(list.Items))
	}

	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	w.e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/postal/tariff", Token: w.e.Token(admin), Body: map[string]any{"same_province_vnd": 15000, "other_province_vnd": 30000, "cod_fee_vnd": 5000}})
	w.e.Expect(403, testkit.Req{Method: "PUT", Path: "/v1/postal/tariff", Token: w.e.Token(w.officer), Body: map[string]any{"same_province_vnd": 1, "other_province_vnd": 1, "cod_fee_vnd": 1}})
	var tariff api.PostalTariff
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/postal/tariff", Token: w.e.Token(w.citizen)}).JSON(t, &tariff)
	if tariff.SameProvinceVnd != 15000 {
		t.Fatalf("tariff %+v", tariff)
	}
	var q api.ShipmentQuote
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.Id.String() + "/shipment/quote?province=Th%E1%BB%ABa%20Thi%C3%AAn%20Hu%E1%BA%BF", Token: w.e.Token(w.citizen)}).JSON(t, &q)
	if q.SameProvince || q.FeeVnd != 30000 {
		t.Fatalf("quote %+v", q)
	}
	var b api.ShipmentList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments?stuck_days=3", Token: w.e.Token(w.officer)}).JSON(t, &b)
	if len(b.Items) != 0 {
		t.Fatalf("stuck %+v", b.Items)
	}
}
