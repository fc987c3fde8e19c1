package notify

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/backend/internal/phone"
)

// A person's channel preference and opt-out (issue 16), kept by their E.164 phone: their own
// account's, set from the app, or a phone-only person's, recorded by ward staff at the desk.

func init() {
	httpx.Register(map[string]httpx.Text{
		"has_account": {VI: "Số điện thoại này đã có tài khoản: người dùng tự chọn cách nhận tin trong ứng dụng",
			EN: "This phone has an account: its owner chooses how to be told in the app"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"channel_order": {VI: "Cần sắp xếp đủ ba kênh: ứng dụng, Zalo, SMS, mỗi kênh một lần",
			EN: "List the three channels — app, Zalo, SMS — each once"},
	})
}

// Preferences are stored as given; checkOrder refuses anything but a permutation of the channels.
func checkOrder(order []api.NotifyChannel) ([]string, []httpx.FieldError) {
	out := make([]string, 0, len(order))
	for _, c := range order {
		out = append(out, string(c))
	}
	sorted := slices.Sorted(slices.Values(out))
	want := slices.Sorted(slices.Values(DefaultOrder))
	if !slices.Equal(sorted, want) {
		return nil, []httpx.FieldError{httpx.Field("order", "channel_order")}
	}
	return out, nil
}

func prefsAPI(phoneNo string, order []string, zns, sms bool, source *string, at *time.Time) api.NotificationPreferences {
	if len(order) != len(DefaultOrder) {
		order = DefaultOrder
	}
	out := api.NotificationPreferences{ZnsOptOut: zns, SmsOptOut: sms, PhoneLast3: last3(phoneNo), UpdatedAt: at}
	for _, c := range order {
		out.Order = append(out.Order, api.NotifyChannel(c))
	}
	if source != nil {
		s := api.NotificationPreferencesSource(*source)
		out.Source = &s
	}
	return out
}

func last3(p string) string {
	if len(p) < 3 {
		return ""
	}
	return p[len(p)-3:]
}

// GetMyNotificationPreferences implements GET /v1/me/notification-preferences.
func (h Handlers) GetMyNotificationPreferences(ctx context.Context, _ api.GetMyNotificationPreferencesRequestObject) (api.GetMyNotificationPreferencesResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	r, err := h.q.PreferencesOfUser(ctx, p.UserID) // the gate loaded the caller: the row exists
	if err != nil {
		return nil, err
	}
	return api.GetMyNotificationPreferences200JSONResponse(prefsAPI(r.Phone, r.ChannelOrder, r.ZnsOptOut, r.SmsOptOut, r.Source, r.UpdatedAt)), nil
}

// SetMyNotificationPreferences implements PUT /v1/me/notification-preferences: kept by the
// account's phone, so what was chosen before the account existed (at the desk) is replaced.
func (h Handlers) SetMyNotificationPreferences(ctx context.Context, r api.SetMyNotificationPreferencesRequestObject) (api.SetMyNotificationPreferencesResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	order, fields := checkOrder(r.Body.Order)
	if len(fields) > 0 {
		return nil, httpx.Invalid(fields...)
	}
	cur, err := h.q.PreferencesOfUser(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	row, err := h.q.SetPreferences(ctx, notifydb.SetPreferencesParams{Phone: cur.Phone, ChannelOrder: order,
		ZnsOptOut: r.Body.ZnsOptOut, SmsOptOut: r.Body.SmsOptOut, Source: "self",
		SetBy: uuid.NullUUID{UUID: p.UserID, Valid: true}, UpdatedAt: h.clock.Now()})
	if err != nil {
		return nil, err
	}
	return api.SetMyNotificationPreferences200JSONResponse(prefsAPI(row.Phone, row.ChannelOrder, row.ZnsOptOut, row.SmsOptOut, &row.Source, &row.UpdatedAt)), nil
}

// SetPhoneNotificationPreferences implements PUT /v1/notification-preferences: an officer
// records the choice of a person the ward served without an account, audited (phone masked).
func (h Handlers) SetPhoneNotificationPreferences(ctx context.Context, r api.SetPhoneNotificationPreferencesRequestObject) (api.SetPhoneNotificationPreferencesResponseObject, error) {
	p, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	if !p.Office() {
		return nil, httpx.ErrForbidden
	}
	order, fields := checkOrder(r.Body.Order)
	phoneNo, perr := phone.Normalize(r.Body.Phone)
	if perr != nil {
		fields = append(fields, httpx.Field("phone", "invalid_phone"))
	}
	if len(fields) > 0 {
		return nil, httpx.Invalid(fields...)
	}
	var out notifydb.NotifyPreference
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := h.q.WithTx(tx)
		taken, err := q.PhoneHasAccount(ctx, phoneNo)
		if err != nil {
			return err
		}
		if taken {
			return &httpx.Error{Status: http.StatusConflict, Code: "has_account"}
		}
		known, err := q.PhoneKnownInWard(ctx, notifydb.PhoneKnownInWardParams{WardID: p.WardID, Phone: phoneNo})
		if err != nil {
			return err
		}
		if !known {
			return httpx.ErrNotFound
		}
		now := h.clock.Now()
		out, err = q.SetPreferences(ctx, notifydb.SetPreferencesParams{Phone: phoneNo, ChannelOrder: order,
			ZnsOptOut: r.Body.ZnsOptOut, SmsOptOut: r.Body.SmsOptOut, Source: "desk",
			SetBy: uuid.NullUUID{UUID: p.UserID, Valid: true}, UpdatedAt: now})
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: p.WardID, ActorID: p.UserID, Action: "notify_preferences.set",
			TargetType: "phone", Detail: map[string]any{"phone_last3": last3(phoneNo), "order": order,
				"zns_opt_out": out.ZnsOptOut, "sms_opt_out": out.SmsOptOut}, At: now})
	})
	if err != nil {
		return nil, err
	}
	return api.SetPhoneNotificationPreferences200JSONResponse(prefsAPI(out.Phone, out.ChannelOrder, out.ZnsOptOut, out.SmsOptOut, &out.Source, &out.UpdatedAt)), nil
}

// ConfirmNotificationReceived implements POST /v1/notifications/{id}/received: the push
// arrived. A Zalo/SMS job not yet claimed is cancelled (ConfirmReceived); a wrong key is as
// unknown as a wrong id.
func (h Handlers) ConfirmNotificationReceived(ctx context.Context, r api.ConfirmNotificationReceivedRequestObject) (api.ConfirmNotificationReceivedResponseObject, error) {
	res, err := h.q.ConfirmReceived(ctx, notifydb.ConfirmReceivedParams{ID: r.Id, Key: r.Body.Key, Now: h.clock.Now()})
	if err != nil {
		return nil, err
	}
	if res.Found == 0 {
		return nil, httpx.ErrNotFound
	}
	return api.ConfirmNotificationReceived204Response{}, nil
}
