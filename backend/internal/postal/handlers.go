package postal

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// The HTTP edge: each handler converts the contract's types to the feature's, calls the
// service, and converts back; problem (errors.go) turns the rules' refusals into problems.

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
	return api.QuoteShipment200JSONResponse(q.API()), nil
}

// BookShipment implements POST /v1/dossiers/{id}/shipment.
func (h Handlers) BookShipment(ctx context.Context, r api.BookShipmentRequestObject) (api.BookShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	sh, err := h.Svc.Book(ctx, p, r.Id, ResultInput{Address: Address{Name: b.RecipientName, Phone: b.RecipientPhone,
		Province: b.Province, Ward: b.Ward, Street: b.Street, Note: b.Note}, Payment: payment(b.PaymentStatus)})
	if err != nil {
		return nil, problem(err)
	}
	return api.BookShipment201JSONResponse(sh.API()), nil
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
	return api.QuoteInboundShipment200JSONResponse(api.InboundQuote{FeeVnd: q.FeeVND, SameProvince: q.SameProvince,
		CodAvailable: q.CODAvailable, ProcedureFeeVnd: q.ProcedureFeeVND}), nil
}

// SendDossierByPost implements POST /v1/shipments/inbound.
func (h Handlers) SendDossierByPost(ctx context.Context, r api.SendDossierByPostRequestObject) (api.SendDossierByPostResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	sh, err := h.Svc.SendDossier(ctx, p, InboundInput{ProcedureID: b.ProcedureId, Sender: Address{Name: b.SenderName,
		Phone: b.SenderPhone, Province: b.Province, Ward: b.Ward, Street: b.Street, Note: b.Note},
		Payment: payment(b.PaymentStatus), ReturnByPost: b.ReturnByPost != nil && *b.ReturnByPost})
	if err != nil {
		return nil, problem(err)
	}
	return api.SendDossierByPost201JSONResponse(sh.API()), nil
}

// ListShipments implements GET /v1/shipments.
func (h Handlers) ListShipments(ctx context.Context, r api.ListShipmentsRequestObject) (api.ListShipmentsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	f := Filter{StuckDays: r.Params.StuckDays, Limit: httpx.Limit(r.Params.Limit), Cursor: r.Params.Cursor}
	if r.Params.Status != nil {
		st := Status(*r.Params.Status)
		f.Status = &st
	}
	page, err := h.Svc.List(ctx, p, f)
	if err != nil {
		return nil, problem(err)
	}
	out := api.ShipmentList{Items: make([]api.Shipment, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, sh := range page.Items {
		out.Items = append(out.Items, sh.API())
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
	return api.GetShipment200JSONResponse(sh.API()), nil
}

// TransitionShipment implements POST /v1/shipments/{id}/transitions.
func (h Handlers) TransitionShipment(ctx context.Context, r api.TransitionShipmentRequestObject) (api.TransitionShipmentResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	sh, err := h.Svc.Transition(ctx, p, r.Id, Move{To: Status(b.To), TrackingNumber: b.TrackingNumber, Note: b.Note,
		CollectedFeeVND: b.CollectedFeeVnd})
	if err != nil {
		return nil, problem(err)
	}
	return api.TransitionShipment200JSONResponse(sh.API()), nil
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
	return api.GetPostalTariff200JSONResponse(t.API()), nil
}

// PutPostalTariff implements PUT /v1/postal/tariff.
func (h Handlers) PutPostalTariff(ctx context.Context, r api.PutPostalTariffRequestObject) (api.PutPostalTariffResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	t, err := h.Svc.PutTariff(ctx, p, Tariff{SameProvinceVND: r.Body.SameProvinceVnd, OtherProvinceVND: r.Body.OtherProvinceVnd,
		CODFeeVND: r.Body.CodFeeVnd})
	if err != nil {
		return nil, problem(err)
	}
	return api.PutPostalTariff200JSONResponse(t.API()), nil
}

// PostalWebhook implements POST /v1/webhooks/postal. The signature covers the raw body, which
// the gate keeps for this operation (x-raw-body).
func (h Handlers) PostalWebhook(ctx context.Context, r api.PostalWebhookRequestObject) (api.PostalWebhookResponseObject, error) {
	res, err := h.Svc.Webhook(ctx, deref(r.Params.XCarrier), deref(r.Params.XTimestamp), deref(r.Params.XSignature), httpx.RawBody(ctx))
	if err != nil {
		return nil, problem(err)
	}
	st := api.ShipmentStatus(res.Status)
	return api.PostalWebhook200JSONResponse(api.WebhookResult{Result: api.WebhookResultResult(res.Result), ShipmentStatus: &st}), nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func payment(p *api.PaymentStatus) *string {
	if p == nil {
		return nil
	}
	s := string(*p)
	return &s
}

// API is the shipment as the contract shows it.
func (sh Shipment) API() api.Shipment {
	out := api.Shipment{Id: sh.ID, Direction: api.ShipmentDirection(sh.Direction), DossierCode: sh.DossierCode,
		Status: api.ShipmentStatus(sh.Status), RecipientName: sh.Name, RecipientPhone: sh.Phone, Province: sh.Province,
		Ward: sh.Ward, Street: sh.Street, Note: sh.Note, FeeVnd: sh.FeeVND, CollectedFeeVnd: sh.CollectedFeeVND,
		PaymentStatus: api.PaymentStatus(sh.Payment), Carrier: sh.Carrier, TrackingNumber: sh.TrackingNumber,
		LastEventAt: sh.LastEventAt, CreatedAt: sh.CreatedAt, Events: make([]api.ShipmentEvent, 0, len(sh.Events))}
	if sh.DossierID.Valid {
		id := sh.DossierID.UUID
		out.DossierId = &id
	}
	if sh.Direction == Inbound {
		proc, back := sh.ProcedureID.UUID, sh.ReturnByPost
		out.ProcedureId, out.ReturnByPost = &proc, &back
	}
	for _, e := range sh.Events {
		ev := api.ShipmentEvent{Id: e.ID, To: api.ShipmentStatus(e.To), Source: api.ShipmentEventSource(e.Source), Note: e.Note, At: e.At}
		if e.From != nil {
			f := api.ShipmentStatus(*e.From)
			ev.From = &f
		}
		out.Events = append(out.Events, ev)
	}
	if r := sh.Registration; r != nil {
		out.CarrierRegistration = &api.CarrierRegistration{State: api.CarrierRegistrationState(r.State), Attempts: r.Attempts,
			RequestedAt: r.RequestedAt, NextAttemptAt: r.NextAttemptAt, LastError: r.LastError}
	}
	return out
}

// API is the quote as the contract shows it.
func (q Quote) API() api.ShipmentQuote {
	return api.ShipmentQuote{FeeVnd: q.FeeVND, SameProvince: q.SameProvince, CodAvailable: q.CODAvailable}
}

// API is the tariff as the contract shows it.
func (t Tariff) API() api.PostalTariff {
	return api.PostalTariff{SameProvinceVnd: t.SameProvinceVND, OtherProvinceVnd: t.OtherProvinceVND, CodFeeVnd: t.CODFeeVND}
}
