package dossier

import (
	"bytes"
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
)

// The edge: each handler reads the caller, converts the contract's types to the feature's, calls
// the service and converts back; every error goes through problem (errors.go). The gate has
// already enforced each operation's x-roles.

// ListDossiers implements GET /v1/dossiers.
func (h Handlers) ListDossiers(ctx context.Context, r api.ListDossiersRequestObject) (api.ListDossiersResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	f := Filter{Overdue: r.Params.Overdue, DueSoon: r.Params.DueSoon, ProcedureID: r.Params.ProcedureId, Cursor: r.Params.Cursor,
		Limit: r.Params.Limit, Query: r.Params.Q}
	if r.Params.Status != nil {
		st := State(*r.Params.Status)
		f.Status = &st
	}
	if r.Params.Channel != nil {
		ch := string(*r.Params.Channel)
		f.Channel = &ch
	}
	page, err := h.Svc.List(ctx, p, f)
	if err != nil {
		return nil, problem(err)
	}
	now := h.Svc.clock.Now()
	out := api.DossierList{Items: make([]api.Dossier, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, d := range page.Items {
		out.Items = append(out.Items, toAPI(d, now))
	}
	return listJSON(out), nil
}

// CreateDossier implements POST /v1/dossiers.
func (h Handlers) CreateDossier(ctx context.Context, r api.CreateDossierRequestObject) (api.CreateDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	b := r.Body
	in := Input{ProcedureID: b.ProcedureId, ApplicantID: b.ApplicantId, ApplicantName: b.ApplicantName,
		ApplicantPhone: b.ApplicantPhone, Channel: string(b.Channel), ReceivedAt: b.ReceivedAt, Note: b.Note, PortalCode: b.PortalCode}
	if b.ReturnMethod != nil {
		in.ReturnMethod = string(*b.ReturnMethod)
	}
	if b.DocumentsReceived != nil {
		in.Documents = *b.DocumentsReceived
	}
	d, err := h.Svc.Create(ctx, p, in)
	if err != nil {
		return nil, problem(err)
	}
	return api.CreateDossier201JSONResponse(toAPI(d.Dossier, h.Svc.clock.Now())), nil
}

// GetDossier implements GET /v1/dossiers/{id}.
func (h Handlers) GetDossier(ctx context.Context, r api.GetDossierRequestObject) (api.GetDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	d, err := h.Svc.Get(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return detailAPI(d, h.Svc.clock.Now()), nil
}

// UpdateDossier implements PATCH /v1/dossiers/{id}: the portal's own code.
func (h Handlers) UpdateDossier(ctx context.Context, r api.UpdateDossierRequestObject) (api.UpdateDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	d, err := h.Svc.SetPortalCode(ctx, p, r.Id, r.Body.PortalCode)
	if err != nil {
		return nil, problem(err)
	}
	return detailAPI(d, h.Svc.clock.Now()), nil
}

// TransitionDossier implements POST /v1/dossiers/{id}/transitions.
func (h Handlers) TransitionDossier(ctx context.Context, r api.TransitionDossierRequestObject) (api.TransitionDossierResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	m := Move{To: State(r.Body.To), Note: r.Body.Note}
	if r.Body.NewDueDate != nil {
		day := r.Body.NewDueDate.Time
		m.NewDueDate = &day
	}
	if r.Body.DocumentsReceived != nil {
		m.DocumentsReceived = *r.Body.DocumentsReceived
	}
	d, err := h.Svc.Transition(ctx, p, r.Id, m)
	if err != nil {
		return nil, problem(err)
	}
	return detailAPI(d, h.Svc.clock.Now()), nil
}

// GetDossierReceipt implements GET /v1/dossiers/{id}/receipt.
func (h Handlers) GetDossierReceipt(ctx context.Context, r api.GetDossierReceiptRequestObject) (api.GetDossierReceiptResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	iss, err := h.Svc.Receipt(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	rc, d := iss.Receipt, iss.Dossier
	docs := rc.DocumentsReceived
	out := api.Receipt{DossierId: d.ID, Code: d.Code, OfficeName: rc.OfficeName, WardName: rc.WardName,
		ProcedureCode: rc.ProcedureCode, ProcedureName: rc.ProcedureName, ApplicantName: d.ApplicantName,
		ReceivedAt: rc.ReceivedAt, DueAt: rc.DueAt, FeeVnd: rc.FeeVND, DocumentsReceived: docs, RequiredDocuments: &docs,
		ReceivingOfficer: rc.ReceivingOfficer, ReturnMethod: api.ReturnMethod(rc.ReturnMethod), TrackingUrl: iss.TrackingURL}
	if out.ReturnMethod == "" {
		out.ReturnMethod = api.ReturnMethod(d.ReturnMethod)
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
		return nil, problem(err)
	}
	return api.GetDossierReceiptQR200ImagepngResponse{Body: bytes.NewReader(png), ContentLength: int64(len(png))}, nil
}

// GetDossierReceiptPage implements GET /v1/dossiers/{id}/receipt.html: the printable receipt.
func (h Handlers) GetDossierReceiptPage(ctx context.Context, r api.GetDossierReceiptPageRequestObject) (api.GetDossierReceiptPageResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	page, err := h.Svc.ReceiptPage(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return htmlPage(page), nil
}

// htmlPage answers an HTML page with its charset named (the generated response says only text/html).
type htmlPage []byte

func (b htmlPage) VisitGetDossierReceiptPageResponse(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, "text/html; charset=utf-8")
	// a receipt names a person: never kept by a shared cache
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	return c.Status(fiber.StatusOK).Send(b)
}

// TrackDossier implements GET /v1/public/dossiers/{code}: status, dates and states only.
func (h Handlers) TrackDossier(ctx context.Context, r api.TrackDossierRequestObject) (api.TrackDossierResponseObject, error) {
	d, err := h.Svc.Track(ctx, r.Code, r.Params.PhoneLast4)
	if err != nil {
		return nil, problem(err)
	}
	out := api.PublicDossier{Code: d.Code, ProcedureName: d.ProcedureName, Status: api.DossierStatus(d.Status),
		PortalStatusCode: d.PortalStatus(), ReceivedAt: d.ReceivedAt, DueAt: d.DueAt, Overdue: d.Overdue(h.Svc.clock.Now()),
		ResultAt: d.ResultAt}
	out.History = make([]struct {
		At     time.Time         `json:"at"`
		Status api.DossierStatus `json:"status"`
	}, 0, len(d.Events))
	for _, e := range d.Events {
		out.History = append(out.History, struct {
			At     time.Time         `json:"at"`
			Status api.DossierStatus `json:"status"`
		}{At: e.At, Status: api.DossierStatus(e.To)})
	}
	return api.TrackDossier200JSONResponse(out), nil
}

// toAPI is a dossier as the contract shows it.
func toAPI(d Dossier, now time.Time) api.Dossier {
	out := api.Dossier{
		Id: d.ID, Code: d.Code, WardId: d.WardID, ProcedureId: d.ProcedureID, ProcedureCode: d.ProcedureCode,
		ProcedureName: d.ProcedureName, ApplicantName: d.ApplicantName, ApplicantPhone: d.ApplicantPhone,
		Channel: api.DossierChannel(d.Channel), PortalChannelCode: d.PortalChannel(), PortalCode: d.PortalCode,
		ReturnMethod: api.ReturnMethod(d.ReturnMethod), Status: api.DossierStatus(d.Status), PortalStatusCode: d.PortalStatus(),
		SubmittedAt: d.SubmittedAt, ReceivedAt: d.ReceivedAt, DueAt: d.DueAt, OriginalDueAt: d.OriginalDueAt,
		PausedDays: d.PausedDays, Overdue: d.Overdue(now), ResultAt: d.ResultAt, ClosedAt: d.ClosedAt,
		RescheduleCount: d.RescheduleCount, Note: d.Note, CreatedAt: d.CreatedAt,
	}
	if d.ApplicantID.Valid {
		id := d.ApplicantID.UUID
		out.ApplicantId = &id
	}
	return out
}

// detailJSON is the contract's DossierDetail (a Dossier and its events) written as the dossier
// itself plus its timeline, so no field is copied twice: the JSON is the same.
type detailJSON struct {
	api.Dossier
	Events []api.DossierEvent `json:"events"`
}

func (d detailJSON) VisitGetDossierResponse(c *fiber.Ctx) error        { return d.send(c) }
func (d detailJSON) VisitTransitionDossierResponse(c *fiber.Ctx) error { return d.send(c) }
func (d detailJSON) VisitUpdateDossierResponse(c *fiber.Ctx) error     { return d.send(c) }

func (d detailJSON) send(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
	return c.Status(fiber.StatusOK).JSON(&d)
}

// detailAPI is a dossier with its timeline as the contract shows it.
func detailAPI(d Detail, now time.Time) detailJSON {
	out := detailJSON{Dossier: toAPI(d.Dossier, now), Events: make([]api.DossierEvent, 0, len(d.Events))}
	for _, e := range d.Events {
		ev := api.DossierEvent{Id: e.ID, Kind: api.DossierEventKind(e.Kind), To: api.DossierStatus(e.To),
			ActorRole: e.Role, Note: e.Note, DueAt: e.DueAt, At: e.At}
		if e.From != nil {
			from := api.DossierStatus(*e.From)
			ev.From = &from
		}
		out.Events = append(out.Events, ev)
	}
	return out
}
