package pickup

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

// The edge: each operation converts the contract's types to the service's, and its errors to
// problems through problem. The gate has already checked each operation's x-roles.

var errIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển đề nghị tiếp nhận hồ sơ tại nhà sang trạng thái này từ trạng thái hiện tại",
	EN: "The home pickup request cannot move to this state from its current state"})

// problem maps the pickup's own errors to problems; shared ones (fault, lifecycle forbidden)
// pass through for httpx to render.
func problem(err error) error {
	switch {
	case errors.Is(err, lifecycle.ErrIllegal), errors.Is(err, ErrState):
		return errIllegal
	case errors.Is(err, ErrTaken):
		return httpx.NewError(http.StatusConflict, "already_taken")
	case errors.Is(err, ErrNotConfirmed):
		return httpx.NewError(http.StatusConflict, "not_confirmed")
	case errors.Is(err, ErrRated):
		return httpx.NewError(http.StatusConflict, "already_rated")
	}
	return err
}

// ListPickups implements GET /v1/pickups.
func (h Handlers) ListPickups(ctx context.Context, r api.ListPickupsRequestObject) (api.ListPickupsResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	p := r.Params
	f := Filter{NeighborhoodID: p.NeighborhoodId, AtRisk: p.AtRisk, Cursor: p.Cursor, Limit: httpx.Limit(p.Limit),
		NearLat: f64(p.NearLat), NearLng: f64(p.NearLng)}
	if p.Status != nil {
		st := Status(*p.Status)
		f.Status = &st
	}
	list, next, err := h.Svc.List(ctx, caller, f)
	if err != nil {
		return nil, problem(err)
	}
	out := api.PickupList{Items: make([]api.Pickup, 0, len(list)), NextCursor: next}
	for _, item := range list {
		out.Items = append(out.Items, toAPI(item))
	}
	return api.ListPickups200JSONResponse(out), nil
}

// CreatePickup implements POST /v1/pickups.
func (h Handlers) CreatePickup(ctx context.Context, r api.CreatePickupRequestObject) (api.CreatePickupResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	out, err := h.Svc.Create(ctx, caller, Request{CitizenID: b.CitizenId, ApplicantName: b.ApplicantName, ApplicantPhone: b.ApplicantPhone,
		Address: b.Address, Lat: f64(b.Lat), Lng: f64(b.Lng), NeighborhoodID: b.NeighborhoodId, Reason: string(b.Reason),
		ProcedureID: b.ProcedureId, PreferredDate: b.PreferredDate.Time, WindowStart: b.WindowStart, WindowEnd: b.WindowEnd,
		ContactPhone: b.ContactPhone, Note: b.Note})
	if err != nil {
		return nil, problem(err)
	}
	return api.CreatePickup201JSONResponse(toAPI(out)), nil
}

// GetPickup implements GET /v1/pickups/{id}.
func (h Handlers) GetPickup(ctx context.Context, r api.GetPickupRequestObject) (api.GetPickupResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Get(ctx, caller, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetPickup200JSONResponse(toAPI(out)), nil
}

// TransitionPickup implements POST /v1/pickups/{id}/transitions.
func (h Handlers) TransitionPickup(ctx context.Context, r api.TransitionPickupRequestObject) (api.TransitionPickupResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	m := Move{To: Status(b.To), VolunteerID: b.VolunteerId, Note: b.Note, ProcedureID: b.ProcedureId, Reason: b.Reason,
		ConfirmedInPerson: b.ConfirmedInPerson != nil && *b.ConfirmedInPerson}
	if b.CollectedDocuments != nil {
		m.CollectedDocuments = *b.CollectedDocuments
	}
	if b.FormData != nil {
		m.FormData = *b.FormData
	}
	out, err := h.Svc.Transition(ctx, caller, r.Id, m)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionPickup200JSONResponse(toAPI(out)), nil
}

// ConfirmPickup implements POST /v1/pickups/{id}/confirm (the citizen it is for).
func (h Handlers) ConfirmPickup(ctx context.Context, r api.ConfirmPickupRequestObject) (api.ConfirmPickupResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Confirm(ctx, caller, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.ConfirmPickup200JSONResponse(toAPI(out)), nil
}

// RatePickup implements POST /v1/pickups/{id}/rating (the citizen it is for).
func (h Handlers) RatePickup(ctx context.Context, r api.RatePickupRequestObject) (api.RatePickupResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Rate(ctx, caller, r.Id, Rating{Score: r.Body.Score, Comment: r.Body.Comment})
	if err != nil {
		return nil, problem(err)
	}
	return api.RatePickup200JSONResponse(toAPI(out)), nil
}

// GetPickupSettings implements GET /v1/pickup-settings.
func (h Handlers) GetPickupSettings(ctx context.Context, _ api.GetPickupSettingsRequestObject) (api.GetPickupSettingsResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Settings(ctx, caller)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetPickupSettings200JSONResponse(settingsAPI(out)), nil
}

// PutPickupSettings implements PUT /v1/pickup-settings (the ward's officers and admins).
func (h Handlers) PutPickupSettings(ctx context.Context, r api.PutPickupSettingsRequestObject) (api.PutPickupSettingsResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.PutSettings(ctx, caller, Settings{DispatchMode: string(r.Body.DispatchMode), EscalateAfterMinutes: r.Body.EscalateAfterMinutes})
	if err != nil {
		return nil, problem(err)
	}
	return api.PutPickupSettings200JSONResponse(settingsAPI(out)), nil
}

// SetVolunteerDuty implements PUT /v1/volunteers/{id}/duty.
func (h Handlers) SetVolunteerDuty(ctx context.Context, r api.SetVolunteerDutyRequestObject) (api.SetVolunteerDutyResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.Svc.SetDuty(ctx, caller, r.Id, r.Body.OnDuty); err != nil {
		return nil, problem(err)
	}
	return api.SetVolunteerDuty200JSONResponse(*r.Body), nil
}

func settingsAPI(s Settings) api.PickupSettings {
	return api.PickupSettings{DispatchMode: api.PickupSettingsDispatchMode(s.DispatchMode), EscalateAfterMinutes: s.EscalateAfterMinutes}
}

// toAPI is the pickup as the contract shows it.
func toAPI(p Pickup) api.Pickup {
	out := api.Pickup{Id: p.ID, WardId: p.WardID, NeighborhoodId: p.NeighborhoodID, Address: p.Address,
		Lat: f32(p.Lat), Lng: f32(p.Lng), Reason: p.Reason, PreferredDate: openapi_types.Date{Time: p.PreferredDate},
		WindowStart: p.WindowStart, WindowEnd: p.WindowEnd, Note: p.Note, Status: api.PickupStatus(p.Status),
		CollectedDocuments: &p.CollectedDocuments, MissingDocuments: p.MissingDocuments, CreatedAt: p.CreatedAt,
		CitizenId:   ptrIf(p.CitizenID.UUID, p.CitizenID.Valid),
		VolunteerId: ptrIf(p.VolunteerID.UUID, p.VolunteerID.Valid), ProcedureId: ptrIf(p.ProcedureID.UUID, p.ProcedureID.Valid),
		DossierId: ptrIf(p.DossierID.UUID, p.DossierID.Valid), DossierCode: p.DossierCode, Events: make([]api.PickupEvent, 0, len(p.Events))}
	if p.Private {
		ph := p.ContactPhone
		out.ContactPhone, out.ApplicantName, out.ApplicantPhone = &ph, p.ApplicantName, p.ApplicantPhone
		if out.ApplicantName == nil && p.CitizenName != "" {
			name := p.CitizenName
			out.ApplicantName = &name
		}
		form := map[string]string{}
		_ = json.Unmarshal(p.FormData, &form)
		out.FormData = &form
	}
	confirmed, atRisk := p.ConfirmedAt != nil, p.AtRisk()
	out.Confirmed, out.AtRisk = &confirmed, &atRisk
	if p.Rating != nil {
		r := int(*p.Rating)
		out.Rating = &r
	}
	if p.DistanceKm != nil {
		d := float32(*p.DistanceKm)
		out.DistanceKm = &d
	}
	for _, e := range p.Events {
		ev := api.PickupEvent{Id: e.ID, To: api.PickupStatus(e.ToStatus), ActorRole: e.ActorRole, Note: e.Note, At: e.CreatedAt}
		if e.FromStatus != nil {
			f := api.PickupStatus(*e.FromStatus)
			ev.From = &f
		}
		out.Events = append(out.Events, ev)
	}
	return out
}

func ptrIf(id uuid.UUID, ok bool) *uuid.UUID {
	if !ok {
		return nil
	}
	return &id
}

func f32(v *float64) *float32 {
	if v == nil {
		return nil
	}
	f := float32(*v)
	return &f
}

func f64(v *float32) *float64 {
	if v == nil {
		return nil
	}
	f := float64(*v)
	return &f
}
