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
	n := 0
	Machine.Every(actors, func(from, to State, who string, got lifecycle.Outcome) {
		n++
		want := lifecycle.Illegal
		if from == Live && to == Revoked {
			want = lifecycle.Forbidden
			if allowed[who] {
				want = lifecycle.Allowed
			}
		}
		if got != want {
			t.Errorf("%s → %s by %s: %s, want %s", from, to, who, got, want)
		}
	})
	if n != 2*2*len(actors) {
		t.Fatalf("%d checks", n)
	}
}
