package postal

import (
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// expect checks every (from, to, actor) triple against the table written out here: what is not
// listed is illegal.
func expect[S ~string, A any](t *testing.T, m *lifecycle.Machine[S, A], actors map[string]A, want map[string]lifecycle.Outcome) {
	t.Helper()
	for _, bad := range m.Mismatches(actors, lifecycle.Listed[S](want)) {
		t.Error(bad)
	}
}

func TestStaffMachine(t *testing.T) {
	ward, other := uuid.New(), uuid.New()
	as := func(role string, w uuid.UUID, d Direction) staffActor {
		return staffActor{caller: auth.Principal{UserID: uuid.New(), WardID: w, Role: role}, ward: ward, direction: d}
	}
	actors := map[string]staffActor{
		"officer/out": as(auth.RoleOfficer, ward, Outbound), "officer/in": as(auth.RoleOfficer, ward, Inbound),
		"admin/out": as(auth.RoleAdmin, ward, Outbound), "admin/in": as(auth.RoleAdmin, ward, Inbound),
		"volunteer/out": as(auth.RoleVolunteer, ward, Outbound), "volunteer/in": as(auth.RoleVolunteer, ward, Inbound),
		"citizen/out": as(auth.RoleCitizen, ward, Outbound), "citizen/in": as(auth.RoleCitizen, ward, Inbound),
		"other ward officer/out": as(auth.RoleOfficer, other, Outbound), "other ward officer/in": as(auth.RoleOfficer, other, Inbound),
	}
	want := map[string]lifecycle.Outcome{}
	for name := range actors {
		want["requested→handed_to_carrier/"+name] = lifecycle.Forbidden
		want["failed→returned_to_office/"+name] = lifecycle.Forbidden
		want["handed_to_carrier→delivered/"+name] = lifecycle.Forbidden
		want["in_transit→delivered/"+name] = lifecycle.Forbidden
	}
	A := lifecycle.Allowed
	for _, k := range []string{
		// The ward's office registers any parcel with the carrier…
		"requested→handed_to_carrier/officer/out", "requested→handed_to_carrier/admin/out",
		"requested→handed_to_carrier/officer/in", "requested→handed_to_carrier/admin/in",
		// …takes back only a result it sent…
		"failed→returned_to_office/officer/out", "failed→returned_to_office/admin/out",
		// …and receives only a dossier posted to it.
		"handed_to_carrier→delivered/officer/in", "handed_to_carrier→delivered/admin/in",
		"in_transit→delivered/officer/in", "in_transit→delivered/admin/in",
	} {
		want[k] = A
	}
	expect(t, staffMachine, actors, want)
}

func TestCarrierMachine(t *testing.T) {
	actors := map[string]carrierActor{
		"the carrier":     {signed: "local", parcel: "local"},
		"another carrier": {signed: "vnpost", parcel: "local"},
		"unsigned":        {signed: "", parcel: ""},
	}
	want := map[string]lifecycle.Outcome{}
	for _, mv := range []string{"handed_to_carrier→in_transit", "handed_to_carrier→delivered", "in_transit→delivered",
		"handed_to_carrier→failed", "in_transit→failed", "failed→returned_to_office"} {
		want[mv+"/the carrier"] = lifecycle.Allowed
		want[mv+"/another carrier"] = lifecycle.Forbidden
		want[mv+"/unsigned"] = lifecycle.Forbidden
	}
	expect(t, carrierMachine, actors, want)
	// Every status a carrier may report is the target of one of its moves.
	for st, to := range carrierStatuses {
		reached := false
		for _, from := range carrierMachine.States() {
			reached = reached || carrierMachine.Legal(from, to)
		}
		if !reached {
			t.Errorf("carrier status %s leads to %s, which no carrier move reaches", st, to)
		}
	}
}
