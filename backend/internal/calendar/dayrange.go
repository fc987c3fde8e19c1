package calendar

import (
	"time"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

func init() {
	httpx.RegisterFields(map[string]httpx.Text{
		"to_before_from": {VI: "Ngày kết thúc không được trước ngày bắt đầu", EN: "The last day must not be before the first"},
		"range_too_long": {VI: "Chỉ xem được tối đa 366 ngày một lần", EN: "The range may cover at most 366 days"},
	})
}

// DayRange is a report's period from the day from to the day to, both included, as days in
// Vietnam time: [start of from, start of the day after to). A period that ends before it starts
// or covers more than 366 days is a 422 on the field "to" (the statistics' bound).
func DayRange(from, to time.Time) (time.Time, time.Time, error) {
	day := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Location) }
	start, end := day(from), day(to).AddDate(0, 0, 1)
	switch {
	case !end.After(start):
		return start, end, httpx.Invalid(httpx.Field("to", "to_before_from"))
	case end.Sub(start) > 366*24*time.Hour:
		return start, end, httpx.Invalid(httpx.Field("to", "range_too_long"))
	}
	return start, end, nil
}
