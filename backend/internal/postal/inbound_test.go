package postal_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/postal"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// postable adds a procedure of the ward that takes dossiers by post (and posts results back),
// with a catalogue fee (nil: set by the province).
func (w *world) postable(t *testing.T, fee *int64) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	if _, err := w.e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, fee_vnd, channels, created_at, updated_at)
		VALUES ($1, $2, $4, 'Đăng ký kết hôn', 'dang ky ket hon', 'Hộ tịch', 5, $3, ARRAY['counter','postal','postal_return'], now(), now())`,
		id, w.ward.ID, fee, "1.00"+id.String()[len(id.String())-4:]); err != nil {
		t.Fatal(err)
	}
	return id
}

func inboundBody(proc uuid.UUID, extra map[string]any) map[string]any {
	b := map[string]any{"procedure_id": proc, "sender_name": "Trần Văn Gửi", "sender_phone": "0901000111",
		"province": "Thành phố Hồ Chí Minh", "ward": "Phường Bến Thành", "street": "30 Lê Lợi"}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func (w *world) sendDossier(t *testing.T, who testkit.User, body map[string]any) api.Shipment {
	t.Helper()
	var sh api.Shipment
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/shipments/inbound", Token: w.e.Token(who), Body: body}).JSON(t, &sh)
	return sh
}

func quotePath(proc uuid.UUID) string {
	return "/v1/postal/inbound/quote?procedure_id=" + proc.String() + "&province=" + url.QueryEscape("Thành phố Hồ Chí Minh")
}

// The citizen sees the postage and the fee the postal worker collects before booking; the parcel
// is registered with the carrier in the background.
func TestInboundQuoteThenBooking(t *testing.T) {
	w := newWorld(t)
	fee := int64(50000)
	proc := w.postable(t, &fee)
	var q api.InboundQuote
	w.e.Expect(200, testkit.Req{Method: "GET", Path: quotePath(proc), Token: w.e.Token(w.citizen)}).JSON(t, &q)
	if q.FeeVnd != postal.DefaultTariff.SameProvinceVnd || !q.SameProvince || q.ProcedureFeeVnd == nil || *q.ProcedureFeeVnd != fee {
		t.Fatalf("quote %+v", q)
	}
	// A fee only the province knows is null, never 0.
	w.e.Expect(200, testkit.Req{Method: "GET", Path: quotePath(w.postable(t, nil)), Token: w.e.Token(w.citizen)}).JSON(t, &q)
	if q.ProcedureFeeVnd != nil {
		t.Fatalf("unknown fee quoted as %d", *q.ProcedureFeeVnd)
	}
	// A procedure that does not take dossiers by post.
	p := w.e.Expect(422, testkit.Req{Method: "GET", Path: quotePath(w.proc), Token: w.e.Token(w.citizen)}).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "procedure_id" || p.Errors[0].Code != "postal_inbound_not_allowed" {
		t.Fatalf("errors %+v", p.Errors)
	}
	p = w.e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/shipments/inbound", Token: w.e.Token(w.citizen),
		Body: inboundBody(w.proc, map[string]any{"sender_phone": "12"})}).Problem(t)
	if len(p.Errors) != 2 || p.Errors[0].Code != "postal_inbound_not_allowed" || p.Errors[1].Field != "sender_phone" {
		t.Fatalf("errors %+v", p.Errors)
	}

	sh := w.sendDossier(t, w.citizen, inboundBody(proc, nil))
	if sh.Direction != api.Inbound || sh.Status != "requested" || sh.DossierId != nil || sh.DossierCode != nil ||
		sh.FeeVnd != q.FeeVnd || sh.CollectedFeeVnd == nil || *sh.CollectedFeeVnd != fee ||
		sh.ProcedureId == nil || *sh.ProcedureId != proc || sh.CarrierRegistration == nil || sh.CarrierRegistration.State != "pending" {
		t.Fatalf("shipment %+v", sh)
	}
	w.register(t, postal.Local{})
	if got := w.shipment(t, sh.Id); got.Status != "handed_to_carrier" || got.TrackingNumber == nil {
		t.Fatalf("after registration: %s %v", got.Status, got.TrackingNumber)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'shipment.handed_to_carrier'", w.citizen.ID); n != 1 {
		t.Fatalf("citizen told %d times", n)
	}
}

// Only a citizen, for a procedure of their own ward; a posted dossier's parcel is seen by its
// citizen and the ward's officers only.
func TestInboundRefusals(t *testing.T) {
	w := newWorld(t)
	proc := w.postable(t, nil)
	body := inboundBody(proc, nil)
	w.e.Expect(401, testkit.Req{Method: "POST", Path: "/v1/shipments/inbound", Body: body})
	w.e.Expect(401, testkit.Req{Method: "GET", Path: quotePath(proc)})
	w.e.Expect(403, testkit.Req{Method: "POST", Path: "/v1/shipments/inbound", Token: w.e.Token(w.officer), Body: body})
	other := w.e.NewWard("00070", 0)
	outsider := w.e.NewUser(other, auth.RoleCitizen)
	for _, r := range []testkit.Req{
		{Method: "POST", Path: "/v1/shipments/inbound", Token: w.e.Token(outsider), Body: body},
		{Method: "GET", Path: quotePath(proc), Token: w.e.Token(outsider)},
	} {
		if p := w.e.Expect(422, r).Problem(t); len(p.Errors) != 1 || p.Errors[0].Code != "unknown_procedure" {
			t.Fatalf("%s %s: %+v", r.Method, r.Path, p.Errors)
		}
	}
	sh := w.sendDossier(t, w.citizen, body)
	neighbour := w.e.NewUser(w.ward, auth.RoleCitizen)
	for _, u := range []testkit.User{neighbour, outsider, w.e.NewUser(other, auth.RoleOfficer)} {
		w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(u)})
	}
	w.e.Expect(404, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions",
		Token: w.e.Token(w.e.NewUser(other, auth.RoleOfficer)), Body: map[string]any{"to": "delivered"}})
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(w.citizen)})
}

// The carrier's delivered becomes one dossier whatever arrives after it: the same event again,
// another delivered, a late in_transit, or the officer's own move.
func TestArrivalMakesOneDossier(t *testing.T) {
	w := newWorld(t)
	proc := w.postable(t, nil)
	sh := w.sendDossier(t, w.citizen, inboundBody(proc, nil))
	w.register(t, postal.Local{})
	sh = w.shipment(t, sh.Id)
	now := w.e.Clock.Now()
	for _, c := range []struct {
		id, status string
		at         time.Duration
		result     string
	}{
		{"in-1", "delivered", 2 * time.Hour, "applied"},
		{"in-1", "delivered", 2 * time.Hour, "duplicate"},
		{"in-2", "delivered", 3 * time.Hour, "stale"},
		{"in-3", "in_transit", time.Hour, "stale"}, // out of order: older than the delivery
	} {
		res := w.webhook(c.id, *sh.TrackingNumber, c.status, now.Add(c.at), nil)
		if res.Status != 200 || !jsonHas(res.Body, `"result":"`+c.result+`"`) {
			t.Fatalf("%s %s: %d %s", c.id, c.status, res.Status, res.Body)
		}
	}
	if p := w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions",
		Token: w.e.Token(w.officer), Body: map[string]any{"to": "delivered"}}).Problem(t); p.Code != "illegal_transition" {
		t.Fatalf("code %q", p.Code)
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'postal' AND applicant_id = $1", w.citizen.ID); n != 1 {
		t.Fatalf("%d dossiers", n)
	}
	got := w.shipment(t, sh.Id)
	if got.Status != "delivered" || got.DossierId == nil || got.DossierCode == nil {
		t.Fatalf("shipment %s, dossier %v", got.Status, got.DossierId)
	}
	// The dossier waits for the officers' intake: submitted, no clock yet (DESIGN.md §4).
	var d api.DossierDetail
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + got.DossierId.String(), Token: w.e.Token(w.officer)}).JSON(t, &d)
	if d.Channel != "postal" || d.Code != *got.DossierCode || d.ProcedureId != proc || d.Status != "submitted" || d.DueAt != nil {
		t.Fatalf("dossier %+v", d)
	}
}

// An officer receives the parcel at the counter (with the fee actually collected); the carrier's
// later delivered changes nothing, and the result goes back by post as the citizen asked.
func TestOfficerReceivesAPostedDossier(t *testing.T) {
	w := newWorld(t)
	fee := int64(50000)
	proc := w.postable(t, &fee)
	sh := w.sendDossier(t, w.citizen, inboundBody(proc, map[string]any{"return_by_post": true}))
	// Before the carrier has it, nothing to receive; and an inbound parcel is not handed to the carrier as a result.
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions",
		Token: w.e.Token(w.officer), Body: map[string]any{"to": "delivered"}})
	w.register(t, postal.Local{})
	sh = w.shipment(t, sh.Id)
	sh = w.handOver(t, sh.Id, map[string]any{"to": "delivered", "collected_fee_vnd": 45000, "note": "Đủ giấy tờ"})
	if sh.Status != "delivered" || sh.DossierId == nil || sh.CollectedFeeVnd == nil || *sh.CollectedFeeVnd != 45000 {
		t.Fatalf("shipment %+v", sh)
	}
	res := w.webhook("late-1", *sh.TrackingNumber, "delivered", w.e.Clock.Now().Add(time.Hour), nil)
	if !jsonHas(res.Body, `"result":"stale"`) {
		t.Fatalf("late delivered: %s", res.Body)
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'postal'"); n != 1 {
		t.Fatalf("%d dossiers", n)
	}
	if n := w.e.Count("SELECT count(*) FROM shipments WHERE direction = 'outbound' AND dossier_id = $1 AND status = 'requested'", *sh.DossierId); n != 1 {
		t.Fatalf("%d result shipments", n)
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND return_method = 'postal'", *sh.DossierId); n != 1 {
		t.Fatal("the dossier's result is not marked for the post")
	}
	// The office may not declare a result delivered: that is the carrier's word.
	out := w.ready(t)
	w.handOver(t, out.Id, map[string]any{"to": "handed_to_carrier", "tracking_number": "EB000000123VN"})
	w.e.Expect(403, testkit.Req{Method: "POST", Path: "/v1/shipments/" + out.Id.String() + "/transitions",
		Token: w.e.Token(w.officer), Body: map[string]any{"to": "delivered"}})
}

// The officers' "stuck" list shows parcels the carrier never registered (its workers gave up),
// not only those with no news on the way.
func TestStuckListShowsFailedRegistrations(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	carrier.fail = 1000
	failed, pending := w.ready(t), w.ready(t)
	w.handOver(t, failed.Id, nil)
	wk := w.worker(carrier)
	for i := 0; i < testWorkerConfig().MaxAttempts; i++ {
		if err := wk.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		w.e.Clock.Advance(testWorkerConfig().MaxBackoff)
	}
	w.handOver(t, pending.Id, nil) // handed over later, still being tried: not stuck
	w.e.Clock.Advance(48 * time.Hour)
	w.handOver(t, pending.Id, nil)
	var list api.ShipmentList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments?stuck_days=1", Token: w.e.Token(w.officer)}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Id != failed.Id || list.Items[0].CarrierRegistration.State != "failed" {
		t.Fatalf("stuck list %+v", list.Items)
	}
}

// Copies of the delivered callback racing with each other and with the officer's own move still
// make one dossier: the shipment row is locked and only one move into delivered is allowed.
func TestRacingArrivalsMakeOneDossier(t *testing.T) {
	w := newWorld(t)
	sh := w.sendDossier(t, w.citizen, inboundBody(w.postable(t, nil), nil))
	w.register(t, postal.Local{})
	sh = w.shipment(t, sh.Id)
	at := w.e.Clock.Now().Add(time.Hour)
	done := make(chan int, 9)
	for i := 0; i < 8; i++ {
		go func() { done <- w.webhook(fmt.Sprintf("race-%d", i), *sh.TrackingNumber, "delivered", at, nil).Status }()
	}
	go func() {
		done <- w.e.Do(testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions",
			Token: w.e.Token(w.officer), Body: map[string]any{"to": "delivered"}}).Status
	}()
	for i := 0; i < 9; i++ {
		if st := <-done; st != 200 && st != 409 {
			t.Fatalf("status %d", st)
		}
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'postal' AND applicant_id = $1", w.citizen.ID); n != 1 {
		t.Fatalf("%d dossiers", n)
	}
	if n := w.e.Count("SELECT count(*) FROM shipment_events WHERE shipment_id = $1 AND to_status = 'delivered'", sh.Id); n != 1 {
		t.Fatalf("%d arrivals recorded", n)
	}
}

// Arrivals of a parcel whose result goes back by post book the return parcel inside the locked
// move. The racers outnumber the pool's connections (4 in tests): each waits on the shipment's
// row lock holding a connection, so the move holding the lock must read the tariff and the
// ward's province through its own transaction, never through a second pooled connection.
func TestRacingArrivalsWithReturnParcelDoNotStarveThePool(t *testing.T) {
	w := newWorld(t)
	sh := w.sendDossier(t, w.citizen, inboundBody(w.postable(t, nil), map[string]any{"return_by_post": true}))
	w.register(t, postal.Local{})
	sh = w.shipment(t, sh.Id)
	at := w.e.Clock.Now().Add(time.Hour)
	const racers = 12
	done := make(chan int, racers)
	for i := 0; i < racers; i++ {
		go func() {
			done <- w.webhook(fmt.Sprintf("starve-%d", i), *sh.TrackingNumber, "delivered", at, nil).Status
		}()
	}
	deadline := time.After(60 * time.Second)
	for i := 0; i < racers; i++ {
		select {
		case st := <-done:
			if st != 200 && st != 409 {
				t.Fatalf("status %d", st)
			}
		case <-deadline:
			t.Fatalf("only %d of %d arrivals answered: the pool is starved", i, racers)
		}
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'postal' AND applicant_id = $1", w.citizen.ID); n != 1 {
		t.Fatalf("%d dossiers", n)
	}
	if n := w.e.Count("SELECT count(*) FROM shipments WHERE direction = 'outbound' AND citizen_id = $1", w.citizen.ID); n != 1 {
		t.Fatalf("%d return parcels", n)
	}
}
