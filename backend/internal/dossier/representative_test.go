package dossier_test

import (
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A representative (người được ủy quyền) with a live, consented link reads and tracks the
// applicant's dossiers; once the link is revoked they are gone again, and moving the dossier
// stays with the applicant and the office.
func TestRepresentativeSeesTheApplicantsDossiers(t *testing.T) {
	w := newWorld(t)
	e := w.e
	relative := e.NewUser(w.ward, auth.RoleCitizen)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	path := "/v1/dossiers/" + d.Id.String()
	list := func() int {
		var l api.DossierList
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers", Token: relative.Token}).JSON(t, &l)
		return len(l.Items)
	}
	e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: path, Token: relative.Token})
	if n := list(); n != 0 {
		t.Fatalf("before any link the relative lists %d dossiers", n)
	}
	var link api.Representation
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/representations", Token: w.officer.Token,
		Body: map[string]any{"representative_id": relative.ID, "applicant_id": w.citizen.ID, "relationship": "con gái",
			"consent_note": "Ông/bà ký giấy ủy quyền tại Trung tâm"}}).JSON(t, &link)
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path, Token: relative.Token})
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: path + "/receipt", Token: relative.Token})
	if n := list(); n != 1 {
		t.Fatalf("with a live link the relative lists %d dossiers, want 1", n)
	}
	// Reading is not moving: withdrawal stays the applicant's.
	e.Expect(http.StatusNotFound, testkit.Req{Method: "POST", Path: path + "/transitions", Token: relative.Token,
		Body: map[string]any{"to": "withdrawn"}})
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/representations/" + link.Id.String() + "/transitions",
		Token: w.citizen.Token, Body: map[string]any{"to": "revoked"}})
	e.Expect(http.StatusNotFound, testkit.Req{Method: "GET", Path: path, Token: relative.Token})
	if n := list(); n != 0 {
		t.Fatalf("after revocation the relative lists %d dossiers", n)
	}
}
