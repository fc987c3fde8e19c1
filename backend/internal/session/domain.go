package session

import (
	"time"

	"github.com/google/uuid"
)

// The feature's own types: services take and return these; handlers.go converts them to and
// from the contract's.

// Session is a Saturday neighbourhood session with its slots and attendance.
type Session struct {
	ID, WardID, NeighborhoodID uuid.UUID
	Day                        time.Time // the date (midnight UTC, as stored)
	Venue                      string
	StartsAt, EndsAt           time.Time
	SlotMinutes                int
	CapacityPerSlot            int
	Status                     SessionStatus
	ProcedureIDs, StaffIDs     []uuid.UUID
	Note                       *string
	Slots                      []Slot
	Attendance                 Attendance
}

// Slot is one time slot and its places.
type Slot struct {
	StartsAt, EndsAt time.Time
	Capacity, Booked int
}

// Attendance counts a session's bookings by outcome.
type Attendance struct {
	Booked, CheckedIn, WalkIns, NoShow, Cancelled int
}

// Booking is a place in a slot, or a walk-in.
type Booking struct {
	ID, SessionID uuid.UUID
	SlotStartsAt  *time.Time
	Code          string
	Status        BookingStatus
	CitizenID     uuid.NullUUID
	ProcedureID   uuid.NullUUID
	Note          *string
	WalkIn        bool
	Name          *string // the person's name (the account holder's or the walk-in's): staff only (StaffView)
	Phone         *string // the person's phone: the ward's officers and admins only
	StaffView     bool
	CheckedInAt   *time.Time
	CreatedAt     time.Time
}

// Page is one page of a list and the cursor of the next.
type Page[T any] struct {
	Items      []T
	NextCursor *string
}

// SessionInput is what an officer schedules.
type SessionInput struct {
	NeighborhoodID     uuid.UUID
	Date               time.Time
	Venue              string
	StartTime, EndTime string // HH:MM
	SlotMinutes        int
	CapacityPerSlot    int
	ProcedureIDs       *[]uuid.UUID
	StaffIDs           *[]uuid.UUID
	Note               *string
}

// SessionPatch is what an officer may change on a scheduled session.
type SessionPatch struct {
	Venue           *string
	CapacityPerSlot *int
	ProcedureIDs    *[]uuid.UUID
	StaffIDs        *[]uuid.UUID
	Note            *string
}

// BookingInput is a citizen's booking.
type BookingInput struct {
	SlotStartsAt time.Time
	ProcedureID  *uuid.UUID
	Note         *string
}

// CheckInInput is a check-in by booking code, or a walk-in (an account, or a name and phone).
type CheckInInput struct {
	Code        *string
	CitizenID   *uuid.UUID
	Name, Phone *string
	ProcedureID *uuid.UUID
}

// Filter narrows the public list of a ward's sessions.
type Filter struct {
	WardCode       string
	NeighborhoodID *uuid.UUID
	From, To       *time.Time
	Statuses       []SessionStatus
	Limit          int
	Cursor         *string
}
