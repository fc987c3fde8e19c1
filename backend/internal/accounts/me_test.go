package accounts_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Every role edits its own profile; names are stored the way they are shown (trimmed, inner
// spaces folded, Unicode NFC whatever the keyboard sent), and GET /v1/me reads them back.
func TestUpdateMeNormalisesAndPersists(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 3)
	for i, role := range testkit.Roles {
		t.Run(role, func(t *testing.T) {
			u := e.NewUser(w, role)
			nb := w.Neighborhoods[1+i%2]
			// "Hoà" and "Thuỷ" typed with combining marks (NFD), as some Vietnamese keyboards do.
			typed := "  Trần Thị Hoa\u0300   Thuy\u0309 \u00a0"
			var got api.User
			expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/me", Token: u.Token,
				Body: map[string]any{"full_name": typed, "locale": "en", "neighborhood_id": nb}}).JSON(t, &got)
			if got.FullName != "Trần Thị Hoà Thuỷ" || got.Locale != api.En || got.NeighborhoodId == nil || *got.NeighborhoodId != nb {
				t.Fatalf("PATCH /v1/me = %+v", got)
			}
			if string(got.Role) != role || got.Id != u.ID || !got.Active {
				t.Fatalf("PATCH /v1/me changed more than asked: %+v", got)
			}
			row := readUser(t, e, u.ID)
			if row.FullName != "Trần Thị Hoà Thuỷ" || row.Locale != "en" || row.Neighborhood != nb.String() {
				t.Fatalf("stored %+v", row)
			}
			var me api.User
			expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me", Token: u.Token}).JSON(t, &me)
			if !reflect.DeepEqual(me, got) {
				t.Fatalf("GET /v1/me = %+v, PATCH answered %+v", me, got)
			}
			// An empty PATCH is a no-op that answers the profile.
			expect(t, e, http.StatusOK, testkit.Req{Method: "PATCH", Path: "/v1/me", Token: u.Token, Body: map[string]any{}}).JSON(t, &me)
			if me.FullName != got.FullName || me.Locale != got.Locale {
				t.Fatalf("empty PATCH = %+v", me)
			}
		})
	}
}

// /v1/me cannot reach outside the caller's ward or past their role: another ward's
// neighbourhood, a blank or too long name, and fields that only staff management may set are
// refused, and the profile stays exactly as it was (valid fields sent alongside included).
func TestUpdateMeRefusals(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w, other := e.NewWard("26734", 1), e.NewWard("00070", 1)
	c := e.NewUser(w, auth.RoleCitizen)
	before := readUser(t, e, c.ID)
	cases := []struct {
		name         string
		body         map[string]any
		status       int
		field, fcode string
	}{
		{"another ward's neighbourhood", map[string]any{"neighborhood_id": other.Neighborhoods[0], "full_name": "Tên Mới"}, 422, "neighborhood_id", "unknown_neighborhood"},
		{"made-up neighbourhood", map[string]any{"neighborhood_id": uuid.Must(uuid.NewV7())}, 422, "neighborhood_id", "unknown_neighborhood"},
		{"blank name", map[string]any{"full_name": "  \u00a0 ", "locale": "en"}, 422, "full_name", "blank"},
		{"empty name", map[string]any{"full_name": ""}, 422, "full_name", "blank"},
		{"name too long", map[string]any{"full_name": strings.Repeat("ư", 121)}, 422, "full_name", "too_long"},
		{"unknown locale", map[string]any{"locale": "fr"}, 422, "locale", "invalid_value"},
		{"own role", map[string]any{"role": "admin"}, 422, "role", "unknown_field"},
		{"own active flag", map[string]any{"active": false}, 422, "active", "unknown_field"},
		{"own ward", map[string]any{"ward_id": other.ID}, 422, "ward_id", "unknown_field"},
		{"own phone", map[string]any{"phone": "0915000001"}, 422, "phone", "unknown_field"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := expectProblem(t, e, tc.status, "validation_failed", testkit.Req{Method: "PATCH", Path: "/v1/me", Token: c.Token, Body: tc.body})
			if !hasField(p, tc.field, tc.fcode) {
				t.Fatalf("errors = %+v, want %s/%s", p.Errors, tc.field, tc.fcode)
			}
		})
	}
	if after := readUser(t, e, c.ID); after != before {
		t.Fatalf("refused PATCH /v1/me changed the profile: %+v → %+v", before, after)
	}
	expectProblem(t, e, http.StatusUnauthorized, "unauthorized", testkit.Req{Method: "PATCH", Path: "/v1/me", Body: map[string]any{"locale": "en"}})
}
