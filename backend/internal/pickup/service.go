package pickup

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// Create records a request (by the citizen, or by an officer for a citizen after a hotline
// call) and dispatches it.
func (s *Service) Create(ctx context.Context, caller auth.Principal, in api.PickupInput) (api.Pickup, error) {
	if id, ok := idempotency.Committed(ctx, "pickup"); ok {
		return s.view(ctx, caller, id)
	}
	now := s.clock.Now()
	var fields []httpx.FieldError
	citizen := caller.UserID
	if caller.Role != auth.RoleCitizen {
		if in.CitizenId == nil {
			fields = append(fields, httpx.Field("citizen_id", "required"))
		} else if u, err := s.users.User(ctx, *in.CitizenId); err != nil || u.WardId != caller.WardID || u.Role != api.Citizen {
			fields = append(fields, httpx.Field("citizen_id", "unknown_citizen"))
		} else {
			citizen = u.Id
		}
	}
	if ok, err := s.q.NeighborhoodInWard(ctx, pickupdb.NeighborhoodInWardParams{ID: in.NeighborhoodId, WardID: caller.WardID}); err != nil {
		return api.Pickup{}, err
	} else if !ok {
		fields = append(fields, httpx.Field("neighborhood_id", "unknown_neighborhood"))
	}
	var proc uuid.NullUUID
	if in.ProcedureId != nil {
		p, err := s.procedures.Get(ctx, caller.WardID, *in.ProcedureId)
		if err != nil || !p.Active || !p.Allows(procedure.ChannelHomePickup) {
			fields = append(fields, httpx.Field("procedure_id", "not_home_pickup"))
		}
		proc = uuid.NullUUID{UUID: *in.ProcedureId, Valid: true}
	}
	day := in.PreferredDate.Time
	fields = append(fields, windowFields(day, in.WindowStart, in.WindowEnd, now)...)
	address, code := httpx.CheckText(in.Address, 300)
	if code != "" {
		fields = append(fields, httpx.Field("address", code))
	}
	contact, err := phone.Normalize(in.ContactPhone)
	if err != nil {
		fields = append(fields, httpx.Field("contact_phone", "invalid_phone"))
	}
	if len(fields) > 0 {
		return api.Pickup{}, httpx.Invalid(fields...)
	}
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "pickup", id); err != nil {
			return err
		}
		q := s.q.WithTx(tx)
		p, err := q.InsertPickup(ctx, pickupdb.InsertPickupParams{ID: id, WardID: caller.WardID,
			NeighborhoodID: in.NeighborhoodId, CitizenID: citizen, CreatedBy: caller.UserID, Address: address,
			Lat: f64(in.Lat), Lng: f64(in.Lng), Reason: string(in.Reason), ProcedureID: proc, PreferredDate: day,
			WindowStart: in.WindowStart, WindowEnd: in.WindowEnd, ContactPhone: contact, Note: httpx.CleanOptional(in.Note), Now: now})
		if err != nil {
			return err
		}
		if err := s.event(ctx, q, p.ID, nil, "requested", caller, nil); err != nil {
			return err
		}
		return s.dispatch(ctx, tx, p)
	})
	if err != nil {
		return api.Pickup{}, err
	}
	return s.view(ctx, caller, id)
}

// windowFields says what is wrong with a pickup window, each reason on its own field: a past
// or Sunday date, a window already begun, outside working hours (07:00–17:30), or reversed.
func windowFields(day time.Time, from, to string, now time.Time) []httpx.FieldError {
	var out []httpx.FieldError
	start, end := clockAt(day, from), clockAt(day, to)
	switch {
	case day.Format(calendar.DateLayout) < now.In(calendar.Location).Format(calendar.DateLayout):
		out = append(out, httpx.Field("preferred_date", "in_past"))
	case day.Weekday() == time.Sunday:
		out = append(out, httpx.Field("preferred_date", "pickup_sunday"))
	case !start.After(now):
		out = append(out, httpx.Field("window_start", "window_passed"))
	}
	if from < "07:00" {
		out = append(out, httpx.Field("window_start", "outside_hours"))
	}
	if to > "17:30" {
		out = append(out, httpx.Field("window_end", "outside_hours"))
	}
	if !end.After(start) {
		out = append(out, httpx.Field("window_end", "end_before_start"))
	}
	return out
}

func clockAt(day time.Time, hhmm string) time.Time {
	t, _ := time.ParseInLocation("2006-01-02 15:04", day.Format("2006-01-02")+" "+hhmm, calendar.Location)
	return t
}

func f64(v *float32) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}

func (s *Service) event(ctx context.Context, q *pickupdb.Queries, id uuid.UUID, from *string, to string, actor auth.Principal, note *string) error {
	role := actor.Role
	return q.InsertPickupEvent(ctx, pickupdb.InsertPickupEventParams{ID: uuid.Must(uuid.NewV7()), PickupID: id, FromStatus: from,
		ToStatus: to, ActorID: uuid.NullUUID{UUID: actor.UserID, Valid: actor.UserID != uuid.Nil}, ActorRole: &role,
		Note: note, CreatedAt: s.clock.Now()})
}

// dispatch offers a requested pickup: in "auto" wards (the default) it is assigned to the active
// on-duty volunteer of the neighbourhood with the fewest open tasks; in "open" wards every
// on-duty volunteer of the neighbourhood is told and the first to accept takes it.
func (s *Service) dispatch(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup) error {
	q := s.q.WithTx(tx)
	mode := "auto"
	if st, err := q.Settings(ctx, p.WardID); err == nil {
		mode = st.DispatchMode
	} else if !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	hood := uuid.NullUUID{UUID: p.NeighborhoodID, Valid: true}
	if mode == "open" {
		vols, err := q.OnDutyVolunteers(ctx, pickupdb.OnDutyVolunteersParams{WardID: p.WardID, NeighborhoodID: hood})
		if err != nil {
			return err
		}
		return s.tellVolunteers(ctx, tx, p, vols, "pickup.offered")
	}
	v, err := q.NextVolunteer(ctx, pickupdb.NextVolunteerParams{WardID: p.WardID, NeighborhoodID: hood, PickupID: p.ID})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil // nobody on duty: it waits in the pool, and escalates if nobody takes it
	}
	if err != nil {
		return err
	}
	from := p.Status
	if p, err = q.Assign(ctx, pickupdb.AssignParams{ID: p.ID, VolunteerID: uuid.NullUUID{UUID: v, Valid: true}, Now: s.clock.Now()}); err != nil {
		return err
	}
	if err := s.event(ctx, q, p.ID, &from, "assigned", auth.Principal{Role: "dispatch"}, nil); err != nil {
		return err
	}
	return s.tellVolunteers(ctx, tx, p, []uuid.UUID{v}, "pickup.assigned")
}

func (s *Service) tellVolunteers(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup, vols []uuid.UUID, kind string) error {
	if len(vols) == 0 {
		return nil
	}
	msgs := make([]notify.Message, 0, len(vols))
	for _, v := range vols {
		msgs = append(msgs, notify.Message{UserID: v, Type: kind,
			Title: httpx.Text{VI: "Nhiệm vụ tiếp nhận hồ sơ tại nhà", EN: "Home pickup task"},
			Body: httpx.Text{VI: p.Address + " — " + p.PreferredDate.Format("02/01") + " " + p.WindowStart + "–" + p.WindowEnd,
				EN: p.Address + " — " + p.PreferredDate.Format("02/01") + " " + p.WindowStart + "–" + p.WindowEnd},
			Data: map[string]string{"pickup_id": p.ID.String(), "link": "motcua://pickups/" + p.ID.String()}})
	}
	_, err := notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
	return err
}

func (s *Service) tellCitizen(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup, what string, extra string) error {
	var title, body httpx.Text
	switch what {
	case "accepted":
		title = httpx.Text{VI: "Đã có tình nguyện viên nhận hồ sơ tại nhà", EN: "A volunteer took your home pickup"}
		body = httpx.Text{VI: "Tình nguyện viên sẽ đến vào " + p.PreferredDate.Format("02/01") + ", " + p.WindowStart + "–" + p.WindowEnd + ".",
			EN: "A volunteer will come on " + p.PreferredDate.Format("02/01") + ", " + p.WindowStart + "–" + p.WindowEnd + "."}
	case "en_route":
		title = httpx.Text{VI: "Tình nguyện viên đang đến", EN: "The volunteer is on the way"}
		body = httpx.Text{VI: "Tình nguyện viên đang trên đường đến nhà ông/bà.", EN: "The volunteer is on the way to your home."}
	case "handed_over":
		title = httpx.Text{VI: "Hồ sơ đã nộp cho bộ phận một cửa", EN: "Your dossier reached the office"}
		body = httpx.Text{VI: "Mã hồ sơ: " + extra + ". Ông/bà có thể theo dõi hồ sơ trên ứng dụng.", EN: "Dossier code: " + extra + ". Follow it in the app."}
	case "failed":
		title = httpx.Text{VI: "Tình nguyện viên chưa gặp được ông/bà", EN: "The volunteer could not meet you"}
		body = httpx.Text{VI: "Lý do: " + extra + ". Bộ phận một cửa sẽ liên hệ lại.", EN: "Reason: " + extra + ". The office will contact you."}
	default:
		return nil
	}
	_, err := notify.Enqueue(ctx, tx, notify.Message{UserID: p.CitizenID, Type: "pickup." + what, Title: title, Body: body,
		Data: map[string]string{"pickup_id": p.ID.String(), "link": "motcua://pickups/" + p.ID.String()}}, s.clock.Now)
	return err
}

// visible: the citizen it is for; the volunteer holding it, or any volunteer of its
// neighbourhood while it is open; the ward's officers and admins.
func visible(p pickupdb.Pickup, c auth.Principal) bool {
	switch c.Role {
	case auth.RoleCitizen:
		return p.CitizenID == c.UserID
	case auth.RoleVolunteer:
		return p.WardID == c.WardID && (p.VolunteerID.Valid && p.VolunteerID.UUID == c.UserID ||
			p.Status == "requested" && c.NeighborhoodID.Valid && c.NeighborhoodID.UUID == p.NeighborhoodID)
	}
	return p.WardID == c.WardID
}

func (s *Service) view(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Pickup, error) {
	return s.load(ctx, caller, id, true)
}

// acted is the pickup as shown to whoever just moved it, even if the move took it out of their
// sight (a volunteer who declined); personal details still follow the usual rules.
func (s *Service) acted(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Pickup, error) {
	return s.load(ctx, caller, id, false)
}

func (s *Service) load(ctx context.Context, caller auth.Principal, id uuid.UUID, check bool) (api.Pickup, error) {
	p, err := s.q.GetPickup(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && check && !visible(p, caller) {
		return api.Pickup{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.Pickup{}, err
	}
	out := toAPI(p, caller)
	evs, err := s.q.PickupEvents(ctx, id)
	if err != nil {
		return api.Pickup{}, err
	}
	for _, e := range evs {
		ev := api.PickupEvent{Id: e.ID, To: api.PickupStatus(e.ToStatus), ActorRole: e.ActorRole, Note: e.Note, At: e.CreatedAt}
		if e.FromStatus != nil {
			f := api.PickupStatus(*e.FromStatus)
			ev.From = &f
		}
		out.Events = append(out.Events, ev)
	}
	return out, nil
}

func toAPI(p pickupdb.Pickup, c auth.Principal) api.Pickup {
	out := api.Pickup{Id: p.ID, WardId: p.WardID, NeighborhoodId: p.NeighborhoodID, CitizenId: p.CitizenID, Address: p.Address,
		Lat: f32(p.Lat), Lng: f32(p.Lng), Reason: p.Reason, PreferredDate: openapi_types.Date{Time: p.PreferredDate},
		WindowStart: p.WindowStart, WindowEnd: p.WindowEnd, Note: p.Note, Status: api.PickupStatus(p.Status),
		CollectedDocuments: &p.CollectedDocuments, MissingDocuments: p.MissingDocuments, CreatedAt: p.CreatedAt,
		Events: []api.PickupEvent{}}
	holder := p.VolunteerID.Valid && p.VolunteerID.UUID == c.UserID
	if c.Role != auth.RoleVolunteer || holder {
		// The phone and the filled form go only to those who need them.
		ph := p.ContactPhone
		out.ContactPhone = &ph
		form := map[string]string{}
		_ = json.Unmarshal(p.FormData, &form)
		out.FormData = &form
	}
	confirmed := p.ConfirmedAt != nil
	out.Confirmed = &confirmed
	atRisk := p.EscalatedAt != nil && p.Status == "requested"
	out.AtRisk = &atRisk
	if p.VolunteerID.Valid {
		v := p.VolunteerID.UUID
		out.VolunteerId = &v
	}
	if p.ProcedureID.Valid {
		v := p.ProcedureID.UUID
		out.ProcedureId = &v
	}
	if p.DossierID.Valid {
		v := p.DossierID.UUID
		out.DossierId = &v
	}
	if p.Rating != nil {
		r := int(*p.Rating)
		out.Rating = &r
	}
	return out
}

func f32(v *float64) *float32 {
	if v == nil {
		return nil
	}
	f := float32(*v)
	return &f
}

// Get returns a pickup with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Pickup, error) {
	return s.view(ctx, caller, id)
}

// List returns a page of pickups as the caller's role sees them; volunteers' pages are sorted
// nearest first when they say where they are.
func (s *Service) List(ctx context.Context, caller auth.Principal, p api.ListPickupsParams) (api.PickupList, error) {
	before, err := httpx.DecodeIDCursor(p.Cursor)
	if err != nil {
		return api.PickupList{}, err
	}
	lim := httpx.Limit(p.Limit)
	params := pickupdb.ListPickupsParams{WardID: caller.WardID, AtRisk: p.AtRisk, BeforeID: before, Lim: int32(lim)}
	switch caller.Role {
	case auth.RoleCitizen:
		params.CitizenID = uuid.NullUUID{UUID: caller.UserID, Valid: true}
	case auth.RoleVolunteer:
		params.VolunteerView = uuid.NullUUID{UUID: caller.UserID, Valid: true}
		params.VolunteerHood = caller.NeighborhoodID
	}
	if p.Status != nil {
		st := string(*p.Status)
		params.Status = &st
	}
	if p.NeighborhoodId != nil {
		params.NeighborhoodID = uuid.NullUUID{UUID: *p.NeighborhoodId, Valid: true}
	}
	rows, err := s.q.ListPickups(ctx, params)
	if err != nil {
		return api.PickupList{}, err
	}
	out := api.PickupList{Items: make([]api.Pickup, 0, len(rows))}
	for _, r := range rows {
		item := toAPI(r, caller)
		if p.NearLat != nil && p.NearLng != nil && r.Lat != nil && r.Lng != nil {
			d := float32(haversineKm(float64(*p.NearLat), float64(*p.NearLng), *r.Lat, *r.Lng))
			item.DistanceKm = &d
		}
		out.Items = append(out.Items, item)
	}
	if p.NearLat != nil && p.NearLng != nil {
		slices.SortStableFunc(out.Items, func(a, b api.Pickup) int {
			switch {
			case a.DistanceKm == nil && b.DistanceKm == nil:
				return 0
			case a.DistanceKm == nil:
				return 1
			case b.DistanceKm == nil:
				return -1
			case *a.DistanceKm < *b.DistanceKm:
				return -1
			case *a.DistanceKm > *b.DistanceKm:
				return 1
			}
			return 0
		})
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), lim, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

func haversineKm(lat1, lng1, lat2, lng2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLng := (lat2-lat1)*rad, (lng2-lng1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// audited records staff actions on pickups.
func (s *Service) audited(ctx context.Context, tx pgx.Tx, caller auth.Principal, p pickupdb.Pickup, action string) error {
	return audit.Record(ctx, tx, audit.Event{WardID: p.WardID, ActorID: caller.UserID, Action: "pickup." + action,
		TargetType: "pickup", TargetID: p.ID, At: s.clock.Now()})
}
