package postal_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/postal"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// fakeCarrier plays a carrier's order API the way a real one behaves: it dedupes on the
// reference (the shipment id), so the same reference always names the same parcel. It counts
// calls and parcels, and fails the next `fail` calls as an overloaded carrier would.
type fakeCarrier struct {
	mu      sync.Mutex
	calls   map[string]int
	parcels map[string]string
	fail    int
	delay   time.Duration // keeps calls in flight, so racing workers overlap
}

func newFakeCarrier() *fakeCarrier {
	return &fakeCarrier{calls: map[string]int{}, parcels: map[string]string{}}
}

func (*fakeCarrier) Name() string { return "local" }

func (f *fakeCarrier) CreateParcel(_ context.Context, p postal.Parcel) (string, error) {
	time.Sleep(f.delay)
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[p.ShipmentID]++
	if f.fail > 0 {
		f.fail--
		return "", errors.New("carrier: 503 service unavailable")
	}
	if tn, ok := f.parcels[p.ShipmentID]; ok {
		return tn, nil
	}
	tn := fmt.Sprintf("EF%09dVN", len(f.parcels)+1)
	f.parcels[p.ShipmentID] = tn
	return tn, nil
}

func (f *fakeCarrier) totals() (calls, parcels int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, n := range f.calls {
		calls += n
	}
	return calls, len(f.parcels)
}

func (f *fakeCarrier) callsFor(id fmt.Stringer) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[id.String()]
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func testWorkerConfig() postal.CarrierWorkerConfig {
	return postal.CarrierWorkerConfig{CallTimeout: 5 * time.Second, Lease: time.Minute, MaxAttempts: 4, Poll: time.Hour,
		BaseBackoff: 10 * time.Second, MaxBackoff: time.Minute}
}

func (w *world) worker(c postal.Carrier) *postal.CarrierWorker {
	return postal.NewCarrierWorker(w.e.Pool, w.e.Clock, quiet, testWorkerConfig(), c)
}

// register runs a worker until no job is due.
func (w *world) register(t *testing.T, c postal.Carrier) {
	t.Helper()
	if err := w.worker(c).Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// ready is a booked shipment whose dossier has its result.
func (w *world) ready(t *testing.T) api.Shipment {
	d := w.dossier(t, w.citizen)
	sh := w.book(t, d, w.citizen)
	w.move(t, d, "in_review", "approved", "result_ready")
	return sh
}

func (w *world) handOver(t *testing.T, id fmt.Stringer, body map[string]any) api.Shipment {
	t.Helper()
	if body == nil {
		body = map[string]any{"to": "handed_to_carrier"}
	}
	var sh api.Shipment
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/shipments/" + id.String() + "/transitions", Token: w.e.Token(w.officer), Body: body}).JSON(t, &sh)
	return sh
}

func (w *world) shipment(t *testing.T, id fmt.Stringer) api.Shipment {
	t.Helper()
	var sh api.Shipment
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments/" + id.String(), Token: w.e.Token(w.officer)}).JSON(t, &sh)
	return sh
}

// A hand-over whose transaction rolls back leaves nothing for the carrier: before the outbox,
// the carrier was called inside the transaction and kept a parcel we knew nothing about.
func TestHandOverThatRollsBackCallsNoCarrier(t *testing.T) {
	w := newWorld(t)
	sh := w.ready(t)
	ctx := context.Background()
	// A fault after the hand-over's writes: the audit row of the same transaction is refused.
	if _, err := w.e.Pool.Exec(ctx, `CREATE FUNCTION fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
		CREATE TRIGGER fail BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.target_type = 'shipment') EXECUTE FUNCTION fail()`); err != nil {
		t.Fatal(err)
	}
	if res := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "handed_to_carrier"}}); res.Status != 500 {
		t.Fatalf("hand-over under a fault: %d %s", res.Status, res.Body)
	}
	carrier := newFakeCarrier()
	w.register(t, carrier)
	if calls, _ := carrier.totals(); calls != 0 || w.e.Count("SELECT count(*) FROM carrier_jobs") != 0 {
		t.Fatalf("a rolled-back hand-over led to %d carrier calls", calls)
	}
	if got := w.shipment(t, sh.Id); got.Status != "requested" || got.CarrierRegistration != nil {
		t.Fatalf("after the rollback: %s %+v", got.Status, got.CarrierRegistration)
	}

	// Without the fault, the same hand-over registers exactly one parcel.
	if _, err := w.e.Pool.Exec(ctx, "DROP TRIGGER fail ON audit_events"); err != nil {
		t.Fatal(err)
	}
	w.handOver(t, sh.Id, nil)
	w.register(t, carrier)
	got := w.shipment(t, sh.Id)
	if calls, parcels := carrier.totals(); calls != 1 || parcels != 1 || got.TrackingNumber == nil || *got.TrackingNumber != carrier.parcels[sh.Id.String()] {
		t.Fatalf("%d calls, %d parcels, tracking %v", calls, parcels, got.TrackingNumber)
	}
}

// Two workers draining the same queue at once call the carrier once per shipment.
func TestRacingWorkersCallTheCarrierOncePerShipment(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	carrier.delay = 20 * time.Millisecond
	var ids []fmt.Stringer
	for i := 0; i < 8; i++ {
		sh := w.ready(t)
		w.handOver(t, sh.Id, nil)
		ids = append(ids, sh.Id)
	}
	start := make(chan struct{})
	errs := make(chan error, 2)
	for i := 0; i < 2; i++ {
		wk := w.worker(carrier)
		go func() {
			<-start
			errs <- wk.Drain(context.Background())
		}()
	}
	close(start)
	for i := 0; i < 2; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range ids {
		if n := carrier.callsFor(id); n != 1 {
			t.Errorf("shipment %s: %d carrier calls", id, n)
		}
	}
	if n := w.e.Count("SELECT count(*) FROM shipments WHERE status = 'handed_to_carrier' AND tracking_number LIKE 'EF%'"); n != len(ids) {
		t.Fatalf("%d of %d shipments registered", n, len(ids))
	}
	if n := w.e.Count("SELECT count(*) FROM shipment_events WHERE to_status = 'handed_to_carrier'"); n != len(ids) {
		t.Fatalf("%d hand-over events for %d shipments", n, len(ids))
	}
}

// A worker that dies after the carrier created the parcel but before recording it: the job
// comes back after its lease, the next call with the same reference names the same parcel, and
// the late worker's writes change nothing.
func TestWorkerDyingAfterTheCallLeavesOneParcel(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	sh := w.ready(t)
	w.handOver(t, sh.Id, nil)
	ctx := context.Background()

	dying := w.worker(carrier)
	job, err := dying.Claim(ctx)
	if err != nil || job == nil {
		t.Fatalf("claim: %v %v", job, err)
	}
	first, err := dying.Call(ctx, *job)
	if err != nil {
		t.Fatal(err)
	}
	// ...and it dies here. Until its lease ends nobody else takes the job.
	next := w.worker(carrier)
	if found, err := next.RunOnce(ctx); found || err != nil {
		t.Fatalf("job taken while leased: %v %v", found, err)
	}
	w.e.Clock.Advance(testWorkerConfig().Lease + time.Second)
	if found, err := next.RunOnce(ctx); !found || err != nil {
		t.Fatalf("job not taken after the lease: %v %v", found, err)
	}
	got := w.shipment(t, sh.Id)
	if calls, parcels := carrier.totals(); calls != 2 || parcels != 1 || got.TrackingNumber == nil || *got.TrackingNumber != first {
		t.Fatalf("%d calls, %d parcels, tracking %v (first answer %s)", calls, parcels, got.TrackingNumber, first)
	}
	if got.Status != "handed_to_carrier" || got.CarrierRegistration.State != "registered" || got.CarrierRegistration.Attempts != 2 {
		t.Fatalf("shipment %s, registration %+v", got.Status, got.CarrierRegistration)
	}
	// The worker comes back to life and records what it had: nothing changes.
	if err := dying.Record(ctx, *job, first, nil); err != nil {
		t.Fatal(err)
	}
	if err := dying.Record(ctx, *job, "", errors.New("timeout")); err != nil {
		t.Fatal(err)
	}
	if n := w.e.Count("SELECT count(*) FROM shipment_events WHERE shipment_id = $1 AND to_status = 'handed_to_carrier'", sh.Id); n != 1 {
		t.Fatalf("%d hand-over events", n)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE type = 'shipment.handed_to_carrier'"); n != 1 {
		t.Fatalf("citizen told %d times", n)
	}
	if n := w.e.Count("SELECT count(*) FROM carrier_jobs WHERE state = 'registered' AND last_error IS NULL"); n != 1 {
		t.Fatal("the late failure overwrote the registration")
	}
}

// A worker whose lease ran out cannot reschedule the job its successor now holds (which would
// let a third worker take it while the successor's call is in flight).
func TestLateWorkerCannotRescheduleItsSuccessorsJob(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	sh := w.ready(t)
	w.handOver(t, sh.Id, nil)
	ctx := context.Background()
	late, successor, third := w.worker(carrier), w.worker(carrier), w.worker(carrier)
	old, err := late.Claim(ctx)
	if err != nil || old == nil {
		t.Fatalf("claim: %v %v", old, err)
	}
	w.e.Clock.Advance(testWorkerConfig().Lease + time.Second)
	held, err := successor.Claim(ctx)
	if err != nil || held == nil {
		t.Fatalf("successor's claim: %v %v", held, err)
	}
	if err := late.Record(ctx, *old, "", errors.New("timeout")); err != nil {
		t.Fatal(err)
	}
	w.e.Clock.Advance(testWorkerConfig().BaseBackoff + time.Second) // past any backoff of a first attempt, within the lease
	if found, err := third.RunOnce(ctx); found || err != nil {
		t.Fatalf("a third worker took the job its successor holds: %v %v", found, err)
	}
	if n := carrier.callsFor(sh.Id); n != 0 {
		t.Fatalf("%d calls", n)
	}
}

// A carrier error is retried with backoff, and the answer recorded when it comes.
func TestCarrierErrorsAreRetriedThenRecorded(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	carrier.fail = 2
	sh := w.ready(t)
	w.handOver(t, sh.Id, nil)
	ctx := context.Background()
	wk := w.worker(carrier)
	for attempt := 1; attempt <= 2; attempt++ {
		if found, err := wk.RunOnce(ctx); !found || err != nil {
			t.Fatalf("attempt %d: %v %v", attempt, found, err)
		}
		got := w.shipment(t, sh.Id)
		reg := got.CarrierRegistration
		if got.Status != "requested" || reg.State != "pending" || reg.Attempts != attempt || reg.LastError == nil ||
			!strings.Contains(*reg.LastError, "503") || reg.NextAttemptAt == nil || !reg.NextAttemptAt.After(w.e.Clock.Now()) {
			t.Fatalf("after failed attempt %d: %s %+v", attempt, got.Status, reg)
		}
		// The citizen sees the registration, not the carrier's error.
		var own api.Shipment
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments/" + sh.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &own)
		if own.CarrierRegistration == nil || own.CarrierRegistration.LastError != nil {
			t.Fatalf("citizen's view %+v", own.CarrierRegistration)
		}
		// Not due before its backoff.
		if found, err := wk.RunOnce(ctx); found || err != nil {
			t.Fatalf("retried before the backoff: %v %v", found, err)
		}
		w.e.Clock.Advance(testWorkerConfig().MaxBackoff)
	}
	if found, err := wk.RunOnce(ctx); !found || err != nil {
		t.Fatalf("third attempt: %v %v", found, err)
	}
	got := w.shipment(t, sh.Id)
	if calls, parcels := carrier.totals(); calls != 3 || parcels != 1 || got.Status != "handed_to_carrier" || got.CarrierRegistration.State != "registered" ||
		got.TrackingNumber == nil || *got.TrackingNumber != carrier.parcels[sh.Id.String()] {
		t.Fatalf("%d calls, %d parcels; %s %v %+v", calls, parcels, got.Status, got.TrackingNumber, got.CarrierRegistration)
	}
	if s := wk.Stats(); s.Retried != 2 || s.Registered != 1 || s.Failed != 0 {
		t.Fatalf("stats %+v", s)
	}
	// The carrier's events may predate our recording of its answer (it had the parcel since the
	// first successful call); the move is dated at the hand-over, so they still apply.
	early := got.CarrierRegistration.RequestedAt.Add(time.Second)
	if r := w.webhook("ev-early", *got.TrackingNumber, "in_transit", early, nil); r.Status != 200 || !jsonHas(r.Body, `"applied"`) {
		t.Fatalf("carrier event from before the recording: %d %s", r.Status, r.Body)
	}
}

// After the last attempt the job fails: the officer is told and the list shows it; handing over
// again starts a new round, and a tracking number from the counter replaces the registration.
func TestGivenUpRegistrationTellsTheOfficer(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	carrier.fail = 1000
	a, b := w.ready(t), w.ready(t)
	w.handOver(t, a.Id, nil)
	w.handOver(t, b.Id, nil)
	ctx := context.Background()
	wk := w.worker(carrier)
	for i := 0; i < testWorkerConfig().MaxAttempts; i++ {
		if err := wk.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		w.e.Clock.Advance(testWorkerConfig().MaxBackoff)
	}
	if calls, _ := carrier.totals(); calls != 2*testWorkerConfig().MaxAttempts {
		t.Fatalf("%d calls", calls)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'shipment.carrier_failed'", w.officer.ID); n != 2 {
		t.Fatalf("officer told %d times", n)
	}
	var list api.ShipmentList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/shipments?status=requested", Token: w.e.Token(w.officer)}).JSON(t, &list)
	for _, it := range list.Items {
		if it.CarrierRegistration == nil || it.CarrierRegistration.State != "failed" || it.CarrierRegistration.LastError == nil {
			t.Fatalf("list item %+v", it.CarrierRegistration)
		}
	}
	if len(list.Items) != 2 {
		t.Fatalf("%d items", len(list.Items))
	}

	// A: handed over again, a new round that succeeds.
	carrier.mu.Lock()
	carrier.fail = 0
	carrier.mu.Unlock()
	if got := w.handOver(t, a.Id, nil); got.CarrierRegistration.State != "pending" || got.CarrierRegistration.Attempts != 0 ||
		got.CarrierRegistration.LastError == nil { // the officer still sees why the last round failed
		t.Fatalf("re-hand-over: %+v", got.CarrierRegistration)
	}
	// While it is pending, a repeated hand-over changes nothing and a tracking number is refused.
	w.handOver(t, a.Id, nil)
	if p := w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/shipments/" + a.Id.String() + "/transitions", Token: w.e.Token(w.officer),
		Body: map[string]any{"to": "handed_to_carrier", "tracking_number": "EB000000001VN"}}).Problem(t); p.Code != "carrier_registration_pending" {
		t.Fatalf("code %q", p.Code)
	}
	if err := wk.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if got := w.shipment(t, a.Id); got.Status != "handed_to_carrier" || got.CarrierRegistration.State != "registered" {
		t.Fatalf("A: %s %+v", got.Status, got.CarrierRegistration)
	}
	// B: the officer registered it at the counter.
	got := w.handOver(t, b.Id, map[string]any{"to": "handed_to_carrier", "tracking_number": "EB123456789VN"})
	if got.Status != "handed_to_carrier" || *got.TrackingNumber != "EB123456789VN" || got.CarrierRegistration.State != "cancelled" {
		t.Fatalf("B: %s %v %+v", got.Status, got.TrackingNumber, got.CarrierRegistration)
	}
	if n := w.e.Count("SELECT count(*) FROM carrier_jobs"); n != 2 {
		t.Fatalf("%d jobs for 2 shipments", n)
	}
}

// Woken by the hand-over's NOTIFY, the worker registers the parcel at once; idle, it rests: a
// wake-up makes it look once, then it sleeps (the poll here is an hour).
func TestIdleCarrierWorkerRests(t *testing.T) {
	w := newWorld(t)
	carrier := newFakeCarrier()
	wk := w.worker(carrier)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		wk.Run(ctx)
	}()
	defer func() { cancel(); <-done }()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("waited 30s for %s", what)
			}
		}
	}
	// The first look at start, then one when the listener is in place.
	waitFor("the listener", func() bool { return wk.Stats().Claims >= 2 })

	sh := w.ready(t)
	before := wk.Stats().Claims
	w.handOver(t, sh.Id, nil)
	waitFor("the registration", func() bool { return w.shipment(t, sh.Id).Status == "handed_to_carrier" })
	// The NOTIFY's round: the job, then one look that finds nothing; then it rests.
	waitFor("the round's last look", func() bool { return wk.Stats().Claims >= before+2 })
	time.Sleep(500 * time.Millisecond)
	if n := wk.Stats().Claims - before; n != 2 {
		t.Fatalf("registering one parcel took %d claim queries", n)
	}
	if _, err := w.e.Pool.Exec(context.Background(), "SELECT pg_notify($1, '')", postal.CarrierChannel); err != nil {
		t.Fatal(err)
	}
	waitFor("the look after the wake-up", func() bool { return wk.Stats().Claims > before+2 })
	time.Sleep(500 * time.Millisecond)
	if n := wk.Stats().Claims - before - 2; n != 1 {
		t.Fatalf("one wake-up of an idle worker made %d claim queries", n)
	}
}

// The local carrier names the same parcel for the same reference, like a real one.
func TestLocalCarrierIsIdempotentOnTheReference(t *testing.T) {
	ctx := context.Background()
	a1, _ := postal.Local{}.CreateParcel(ctx, postal.Parcel{ShipmentID: "0190a0b2-0000-7000-8000-000000000001"})
	a2, _ := postal.Local{}.CreateParcel(ctx, postal.Parcel{ShipmentID: "0190a0b2-0000-7000-8000-000000000001"})
	b, _ := postal.Local{}.CreateParcel(ctx, postal.Parcel{ShipmentID: "0190a0b2-0000-7000-8000-000000000002"})
	if a1 != a2 || a1 == b || len(a1) != 13 || !strings.HasPrefix(a1, "LC") || !strings.HasSuffix(a1, "VN") {
		t.Fatalf("%s %s %s", a1, a2, b)
	}
}
