package session_test

import (
	"strings"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// names fails unless the problem's title (both languages) names the thing and never a dossier.
func names(t *testing.T, vi, en httpx.Problem, code, thingVI, thingEN string) {
	t.Helper()
	if vi.Code != code || en.Code != code {
		t.Errorf("codes %q / %q, want %q", vi.Code, en.Code, code)
	}
	if !strings.Contains(vi.Title, thingVI) || strings.Contains(vi.Title, "hồ sơ") {
		t.Errorf("vi title %q should speak of %q, not of a hồ sơ", vi.Title, thingVI)
	}
	if !strings.Contains(en.Title, thingEN) || strings.Contains(en.Title, "dossier") {
		t.Errorf("en title %q should speak of %q, not of a dossier", en.Title, thingEN)
	}
}

// Each refusal of a booking or a session says its own reason and names its own thing.
func TestBookingAndSessionRefusalsSayTheirReason(t *testing.T) {
	w := newWorld(t)
	s, later := w.schedule(t, 5), w.schedule(t, 5)
	citizen := w.e.NewUser(w.ward, auth.RoleCitizen)
	var b api.Booking
	w.book(citizen, s, 0).JSON(t, &b)
	checkIn := func(s api.Session) testkit.Req {
		return testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/check-ins", Token: w.e.Token(w.volunteer),
			Body: map[string]any{"code": b.Code}}
	}
	cancel := func(b api.Booking) testkit.Req {
		return testkit.Req{Method: "POST", Path: "/v1/bookings/" + b.Id.String() + "/transitions", Token: w.e.Token(citizen),
			Body: map[string]any{"to": "cancelled"}}
	}
	move := func(s api.Session, to string) testkit.Req {
		return testkit.Req{Method: "POST", Path: "/v1/sessions/" + s.Id.String() + "/transitions", Token: w.e.Token(w.officer),
			Body: map[string]any{"to": to}}
	}

	// Wednesday: checking in before the session's day.
	vi, en := w.e.ExpectProblem(409, checkIn(s))
	names(t, vi, en, "before_session_day", "Chưa đến ngày", "has not come yet")

	// A booking cancelled twice: the booking's own illegal transition.
	w.e.Expect(200, cancel(b))
	vi, en = w.e.ExpectProblem(409, cancel(b))
	names(t, vi, en, "illegal_transition", "lịch hẹn", "booking")

	// Saturday after the start: the citizen can no longer cancel it themselves.
	w.book(citizen, s, 3).JSON(t, &b)
	w.e.Clock.Set(time.Date(2026, 11, 28, 7, 40, 0, 0, calendar.Location))
	vi, en = w.e.ExpectProblem(409, cancel(b))
	names(t, vi, en, "too_late_to_cancel", "trước giờ bắt đầu buổi tiếp nhận", "before the session starts")

	// A completed session cannot be cancelled: the session's own illegal transition; nor booked.
	w.e.Clock.Set(time.Date(2026, 11, 28, 10, 0, 0, 0, calendar.Location))
	w.e.Expect(200, move(s, "completed"))
	vi, en = w.e.ExpectProblem(409, move(s, "cancelled"))
	names(t, vi, en, "illegal_transition", "buổi tiếp nhận", "session")
	vi, en = w.e.ExpectProblem(409, checkIn(s))
	names(t, vi, en, "session_not_open", "đã kết thúc hoặc đã bị hủy", "has ended or was cancelled")

	// Sunday: a session still scheduled is past its day.
	w.e.Clock.Set(time.Date(2026, 11, 29, 8, 0, 0, 0, calendar.Location))
	vi, en = w.e.ExpectProblem(409, checkIn(later))
	names(t, vi, en, "after_session_day", "đã qua ngày diễn ra", "day has passed")
}
