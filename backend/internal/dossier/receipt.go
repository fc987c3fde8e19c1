package dossier

import (
	"bytes"
	"context"
	"errors"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/skip2/go-qrcode"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Receipt is the giấy tiếp nhận và hẹn trả kết quả as data.
func (s *Service) Receipt(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Receipt, error) {
	d, err := s.q.GetDossier(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(d, caller) {
		return api.Receipt{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.Receipt{}, err
	}
	ward, err := s.q.WardName(ctx, d.WardID)
	if err != nil {
		return api.Receipt{}, err
	}
	out := api.Receipt{DossierId: d.ID, Code: d.Code, WardName: ward, ProcedureCode: d.ProcedureCode,
		ProcedureName: d.ProcedureName, ApplicantName: d.ApplicantName, ReceivedAt: at(d.ReceivedAt), DueAt: at(d.DueAt),
		TrackingUrl: s.TrackingURL(d.Code)}
	// Fee and documents as the catalogue lists them now (the procedure may have been edited).
	p, err := s.procedures.Get(ctx, d.WardID, d.ProcedureID)
	if err != nil && !errors.Is(err, httpx.ErrNotFound) {
		return api.Receipt{}, err
	}
	// The catalogue's fee is nil when the province sets it; the receipt's contract still has a
	// plain number until the receipt snapshot (issue 11) carries "theo quy định của tỉnh".
	if p.FeeVND != nil {
		out.FeeVnd = *p.FeeVND
	}
	if len(p.RequiredDocuments) > 0 {
		docs := p.RequiredDocuments
		out.RequiredDocuments = &docs
	}
	return out, nil
}

// TrackingURL is the public page a receipt's QR code opens.
func (s *Service) TrackingURL(code string) string { return s.cfg.PublicBaseURL + "/track/" + code }

// ReceiptQR is a PNG QR code of the tracking link, sized to print on a receipt.
func (s *Service) ReceiptQR(ctx context.Context, caller auth.Principal, id uuid.UUID) ([]byte, error) {
	d, err := s.q.GetDossier(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(d, caller) {
		return nil, httpx.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return qrcode.Encode(s.TrackingURL(d.Code), qrcode.Medium, 256)
}

func pngResponse(b []byte) api.GetDossierReceiptQR200ImagepngResponse {
	return api.GetDossierReceiptQR200ImagepngResponse{Body: bytes.NewReader(b), ContentLength: int64(len(b))}
}
