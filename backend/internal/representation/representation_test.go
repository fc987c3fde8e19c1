package representation_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// people is a ward with an applicant, a relative and a stranger (citizens), staff, and a second
// ward with its own officer and citizen.
type people struct {
	e                             *testkit.Env
	applicant, relative, stranger testkit.User
	officer, admin, volunteer     testkit.User
	otherOfficer, otherCitizen    testkit.User
}

func newPeople(t *testing.T) people {
	e := testkit.New(t)
	w, o := e.NewWard("26734", 1), e.NewWard("00070", 1)
	return people{e: e, applicant: e.NewUser(w, auth.RoleCitizen), relative: e.NewUser(w, auth.RoleCitizen), stranger: e.NewUser(w, auth.RoleCitizen),
		officer: e.NewUser(w, auth.RoleOfficer), admin: e.NewUser(w, auth.RoleAdmin), volunteer: e.NewUser(w, auth.RoleVolunteer),
		otherOfficer: e.NewUser(o, auth.RoleOfficer), otherCitizen: e.NewUser(o, auth.RoleCitizen)}
}

func post(u testkit.User, path string, body any) testkit.Req {
	return testkit.Req{Method: "POST", Path: path, Token: u.Token, Body: body}
}

func (p people) atOffice(t *testing.T) api.Representation {
	t.Helper()
	var r api.Representation
	p.e.Expect(http.StatusCreated, post(p.officer, "/v1/representations", map[string]any{"representative_id": p.relative.ID,
		"applicant_id": p.applicant.ID, "relationship": "con gái", "consent_note": "Bà Lan ký giấy ủy quyền tại Trung tâm ngày 01/12/2026"})).JSON(t, &r)
	return r
}

func (p people) actsFor(t *testing.T, rep, applicant uuid.UUID) bool {
	t.Helper()
	ok, err := representation.ActsFor(context.Background(), p.e.Pool, rep, applicant)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// An officer records consent given at the office, with its note; the link counts at once.
func TestOfficerRecordsConsentAtTheOffice(t *testing.T) {
	p := newPeople(t)
	r := p.atOffice(t)
	if r.ConsentMethod != representation.AtOffice || r.RecordedBy == nil || *r.RecordedBy != p.officer.ID || r.Status != "live" ||
		r.RepresentativeId != p.relative.ID || r.ApplicantId != p.applicant.ID || r.Relationship != "con gái" ||
		!strings.HasPrefix(r.ConsentNote, "Bà Lan ký") || r.RepresentativeName == "" || r.ApplicantName == "" {
		t.Fatalf("%+v", r)
	}
	if !p.actsFor(t, p.relative.ID, p.applicant.ID) || p.actsFor(t, p.applicant.ID, p.relative.ID) {
		t.Fatal("ActsFor: the link counts one way only")
	}
	if v, err := representation.Viewers(context.Background(), p.e.Pool, p.relative.ID); err != nil || len(v) != 2 || v[0] != p.relative.ID || v[1] != p.applicant.ID {
		t.Fatalf("viewers %v %v", v, err)
	}
	if v, err := representation.Viewers(context.Background(), p.e.Pool, p.applicant.ID); err != nil || len(v) != 1 || v[0] != p.applicant.ID {
		t.Fatalf("the applicant does not see the representative's dossiers: %v %v", v, err)
	}
	if n := p.e.Count("SELECT count(*) FROM audit_events WHERE action = 'representation.create' AND target_id = $1 AND actor_id = $2", r.Id, p.officer.ID); n != 1 {
		t.Fatalf("%d audit rows", n)
	}
	// The same pair again is refused while the link lives (by an officer or by the applicant).
	vi, en := p.e.ExpectProblem(http.StatusConflict, post(p.officer, "/v1/representations", map[string]any{"representative_id": p.relative.ID,
		"applicant_id": p.applicant.ID, "relationship": "con", "consent_note": "lần nữa"}))
	if vi.Code != "representation_exists" || !strings.Contains(vi.Title, "ủy quyền") || en.Title != "This representative is already recorded and the authorisation is still in force" {
		t.Fatalf("%+v / %+v", vi, en)
	}
	p.e.Expect(http.StatusConflict, post(p.applicant, "/v1/representations", map[string]any{"representative_phone": p.relative.Phone, "relationship": "con"}))
}

// The applicant grants it from their own account: that act is the consent.
func TestApplicantGrantsFromTheirAccount(t *testing.T) {
	p := newPeople(t)
	var r api.Representation
	p.e.Expect(http.StatusCreated, post(p.applicant, "/v1/representations", map[string]any{"representative_phone": p.relative.Phone,
		"relationship": "cháu nội"})).JSON(t, &r)
	if r.ConsentMethod != representation.InApp || r.RecordedBy != nil || r.ApplicantId != p.applicant.ID || r.ConsentNote == "" {
		t.Fatalf("%+v", r)
	}
	// Naming themselves as applicant is the same; naming anyone else is refused.
	p.e.Expect(http.StatusCreated, post(p.applicant, "/v1/representations", map[string]any{"representative_id": p.stranger.ID,
		"applicant_id": p.applicant.ID, "relationship": "hàng xóm"}))
	vi, _ := p.e.ExpectProblem(http.StatusUnprocessableEntity, post(p.relative, "/v1/representations", map[string]any{
		"representative_id": p.relative.ID, "applicant_id": p.applicant.ID, "relationship": "con"}))
	if len(vi.Errors) == 0 || vi.Errors[0].Field != "applicant_id" || vi.Errors[0].Code != "applicant_not_self" {
		t.Fatalf("a representative linked itself: %+v", vi)
	}
	if p.actsFor(t, p.relative.ID, p.stranger.ID) {
		t.Fatal("no link was made for the stranger")
	}
}

// Input refused field by field, and accounts that are not citizens of the ward.
func TestCreateRefusals(t *testing.T) {
	p := newPeople(t)
	base := func(extra map[string]any) map[string]any {
		m := map[string]any{"relationship": "con", "consent_note": "Có mặt tại quầy", "applicant_id": p.applicant.ID}
		for k, v := range extra {
			if v == nil {
				delete(m, k)
			} else {
				m[k] = v
			}
		}
		return m
	}
	for _, c := range []struct {
		name        string
		by          testkit.User
		body        map[string]any
		field, code string
	}{
		{"no representative", p.officer, base(nil), "representative_id", "representative_required"},
		{"both id and phone", p.officer, base(map[string]any{"representative_id": p.relative.ID, "representative_phone": p.relative.Phone}), "representative_id", "representative_twice"},
		{"representative is the applicant", p.officer, base(map[string]any{"representative_id": p.applicant.ID}), "representative_id", "self_representation"},
		{"applicant grants to themselves", p.applicant, map[string]any{"representative_phone": p.applicant.Phone, "relationship": "con"}, "representative_phone", "self_representation"},
		{"representative of another ward", p.officer, base(map[string]any{"representative_id": p.otherCitizen.ID}), "representative_id", "unknown_citizen"},
		{"representative of another ward by phone", p.applicant, map[string]any{"representative_phone": p.otherCitizen.Phone, "relationship": "con"}, "representative_phone", "unknown_citizen"},
		{"representative is staff", p.officer, base(map[string]any{"representative_id": p.volunteer.ID}), "representative_id", "unknown_citizen"},
		{"unknown phone", p.applicant, map[string]any{"representative_phone": "0912345678", "relationship": "con"}, "representative_phone", "unknown_citizen"},
		{"bad phone", p.applicant, map[string]any{"representative_phone": "12ab", "relationship": "con"}, "representative_phone", "invalid_phone"},
		{"officer without applicant", p.officer, base(map[string]any{"representative_id": p.relative.ID, "applicant_id": nil}), "applicant_id", "required"},
		{"applicant is staff", p.officer, base(map[string]any{"representative_id": p.relative.ID, "applicant_id": p.admin.ID}), "applicant_id", "unknown_citizen"},
		{"officer without consent note", p.officer, base(map[string]any{"representative_id": p.relative.ID, "consent_note": nil}), "consent_note", "consent_note_required"},
		{"blank consent note", p.officer, base(map[string]any{"representative_id": p.relative.ID, "consent_note": "   "}), "consent_note", "consent_note_required"},
		{"blank relationship", p.officer, base(map[string]any{"representative_id": p.relative.ID, "relationship": " "}), "relationship", "blank"},
		// Ward isolation: another ward's officer cannot link this ward's citizens.
		{"other ward's officer", p.otherOfficer, base(map[string]any{"representative_id": p.relative.ID}), "applicant_id", "unknown_citizen"},
	} {
		t.Run(c.name, func(t *testing.T) {
			vi, en := p.e.ExpectProblem(http.StatusUnprocessableEntity, post(c.by, "/v1/representations", c.body))
			found := false
			for _, f := range vi.Errors {
				found = found || f.Field == c.field && f.Code == c.code
			}
			if !found || len(en.Errors) != len(vi.Errors) || en.Errors[0].Message == vi.Errors[0].Message {
				t.Fatalf("%+v / %+v, want %s %s", vi.Errors, en.Errors, c.field, c.code)
			}
		})
	}
	if n := p.e.Count("SELECT count(*) FROM representations"); n != 0 {
		t.Fatalf("%d links made", n)
	}
	// Roles outside x-roles, and nobody.
	p.e.Expect(http.StatusForbidden, post(p.volunteer, "/v1/representations", base(map[string]any{"representative_id": p.relative.ID})))
	p.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: "/v1/representations", Body: base(map[string]any{"representative_id": p.relative.ID})})
}

// Lists: officers their ward's; a citizen the links they are a party to; revoked ones on request;
// pages follow the cursor.
func TestListsAreScoped(t *testing.T) {
	p := newPeople(t)
	first := p.atOffice(t)
	var second api.Representation
	p.e.Expect(http.StatusCreated, post(p.stranger, "/v1/representations", map[string]any{"representative_id": p.relative.ID, "relationship": "bạn"})).JSON(t, &second)
	list := func(u testkit.User, query string) api.RepresentationList {
		t.Helper()
		var l api.RepresentationList
		p.e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/representations" + query, Token: u.Token}).JSON(t, &l)
		return l
	}
	ids := func(l api.RepresentationList) []uuid.UUID {
		var out []uuid.UUID
		for _, r := range l.Items {
			out = append(out, r.Id)
		}
		return out
	}
	same := func(name string, got []uuid.UUID, want ...uuid.UUID) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %v, want %v", name, got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: %v, want %v", name, got, want)
			}
		}
	}
	same("officer", ids(list(p.officer, "")), second.Id, first.Id)
	same("admin filtered by applicant", ids(list(p.admin, "?applicant_id="+p.applicant.ID.String())), first.Id)
	same("representative", ids(list(p.relative, "")), second.Id, first.Id)
	same("representative filtered", ids(list(p.relative, "?representative_id="+p.relative.ID.String()+"&applicant_id="+p.stranger.ID.String())), second.Id)
	same("applicant", ids(list(p.applicant, "")), first.Id)
	same("other ward's officer", ids(list(p.otherOfficer, "")))
	same("other ward's citizen", ids(list(p.otherCitizen, "")))
	// A citizen's filter never widens what they see.
	same("applicant asking for the stranger's", ids(list(p.applicant, "?applicant_id="+p.stranger.ID.String())))
	p.e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/representations", Token: p.volunteer.Token})
	p.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/representations"})

	page := list(p.officer, "?limit=1")
	if len(page.Items) != 1 || page.NextCursor == nil {
		t.Fatalf("page 1 %+v", page)
	}
	same("page 2", ids(list(p.officer, "?limit=1&cursor="+*page.NextCursor)), first.Id)

	p.e.Expect(http.StatusOK, post(p.applicant, "/v1/representations/"+first.Id.String()+"/transitions", map[string]any{"to": "revoked"}))
	same("applicant after revoking", ids(list(p.applicant, "")))
	same("applicant, revoked too", ids(list(p.applicant, "?include_revoked=true")), first.Id)
	same("officer after the revoke", ids(list(p.officer, "")), second.Id)
}

// Either party or an officer of the ward revokes; nobody else can even see the link; a revoked
// link no longer counts, cannot be revoked again, and the pair may be linked anew.
func TestRevoke(t *testing.T) {
	for _, by := range []string{"applicant", "representative", "officer", "admin"} {
		t.Run(by, func(t *testing.T) {
			p := newPeople(t)
			r := p.atOffice(t)
			path := "/v1/representations/" + r.Id.String() + "/transitions"
			revoke := map[string]any{"to": "revoked", "note": "Không cần đại diện nữa"}
			for _, u := range []testkit.User{p.stranger, p.otherOfficer, p.otherCitizen} {
				p.e.Expect(http.StatusNotFound, post(u, path, revoke))
			}
			p.e.Expect(http.StatusForbidden, post(p.volunteer, path, revoke))
			p.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "POST", Path: path, Body: revoke})
			p.e.Expect(http.StatusNotFound, post(p.officer, "/v1/representations/"+uuid.Must(uuid.NewV7()).String()+"/transitions", revoke))
			if !p.actsFor(t, p.relative.ID, p.applicant.ID) {
				t.Fatal("the refusals revoked it")
			}
			actor := map[string]testkit.User{"applicant": p.applicant, "representative": p.relative, "officer": p.officer, "admin": p.admin}[by]
			var got api.Representation
			p.e.Expect(http.StatusOK, post(actor, path, revoke)).JSON(t, &got)
			if got.Status != "revoked" || got.RevokedAt == nil || got.RevokedBy == nil || *got.RevokedBy != actor.ID {
				t.Fatalf("%+v", got)
			}
			if p.actsFor(t, p.relative.ID, p.applicant.ID) {
				t.Fatal("a revoked link still counts")
			}
			if v, err := representation.Viewers(context.Background(), p.e.Pool, p.relative.ID); err != nil || len(v) != 1 {
				t.Fatalf("a revoked link still shows dossiers: %v %v", v, err)
			}
			if n := p.e.Count("SELECT count(*) FROM audit_events WHERE action = 'representation.revoked' AND target_id = $1 AND actor_id = $2 AND detail->>'note' = $3",
				r.Id, actor.ID, "Không cần đại diện nữa"); n != 1 {
				t.Fatalf("%d audit rows", n)
			}
			vi, en := p.e.ExpectProblem(http.StatusConflict, post(actor, path, revoke))
			if vi.Code != "illegal_transition" || !strings.Contains(vi.Title, "ủy quyền") || !strings.Contains(en.Title, "already revoked") {
				t.Fatalf("%+v / %+v", vi, en)
			}
			p.atOffice(t) // linked anew
			if !p.actsFor(t, p.relative.ID, p.applicant.ID) {
				t.Fatal("the new link does not count")
			}
		})
	}
}

// Phone look-ups are limited per caller, so numbers cannot be probed for accounts; naming the
// representative by account id is not limited, and another caller has their own allowance.
func TestPhoneLookupsAreLimited(t *testing.T) {
	p := newPeople(t)
	probe := func(u testkit.User, i int) *testkit.Response {
		return p.e.Do(post(u, "/v1/representations", map[string]any{"representative_phone": fmt.Sprintf("09123%05d", i), "relationship": "con"}))
	}
	for i := 0; i < 10; i++ {
		if res := probe(p.stranger, i); res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("look-up %d: %d %s", i, res.Status, res.Body)
		}
	}
	res := probe(p.stranger, 10)
	if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || res.Problem(t).Code != "rate_limited" {
		t.Fatalf("11th look-up: %d %v %s", res.Status, res.Header, res.Body)
	}
	p.e.Expect(http.StatusCreated, post(p.stranger, "/v1/representations", map[string]any{"representative_id": p.relative.ID, "relationship": "con"}))
	p.e.Expect(http.StatusCreated, post(p.applicant, "/v1/representations", map[string]any{"representative_phone": p.relative.Phone, "relationship": "con"}))
}
