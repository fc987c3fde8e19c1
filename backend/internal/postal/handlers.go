package postal

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// QuoteShipment implements GET /v1/dossiers/{id}/shipment/quote.
func (h Handlers) QuoteShipment(ctx context.Context, r api.QuoteShipmentRequestObject) (api.QuoteShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	q, err := h.Svc.Quote(ctx, p, r.Id, r.Params.Province)
	if err != nil {
		return nil, problem(err)
	}
	return api.QuoteShipment200JSONResponse(q), nil
}

// BookShipment implements POST /v1/dossiers/{id}/shipment.
func (h Handlers) BookShipment(ctx context.Context, r api.BookShipmentRequestObject) (api.BookShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	sh, err := h.Svc.Book(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.BookShipment201JSONResponse(sh), nil
}

// QuoteInboundShipment implements GET /v1/postal/inbound/quote.
func (h Handlers) QuoteInboundShipment(ctx context.Context, r api.QuoteInboundShipmentRequestObject) (api.QuoteInboundShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	q, err := h.Svc.QuoteInbound(ctx, p, r.Params.ProcedureId, r.Params.Province)
	if err != nil {
		return nil, problem(err)
	}
	return api.QuoteInboundShipment200JSONResponse(q), nil
}

// SendDossierByPost implements POST /v1/shipments/inbound.
func (h Handlers) SendDossierByPost(ctx context.Context, r api.SendDossierByPostRequestObject) (api.SendDossierByPostResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	sh, err := h.Svc.SendDossier(ctx, p, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.SendDossierByPost201JSONResponse(sh), nil
}

// ListShipments implements GET /v1/shipments.
func (h Handlers) ListShipments(ctx context.Context, r api.ListShipmentsRequestObject) (api.ListShipmentsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	out, err := h.Svc.List(ctx, p, r.Params)
	if err != nil {
		return nil, problem(err)
	}
	return api.ListShipments200JSONResponse(out), nil
}

// GetShipment implements GET /v1/shipments/{id}.
func (h Handlers) GetShipment(ctx context.Context, r api.GetShipmentRequestObject) (api.GetShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	sh, err := h.Svc.Get(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetShipment200JSONResponse(sh), nil
}

// TransitionShipment implements POST /v1/shipments/{id}/transitions.
func (h Handlers) TransitionShipment(ctx context.Context, r api.TransitionShipmentRequestObject) (api.TransitionShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	sh, err := h.Svc.Transition(ctx, p, r.Id, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionShipment200JSONResponse(sh), nil
}

// GetPostalTariff implements GET /v1/postal/tariff.
func (h Handlers) GetPostalTariff(ctx context.Context, _ api.GetPostalTariffRequestObject) (api.GetPostalTariffResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	t, err := h.Svc.Tariff(ctx, p)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetPostalTariff200JSONResponse(t), nil
}

// PutPostalTariff implements PUT /v1/postal/tariff.
func (h Handlers) PutPostalTariff(ctx context.Context, r api.PutPostalTariffRequestObject) (api.PutPostalTariffResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	t, err := h.Svc.PutTariff(ctx, p, *r.Body)
	if err != nil {
		return nil, problem(err)
	}
	return api.PutPostalTariff200JSONResponse(t), nil
}

// PostalWebhook implements POST /v1/webhooks/postal. The signature covers the raw body, which
// the gate keeps for this operation (x-raw-body).
func (h Handlers) PostalWebhook(ctx context.Context, r api.PostalWebhookRequestObject) (api.PostalWebhookResponseObject, error) {
	res, err := h.Svc.Webhook(ctx, deref(r.Params.XCarrier), deref(r.Params.XTimestamp), deref(r.Params.XSignature), httpx.RawBody(ctx))
	if err != nil {
		return nil, problem(err)
	}
	return api.PostalWebhook200JSONResponse(res), nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
