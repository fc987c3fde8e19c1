package dossier

import (
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// ApologyInTime reports whether an apology letter with a new date sent at now is in time: on or
// before lastDay, the working day before the due date (Nghị định 61/2018/NĐ-CP Điều 12, kept by
// 118/2025/NĐ-CP: "chậm nhất 01 ngày trước ngày hết hạn"). Days are read in the office's zone,
// so any time of that day is in time.
func ApologyInTime(lastDay, now time.Time) bool {
	return !dayAfter(now, lastDay)
}

// dayAfter reports whether the date of a (in the office's zone) is after the date of b.
func dayAfter(a, b time.Time) bool {
	ay, am, ad := a.In(calendar.Location).Date()
	by, bm, bd := b.In(calendar.Location).Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).After(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}
