package pickup_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

type world struct {
	e       *testkit.Env
	ward    testkit.Ward
	officer testkit.User
	citizen testkit.User
	proc    uuid.UUID
}

var wednesday = time.Date(2026, 11, 25, 8, 0, 0, 0, calendar.Location)

func newWorld(t *testing.T) *world {
	e := testkit.New(t)
	e.Clock.Set(wednesday)
	w := &world{e: e, ward: e.NewWard("26734", 2)}
	w.officer, w.citizen = e.NewUser(w.ward, auth.RoleOfficer), e.NewUser(w.ward, auth.RoleCitizen)
	w.proc = uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days,
		required_documents, channels, created_at, updated_at) VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3,
		ARRAY['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'], ARRAY['counter','home_pickup'], now(), now())`, w.proc, w.ward.ID); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) volunteer(t *testing.T, onDuty bool) testkit.User {
	v := w.e.NewUser(w.ward, auth.RoleVolunteer) // in Neighborhoods[0], like the citizen
	w.e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + v.ID.String() + "/duty", Token: w.e.Token(v), Body: map[string]any{"on_duty": onDuty}})
	return v
}

func (w *world) request(t *testing.T) api.Pickup {
	var p api.Pickup
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.citizen), Body: map[string]any{
		"address": "25 Lê Thánh Tôn, Khu phố 1", "lat": 10.7752, "lng": 106.7009, "neighborhood_id": w.ward.Neighborhoods[0],
		"reason": "elderly", "procedure_id": w.proc, "preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00",
		"contact_phone": "0901000101", "note": "Nhà có chó, gọi trước"}}).JSON(t, &p)
	return p
}

func (w *world) move(u testkit.User, p api.Pickup, body map[string]any) *testkit.Response {
	return w.e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/transitions", Token: w.e.Token(u), Body: body})
}

func TestHomePickupToDossier(t *testing.T) {
	w := newWorld(t)
	vol := w.volunteer(t, true)
	p := w.request(t)
	if p.Status != "assigned" || p.VolunteerId == nil || *p.VolunteerId != vol.ID {
		t.Fatalf("auto-dispatch: %+v", p)
	}
	for _, to := range []string{"accepted", "en_route"} {
		if r := w.move(vol, p, map[string]any{"to": to}); r.Status != 200 {
			t.Fatalf("%s: %d %s", to, r.Status, r.Body)
		}
	}
	var got api.Pickup
	w.move(vol, p, map[string]any{"to": "collected", "collected_documents": []string{"Tờ khai đăng ký khai sinh"},
		"form_data": map[string]string{"ho_ten_tre": "Nguyễn Minh An", "ngay_sinh": "2026-11-20"}}).JSON(t, &got)
	if len(got.MissingDocuments) != 1 || got.MissingDocuments[0] != "Giấy chứng sinh" || *got.Confirmed {
		t.Fatalf("collected %+v", got)
	}
	if r := w.move(vol, p, map[string]any{"to": "handed_over"}); r.Status != 409 || r.Problem(t).Code != "not_confirmed" {
		t.Fatalf("hand-over before confirmation: %d", r.Status)
	}
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/confirm", Token: w.e.Token(w.citizen)})
	key := map[string]string{"Idempotency-Key": "handover-0001"}
	first := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/transitions", Token: w.e.Token(vol), Body: map[string]any{"to": "handed_over"}, Header: key})
	again := w.e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/transitions", Token: w.e.Token(vol), Body: map[string]any{"to": "handed_over"}, Header: key})
	if first.Status != 200 || string(first.Body) != string(again.Body) {
		t.Fatalf("hand-over %d / replay differs", first.Status)
	}
	if r := w.move(vol, p, map[string]any{"to": "handed_over"}); r.Status != 409 {
		t.Fatalf("second hand-over without key: %d", r.Status)
	}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE channel = 'home_pickup' AND applicant_id = $1", w.citizen.ID); n != 1 {
		t.Fatalf("%d dossiers created", n)
	}
	first.JSON(t, &got)
	if got.Status != "handed_over" || got.DossierId == nil {
		t.Fatalf("handed over %+v", got)
	}
	// The hand-over brings the dossier to the office's intake; it is not received yet.
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND status = $2", *got.DossierId, "submitted"); n != 1 {
		t.Fatal("the hand-over's dossier is not submitted")
	}
	// The pickup names the dossier's code, in the move's answer and whenever it is read or listed.
	var code string
	w.e.Pool.QueryRow(context.Background(), "SELECT code FROM dossiers WHERE id = $1", *got.DossierId).Scan(&code)
	var read api.Pickup
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(w.citizen)}).JSON(t, &read)
	var listed api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: w.e.Token(w.officer)}).JSON(t, &listed)
	if code == "" || got.DossierCode == nil || *got.DossierCode != code || read.DossierCode == nil || *read.DossierCode != code ||
		len(listed.Items) != 1 || listed.Items[0].DossierCode == nil || *listed.Items[0].DossierCode != code {
		t.Fatalf("dossier code %q: moved %v, read %v, listed %+v", code, got.DossierCode, read.DossierCode, listed.Items)
	}
	wantTold := []string{"pickup.accepted", "pickup.en_route", "pickup.handed_over", "dossier.received"}
	if n := w.e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND received_at IS NULL AND due_at IS NULL", *got.DossierId); n != 1 {
		t.Fatal("the clock started before intake")
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'dossier.received'", w.citizen.ID); n != 0 {
		t.Fatal("the citizen was told the dossier was received before the office received it")
	}
	// An officer receives it: now the clock starts and the citizen is told.
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + got.DossierId.String() + "/transitions",
		Token: w.e.Token(w.officer), Body: map[string]any{"to": "received"}})
	types := map[string]int{}
	rows, _ := w.e.Pool.Query(context.Background(), "SELECT type FROM notifications WHERE user_id = $1", w.citizen.ID)
	for rows.Next() {
		var ty string
		rows.Scan(&ty)
		types[ty]++
	}
	rows.Close()
	for _, want := range wantTold {
		if types[want] != 1 {
			t.Errorf("citizen got %v, want one %s", types, want)
		}
	}
	w.e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/rating", Token: w.e.Token(w.citizen), Body: map[string]any{"score": 5, "comment": "Các em rất nhiệt tình"}})
	w.e.Expect(409, testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/rating", Token: w.e.Token(w.citizen), Body: map[string]any{"score": 4}})
}

// Fifty volunteers accept the same open task at once: exactly one holds it.
func TestFiftyVolunteersOneWinner(t *testing.T) {
	w := newWorld(t)
	admin := w.e.NewUser(w.ward, auth.RoleAdmin)
	var st api.PickupSettings
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickup-settings", Token: w.e.Token(admin)}).JSON(t, &st)
	if st.DispatchMode != "auto" || st.EscalateAfterMinutes != 120 {
		t.Fatalf("default settings %+v", st)
	}
	w.e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/pickup-settings", Token: w.e.Token(admin), Body: map[string]any{"dispatch_mode": "open", "escalate_after_minutes": 60}})
	w.e.Expect(403, testkit.Req{Method: "PUT", Path: "/v1/pickup-settings", Token: w.e.Token(w.citizen), Body: map[string]any{"dispatch_mode": "auto", "escalate_after_minutes": 60}})
	vols := make([]testkit.User, 50)
	for i := range vols {
		vols[i] = w.volunteer(t, true)
	}
	p := w.request(t)
	if p.Status != "requested" {
		t.Fatalf("open mode left it %s", p.Status)
	}
	statuses := make(chan int, len(vols))
	var start, wg sync.WaitGroup
	start.Add(1)
	for _, v := range vols {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start.Wait()
			statuses <- w.move(v, p, map[string]any{"to": "accepted"}).Status
		}()
	}
	start.Done()
	wg.Wait()
	close(statuses)
	by := map[int]int{}
	for s := range statuses {
		by[s]++
	}
	if by[200] != 1 || by[409] != 49 {
		t.Fatalf("statuses %v", by)
	}
	if n := w.e.Count("SELECT count(*) FROM pickup_events WHERE pickup_id = $1 AND to_status = 'accepted'", p.Id); n != 1 {
		t.Fatalf("%d accept events", n)
	}
}

func TestDeclineOffersTheNextVolunteer(t *testing.T) {
	w := newWorld(t)
	a := w.volunteer(t, true)
	b := w.volunteer(t, true)
	p := w.request(t)
	first := *p.VolunteerId
	holder, other := a, b
	if first == b.ID {
		holder, other = b, a
	}
	var after api.Pickup
	w.move(holder, p, map[string]any{"to": "requested", "note": "Bận việc gia đình"}).JSON(t, &after)
	if after.VolunteerId == nil || *after.VolunteerId != other.ID || after.Status != "assigned" {
		t.Fatalf("after decline: %+v", after)
	}
	// The decliner cannot act on it any more, nor see it.
	if r := w.move(holder, p, map[string]any{"to": "en_route"}); r.Status != 404 {
		t.Fatalf("decliner moved it: %d", r.Status)
	}
}

func TestUnassignedRequestEscalates(t *testing.T) {
	w := newWorld(t)
	p := w.request(t) // nobody on duty: it waits
	if n, err := w.e.App.Pickups.Escalate(context.Background()); err != nil || n != 0 {
		t.Fatalf("escalated too early: %d %v", n, err)
	}
	w.e.Clock.Advance(121 * time.Minute)
	if n, err := w.e.App.Pickups.Escalate(context.Background()); err != nil || n != 1 {
		t.Fatalf("escalated %d, %v", n, err)
	}
	if n, _ := w.e.App.Pickups.Escalate(context.Background()); n != 0 {
		t.Fatalf("escalated twice")
	}
	var list api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups?at_risk=true", Token: w.e.Token(w.officer)}).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Id != p.Id || !*list.Items[0].AtRisk {
		t.Fatalf("at-risk list %+v", list.Items)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications WHERE user_id = $1 AND type = 'pickup.at_risk'", w.officer.ID); n != 1 {
		t.Fatalf("officer told %d times", n)
	}
	// The officer assigns by hand.
	vol := w.volunteer(t, false)
	var got api.Pickup
	w.move(w.officer, p, map[string]any{"to": "assigned", "volunteer_id": vol.ID}).JSON(t, &got)
	if got.Status != "assigned" || *got.VolunteerId != vol.ID || *got.AtRisk {
		t.Fatalf("assigned %+v", got)
	}
}

func TestPickupIsolationAndValidation(t *testing.T) {
	w := newWorld(t)
	vol := w.volunteer(t, true)
	p := w.request(t)
	otherCitizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	farVolunteer := w.e.NewUser(testkit.Ward{ID: w.ward.ID, Code: w.ward.Code, Neighborhoods: w.ward.Neighborhoods[1:]}, auth.RoleVolunteer)
	wardB := w.e.NewWard("00070", 1)
	officerB := w.e.NewUser(wardB, auth.RoleOfficer)
	for _, u := range []testkit.User{otherCitizen, farVolunteer, officerB} {
		w.e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(u)})
	}
	if r := w.move(farVolunteer, p, map[string]any{"to": "accepted"}); r.Status != 404 {
		t.Fatalf("volunteer of another neighbourhood took it: %d", r.Status)
	}
	w.e.Expect(401, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String()})
	// The assigned volunteer sees the phone; the citizen's list has only their own.
	var seen api.Pickup
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups/" + p.Id.String(), Token: w.e.Token(vol)}).JSON(t, &seen)
	if seen.ContactPhone == nil {
		t.Fatal("holder cannot see the contact phone")
	}
	var mine api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: w.e.Token(otherCitizen)}).JSON(t, &mine)
	if len(mine.Items) != 0 {
		t.Fatalf("other citizen lists %d", len(mine.Items))
	}
	var near api.PickupList
	w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups?near_lat=10.77&near_lng=106.70", Token: w.e.Token(vol)}).JSON(t, &near)
	if len(near.Items) != 1 || near.Items[0].DistanceKm == nil || *near.Items[0].DistanceKm > 2 {
		t.Fatalf("nearest-first list %+v", near.Items)
	}
	bad := []map[string]any{
		{"preferred_date": "2026-11-24"},                 // past
		{"preferred_date": "2026-11-29"},                 // a Sunday
		{"window_start": "06:00"},                        // before hours
		{"window_start": "11:00", "window_end": "10:00"}, // backwards
		{"neighborhood_id": wardB.Neighborhoods[0]},      // another ward's
		{"contact_phone": "12"},                          // not a phone
	}
	for _, change := range bad {
		body := map[string]any{"address": "25 Lê Thánh Tôn", "neighborhood_id": w.ward.Neighborhoods[0], "reason": "ill",
			"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}
		for k, v := range change {
			body[k] = v
		}
		w.e.Expect(422, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.citizen), Body: body})
	}
	// A citizen cannot cancel someone else's request; the owner can.
	if r := w.move(otherCitizen, p, map[string]any{"to": "cancelled"}); r.Status != 404 {
		t.Fatalf("other citizen cancelled: %d", r.Status)
	}
	if r := w.move(w.citizen, p, map[string]any{"to": "cancelled", "reason": "Đã tự đi nộp"}); r.Status != 200 {
		t.Fatalf("owner cancel: %d %s", r.Status, r.Body)
	}
}
