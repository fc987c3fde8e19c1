package dossier

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// ListDossiers implements GET /v1/dossiers.
func (h Handlers) ListDossiers(ctx context.Context, r api.ListDossiersRequestObject) (api.ListDossiersResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.List(ctx, p, r.Params)
	if err != nil {
		return nil, err
	}
	return api.ListDossiers200JSONResponse(out), nil
}

// CreateDossier implements POST /v1/dossiers.
func (h Handlers) CreateDossier(ctx context.Context, r api.CreateDossierRequestObject) (api.CreateDossierResponseObject, error) {
	p, err := auth.Require(ctx, auth.RoleOfficer, auth.RoleAdmin)
	if err != nil {
		return nil, err
	}
	d, err := h.Svc.Create(ctx, p, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.CreateDossier201JSONResponse(dossierOf(d)), nil
}

// GetDossier implements GET /v1/dossiers/{id}.
func (h Handlers) GetDossier(ctx context.Context, r api.GetDossierRequestObject) (api.GetDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	d, err := h.Svc.Get(ctx, p, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetDossier200JSONResponse(d), nil
}

// TransitionDossier implements POST /v1/dossiers/{id}/transitions.
func (h Handlers) TransitionDossier(ctx context.Context, r api.TransitionDossierRequestObject) (api.TransitionDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	d, err := h.Svc.Transition(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, err
	}
	return api.TransitionDossier200JSONResponse(d), nil
}

// GetDossierReceipt implements GET /v1/dossiers/{id}/receipt.
func (h Handlers) GetDossierReceipt(ctx context.Context, r api.GetDossierReceiptRequestObject) (api.GetDossierReceiptResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.Receipt(ctx, p, r.Id)
	if err != nil {
		return nil, err
	}
	return api.GetDossierReceipt200JSONResponse(out), nil
}

// GetDossierReceiptQR implements GET /v1/dossiers/{id}/receipt.png.
func (h Handlers) GetDossierReceiptQR(ctx context.Context, r api.GetDossierReceiptQRRequestObject) (api.GetDossierReceiptQRResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	png, err := h.Svc.ReceiptQR(ctx, p, r.Id)
	if err != nil {
		return nil, err
	}
	return pngResponse(png), nil
}

// TrackDossier implements GET /v1/public/dossiers/{code}.
func (h Handlers) TrackDossier(ctx context.Context, r api.TrackDossierRequestObject) (api.TrackDossierResponseObject, error) {
	out, err := h.Svc.Track(ctx, r.Code, r.Params.PhoneLast4)
	if err != nil {
		return nil, err
	}
	return api.TrackDossier200JSONResponse(out), nil
}

// dossierOf drops the timeline: creation answers the dossier itself, as the contract says.
func dossierOf(d api.DossierDetail) api.Dossier {
	return api.Dossier{Id: d.Id, Code: d.Code, WardId: d.WardId, ProcedureId: d.ProcedureId, ProcedureCode: d.ProcedureCode,
		ProcedureName: d.ProcedureName, ApplicantId: d.ApplicantId, ApplicantName: d.ApplicantName,
		ApplicantPhone: d.ApplicantPhone, Channel: d.Channel, PortalChannelCode: d.PortalChannelCode,
		ReturnMethod: d.ReturnMethod, Status: d.Status, PortalStatusCode: d.PortalStatusCode, ReceivedAt: d.ReceivedAt,
		DueAt: d.DueAt, Overdue: d.Overdue, ResultAt: d.ResultAt, ClosedAt: d.ClosedAt,
		RescheduleCount: d.RescheduleCount, Note: d.Note, CreatedAt: d.CreatedAt}
}
