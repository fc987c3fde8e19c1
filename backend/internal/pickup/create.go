package pickup

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/representation"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// Create records a request (by the citizen, or by an officer after a hotline call, for a citizen
// of the ward or for a person without an account) and dispatches it.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in Request) (Pickup, error) {
	if id, ok := idempotency.Committed(ctx, "pickup"); ok {
		return s.view(ctx, caller, id)
	}
	now := s.clock.Now()
	who, fields := s.applicant(ctx, caller, in)
	if ok, err := s.q.NeighborhoodInWard(ctx, pickupdb.NeighborhoodInWardParams{ID: in.NeighborhoodID, WardID: caller.WardID}); err != nil {
		return Pickup{}, err
	} else if !ok {
		fields = append(fields, fault.F("neighborhood_id", "unknown_neighborhood"))
	}
	var proc uuid.NullUUID
	if in.ProcedureID != nil {
		p, err := s.procedures.Get(ctx, caller.WardID, *in.ProcedureID)
		if err != nil || !p.Active || !p.Allows(procedure.ChannelHomePickup) {
			fields = append(fields, fault.F("procedure_id", "not_home_pickup"))
		}
		proc = uuid.NullUUID{UUID: *in.ProcedureID, Valid: true}
	}
	day := in.PreferredDate
	cal, err := s.calendars.ForWard(ctx, caller.WardID, clockAt(day, "00:00"))
	if err != nil {
		return Pickup{}, err
	}
	fields = append(fields, windowFields(day, in.WindowStart, in.WindowEnd, now, cal)...)
	address, code := httpx.CheckText(in.Address, 300)
	if code != "" {
		fields = append(fields, fault.F("address", code))
	}
	contact, err := phone.Normalize(in.ContactPhone)
	if err != nil {
		fields = append(fields, fault.F("contact_phone", "invalid_phone"))
	}
	if err := fault.Fields(fields...); err != nil {
		return Pickup{}, err
	}
	if who.phone == nil && who.name != nil {
		who.phone = &contact // the person is reached on the phone the officer wrote down
	}
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		p, err := q.InsertPickup(ctx, pickupdb.InsertPickupParams{ID: id, WardID: caller.WardID,
			NeighborhoodID: in.NeighborhoodID, CitizenID: who.citizen, ApplicantName: who.name, ApplicantPhone: who.phone,
			CreatedBy: caller.UserID, Address: address, Lat: in.Lat, Lng: in.Lng, Reason: in.Reason, ProcedureID: proc,
			PreferredDate: day, WindowStart: in.WindowStart, WindowEnd: in.WindowEnd, ContactPhone: contact,
			Note: httpx.CleanOptional(in.Note), Now: now})
		if err != nil {
			return err
		}
		if err := s.event(ctx, q, p.ID, nil, Requested, caller, nil); err != nil {
			return err
		}
		return s.dispatch(ctx, tx, p)
	})
	if err != nil {
		return Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// applicantOf is who a pickup is for: a citizen's account, or (officers only) a name and phone.
type applicantOf struct {
	citizen uuid.NullUUID
	name    *string
	phone   *string
}

// applicant resolves who the request is for. A citizen asks for themselves, or for a citizen of
// the ward they hold a live representation for (người được ủy quyền: Bộ luật Dân sự 2015, Điều
// 138 and 562; DESIGN.md §4); an officer names a citizen of the ward, or records a person without
// an account who called the hotline (issue 11: an applicant need not have an account or live in
// the ward), reached by phone.
func (s *Service) applicant(ctx context.Context, caller auth.Principal, in Request) (applicantOf, []fault.Field) {
	named := in.ApplicantName != nil || in.ApplicantPhone != nil
	if caller.Role == auth.RoleCitizen {
		var fields []fault.Field
		who := caller.UserID
		if in.CitizenID != nil && *in.CitizenID != caller.UserID {
			if s.representsCitizen(ctx, caller, *in.CitizenID) {
				who = *in.CitizenID
			} else {
				fields = append(fields, fault.F("citizen_id", "not_represented"))
			}
		}
		if in.ApplicantName != nil {
			fields = append(fields, fault.F("applicant_name", "officers_only"))
		}
		if in.ApplicantPhone != nil {
			fields = append(fields, fault.F("applicant_phone", "officers_only"))
		}
		return applicantOf{citizen: uuid.NullUUID{UUID: who, Valid: true}}, fields
	}
	switch {
	case in.CitizenID != nil && named:
		return applicantOf{}, []fault.Field{fault.F("citizen_id", "citizen_or_applicant")}
	case in.CitizenID != nil:
		u, err := tenant.Load(ctx, *in.CitizenID, s.users.User, func(u api.User) bool {
			return u.WardId == caller.WardID && u.Role == api.Citizen
		})
		if err != nil { // not found, or a database error the insert will meet again
			return applicantOf{}, []fault.Field{fault.F("citizen_id", "unknown_citizen")}
		}
		return applicantOf{citizen: uuid.NullUUID{UUID: u.Id, Valid: true}}, nil
	case in.ApplicantName == nil:
		return applicantOf{}, []fault.Field{fault.F("applicant_name", "citizen_or_applicant")}
	}
	var out applicantOf
	var fields []fault.Field
	if name, code := httpx.CheckText(*in.ApplicantName, 120); code != "" {
		fields = append(fields, fault.F("applicant_name", code))
	} else {
		out.name = &name
	}
	if in.ApplicantPhone != nil {
		if ph, err := phone.Normalize(*in.ApplicantPhone); err != nil {
			fields = append(fields, fault.F("applicant_phone", "invalid_phone"))
		} else {
			out.phone = &ph
		}
	}
	return out, fields
}

// representsCitizen reports whether the citizen caller may book for applicant: a citizen of the
// caller's ward (the pickup is the ward's) for whom the caller holds a live representation.
// Anything else, a database error included, is the same refusal, telling nothing of the account.
func (s *Service) representsCitizen(ctx context.Context, caller auth.Principal, applicant uuid.UUID) bool {
	if _, err := tenant.Load(ctx, applicant, s.users.User, func(u api.User) bool {
		return u.WardId == caller.WardID && u.Role == api.Citizen
	}); err != nil {
		return false
	}
	ok, err := representation.ActsFor(ctx, s.pool, caller.UserID, applicant)
	return err == nil && ok
}

// windowFields says what is wrong with a pickup window, each reason on its own field: a past
// date, a Sunday or a holiday, a window already begun, outside working hours (07:00–17:30), or
// reversed.
func windowFields(day time.Time, from, to string, now time.Time, cal calendar.Calendar) []fault.Field {
	var out []fault.Field
	start, end := clockAt(day, from), clockAt(day, to)
	switch {
	case day.Format(calendar.DateLayout) < now.In(calendar.Location).Format(calendar.DateLayout):
		out = append(out, fault.F("preferred_date", "in_past"))
	case day.Weekday() == time.Sunday:
		out = append(out, fault.F("preferred_date", "pickup_sunday"))
	// Public holidays and Tết (Bộ luật Lao động 2019, Điều 112, with the swaps of the Government's
	// yearly notice, as the ward's calendar holds them) are days off for the volunteers and the
	// office that must receive the dossier.
	case cal.IsHoliday(start):
		out = append(out, fault.F("preferred_date", "pickup_holiday"))
	case !start.After(now):
		out = append(out, fault.F("window_start", "window_passed"))
	}
	if from < "07:00" {
		out = append(out, fault.F("window_start", "outside_hours"))
	}
	if to > "17:30" {
		out = append(out, fault.F("window_end", "outside_hours"))
	}
	if !end.After(start) {
		out = append(out, fault.F("window_end", "end_before_start"))
	}
	return out
}

// clockAt is hh:mm on the date of day, in the office's zone.
func clockAt(day time.Time, hhmm string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+hhmm, calendar.Location)
	return t
}
