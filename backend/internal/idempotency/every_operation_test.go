package idempotency_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	apispec "github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// idemCase is one x-idempotent operation: a request that succeeds, and a count of what it
// creates (or, for a move, of the moves made).
type idemCase struct {
	op    string
	req   func() testkit.Req
	count string // SQL returning how many objects the request made; must be 1 at the end
}

// Every operation the contract marks x-idempotent is cut just after its transaction commits
// (the answer is lost), then retried with the same key: the retry must answer the object the
// first attempt made (rebuilt, Idempotent-Replayed), named by the key's record, and nothing is
// made twice. An operation added to the contract without a case here fails the test, and one
// whose service does not record its key makes a second object or no record.
func TestEveryIdempotentOperationAnswersWhatItMadeAfterACut(t *testing.T) {
	t.Parallel()
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		t.Fatal(err)
	}
	policies, err := gate.Policies(doc)
	if err != nil {
		t.Fatal(err)
	}
	var marked []string
	for op, p := range policies {
		if p.Idempotent {
			marked = append(marked, op)
		}
	}
	sort.Strings(marked)

	e, proxy := testkit.NewBehindCut(t)
	e.Clock.Set(time.Date(2026, 11, 25, 8, 0, 0, 0, calendar.Location)) // a Wednesday
	ctx := context.Background()
	w := e.NewWard("26734", 1)
	if _, err := e.Pool.Exec(ctx, "UPDATE wards SET province = 'Thành phố Hồ Chí Minh' WHERE id = $1", w.ID); err != nil {
		t.Fatal(err)
	}
	admin, officer := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleOfficer)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	proc := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(ctx, `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, ARRAY['counter','postal_return','home_pickup','postal'], now(), now())`,
		proc, w.ID); err != nil {
		t.Fatal(err)
	}
	post := func(u testkit.User, path string, body any) testkit.Req {
		return testkit.Req{Method: "POST", Path: path, Token: e.Token(u), Body: body}
	}
	// What some cases act on, made without a key before the cut is armed.
	var sess api.Session
	e.Expect(http.StatusCreated, post(officer, "/v1/sessions", map[string]any{"neighborhood_id": w.Neighborhoods[0], "date": "2026-11-28",
		"venue": "Nhà văn hóa khu phố 1", "start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": 5})).JSON(t, &sess)
	var dos api.Dossier
	e.Expect(http.StatusCreated, post(officer, "/v1/dossiers", map[string]any{"procedure_id": proc, "applicant_id": citizen.ID, "channel": "counter"})).JSON(t, &dos)
	pickupBody := map[string]any{"address": "25 Lê Thánh Tôn", "neighborhood_id": w.Neighborhoods[0], "reason": "elderly",
		"procedure_id": proc, "preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}
	var pk api.Pickup
	e.Expect(http.StatusCreated, post(officer, "/v1/pickups", withField(pickupBody, "citizen_id", citizen.ID))).JSON(t, &pk)

	relative := e.NewUser(w, auth.RoleCitizen)
	var rated api.Dossier
	e.Expect(http.StatusCreated, post(officer, "/v1/dossiers", map[string]any{"procedure_id": proc, "applicant_id": citizen.ID, "channel": "counter"})).JSON(t, &rated)

	cases := []idemCase{
		{"createUser", func() testkit.Req {
			return post(admin, "/v1/users", map[string]any{"phone": "0916000001", "password": "Tinh-nguyen-2026", "full_name": "Hoàng Văn Sáu", "role": "volunteer"})
		}, "SELECT count(*) FROM users WHERE phone = '+84916000001'"},
		{"createProcedure", func() testkit.Req {
			return post(admin, "/v1/procedures", map[string]any{"code": "2.000815", "name": "Chứng thực bản sao", "field": "Chứng thực",
				"processing_days": 0, "channels": []string{"counter"}})
		}, "SELECT count(*) FROM procedures WHERE code = '2.000815'"},
		{"createNeighborhood", func() testkit.Req {
			return post(admin, "/v1/neighborhoods", map[string]any{"name": "Khu phố Cắt Điện"})
		}, "SELECT count(*) FROM neighborhoods WHERE name = 'Khu phố Cắt Điện'"},
		{"createDossier", func() testkit.Req {
			return post(officer, "/v1/dossiers", map[string]any{"procedure_id": proc, "applicant_name": "Lê Thị Cắt", "channel": "counter"})
		}, "SELECT count(*) FROM dossiers WHERE applicant_name = 'Lê Thị Cắt'"},
		{"createSession", func() testkit.Req {
			return post(officer, "/v1/sessions", map[string]any{"neighborhood_id": w.Neighborhoods[0], "date": "2026-12-05",
				"venue": "Sân khu phố cắt", "start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": 5})
		}, "SELECT count(*) FROM sessions WHERE venue = 'Sân khu phố cắt'"},
		{"createBooking", func() testkit.Req {
			return post(citizen, "/v1/sessions/"+sess.Id.String()+"/bookings", map[string]any{"slot_starts_at": sess.Slots[0].StartsAt.Format(time.RFC3339)})
		}, "SELECT count(*) FROM bookings WHERE citizen_id = '" + citizen.ID.String() + "'"},
		{"bookShipment", func() testkit.Req {
			return post(citizen, "/v1/dossiers/"+dos.Id.String()+"/shipment", map[string]any{"recipient_name": "Nguyễn Thị Lan",
				"recipient_phone": "0901000101", "province": "TP. Hồ Chí Minh", "ward": "Phường Bến Thành", "street": "12 Lê Lợi"})
		}, "SELECT count(*) FROM shipments WHERE dossier_id = '" + dos.Id.String() + "'"},
		{"sendDossierByPost", func() testkit.Req {
			return post(citizen, "/v1/shipments/inbound", map[string]any{"procedure_id": proc, "sender_name": "Trần Văn Cắt",
				"sender_phone": "0901000102", "province": "TP. Hồ Chí Minh", "ward": "Phường Bến Thành", "street": "14 Lê Lợi"})
		}, "SELECT count(*) FROM shipments WHERE recipient_name = 'Trần Văn Cắt'"},
		{"createPickup", func() testkit.Req {
			return post(citizen, "/v1/pickups", withField(pickupBody, "address", "7 Đường Cắt"))
		}, "SELECT count(*) FROM pickups WHERE address = '7 Đường Cắt'"},
		{"transitionPickup", func() testkit.Req {
			return post(officer, "/v1/pickups/"+pk.Id.String()+"/transitions", map[string]any{"to": "assigned", "volunteer_id": volunteer.ID})
		}, "SELECT count(*) FROM pickup_events WHERE pickup_id = '" + pk.Id.String() + "' AND to_status = 'assigned'"},
		{"createRepresentation", func() testkit.Req { // the citizen grants it from their own account
			return post(citizen, "/v1/representations", map[string]any{"representative_id": relative.ID, "relationship": "con gái"})
		}, "SELECT count(*) FROM representations WHERE representative_id = '" + relative.ID.String() + "'"},
		{"rateDossier", func() testkit.Req { // once the result was returned
			if _, err := e.Pool.Exec(ctx, "UPDATE dossiers SET status = 'returned', result_at = now(), closed_at = now() WHERE id = $1", rated.Id); err != nil {
				t.Fatal(err)
			}
			return post(citizen, "/v1/dossiers/"+rated.Id.String()+"/rating", map[string]any{"score": 5})
		}, "SELECT count(*) FROM dossier_ratings WHERE dossier_id = '" + rated.Id.String() + "'"},
		{"checkIn", func() testkit.Req { // a walk-in, on the session's day
			e.Clock.Set(time.Date(2026, 11, 28, 8, 0, 0, 0, calendar.Location))
			return post(admin, "/v1/sessions/"+sess.Id.String()+"/check-ins", map[string]any{"name": "Khách vãng lai cắt", "phone": "0901000199"})
		}, "SELECT count(*) FROM bookings WHERE walk_in_name = 'Khách vãng lai cắt'"},
	}
	var covered []string
	for _, c := range cases {
		covered = append(covered, c.op)
	}
	sort.Strings(covered)
	if strings.Join(covered, ",") != strings.Join(marked, ",") {
		t.Fatalf("x-idempotent operations in the contract: %v; cases here: %v — every one needs a case", marked, covered)
	}

	for _, c := range cases {
		t.Run(c.op, func(t *testing.T) {
			e.AppPool.Reset()
			req := c.req()
			req.Header = map[string]string{"Idempotency-Key": "every-op-" + c.op}
			fired := proxy.CutOn(testkit.SQLContains("commit"), true)
			first := e.Do(req)
			proxy.Restore()
			select {
			case <-fired:
			default:
				t.Fatalf("no commit was cut (answer %d %s)", first.Status, first.Body)
			}
			if first.Status != http.StatusServiceUnavailable {
				t.Fatalf("answer lost in the cut: %d %s, want 503", first.Status, first.Body)
			}
			var res *testkit.Response
			for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
				if res = e.Do(req); res.Status != http.StatusServiceUnavailable {
					break
				}
			}
			if res.Status/100 != 2 || res.Header.Get("Idempotent-Replayed") != "true" {
				t.Fatalf("retry: %d replayed=%q %s, want the first attempt's object", res.Status, res.Header.Get("Idempotent-Replayed"), res.Body)
			}
			if n := e.Count(c.count); n != 1 {
				t.Fatalf("%d made, want 1 (%s)", n, c.count)
			}
			var got struct{ ID uuid.UUID }
			if err := json.Unmarshal(res.Body, &got); err != nil {
				t.Fatal(err)
			}
			var kind string
			var recorded uuid.UUID
			if err := e.Pool.QueryRow(ctx, "SELECT resource_kind, resource_id FROM idempotency_keys WHERE key = $1", "every-op-"+c.op).
				Scan(&kind, &recorded); err != nil {
				t.Fatalf("the key's record: %v", err)
			}
			if got.ID != recorded {
				t.Fatalf("retry answered %s, the key recorded %s %s", got.ID, kind, recorded)
			}
		})
	}
}

func withField(m map[string]any, k string, v any) map[string]any {
	out := map[string]any{k: v}
	for key, val := range m {
		if key != k {
			out[key] = val
		}
	}
	return out
}
