package session_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// wardHoliday makes Saturday 28/11/2026 a day off of the ward. No 2026 national holiday falls on
// a Saturday (vietnam.go), and the calendar API accepts holidays on Monday–Friday only, so the
// ward's edited year is written as the calendar feature stores it.
func (w *world) wardHoliday(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if _, err := w.e.Pool.Exec(ctx, "INSERT INTO calendar_years (ward_id, year, updated_at) VALUES ($1, 2026, now())", w.ward.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.e.Pool.Exec(ctx, "INSERT INTO calendar_days (ward_id, day, kind, name) VALUES ($1, '2026-11-28', 'holiday', 'Ngày hội của phường')", w.ward.ID); err != nil {
		t.Fatal(err)
	}
}

func TestNoSessionScheduledOnAHoliday(t *testing.T) {
	w := newWorld(t)
	w.wardHoliday(t)
	vi, en := w.e.ExpectProblem(422, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: w.e.Token(w.officer), Body: map[string]any{
		"neighborhood_id": w.ward.Neighborhoods[0], "date": "2026-11-28", "venue": "Nhà văn hóa khu phố 1",
		"start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": 5,
	}})
	if len(vi.Errors) != 1 || vi.Errors[0].Field != "date" || vi.Errors[0].Code != "session_on_holiday" ||
		vi.Errors[0].Message != "Ngày này là ngày nghỉ lễ, không tổ chức buổi tiếp nhận hồ sơ tại khu phố; vui lòng chọn thứ Bảy khác" ||
		len(en.Errors) != 1 || en.Errors[0].Message == vi.Errors[0].Message {
		t.Fatalf("errors %+v / %+v", vi.Errors, en.Errors)
	}
	// The next Saturday is an ordinary one.
	w.e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: w.e.Token(w.officer), Body: map[string]any{
		"neighborhood_id": w.ward.Neighborhoods[0], "date": "2026-12-05", "venue": "Nhà văn hóa khu phố 1",
		"start_time": "07:30", "end_time": "09:30", "slot_minutes": 30, "capacity_per_slot": 5,
	}})
}

func TestNoBookingWhenTheDayBecameAHoliday(t *testing.T) {
	w := newWorld(t)
	s := w.schedule(t, 5)
	citizen := w.e.NewUser(w.ward, "citizen")
	w.wardHoliday(t)
	p := w.book(citizen, s, 0)
	if p.Status != 422 {
		t.Fatalf("status %d", p.Status)
	}
	pr := p.Problem(t)
	if len(pr.Errors) != 1 || pr.Errors[0].Field != "slot_starts_at" || pr.Errors[0].Code != "session_day_holiday" {
		t.Fatalf("errors %+v", pr.Errors)
	}
	if counter, live := w.liveSeats(t, s); counter != 0 || live != 0 {
		t.Fatalf("seats taken: counter %d, live %d", counter, live)
	}
}
