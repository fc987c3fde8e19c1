package session

import (
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// SessionStatus is a session's state (DESIGN §4: scheduled → completed | cancelled).
type SessionStatus string

// States of a session.
const (
	Scheduled        SessionStatus = "scheduled"
	Completed        SessionStatus = "completed"
	SessionCancelled SessionStatus = "cancelled"
)

// BookingStatus is a booking's state (DESIGN §4: booked → checked_in | cancelled | no_show).
type BookingStatus string

// States of a booking.
const (
	Booked           BookingStatus = "booked"
	CheckedIn        BookingStatus = "checked_in"
	BookingCancelled BookingStatus = "cancelled"
	NoShow           BookingStatus = "no_show"
)

// sessionActor is who moves a session: the caller, and the ward the session belongs to.
type sessionActor struct {
	caller auth.Principal
	ward   uuid.UUID
}

// sessionOffice: an officer or admin of the session's ward.
var sessionOffice = lifecycle.Actor[sessionActor]{Name: "officer or admin of the ward", May: func(a sessionActor) bool {
	return a.caller.Office() && a.caller.WardID == a.ward
}}

// sessionMachine: the ward's officers close a session, after it ends (completed: the bookings
// not checked in become no_show) or before (cancelled: every booking is cancelled, its citizen told).
var sessionMachine = lifecycle.New("session", []SessionStatus{Scheduled, Completed, SessionCancelled},
	lifecycle.Move[SessionStatus, sessionActor]{From: []SessionStatus{Scheduled}, To: Completed, By: []lifecycle.Actor[sessionActor]{sessionOffice}},
	lifecycle.Move[SessionStatus, sessionActor]{From: []SessionStatus{Scheduled}, To: SessionCancelled, By: []lifecycle.Actor[sessionActor]{sessionOffice}},
)

// bookingActor is who moves a booking: the caller, with what the rules need to know of the
// booking (its ward and citizen) and of the caller (on the session's duty list).
type bookingActor struct {
	caller  auth.Principal
	ward    uuid.UUID
	citizen uuid.NullUUID
	onDuty  bool
}

var (
	// theCitizen: the citizen who holds the booking.
	theCitizen = lifecycle.Actor[bookingActor]{Name: "the booking's citizen", May: func(a bookingActor) bool {
		return a.caller.Role == auth.RoleCitizen && a.citizen.Valid && a.citizen.UUID == a.caller.UserID
	}}
	// bookingOffice: an officer or admin of the booking's ward.
	bookingOffice = lifecycle.Actor[bookingActor]{Name: "officer or admin of the ward", May: func(a bookingActor) bool {
		return a.caller.Office() && a.caller.WardID == a.ward
	}}
	// onDuty: a volunteer or officer of the ward named on the session's duty list.
	onDuty = lifecycle.Actor[bookingActor]{Name: "staff on duty", May: func(a bookingActor) bool {
		return a.caller.Is(auth.RoleVolunteer, auth.RoleOfficer) && a.caller.WardID == a.ward && a.onDuty
	}}
	// wardAdmin: the ward's admin, on duty or not.
	wardAdmin = lifecycle.Actor[bookingActor]{Name: "admin of the ward", May: func(a bookingActor) bool {
		return a.caller.Role == auth.RoleAdmin && a.caller.WardID == a.ward
	}}
)

// bookingMachine: staff on duty (or the ward's admin) check people in; the citizen (until the
// session starts, a rule of time checked in Cancel) or the ward's officers cancel; the bookings
// still open when officers complete the session become no_show.
var bookingMachine = lifecycle.New("booking", []BookingStatus{Booked, CheckedIn, BookingCancelled, NoShow},
	lifecycle.Move[BookingStatus, bookingActor]{From: []BookingStatus{Booked}, To: CheckedIn, By: []lifecycle.Actor[bookingActor]{onDuty, wardAdmin}},
	lifecycle.Move[BookingStatus, bookingActor]{From: []BookingStatus{Booked}, To: BookingCancelled, By: []lifecycle.Actor[bookingActor]{theCitizen, bookingOffice}},
	lifecycle.Move[BookingStatus, bookingActor]{From: []BookingStatus{Booked}, To: NoShow, By: []lifecycle.Actor[bookingActor]{bookingOffice}},
)
