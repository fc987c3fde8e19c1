package wards_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// hoods reads the ward's public list of neighbourhoods, by name.
func hoods(t *testing.T, e *testkit.Env, code string) map[string]api.Neighborhood {
	t.Helper()
	var l api.NeighborhoodList
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/wards/" + code + "/neighborhoods"}).JSON(t, &l)
	out := map[string]api.Neighborhood{}
	for _, n := range l.Items {
		out[n.Name] = n
	}
	return out
}

// newProcedure puts a procedure that takes home pickups in the ward's catalogue.
func newProcedure(t *testing.T, e *testkit.Env, w testkit.Ward) uuid.UUID {
	t.Helper()
	id := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(context.Background(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days,
		required_documents, channels, created_at, updated_at) VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3,
		ARRAY['Tờ khai'], ARRAY['counter','home_pickup'], now(), now())`, id, w.ID); err != nil {
		t.Fatal(err)
	}
	return id
}

// The ward's admin adds a neighbourhood, which the public list shows active; a second one named
// the same whatever the case, the diacritics, the spacing or the Unicode form is refused with
// 409 in both languages; a rename to another neighbourhood's name likewise, a rename of the
// letter case is fine. Deactivated, it stays listed (active: false), and a new session or home
// pickup in it is refused with 422 naming the field, while older ones keep it; reactivated, it
// takes them again. Every change is audited.
func TestAdminManagesNeighborhoods(t *testing.T) {
	e := testkit.New(t)
	e.Clock.Set(time.Date(2026, 11, 25, 9, 0, 0, 0, calendar.Location)) // a Wednesday
	w := e.NewWard("26734", 1)
	admin, officer := e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleOfficer)
	citizen := e.NewUser(w, auth.RoleCitizen)
	proc := newProcedure(t, e, w)

	var six api.Neighborhood
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/neighborhoods", Token: e.Token(admin),
		Body: map[string]any{"name": "  Khu phố   6 "}}).JSON(t, &six)
	if six.Name != "Khu phố 6" || !six.Active || six.WardId != w.ID {
		t.Fatalf("created %+v", six)
	}
	if got := hoods(t, e, w.Code); !got["Khu phố 6"].Active || got["Khu phố 1"].Id != w.Neighborhoods[0] || !got["Khu phố 1"].Active {
		t.Fatalf("listed %+v", got)
	}
	for _, dup := range []string{"Khu phố 6", "KHU PHỐ 6", "khu pho 6", "Khu  Phố 6", norm.NFD.String("Khu phố 6"), "Khu phố 1"} {
		vi, en := e.ExpectProblem(http.StatusConflict, testkit.Req{Method: "POST", Path: "/v1/neighborhoods", Token: e.Token(admin),
			Body: map[string]any{"name": dup}})
		if vi.Code != "neighborhood_name_taken" || len(vi.Errors) != 1 || vi.Errors[0].Field != "name" || en.Errors[0].Message == vi.Errors[0].Message {
			t.Errorf("%q: vi %+v / en %+v", dup, vi, en)
		}
	}
	path := "/v1/neighborhoods/" + six.Id.String()
	e.ExpectProblem(http.StatusConflict, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{"name": "khu phố 1"}})
	var renamed api.Neighborhood
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{"name": "Khu Phố 6"}}).JSON(t, &renamed)
	if renamed.Name != "Khu Phố 6" || !renamed.Active {
		t.Fatalf("renamed %+v", renamed)
	}

	session := func(hood uuid.UUID) *testkit.Response {
		return e.Do(testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
			"neighborhood_id": hood, "date": "2026-11-28", "venue": "Nhà văn hóa", "start_time": "07:30", "end_time": "09:30",
			"slot_minutes": 30, "capacity_per_slot": 5, "staff_ids": []string{officer.ID.String()}}})
	}
	pickup := func(hood uuid.UUID) *testkit.Response {
		return e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizen), Body: map[string]any{
			"address": "25 Lê Thánh Tôn", "neighborhood_id": hood, "reason": "elderly", "procedure_id": proc,
			"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}})
	}
	if r := session(six.Id); r.Status != http.StatusCreated {
		t.Fatalf("session in an active neighbourhood: %d %s", r.Status, r.Body)
	}
	var off api.Neighborhood
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{"active": false}}).JSON(t, &off)
	if off.Active || off.Name != "Khu Phố 6" {
		t.Fatalf("deactivated %+v", off)
	}
	if got := hoods(t, e, w.Code); got["Khu Phố 6"].Active || got["Khu Phố 6"].Id != six.Id {
		t.Fatalf("a deactivated neighbourhood must stay listed, inactive: %+v", got)
	}
	for what, send := range map[string]func(uuid.UUID) *testkit.Response{"session": session, "pickup": pickup} {
		r := send(six.Id)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), `"neighborhood_inactive"`) ||
			!strings.Contains(string(r.Body), `"neighborhood_id"`) || !strings.Contains(string(r.Body), "ngừng hoạt động") {
			t.Errorf("a %s in a deactivated neighbourhood: %d %s", what, r.Status, r.Body)
		}
	}
	if n := e.Count("SELECT count(*) FROM sessions WHERE neighborhood_id = $1", six.Id); n != 1 {
		t.Fatalf("%d sessions: the older one stays, no new one", n)
	}
	e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{"active": true}})
	if r := pickup(six.Id); r.Status != http.StatusCreated {
		t.Fatalf("pickup after reactivation: %d %s", r.Status, r.Body)
	}
	for action, want := range map[string]int{"neighborhood.create": 1, "neighborhood.rename": 1, "neighborhood.deactivate": 1, "neighborhood.reactivate": 1} {
		if n := e.Count("SELECT count(*) FROM audit_events WHERE ward_id = $1 AND actor_id = $2 AND action = $3 AND target_id = $4",
			w.ID, admin.ID, action, six.Id); n != want {
			t.Errorf("%s: %d audit rows, want %d", action, n, want)
		}
	}
}

// Only the ward's own admin: its officers, volunteers and citizens are refused, anonymous callers
// must sign in, another ward's admin finds no such neighbourhood (and adds to their own ward,
// where the same name is free). Bad names are refused field by field; refusals change nothing.
func TestNeighborhoodAdminAccess(t *testing.T) {
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	admin, otherAdmin := e.NewUser(w, auth.RoleAdmin), e.NewUser(other, auth.RoleAdmin)
	path := "/v1/neighborhoods/" + w.Neighborhoods[0].String()
	for _, c := range []struct {
		status int
		token  string
	}{
		{http.StatusUnauthorized, ""},
		{http.StatusForbidden, e.Token(e.NewUser(w, auth.RoleOfficer))},
		{http.StatusForbidden, e.Token(e.NewUser(w, auth.RoleVolunteer))},
		{http.StatusForbidden, e.Token(e.NewUser(w, auth.RoleCitizen))},
	} {
		e.Expect(c.status, testkit.Req{Method: "POST", Path: "/v1/neighborhoods", Token: c.token, Body: map[string]any{"name": "Khu phố 9"}})
		e.Expect(c.status, testkit.Req{Method: "PATCH", Path: path, Token: c.token, Body: map[string]any{"active": false}})
	}
	e.Expect(http.StatusNotFound, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(otherAdmin), Body: map[string]any{"active": false}})
	e.Expect(http.StatusNotFound, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(otherAdmin), Body: map[string]any{"name": "Của tôi"}})
	e.Expect(http.StatusNotFound, testkit.Req{Method: "PATCH", Path: "/v1/neighborhoods/" + uuid.Must(uuid.NewV7()).String(), Token: e.Token(admin),
		Body: map[string]any{"active": false}})
	var theirs api.Neighborhood
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/neighborhoods", Token: e.Token(otherAdmin), Body: map[string]any{"name": "Khu phố 9"}}).JSON(t, &theirs)
	if theirs.WardId != other.ID {
		t.Fatalf("another ward's admin added to %s", theirs.WardId)
	}
	for _, c := range []struct {
		method, path string
		body         map[string]any
		field, code  string
	}{
		{"POST", "/v1/neighborhoods", map[string]any{"name": "   "}, "name", "blank"},
		{"POST", "/v1/neighborhoods", map[string]any{"name": strings.Repeat("Khu phố ", 30)}, "name", ""},
		{"PATCH", path, map[string]any{"name": " "}, "name", "blank"},
	} {
		vi, en := e.ExpectProblem(http.StatusUnprocessableEntity, testkit.Req{Method: c.method, Path: c.path, Token: e.Token(admin), Body: c.body})
		if len(vi.Errors) == 0 || vi.Errors[0].Field != c.field || c.code != "" && vi.Errors[0].Code != c.code || en.Errors[0].Message == vi.Errors[0].Message {
			t.Errorf("%s %v: vi %+v / en %+v", c.method, c.body, vi.Errors, en.Errors)
		}
	}
	e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "PATCH", Path: path, Token: e.Token(admin), Body: map[string]any{}})
	if got := hoods(t, e, w.Code); len(got) != 1 || !got["Khu phố 1"].Active {
		t.Fatalf("after refusals %+v", got)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE ward_id = $1 AND action LIKE 'neighborhood.%'", w.ID); n != 0 {
		t.Fatalf("%d audit rows for refused calls", n)
	}
}

// Many admins adding the same neighbourhood at once, spelled differently: exactly one is added,
// every other gets 409 (the folded unique index decides, not a read before the write).
func TestNeighborhoodNameRace(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 0)
	admin := e.NewUser(w, auth.RoleAdmin)
	spellings := []string{"Ấp Bình Lợi", "ẤP BÌNH LỢI", "ap binh loi", "Ap Binh Loi", "ấp bình lợi", norm.NFD.String("Ấp Bình Lợi")}
	var mu sync.Mutex
	got := map[int]int{}
	var wg sync.WaitGroup
	for i := 0; i < 24; i++ {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			r := e.Do(testkit.Req{Method: "POST", Path: "/v1/neighborhoods", Token: e.Token(admin), Body: map[string]any{"name": name}})
			mu.Lock()
			got[r.Status]++
			mu.Unlock()
		}(spellings[i%len(spellings)])
	}
	wg.Wait()
	if got[http.StatusCreated] != 1 || got[http.StatusConflict] != 23 {
		t.Fatalf("statuses %v, want one 201 and 23 409", got)
	}
	if n := e.Count("SELECT count(*) FROM neighborhoods WHERE ward_id = $1", w.ID); n != 1 {
		t.Fatalf("%d neighbourhoods", n)
	}
}

// Deactivation racing new pickups in the same neighbourhood: every request is either created or
// refused with 422 naming the rule (never a 5xx, never a lost row: the pickups stored are exactly
// the ones answered 201), and once the deactivation is answered nothing more gets in.
func TestDeactivationRacesNewPickups(t *testing.T) {
	e := testkit.New(t)
	e.Clock.Set(time.Date(2026, 11, 25, 9, 0, 0, 0, calendar.Location))
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	proc := newProcedure(t, e, w)
	hood := w.Neighborhoods[0]
	var citizens []testkit.User
	for i := 0; i < 16; i++ {
		citizens = append(citizens, e.NewUser(w, auth.RoleCitizen))
	}
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, c := range citizens {
		wg.Add(1)
		go func(c testkit.User) {
			defer wg.Done()
			<-start
			r := e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(c), Body: map[string]any{
				"address": "25 Lê Thánh Tôn", "neighborhood_id": hood, "reason": "elderly", "procedure_id": proc,
				"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}})
			mu.Lock()
			statuses[r.Status]++
			mu.Unlock()
		}(c)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-start
		time.Sleep(5 * time.Millisecond)
		e.Expect(http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/neighborhoods/" + hood.String(), Token: e.Token(admin), Body: map[string]any{"active": false}})
	}()
	close(start)
	wg.Wait()
	if statuses[http.StatusCreated]+statuses[http.StatusUnprocessableEntity] != len(citizens) {
		t.Fatalf("statuses %v: only 201 and 422", statuses)
	}
	if n := e.Count("SELECT count(*) FROM pickups WHERE neighborhood_id = $1", hood); n != statuses[http.StatusCreated] {
		t.Fatalf("%d pickups stored, %d answered 201", n, statuses[http.StatusCreated])
	}
	// Whatever the interleaving, a pickup afterwards is refused.
	r := e.Do(testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizens[0]), Body: map[string]any{
		"address": "25 Lê Thánh Tôn", "neighborhood_id": hood, "reason": "elderly", "procedure_id": proc,
		"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}})
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("after deactivation: %d %s", r.Status, r.Body)
	}
	t.Logf("statuses %v", statuses)
}
