package session

import (
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

var (
	ward, otherWard = uuid.New(), uuid.New()
	holder          = uuid.New()
)

func principal(role string, wardID uuid.UUID, user uuid.UUID) auth.Principal {
	return auth.Principal{UserID: user, WardID: wardID, Role: role}
}

// expect checks every (from, to, actor) triple against the table written out here: what is not
// listed is illegal.
func expect[S ~string, A any](t *testing.T, m *lifecycle.Machine[S, A], actors map[string]A, want map[string]lifecycle.Outcome) {
	t.Helper()
	for _, bad := range m.Mismatches(actors, lifecycle.Listed[S](want)) {
		t.Error(bad)
	}
}

func TestSessionMachine(t *testing.T) {
	actors := map[string]sessionActor{
		"officer":            {caller: principal(auth.RoleOfficer, ward, uuid.New()), ward: ward},
		"admin":              {caller: principal(auth.RoleAdmin, ward, uuid.New()), ward: ward},
		"volunteer":          {caller: principal(auth.RoleVolunteer, ward, uuid.New()), ward: ward},
		"citizen":            {caller: principal(auth.RoleCitizen, ward, uuid.New()), ward: ward},
		"officer other ward": {caller: principal(auth.RoleOfficer, otherWard, uuid.New()), ward: ward},
	}
	F, A := lifecycle.Forbidden, lifecycle.Allowed
	expect(t, sessionMachine, actors, map[string]lifecycle.Outcome{
		"scheduled→completed/officer": A, "scheduled→completed/admin": A, "scheduled→completed/volunteer": F,
		"scheduled→completed/citizen": F, "scheduled→completed/officer other ward": F,
		"scheduled→cancelled/officer": A, "scheduled→cancelled/admin": A, "scheduled→cancelled/volunteer": F,
		"scheduled→cancelled/citizen": F, "scheduled→cancelled/officer other ward": F,
	})
}

func TestBookingMachine(t *testing.T) {
	mine := uuid.NullUUID{UUID: holder, Valid: true}
	actors := map[string]bookingActor{
		"its citizen":           {caller: principal(auth.RoleCitizen, ward, holder), ward: ward, citizen: mine},
		"another citizen":       {caller: principal(auth.RoleCitizen, ward, uuid.New()), ward: ward, citizen: mine},
		"officer on duty":       {caller: principal(auth.RoleOfficer, ward, uuid.New()), ward: ward, citizen: mine, onDuty: true},
		"officer off duty":      {caller: principal(auth.RoleOfficer, ward, uuid.New()), ward: ward, citizen: mine},
		"volunteer on duty":     {caller: principal(auth.RoleVolunteer, ward, uuid.New()), ward: ward, citizen: mine, onDuty: true},
		"volunteer off duty":    {caller: principal(auth.RoleVolunteer, ward, uuid.New()), ward: ward, citizen: mine},
		"admin":                 {caller: principal(auth.RoleAdmin, ward, uuid.New()), ward: ward, citizen: mine},
		"officer of other ward": {caller: principal(auth.RoleOfficer, otherWard, uuid.New()), ward: ward, citizen: mine, onDuty: true},
	}
	F, A := lifecycle.Forbidden, lifecycle.Allowed
	expect(t, bookingMachine, actors, map[string]lifecycle.Outcome{
		"booked→checked_in/its citizen": F, "booked→checked_in/another citizen": F,
		"booked→checked_in/officer on duty": A, "booked→checked_in/officer off duty": F,
		"booked→checked_in/volunteer on duty": A, "booked→checked_in/volunteer off duty": F,
		"booked→checked_in/admin": A, "booked→checked_in/officer of other ward": F,

		"booked→cancelled/its citizen": A, "booked→cancelled/another citizen": F,
		"booked→cancelled/officer on duty": A, "booked→cancelled/officer off duty": A,
		"booked→cancelled/volunteer on duty": F, "booked→cancelled/volunteer off duty": F,
		"booked→cancelled/admin": A, "booked→cancelled/officer of other ward": F,

		"booked→no_show/its citizen": F, "booked→no_show/another citizen": F,
		"booked→no_show/officer on duty": A, "booked→no_show/officer off duty": A,
		"booked→no_show/volunteer on duty": F, "booked→no_show/volunteer off duty": F,
		"booked→no_show/admin": A, "booked→no_show/officer of other ward": F,
	})
}
