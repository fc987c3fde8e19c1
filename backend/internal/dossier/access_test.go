package dossier_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Nobody but the applicant and the ward's staff reads or moves a dossier, on any endpoint.
func TestOthersAreRefusedEverywhere(t *testing.T) {
	w := newWorld(t)
	e := w.e
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	otherWard := e.NewWard("00072", 1)
	callers := []struct {
		name   string
		token  string
		status int
	}{
		{"anonymous", "", http.StatusUnauthorized},
		{"other citizen", e.NewUser(w.ward, auth.RoleCitizen).Token, http.StatusNotFound},
		{"volunteer", e.NewUser(w.ward, auth.RoleVolunteer).Token, http.StatusForbidden},
		{"officer of another ward", e.NewUser(otherWard, auth.RoleOfficer).Token, http.StatusNotFound},
		{"admin of another ward", e.NewUser(otherWard, auth.RoleAdmin).Token, http.StatusNotFound},
	}
	base := "/v1/dossiers/" + d.Id.String()
	for _, c := range callers {
		for _, r := range []testkit.Req{
			{Method: "GET", Path: base},
			{Method: "GET", Path: base + "/receipt"},
			{Method: "GET", Path: base + "/receipt.png"},
			{Method: "POST", Path: base + "/transitions", Body: map[string]any{"to": "in_review"}},
			{Method: "POST", Path: base + "/transitions", Body: map[string]any{"to": "withdrawn"}},
		} {
			r.Token = c.token
			if res := e.Do(r); res.Status != c.status {
				t.Errorf("%s %s %s: status %d, want %d", c.name, r.Method, r.Path, res.Status, c.status)
			}
		}
		// The list answers, but without the dossier (or refuses outright).
		res := e.Do(testkit.Req{Method: "GET", Path: "/v1/dossiers", Token: c.token})
		switch c.status {
		case http.StatusUnauthorized, http.StatusForbidden:
			if res.Status != c.status {
				t.Errorf("%s list: status %d, want %d", c.name, res.Status, c.status)
			}
		default:
			var list api.DossierList
			if res.Status != 200 {
				t.Fatalf("%s list: status %d", c.name, res.Status)
			}
			res.JSON(t, &list)
			if len(list.Items) != 0 {
				t.Errorf("%s lists %d dossiers of others", c.name, len(list.Items))
			}
		}
	}
	// A dossier id that does not exist answers like someone else's.
	missing := "/v1/dossiers/" + uuid.Must(uuid.NewV7()).String()
	for _, p := range []string{missing, missing + "/receipt", missing + "/receipt.png"} {
		e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: p, Token: w.officer.Token})
	}
	if n := e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1", d.Id); n != 1 {
		t.Fatalf("%d events: a refused caller moved the dossier", n)
	}
	// The applicant and the ward's staff do see it.
	for _, tok := range []string{w.citizen.Token, w.officer.Token, e.NewUser(w.ward, auth.RoleAdmin).Token} {
		e.Expect(200, testkit.Req{Method: "GET", Path: base, Token: tok})
		e.Expect(200, testkit.Req{Method: "GET", Path: base + "/receipt", Token: tok})
	}
}

func TestListScopesFiltersAndPages(t *testing.T) {
	w := newWorld(t)
	e := w.e
	e.Clock.Set(vn("2026-11-23 09:00"))
	neighbour := e.NewUser(w.ward, auth.RoleCitizen)
	mine := map[uuid.UUID]bool{}
	var all []uuid.UUID // creation order
	for i := 0; i < 7; i++ {
		body := map[string]any{"procedure_id": w.birth, "channel": "counter"}
		switch i % 3 {
		case 0:
			body["applicant_id"] = w.citizen.ID
		case 1:
			body["applicant_id"] = neighbour.ID
			body["channel"] = "online"
		case 2:
			body["applicant_name"] = "Khách vãng lai"
			body["procedure_id"] = w.copyCert
		}
		d := w.create(t, body)
		all = append(all, d.Id)
		if i%3 == 0 {
			mine[d.Id] = true
		}
	}
	// Another ward's dossier never shows.
	otherWard := e.NewWard("00072", 1)
	otherProc := insertProcedure(t, e, otherWard.ID, "1.001193", "Đăng ký khai sinh", 3, nil, "counter")
	putDossier(t, e, otherWard.ID, otherProc, nil, "received")

	list := func(u testkit.User, query string) []api.Dossier {
		t.Helper()
		var out []api.Dossier
		cursor := ""
		for page := 0; ; page++ {
			q, _ := url.ParseQuery(query)
			q.Set("limit", "2")
			if cursor != "" {
				q.Set("cursor", cursor)
			}
			var l api.DossierList
			e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers?" + q.Encode(), Token: e.Token(u)}).JSON(t, &l)
			out = append(out, l.Items...)
			if l.NextCursor == nil || *l.NextCursor == "" {
				return out
			}
			if page > 10 {
				t.Fatal("cursor never ends")
			}
			cursor = *l.NextCursor
		}
	}
	staff := list(w.officer, "")
	if len(staff) != len(all) {
		t.Fatalf("officer sees %d dossiers, want %d", len(staff), len(all))
	}
	for i, d := range staff { // newest first, each once
		if d.Id != all[len(all)-1-i] {
			t.Fatalf("item %d is %s, want %s", i, d.Id, all[len(all)-1-i])
		}
	}
	own := list(w.citizen, "")
	if len(own) != len(mine) {
		t.Fatalf("citizen sees %d dossiers, owns %d", len(own), len(mine))
	}
	for _, d := range own {
		if !mine[d.Id] {
			t.Fatalf("citizen sees %s, not theirs", d.Id)
		}
	}
	if n := len(list(w.officer, "channel=online")); n != 2 {
		t.Errorf("channel=online: %d", n)
	}
	if n := len(list(w.officer, "procedure_id="+w.copyCert.String())); n != 2 {
		t.Errorf("procedure filter: %d", n)
	}
	// Move one along; filter by status; overdue is derived from the clock.
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + all[0].String() + "/transitions", Token: e.Token(w.officer), Body: map[string]any{"to": "in_review"}})
	if got := list(w.officer, "status=in_review"); len(got) != 1 || got[0].Id != all[0] {
		t.Errorf("status=in_review: %+v", got)
	}
	if n := len(list(w.officer, "overdue=true")); n != 0 {
		t.Errorf("overdue before any due time: %d", n)
	}
	e.Clock.Set(vn("2026-11-24 08:00")) // the same-day copies (due 23/11 17:00) are now late
	late := list(w.officer, "overdue=true")
	if len(late) != 2 || late[0].ProcedureId != w.copyCert || !late[0].Overdue {
		t.Errorf("overdue=true: %+v", late)
	}
	if n := len(list(w.officer, "overdue=false")); n != len(all)-2 {
		t.Errorf("overdue=false: %d", n)
	}
	// A late dossier that has its result is no longer overdue.
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + late[0].Id.String() + "/transitions", Token: e.Token(w.officer), Body: map[string]any{"to": to}})
	}
	if n := len(list(w.officer, "overdue=true")); n != 1 {
		t.Errorf("overdue after a result: %d", n)
	}
	var got api.DossierDetail
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + late[0].Id.String(), Token: e.Token(w.officer)}).JSON(t, &got)
	if got.Overdue || got.PortalStatusCode != 9 {
		t.Errorf("after the result: overdue %v, portal %d", got.Overdue, got.PortalStatusCode)
	}
	e.Expect(400, testkit.Req{Method: "GET", Path: "/v1/dossiers?cursor=not-a-cursor", Token: e.Token(w.officer)})
}

// Portal codes are the national portal's: a home pickup or a Saturday session is "trực tiếp";
// a result going back by post makes any channel 3 (bưu chính công ích). A rejection after review
// is 9 (processing ended with a refusal), not 3, which is a refusal at intake.
func TestPortalCodes(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		channel, ret string
		want         int
	}{
		{"counter", "counter", 1}, {"online", "counter", 2}, {"home_pickup", "counter", 1},
		{"counter", "postal", 3}, {"online", "postal", 3}, {"home_pickup", "postal", 3},
	} {
		d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Lê Thị Chín", "channel": c.channel, "return_method": c.ret})
		if d.PortalChannelCode != c.want {
			t.Errorf("%s returned by %s: portal channel %d, want %d", c.channel, c.ret, d.PortalChannelCode, c.want)
		}
	}
	want := map[string]int{"submitted": 1, "received": 2, "refused_at_intake": 3, "in_review": 4, "supplement_requested": 5,
		"approved": 4, "result_ready": 9, "returned": 10, "rejected": 9, "withdrawn": 7}
	for _, s := range allStates {
		id := putDossier(t, w.e, w.ward.ID, w.birth, &w.citizen, s)
		var d api.DossierDetail
		w.e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/dossiers/" + id.String(), Token: w.citizen.Token}).JSON(t, &d)
		if d.PortalStatusCode != want[s] || string(d.Status) != s {
			t.Errorf("%s: portal status %d, want %d", s, d.PortalStatusCode, want[s])
		}
	}
}
