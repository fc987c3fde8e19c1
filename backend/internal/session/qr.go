package session

import (
	"bytes"
	"context"

	"github.com/google/uuid"
	"github.com/skip2/go-qrcode"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
)

// BookingQR is the booking code as a QR code: its citizen shows it, staff of the ward may print it.
func (s *Service) BookingQR(ctx context.Context, caller auth.Principal, id uuid.UUID) ([]byte, error) {
	b, err := tenant.Load(ctx, id, s.q.GetBooking, func(b sessiondb.Booking) bool {
		mine := b.CitizenID.Valid && b.CitizenID.UUID == caller.UserID
		return mine || caller.WardStaff() && b.WardID == caller.WardID
	})
	if err != nil {
		return nil, err
	}
	return qrcode.Encode(b.Code, qrcode.Medium, 256)
}

// GetBookingQR implements GET /v1/bookings/{id}/qr.png.
func (h Handlers) GetBookingQR(ctx context.Context, r api.GetBookingQRRequestObject) (api.GetBookingQRResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	png, err := h.Svc.BookingQR(ctx, p, r.Id)
	if err != nil {
		return nil, problem(err)
	}
	return api.GetBookingQR200ImagepngResponse{Body: bytes.NewReader(png), ContentLength: int64(len(png))}, nil
}
