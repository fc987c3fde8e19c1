package session

import (
	"errors"
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// The session rules' own refusals, free of HTTP; problem turns them into the contract's answers.
var (
	ErrSlotFull            = errors.New("the slot is full")
	ErrAlreadyBooked       = errors.New("the citizen already holds a live booking for this session")
	ErrSessionNotOpen      = errors.New("the session is not scheduled")
	ErrTooLateToCancel     = errors.New("the session has started: only the office may cancel")
	ErrBeforeDay           = errors.New("the session's day has not come")
	ErrAfterDay            = errors.New("the session's day has passed")
	ErrNotOnDuty           = errors.New("the caller is not on duty at this session")
	ErrCapacityBelowBooked = errors.New("capacity below what is booked")
	ErrSessionNotOver      = errors.New("the session has not ended")
)

// problem maps an error of the rules to the contract's problem, in one place. Errors it does not
// know (fault, a lifecycle refusal of another resource, the database) pass through to httpx.
func problem(err error) error {
	var le *lifecycle.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &le) && errors.Is(err, lifecycle.ErrIllegal) && le.Resource == bookingMachine.Resource():
		return errBookingIllegal
	case errors.As(err, &le) && errors.Is(err, lifecycle.ErrIllegal) && le.Resource == sessionMachine.Resource():
		return errSessionIllegal
	case errors.As(err, &le) && errors.Is(err, lifecycle.ErrForbidden) && le.Resource == bookingMachine.Resource() && le.To == string(CheckedIn):
		return httpx.NewError(http.StatusForbidden, "not_on_duty")
	}
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{ErrSlotFull, http.StatusConflict, "slot_full"},
		{ErrAlreadyBooked, http.StatusConflict, "already_booked"},
		{ErrSessionNotOpen, http.StatusConflict, "session_not_open"},
		{ErrTooLateToCancel, http.StatusConflict, "too_late_to_cancel"},
		{ErrBeforeDay, http.StatusConflict, "before_session_day"},
		{ErrAfterDay, http.StatusConflict, "after_session_day"},
		{ErrNotOnDuty, http.StatusForbidden, "not_on_duty"},
		{ErrCapacityBelowBooked, http.StatusConflict, "capacity_below_booked"},
		{ErrSessionNotOver, http.StatusConflict, "session_not_over"},
	} {
		if errors.Is(err, c.err) {
			return httpx.NewError(c.status, c.code)
		}
	}
	return err
}

// A booking and a session each name themselves when a move is refused (COPY.md: an error names
// the thing it is about).
var (
	errBookingIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển lịch hẹn sang trạng thái này từ trạng thái hiện tại",
		EN: "The booking cannot move to this state from its current state"})
	errSessionIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển buổi tiếp nhận sang trạng thái này từ trạng thái hiện tại",
		EN: "The session cannot move to this state from its current state"})
)
