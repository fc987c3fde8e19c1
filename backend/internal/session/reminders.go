package session

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
)

// SendReminders tells every citizen booked for tomorrow's sessions, once per booking however
// many workers run it at the same time: the bookings are claimed by an UPDATE that marks them
// (SKIP LOCKED), and the notifications are written in the same transaction.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	now := s.clock.Now()
	t := now.In(calendar.Location).AddDate(0, 0, 1)
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := s.q.WithTx(tx).DueReminders(ctx, sessiondb.DueRemindersParams{Now: &now,
			Day: calendarDay(t)})
		if err != nil || len(rows) == 0 {
			return err
		}
		msgs := make([]notify.Message, 0, len(rows))
		for _, r := range rows {
			if !r.CitizenID.Valid || r.SlotStartsAt == nil {
				continue
			}
			when := r.SlotStartsAt.In(calendar.Location).Format("15:04")
			msgs = append(msgs, notify.Message{UserID: r.CitizenID.UUID, Type: string(push.BookingReminder),
				Title: httpx.Text{VI: "Nhắc lịch: ngày mai " + when, EN: "Reminder: tomorrow at " + when},
				Body: httpx.Text{VI: "Ông/bà có lịch hẹn tại " + r.Venue + " lúc " + when + ". Mã lịch hẹn: " + r.Code + ".",
					EN: "You are booked at " + r.Venue + " at " + when + ". Booking code: " + r.Code + "."},
				Data: map[string]string{push.KeySessionID: r.SessionID.String(), push.KeyBookingID: r.ID.String(), push.KeyCode: r.Code,
					push.KeyLink: sessionLink(r.SessionID)}})
		}
		n = len(msgs)
		if n == 0 {
			return nil
		}
		_, err = notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
		return err
	})
	return n, err
}

// calendarDay is the date of t (in the office's zone) as a date value for SQL.
func calendarDay(t time.Time) time.Time {
	t = t.In(calendar.Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
