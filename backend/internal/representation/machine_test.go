package representation

import (
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/representation/representationdb"
)

// The whole machine, every state × target × actor, against a table written out by hand.
func TestMachineExhaustively(t *testing.T) {
	ward, otherWard := uuid.New(), uuid.New()
	rep, app := uuid.New(), uuid.New()
	link := representationdb.LockForRevokeRow{WardID: ward, RepresentativeID: rep, ApplicantID: app}
	as := func(role string, id, w uuid.UUID) actor {
		return actor{caller: auth.Principal{UserID: id, WardID: w, Role: role}, link: link}
	}
	actors := map[string]actor{
		"applicant":         as(auth.RoleCitizen, app, ward),
		"representative":    as(auth.RoleCitizen, rep, ward),
		"other citizen":     as(auth.RoleCitizen, uuid.New(), ward),
		"officer":           as(auth.RoleOfficer, uuid.New(), ward),
		"admin":             as(auth.RoleAdmin, uuid.New(), ward),
		"volunteer":         as(auth.RoleVolunteer, uuid.New(), ward),
		"other ward office": as(auth.RoleOfficer, uuid.New(), otherWard),
		// a staff account that happens to carry the applicant's id is still not the applicant
		"officer as party": as(auth.RoleOfficer, app, otherWard),
	}
	allowed := map[string]bool{"applicant": true, "representative": true, "officer": true, "admin": true}
	want := func(from, to State, who string) lifecycle.Outcome {
		switch {
		case from != Live || to != Revoked:
			return lifecycle.Illegal
		case allowed[who]:
			return lifecycle.Allowed
		}
		return lifecycle.Forbidden
	}
	for _, bad := range Machine.Mismatches(actors, want) {
		t.Error(bad)
	}
}
