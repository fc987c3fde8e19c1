package procedure

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// ListProcedures implements GET /v1/procedures (public): a ward's active procedures.
func (h Handlers) ListProcedures(ctx context.Context, r api.ListProceduresRequestObject) (api.ListProceduresResponseObject, error) {
	f := Filter{WardCode: r.Params.WardCode, Limit: httpx.Limit(r.Params.Limit), Cursor: r.Params.Cursor}
	if r.Params.Q != nil {
		f.Query = *r.Params.Q
	}
	if r.Params.Field != nil {
		f.Field = *r.Params.Field
	}
	if r.Params.Channel != nil {
		f.Channel = string(*r.Params.Channel)
	}
	list, next, err := h.Svc.List(ctx, f)
	if err != nil {
		return nil, err
	}
	out := api.ProcedureList{Items: make([]api.Procedure, 0, len(list)), NextCursor: next}
	for _, p := range list {
		out.Items = append(out.Items, p.API())
	}
	return api.ListProcedures200JSONResponse(out), nil
}

// GetProcedure implements GET /v1/procedures/{id} (public).
func (h Handlers) GetProcedure(ctx context.Context, r api.GetProcedureRequestObject) (api.GetProcedureResponseObject, error) {
	p, err := h.Svc.Public(ctx, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetProcedure200JSONResponse(p.API()), nil
}

// CreateProcedure implements POST /v1/procedures: an admin adds to their own ward's catalogue.
func (h Handlers) CreateProcedure(ctx context.Context, r api.CreateProcedureRequestObject) (api.CreateProcedureResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	p, err := h.Svc.Create(ctx, caller, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateProcedure201JSONResponse(p.API()), nil
}

// UpdateProcedure implements PATCH /v1/procedures/{id}: an admin changes (or deactivates) a
// procedure of their own ward; another ward's is 404.
func (h Handlers) UpdateProcedure(ctx context.Context, r api.UpdateProcedureRequestObject) (api.UpdateProcedureResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	p, err := h.Svc.Update(ctx, caller, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.UpdateProcedure200JSONResponse(p.API()), nil
}

// API is the procedure as the contract shows it.
func (p Procedure) API() api.Procedure {
	out := api.Procedure{Id: p.ID, WardId: p.WardID, Code: p.Code, Name: p.Name, Field: p.Field,
		ProcessingDays: p.ProcessingDays, DayCount: api.ProcedureDayCount(p.DayCount), CutoffHour: p.CutoffHour, FeeVnd: p.FeeVND, FeeNote: p.FeeNote,
		RequiredDocuments: p.RequiredDocuments, Channels: make([]api.ProcedureChannel, 0, len(p.Channels)), Active: p.Active}
	if out.DayCount == "" {
		out.DayCount = api.ProcedureDayCount(DayCountWorking)
	}
	if out.RequiredDocuments == nil {
		out.RequiredDocuments = []string{}
	}
	for _, c := range p.Channels {
		out.Channels = append(out.Channels, api.ProcedureChannel(c))
	}
	return out
}
