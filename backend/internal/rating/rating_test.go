package rating_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

var codes atomic.Int64

// dossierIn writes a dossier of the ward in the given state straight into the table (the dossier
// feature's own moves are tested there); applicant may be uuid.Nil (no account).
func dossierIn(t *testing.T, e *testkit.Env, w testkit.Ward, applicant uuid.UUID, status string) uuid.UUID {
	t.Helper()
	ctx := context.Background()
	proc := uuid.Must(uuid.NewV7())
	n := codes.Add(1)
	if _, err := e.Pool.Exec(ctx, `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
		VALUES ($1, $2, $3, 'Đăng ký khai sinh', 'x', 'Hộ tịch', 3, ARRAY['counter'], now(), now())`, proc, w.ID, fmt.Sprintf("8.%06d", n)); err != nil {
		t.Fatal(err)
	}
	now := e.Clock.Now()
	received, due := now.Add(-96*time.Hour), now.Add(-24*time.Hour)
	var result, closed *time.Time
	if status == "result_ready" || status == "returned" {
		result = &due
	}
	if status == "returned" || status == "rejected" || status == "withdrawn" {
		closed = &now
	}
	id := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(ctx, `INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name, applicant_id, applicant_name,
		channel, return_method, status, submitted_at, received_at, due_at, original_due_at, result_at, closed_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, '1.001193', 'Đăng ký khai sinh', $5, 'Nguyễn Thị Lan', 'counter', 'counter', $6, $7, $7, $8, $8, $9, $10, $7, $7)`,
		id, w.ID, fmt.Sprintf("8000-%06d", n), proc, uuid.NullUUID{UUID: applicant, Valid: applicant != uuid.Nil}, status, received, due, result, closed); err != nil {
		t.Fatal(err)
	}
	return id
}

func rate(u testkit.User, id uuid.UUID, body any) testkit.Req {
	return testkit.Req{Method: "POST", Path: "/v1/dossiers/" + id.String() + "/rating", Token: u.Token, Body: body}
}

// The applicant rates a returned dossier once; a second rating is 409 and changes nothing.
func TestApplicantRatesOnceAfterReturn(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 0)
	applicant := e.NewUser(w, auth.RoleCitizen)
	d := dossierIn(t, e, w, applicant.ID, "returned")
	var r api.DossierRating
	e.Expect(http.StatusCreated, rate(applicant, d, map[string]any{"score": 4, "comment": "  Cán bộ   nhiệt tình "})).JSON(t, &r)
	if r.DossierId != d || r.Score != 4 || r.Comment == nil || *r.Comment != "Cán bộ nhiệt tình" || r.RatedBy != applicant.ID || r.Id == uuid.Nil {
		t.Fatalf("%+v", r)
	}
	vi, en := e.ExpectProblem(http.StatusConflict, rate(applicant, d, map[string]any{"score": 1}))
	if vi.Code != "dossier_already_rated" || !strings.Contains(vi.Title, "Hồ sơ") || !strings.Contains(en.Title, "already rated") {
		t.Fatalf("%+v / %+v", vi, en)
	}
	if n := e.Count("SELECT count(*) FROM dossier_ratings WHERE dossier_id = $1 AND rating = 4", d); n != 1 {
		t.Fatalf("%d ratings", n)
	}
	if n := e.Count("SELECT count(*) FROM audit_events WHERE action = 'dossier.rate' AND target_id = $1 AND actor_id = $2", d, applicant.ID); n != 1 {
		t.Fatalf("%d audit rows", n)
	}
	// The dashboard groups it by the dossier's channel and the procedure's field, kept on the rating.
	var st api.Stats
	day := e.Clock.Now().In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/stats?from=" + day + "&to=" + day, Token: e.NewUser(w, auth.RoleOfficer).Token}).JSON(t, &st)
	if ds := st.DossierSatisfaction; ds.Rated != 1 || ds.Average == nil || *ds.Average != 4 || len(ds.ByField) != 1 || ds.ByField[0].Key != "Hộ tịch" ||
		len(ds.ByChannel) != 1 || ds.ByChannel[0].Key != "counter" {
		t.Fatalf("stats %+v", ds)
	}
	// A blank comment is no comment.
	d2 := dossierIn(t, e, w, applicant.ID, "returned")
	var blank api.DossierRating
	e.Expect(http.StatusCreated, rate(applicant, d2, map[string]any{"score": 5, "comment": "   "})).JSON(t, &blank)
	if blank.Comment != nil {
		t.Fatalf("comment %q", *blank.Comment)
	}
}

// Before the result is returned there is nothing to rate: 409 with its own code, in every
// earlier state.
func TestNotBeforeReturned(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 0)
	applicant := e.NewUser(w, auth.RoleCitizen)
	for _, st := range []string{"submitted", "received", "in_review", "approved", "result_ready", "rejected", "withdrawn"} {
		d := dossierIn(t, e, w, applicant.ID, st)
		vi, en := e.ExpectProblem(http.StatusConflict, rate(applicant, d, map[string]any{"score": 5}))
		if vi.Code != "dossier_not_returned" || vi.Title != "Chỉ đánh giá được hồ sơ sau khi ông/bà đã nhận kết quả" ||
			en.Title != "A dossier can be rated only after its result was returned" {
			t.Fatalf("%s: %+v / %+v", st, vi, en)
		}
	}
	if n := e.Count("SELECT count(*) FROM dossier_ratings"); n != 0 {
		t.Fatalf("%d ratings", n)
	}
}

// A representative with a live link rates for the applicant; once revoked, the dossier is
// as unknown to them as to anyone else. Other citizens, other wards, staff and nobody are refused.
func TestWhoMayRate(t *testing.T) {
	e := testkit.New(t)
	w, o := e.NewWard("26734", 0), e.NewWard("00070", 0)
	applicant, relative, stranger := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	officer, otherCitizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(o, auth.RoleCitizen)
	d := dossierIn(t, e, w, applicant.ID, "returned")
	body := map[string]any{"score": 3}

	for _, u := range []testkit.User{stranger, otherCitizen, relative} { // relative: no link yet
		e.Expect(http.StatusNotFound, rate(u, d, body))
	}
	for _, u := range []testkit.User{officer, e.NewUser(w, auth.RoleAdmin), e.NewUser(w, auth.RoleVolunteer)} {
		e.Expect(http.StatusForbidden, rate(u, d, body))
	}
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + d.String() + "/rating", Body: body})
	e.Expect(http.StatusNotFound, rate(applicant, uuid.Must(uuid.NewV7()), body))
	// A dossier whose applicant has no account: nobody's to rate.
	e.Expect(http.StatusNotFound, rate(applicant, dossierIn(t, e, w, uuid.Nil, "returned"), body))

	var link api.Representation
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/representations", Token: applicant.Token,
		Body: map[string]any{"representative_id": relative.ID, "relationship": "con trai"}}).JSON(t, &link)
	e.Expect(http.StatusNotFound, rate(stranger, d, body)) // still nobody else
	var r api.DossierRating
	e.Expect(http.StatusCreated, rate(relative, d, body)).JSON(t, &r)
	if r.RatedBy != relative.ID {
		t.Fatalf("%+v", r)
	}
	e.Expect(http.StatusConflict, rate(applicant, d, body)) // one rating per dossier, whoever gave it

	d2 := dossierIn(t, e, w, applicant.ID, "returned")
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/representations/" + link.Id.String() + "/transitions", Token: relative.Token,
		Body: map[string]any{"to": "revoked"}})
	e.Expect(http.StatusNotFound, rate(relative, d2, body))
	e.Expect(http.StatusCreated, rate(applicant, d2, body))
}

// Hostile scores and comments are 422, never stored.
func TestRatingInput(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 0)
	applicant := e.NewUser(w, auth.RoleCitizen)
	d := dossierIn(t, e, w, applicant.ID, "returned")
	for _, b := range []map[string]any{{"score": 0}, {"score": 6}, {"score": -1}, {}, {"score": 3, "comment": strings.Repeat("á", 1001)},
		{"score": 3, "extra": 1}} {
		e.Expect(http.StatusUnprocessableEntity, rate(applicant, d, b))
	}
	e.Expect(http.StatusCreated, rate(applicant, d, map[string]any{"score": 3, "comment": strings.Repeat("á", 1000)}))
}

// Many attempts at once: exactly one rating is stored, every other attempt is 409.
func TestConcurrentRatingsStoreOne(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 0)
	applicant := e.NewUser(w, auth.RoleCitizen)
	d := dossierIn(t, e, w, applicant.ID, "returned")
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.Do(rate(applicant, d, map[string]any{"score": i%5 + 1})).Status
		}()
	}
	wg.Wait()
	created := 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
		default:
			t.Fatalf("statuses %v", statuses)
		}
	}
	if created != 1 || e.Count("SELECT count(*) FROM dossier_ratings WHERE dossier_id = $1", d) != 1 {
		t.Fatalf("statuses %v", statuses)
	}
}

// The rating is read by the applicant, their representative while linked, and the ward's
// officers; until there is one the answer is 404 dossier_not_rated; anyone else gets not_found.
func TestReadTheRating(t *testing.T) {
	e := testkit.New(t)
	w, o := e.NewWard("26734", 0), e.NewWard("00070", 0)
	applicant, relative, stranger := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	officer, otherOfficer := e.NewUser(w, auth.RoleOfficer), e.NewUser(o, auth.RoleOfficer)
	d := dossierIn(t, e, w, applicant.ID, "returned")
	get := func(u testkit.User) testkit.Req {
		return testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.String() + "/rating", Token: u.Token}
	}
	var link api.Representation
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/representations", Token: applicant.Token,
		Body: map[string]any{"representative_id": relative.ID, "relationship": "con trai"}}).JSON(t, &link)

	vi, en := e.ExpectProblem(http.StatusNotFound, get(applicant))
	if vi.Code != "dossier_not_rated" || vi.Title != "Hồ sơ này chưa được đánh giá" || en.Title != "This dossier has not been rated yet" {
		t.Fatalf("%+v / %+v", vi, en)
	}
	e.Expect(http.StatusCreated, rate(applicant, d, map[string]any{"score": 2, "comment": "Chờ lâu"}))
	for _, u := range []testkit.User{applicant, relative, officer, e.NewUser(w, auth.RoleAdmin)} {
		var r api.DossierRating
		e.Expect(http.StatusOK, get(u)).JSON(t, &r)
		if r.DossierId != d || r.Score != 2 || r.Comment == nil || *r.Comment != "Chờ lâu" || r.RatedBy != applicant.ID {
			t.Fatalf("%+v", r)
		}
	}
	for _, u := range []testkit.User{stranger, otherOfficer, e.NewUser(o, auth.RoleCitizen)} {
		if p := e.Expect(http.StatusNotFound, get(u)).Problem(t); p.Code != "not_found" {
			t.Fatalf("%+v", p)
		}
	}
	e.Expect(http.StatusForbidden, get(e.NewUser(w, auth.RoleVolunteer)))
	e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + d.String() + "/rating"})
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/representations/" + link.Id.String() + "/transitions", Token: applicant.Token,
		Body: map[string]any{"to": "revoked"}})
	e.Expect(http.StatusNotFound, get(relative))
}
