package session

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// view is a session as the API shows it: slots with remaining places and the attendance so far.
func (s *Service) view(ctx context.Context, id uuid.UUID) (api.Session, error) {
	sess, err := s.q.GetSession(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) {
		return api.Session{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.Session{}, err
	}
	return s.toAPI(ctx, sess)
}

func (s *Service) toAPI(ctx context.Context, sess sessiondb.Session) (api.Session, error) {
	slots, err := s.q.Slots(ctx, sess.ID)
	if err != nil {
		return api.Session{}, err
	}
	staff, err := s.q.Staff(ctx, sess.ID)
	if err != nil {
		return api.Session{}, err
	}
	att, err := s.q.Attendance(ctx, sess.ID)
	if err != nil {
		return api.Session{}, err
	}
	out := api.Session{
		Id: sess.ID, WardId: sess.WardID, NeighborhoodId: sess.NeighborhoodID, Date: openapi_types.Date{Time: sess.Day},
		Venue: sess.Venue, StartsAt: sess.StartsAt, EndsAt: sess.EndsAt, SlotMinutes: int(sess.SlotMinutes),
		CapacityPerSlot: int(sess.CapacityPerSlot), Status: api.SessionStatus(sess.Status), ProcedureIds: sess.ProcedureIds,
		StaffIds: staff, Note: sess.Note, Slots: make([]api.Slot, 0, len(slots)),
		Attendance: api.Attendance{Booked: int(att.Booked), CheckedIn: int(att.CheckedIn), WalkIns: int(att.WalkIns),
			NoShow: int(att.NoShow), Cancelled: int(att.Cancelled)},
	}
	for _, sl := range slots {
		out.Slots = append(out.Slots, api.Slot{StartsAt: sl.StartsAt, EndsAt: sl.EndsAt, Capacity: int(sl.Capacity),
			Booked: int(sl.Booked), Remaining: int(sl.Capacity - sl.Booked)})
	}
	return out, nil
}

// Get is the public view of a session.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (api.Session, error) { return s.view(ctx, id) }

// List is the public list of a ward's sessions between two days, soonest first.
func (s *Service) List(ctx context.Context, p api.ListSessionsParams) (api.SessionList, error) {
	ward, err := s.q.WardByCode(ctx, p.WardCode)
	if errors.Is(err, pgx.ErrNoRows) {
		return api.SessionList{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.SessionList{}, err
	}
	today := s.clock.Now().In(calendar.Location)
	from := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if p.From != nil {
		from = p.From.Time
	}
	to := from.AddDate(0, 0, 60)
	if p.To != nil {
		to = p.To.Time
	}
	params := sessiondb.ListSessionsParams{WardID: ward, FromDay: from, ToDay: to, Lim: int32(httpx.Limit(p.Limit))}
	if p.NeighborhoodId != nil {
		params.NeighborhoodID = uuid.NullUUID{UUID: *p.NeighborhoodId, Valid: true}
	}
	if p.Status != nil {
		st := string(*p.Status)
		params.Status = &st
	}
	if after, err := httpx.DecodeIDCursor(p.Cursor); err != nil {
		return api.SessionList{}, err
	} else if after.Valid {
		last, err := s.q.GetSession(ctx, after.UUID)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return api.SessionList{}, err
		}
		if err != nil || last.WardID != ward {
			return api.SessionList{}, httpx.ErrBadCursor
		}
		params.AfterID, params.AfterDay = after, &last.Day
	}
	rows, err := s.q.ListSessions(ctx, params)
	if err != nil {
		return api.SessionList{}, err
	}
	out := api.SessionList{Items: make([]api.Session, 0, len(rows))}
	for _, r := range rows {
		v, err := s.toAPI(ctx, r)
		if err != nil {
			return api.SessionList{}, err
		}
		out.Items = append(out.Items, v)
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), int(params.Lim), rows[len(rows)-1].ID.String())
	}
	return out, nil
}
