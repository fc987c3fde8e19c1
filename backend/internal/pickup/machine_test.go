package pickup

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
)

// The pickup lifecycle as DESIGN.md §4 states it, written out by hand: every allowed
// from → to move and the actors who may make it. Every other pair is illegal; every actor not
// listed on a legal move is forbidden.
var wantMoves = map[string]string{
	"requested → assigned":    "admin dispatch officer",
	"assigned → assigned":     "admin dispatch officer",
	"requested → accepted":    "holder owner-id-as-volunteer representative-as-volunteer volunteer", // any volunteer may claim
	"assigned → accepted":     "holder owner-id-as-volunteer representative-as-volunteer volunteer",
	"assigned → requested":    "holder",
	"accepted → en_route":     "holder",
	"en_route → collected":    "holder",
	"en_route → failed":       "holder",
	"collected → handed_over": "admin holder officer",
	"requested → cancelled":   "admin officer owner representative",
	"assigned → cancelled":    "admin officer owner representative",
	"accepted → cancelled":    "admin officer owner representative",
}

func TestPickupMachineEveryMove(t *testing.T) {
	holderID, ownerID := uuid.New(), uuid.New()
	p := pickupdb.Pickup{VolunteerID: uuid.NullUUID{UUID: holderID, Valid: true}, CitizenID: uuid.NullUUID{UUID: ownerID, Valid: true}}
	fixtures := map[string]actor{
		"officer":   {auth.Principal{UserID: uuid.New(), Role: auth.RoleOfficer}, p, false},
		"admin":     {auth.Principal{UserID: uuid.New(), Role: auth.RoleAdmin}, p, false},
		"holder":    {auth.Principal{UserID: holderID, Role: auth.RoleVolunteer}, p, false},
		"volunteer": {auth.Principal{UserID: uuid.New(), Role: auth.RoleVolunteer}, p, false},
		"owner":     {auth.Principal{UserID: ownerID, Role: auth.RoleCitizen}, p, false},
		"citizen":   {auth.Principal{UserID: uuid.New(), Role: auth.RoleCitizen}, p, false},
		"dispatch":  {auth.Principal{Role: RoleDispatch}, p, false},
		// the holder's id with another role is not the holder; the owner's id as staff not the owner
		"holder-id-as-citizen":  {auth.Principal{UserID: holderID, Role: auth.RoleCitizen}, p, false},
		"owner-id-as-volunteer": {auth.Principal{UserID: ownerID, Role: auth.RoleVolunteer}, p, false},
		// a citizen holding a live representation for the owner; the flag on staff means nothing
		"representative":              {auth.Principal{UserID: uuid.New(), Role: auth.RoleCitizen}, p, true},
		"representative-as-volunteer": {auth.Principal{UserID: uuid.New(), Role: auth.RoleVolunteer}, p, true},
	}
	seen := map[string]bool{}
	n := 0
	machine.Every(fixtures, func(from, to Status, who string, got lifecycle.Outcome) {
		n++
		key := fmt.Sprintf("%s → %s", from, to)
		allowed, legal := wantMoves[key]
		want := lifecycle.Illegal
		if legal {
			seen[key] = true
			want = lifecycle.Forbidden
			if strings.Contains(" "+allowed+" ", " "+who+" ") {
				want = lifecycle.Allowed
			}
		}
		if got != want {
			t.Errorf("%s by %s: %s, want %s", key, who, got, want)
		}
	})
	if want := len(States) * len(States) * len(fixtures); n != want {
		t.Fatalf("Every visited %d triples, want %d", n, want)
	}
	if len(seen) != len(wantMoves) {
		t.Fatalf("the table lists %d moves, the machine has %d of them", len(wantMoves), len(seen))
	}
}

// Without a holder or an owner nobody is the holder or the owner: a pickup for a person without
// an account can be cancelled only by the office.
func TestPickupWithoutOwnerOrHolder(t *testing.T) {
	var p pickupdb.Pickup
	for _, c := range []auth.Principal{{Role: auth.RoleCitizen}, {Role: auth.RoleVolunteer}} {
		if err := machine.Check(Requested, Cancelled, actor{c, p, false}); err == nil {
			t.Errorf("%s cancelled a pickup for nobody", c.Role)
		}
		if err := machine.Check(Assigned, Requested, actor{c, p, false}); err == nil {
			t.Errorf("%s declined a pickup nobody holds", c.Role)
		}
	}
	if err := machine.Check(Requested, Cancelled, actor{auth.Principal{Role: auth.RoleOfficer}, p, false}); err != nil {
		t.Fatal(err)
	}
}
