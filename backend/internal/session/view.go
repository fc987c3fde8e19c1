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
	out, err := s.toAPI(ctx, []sessiondb.Session{sess})
	if err != nil {
		return api.Session{}, err
	}
	return out[0], nil
}

// toAPI shows sessions with their details, read in one query for all of them.
func (s *Service) toAPI(ctx context.Context, sessions []sessiondb.Session) ([]api.Session, error) {
	ids := make([]uuid.UUID, len(sessions))
	for i, sess := range sessions {
		ids[i] = sess.ID
	}
	rows, err := s.q.SessionDetails(ctx, ids)
	if err != nil {
		return nil, err
	}
	details := make(map[uuid.UUID]sessiondb.SessionDetailsRow, len(rows))
	for _, r := range rows {
		details[r.ID] = r
	}
	out := make([]api.Session, 0, len(sessions))
	for _, sess := range sessions {
		d := details[sess.ID]
		v := api.Session{
			Id: sess.ID, WardId: sess.WardID, NeighborhoodId: sess.NeighborhoodID, Date: openapi_types.Date{Time: sess.Day},
			Venue: sess.Venue, StartsAt: sess.StartsAt, EndsAt: sess.EndsAt, SlotMinutes: int(sess.SlotMinutes),
			CapacityPerSlot: int(sess.CapacityPerSlot), Status: api.SessionStatus(sess.Status), ProcedureIds: sess.ProcedureIds,
			StaffIds: d.StaffIds, Note: sess.Note, Slots: make([]api.Slot, 0, len(d.SlotStarts)),
			Attendance: api.Attendance{Booked: int(d.Booked), CheckedIn: int(d.CheckedIn), WalkIns: int(d.WalkIns),
				NoShow: int(d.NoShow), Cancelled: int(d.Cancelled)},
		}
		if v.StaffIds == nil {
			v.StaffIds = []uuid.UUID{}
		}
		for i := range d.SlotStarts {
			v.Slots = append(v.Slots, api.Slot{StartsAt: d.SlotStarts[i], EndsAt: d.SlotEnds[i], Capacity: int(d.SlotCapacity[i]),
				Booked: int(d.SlotBooked[i]), Remaining: int(d.SlotCapacity[i] - d.SlotBooked[i])})
		}
		out = append(out, v)
	}
	return out, nil
}

// Get is the public view of a session.
func (s *Service) Get(ctx context.Context, id uuid.UUID) (api.Session, error) { return s.view(ctx, id) }

// List is the public list of a ward's sessions between two days, soonest first: by default only
// those that can still be booked, or those in the states asked for.
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
	params := sessiondb.ListSessionsParams{WardID: ward, Now: s.clock.Now(), FromDay: from, ToDay: to, Lim: int32(httpx.Limit(p.Limit))}
	if p.NeighborhoodId != nil {
		params.NeighborhoodID = uuid.NullUUID{UUID: *p.NeighborhoodId, Valid: true}
	}
	if p.Status != nil {
		for _, st := range *p.Status {
			params.Statuses = append(params.Statuses, string(st))
		}
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
	items, err := s.toAPI(ctx, rows)
	if err != nil {
		return api.SessionList{}, err
	}
	out := api.SessionList{Items: items}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), int(params.Lim), rows[len(rows)-1].ID.String())
	}
	return out, nil
}
