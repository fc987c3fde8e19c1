package calendar

import (
	"context"
	"strconv"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Handlers implements the calendar operations of the API.
type Handlers struct{ Store *Store }

// maxDayName is the longest name of a special day (the contract and the table agree).
const maxDayName = 200

func init() {
	httpx.RegisterFields(map[string]httpx.Text{
		"outside_year":   {VI: "Ngày không thuộc năm đang sửa", EN: "The date is not in the year being edited"},
		"not_a_weekend":  {VI: "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật", EN: "A make-up working day must fall on a Saturday or Sunday"},
		"duplicate_date": {VI: "Ngày này đã được ghi ở mục khác", EN: "This date is listed more than once"},
	})
}

// GetCalendar implements GET /v1/calendar/{year}: the caller's ward's effective year.
func (h Handlers) GetCalendar(ctx context.Context, r api.GetCalendarRequestObject) (api.GetCalendarResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	y, err := h.Store.Year(ctx, caller.WardID, r.Year)
	if err != nil {
		return nil, err
	}
	return api.GetCalendar200JSONResponse(toAPI(r.Year, y)), nil
}

// PutCalendar implements PUT /v1/calendar/{year}: an admin replaces their ward's special days
// of the year. Due dates already computed are not changed.
func (h Handlers) PutCalendar(ctx context.Context, r api.PutCalendarRequestObject) (api.PutCalendarResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	y, fields := Validate(r.Year, r.Body.Holidays, r.Body.WorkingDays)
	if err := fault.Fields(fields...); err != nil {
		return nil, err
	}
	y.Provisional = r.Body.Provisional != nil && *r.Body.Provisional
	if err := h.Store.Replace(ctx, caller.WardID, caller.UserID, r.Year, y); err != nil {
		return nil, err
	}
	if y, err = h.Store.Year(ctx, caller.WardID, r.Year); err != nil {
		return nil, err
	}
	return api.PutCalendar200JSONResponse(toAPI(r.Year, y)), nil
}

// Validate checks a year's special days as an admin typed them: every date inside the year,
// make-up working days on a weekend, no date twice, names cleaned and not blank. A holiday may
// fall on any day: on a weekend it moves no due date but refuses bookings (IsHoliday), e.g. a
// holiday that falls on a Saturday, or a day the law adds later (the proposed "Ngày Văn hóa
// Việt Nam" 24/11 is not built in: the admin adds it here when it is law). Field errors name the
// entry, e.g. holidays/2/date.
func Validate(year int, holidays, workingDays []api.CalendarDay) (Year, []fault.Field) {
	var fields []fault.Field
	seen := map[string]bool{}
	check := func(list string, days []api.CalendarDay, weekendOnly bool) []Day {
		out := make([]Day, 0, len(days))
		for i, d := range days {
			at := list + "/" + strconv.Itoa(i) + "/"
			date := d.Date.Time
			key := date.Format(DateLayout)
			wd := date.Weekday()
			isWeekend := wd == time.Saturday || wd == time.Sunday
			switch {
			case date.Year() != year:
				fields = append(fields, fault.F(at+"date", "outside_year"))
			case seen[key]:
				fields = append(fields, fault.F(at+"date", "duplicate_date"))
			case weekendOnly && !isWeekend:
				fields = append(fields, fault.F(at+"date", "not_a_weekend"))
			}
			seen[key] = true
			name, code := httpx.CheckText(d.Name, maxDayName)
			if code != "" {
				fields = append(fields, fault.F(at+"name", code))
			}
			out = append(out, Day{Date: key, Name: name})
		}
		return out
	}
	y := Year{Holidays: check("holidays", holidays, false), WorkingDays: check("working_days", workingDays, true)}
	return y, fields
}

func toAPI(year int, y Year) api.Calendar {
	out := api.Calendar{Year: year, Holidays: daysToAPI(y.Holidays), WorkingDays: daysToAPI(y.WorkingDays), Provisional: y.Provisional}
	if y.Source != "" {
		out.Source = &y.Source
	}
	return out
}

func daysToAPI(days []Day) []api.CalendarDay {
	out := make([]api.CalendarDay, 0, len(days))
	for _, d := range days {
		t, err := time.Parse(DateLayout, d.Date)
		if err != nil {
			continue // dates are written by this package in DateLayout
		}
		out = append(out, api.CalendarDay{Date: openapi_types.Date{Time: t}, Name: d.Name})
	}
	return out
}
