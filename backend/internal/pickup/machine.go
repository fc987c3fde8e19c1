package pickup

import (
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
)

// Status is a pickup's state (DESIGN.md §4, pickup).
type Status string

// States of a pickup.
const (
	Requested  Status = "requested"
	Assigned   Status = "assigned"
	Accepted   Status = "accepted"
	EnRoute    Status = "en_route"
	Collected  Status = "collected"
	HandedOver Status = "handed_over"
	Cancelled  Status = "cancelled"
	Failed     Status = "failed"
)

// States lists every state.
var States = []Status{Requested, Assigned, Accepted, EnRoute, Collected, HandedOver, Cancelled, Failed}

// RoleDispatch is the ward's automatic dispatch, recorded as the actor of the moves it makes.
const RoleDispatch = "dispatch"

// actor is who asks for a move, and the pickup they ask it of. represents: the caller, a
// citizen, holds a live representation for the citizen the pickup is for (looked up where the
// pickup is loaded).
type actor struct {
	caller     auth.Principal
	p          pickupdb.Pickup
	represents bool
}

// The actors of the machine. The ward of the pickup is checked where it is loaded (tenant.Load),
// so these speak only of the caller's relation to the pickup.
var (
	office = lifecycle.Actor[actor]{Name: "office", May: func(a actor) bool {
		return a.caller.Office()
	}}
	// volunteer: any volunteer may claim an open pickup; the claim itself is a compare-and-set.
	volunteer = lifecycle.Actor[actor]{Name: "volunteer", May: func(a actor) bool { return a.caller.Role == auth.RoleVolunteer }}
	holder    = lifecycle.Actor[actor]{Name: "holder", May: func(a actor) bool {
		return a.caller.Role == auth.RoleVolunteer && a.p.VolunteerID.Valid && a.p.VolunteerID.UUID == a.caller.UserID
	}}
	owner = lifecycle.Actor[actor]{Name: "owner", May: func(a actor) bool {
		return a.caller.Role == auth.RoleCitizen && a.p.CitizenID.Valid && a.p.CitizenID.UUID == a.caller.UserID
	}}
	// representative: a citizen acting for the applicant (người được ủy quyền, Bộ luật Dân sự
	// 2015, Điều 138 and 562) books the pickup for them and may call it off.
	representative = lifecycle.Actor[actor]{Name: "representative", May: func(a actor) bool {
		return a.caller.Role == auth.RoleCitizen && a.represents
	}}
	dispatcher = lifecycle.Actor[actor]{Name: "dispatch", May: func(a actor) bool { return a.caller.Role == RoleDispatch }}
)

// machine is the whole lifecycle (DESIGN.md §4, pickup).
var machine = lifecycle.New("pickup", States,
	lifecycle.Move[Status, actor]{From: []Status{Requested, Assigned}, To: Assigned, By: []lifecycle.Actor[actor]{office, dispatcher}},
	lifecycle.Move[Status, actor]{From: []Status{Requested, Assigned}, To: Accepted, By: []lifecycle.Actor[actor]{volunteer}},
	// the assigned volunteer declines: the task goes back to the pool, or to the next volunteer
	lifecycle.Move[Status, actor]{From: []Status{Assigned}, To: Requested, By: []lifecycle.Actor[actor]{holder}},
	lifecycle.Move[Status, actor]{From: []Status{Accepted}, To: EnRoute, By: []lifecycle.Actor[actor]{holder}},
	lifecycle.Move[Status, actor]{From: []Status{EnRoute}, To: Collected, By: []lifecycle.Actor[actor]{holder}},
	// the citizen was not home
	lifecycle.Move[Status, actor]{From: []Status{EnRoute}, To: Failed, By: []lifecycle.Actor[actor]{holder}},
	// creates the submitted dossier an officer then receives
	lifecycle.Move[Status, actor]{From: []Status{Collected}, To: HandedOver, By: []lifecycle.Actor[actor]{holder, office}},
	lifecycle.Move[Status, actor]{From: []Status{Requested, Assigned, Accepted}, To: Cancelled, By: []lifecycle.Actor[actor]{owner, representative, office}},
)
