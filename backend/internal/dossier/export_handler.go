package dossier

import (
	"bytes"
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// ExportDossiers implements GET /v1/dossiers.xlsx: the list's filters, as a workbook. The
// workbook is built before the 200 is sent, so a failure is still a problem+json; the row limit
// bounds its size.
func (h Handlers) ExportDossiers(ctx context.Context, r api.ExportDossiersRequestObject) (api.ExportDossiersResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	f := Filter{Overdue: r.Params.Overdue, DueSoon: r.Params.DueSoon, ProcedureID: r.Params.ProcedureId, Query: r.Params.Q}
	if r.Params.Status != nil {
		st := State(*r.Params.Status)
		f.Status = &st
	}
	if r.Params.Channel != nil {
		ch := string(*r.Params.Channel)
		f.Channel = &ch
	}
	var buf bytes.Buffer
	truncated, err := h.Svc.Export(ctx, p, f, &buf)
	if err != nil {
		return nil, problem(err)
	}
	name := "ho-so-" + h.Svc.clock.Now().In(calendar.Location).Format("2006-01-02") + ".xlsx"
	return workbook{body: buf.Bytes(), name: name, truncated: truncated}, nil
}

// workbook is the 200 with the headers the contract documents (the generated type sets none:
// the overlay leaves response headers to the code).
type workbook struct {
	body      []byte
	name      string
	truncated bool
}

func (w workbook) VisitExportDossiersResponse(c *fiber.Ctx) error {
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+w.name+`"`)
	c.Set("X-Truncated", strconv.FormatBool(w.truncated))
	return api.ExportDossiers200ApplicationvndOpenxmlformatsOfficedocumentSpreadsheetmlSheetResponse{
		Body: bytes.NewReader(w.body), ContentLength: int64(len(w.body))}.VisitExportDossiersResponse(c)
}
