package notify

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Handlers implements the device and inbox operations of the API.
type Handlers struct {
	pool    *pgxpool.Pool
	q       *notifydb.Queries
	clock   clock.Clock
	secrets map[string][]byte // provider (zns, sms) → delivery report HMAC secret
}

// NewHandlers wires the handlers; secrets sign the phone providers' delivery reports.
func NewHandlers(pool *pgxpool.Pool, clk clock.Clock, secrets map[string][]byte) Handlers {
	return Handlers{pool: pool, q: notifydb.New(pool), clock: clk, secrets: secrets}
}

// RegisterDevice implements POST /v1/me/devices. A token registered by another account moves
// to the caller: a phone belongs to whoever is logged in on it now.
func (h Handlers) RegisterDevice(ctx context.Context, r api.RegisterDeviceRequestObject) (api.RegisterDeviceResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	locale := p.Locale
	if r.Body.Locale != nil {
		locale = string(*r.Body.Locale)
	}
	var version *string
	if r.Body.AppVersion != nil {
		v := httpx.CleanText(*r.Body.AppVersion)
		version = &v
	}
	d, err := h.q.UpsertDevice(ctx, notifydb.UpsertDeviceParams{Token: r.Body.Token, UserID: p.UserID,
		Platform: string(r.Body.Platform), AppVersion: version, Locale: locale, CreatedAt: h.clock.Now()})
	if err != nil {
		return nil, err
	}
	return api.RegisterDevice200JSONResponse{Token: d.Token, Platform: api.DevicePlatform(d.Platform),
		AppVersion: d.AppVersion, Locale: api.Locale(d.Locale), UpdatedAt: d.UpdatedAt}, nil
}

// DeleteDevice implements DELETE /v1/me/devices/{token}; another account's token is left alone
// and the answer is the same, so tokens cannot be probed.
func (h Handlers) DeleteDevice(ctx context.Context, r api.DeleteDeviceRequestObject) (api.DeleteDeviceResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.q.DeleteUserDevice(ctx, notifydb.DeleteUserDeviceParams{Token: r.Token, UserID: p.UserID}); err != nil {
		return nil, err
	}
	return api.DeleteDevice204Response{}, nil
}

// ListNotifications implements GET /v1/me/notifications.
func (h Handlers) ListNotifications(ctx context.Context, r api.ListNotificationsRequestObject) (api.ListNotificationsResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	before, err := httpx.DecodeIDCursor(r.Params.Cursor)
	if err != nil {
		return nil, err
	}
	limit := httpx.Limit(r.Params.Limit)
	rows, err := h.q.ListNotifications(ctx, notifydb.ListNotificationsParams{UserID: p.UserID,
		UnreadOnly: r.Params.Unread != nil && *r.Params.Unread, BeforeID: before, Lim: int32(limit)})
	if err != nil {
		return nil, err
	}
	unread, err := h.q.UnreadCount(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	out := api.ListNotifications200JSONResponse{Items: make([]api.Notification, 0, len(rows)), UnreadCount: int(unread)}
	for _, n := range rows {
		item, err := toAPI(n, p.Locale)
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, item)
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// MarkNotificationRead implements POST /v1/me/notifications/{id}/read (idempotent).
func (h Handlers) MarkNotificationRead(ctx context.Context, r api.MarkNotificationReadRequestObject) (api.MarkNotificationReadResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	now := h.clock.Now()
	n, err := h.q.MarkRead(ctx, notifydb.MarkReadParams{ID: r.Id, UserID: p.UserID, Now: &now})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, httpx.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	item, err := toAPI(n, p.Locale)
	if err != nil {
		return nil, err
	}
	return api.MarkNotificationRead200JSONResponse(item), nil
}

// toAPI shows a notification in the reader's language.
func toAPI(n notifydb.Notification, locale string) (api.Notification, error) {
	out := api.Notification{Id: n.ID, Type: n.Type, Title: n.TitleVi, Body: n.BodyVi, ReadAt: n.ReadAt, CreatedAt: n.CreatedAt}
	if locale == "en" {
		out.Title, out.Body = n.TitleEn, n.BodyEn
	}
	if err := json.Unmarshal(n.Data, &out.Data); err != nil {
		return api.Notification{}, err
	}
	return out, nil
}
