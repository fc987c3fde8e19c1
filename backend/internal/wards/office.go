package wards

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
	"github.com/motcuagandan/motcua/backend/internal/wards/wardsdb"
)

// The ward's receiving office is named as Nghị định 118/2025/NĐ-CP names it — "Trung tâm Phục vụ
// hành chính công" followed by the ward's name — unless the ward's admin set another name (issue
// 11, "Words": configurable per ward). Receipts snapshot the name at intake.

// officeNameMax is the longest office name (the column's CHECK).
const officeNameMax = 200

// OfficeName is the ward's receiving office as set, or by default "Trung tâm Phục vụ hành chính
// công" followed by the ward's name (Nghị định 118/2025/NĐ-CP): "… công phường Bến Thành".
func OfficeName(ward string, set *string) string {
	if set != nil && strings.TrimSpace(*set) != "" {
		return *set
	}
	for _, unit := range []string{"Phường ", "Xã ", "Đặc khu "} {
		if rest, ok := strings.CutPrefix(ward, unit); ok {
			return "Trung tâm Phục vụ hành chính công " + strings.ToLower(unit) + rest
		}
	}
	return "Trung tâm Phục vụ hành chính công " + ward
}

func wardAPI(w wardsdb.Ward) api.Ward {
	return api.Ward{Id: w.ID, Code: w.Code, Name: w.Name, Province: w.Province,
		OfficeName: OfficeName(w.Name, w.OfficeName), OfficeNameSet: w.OfficeName}
}

// GetWard implements GET /v1/wards/{id} (public: the office's name is printed on every receipt).
func (h Handlers) GetWard(ctx context.Context, r api.GetWardRequestObject) (api.GetWardResponseObject, error) {
	w, err := tenant.Load(ctx, r.Id, h.q.WardByID, func(wardsdb.Ward) bool { return true })
	if err != nil {
		return nil, err
	}
	return api.GetWard200JSONResponse(wardAPI(w)), nil
}

// UpdateWard implements PATCH /v1/wards/{id}: the ward's own admin names its office, or clears
// the name to go back to the default; another ward is not found. The change is audited.
func (h Handlers) UpdateWard(ctx context.Context, r api.UpdateWardRequestObject) (api.UpdateWardResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	var name *string
	if r.Body.OfficeName != nil {
		v, code := httpx.CheckText(*r.Body.OfficeName, officeNameMax)
		if code != "" {
			return nil, fault.Fields(fault.F("office_name", code))
		}
		name = &v
	}
	var out wardsdb.Ward
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := h.q.WithTx(tx)
		before, err := tenant.Load(ctx, r.Id, q.WardForUpdate, func(w wardsdb.Ward) bool { return w.ID == caller.WardID })
		if err != nil {
			return err
		}
		if out, err = q.SetOfficeName(ctx, wardsdb.SetOfficeNameParams{ID: r.Id, OfficeName: name}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: r.Id, ActorID: caller.UserID, Action: "ward.office_name",
			TargetType: "ward", TargetID: r.Id, At: h.clock.Now(), Detail: map[string]any{"from": before.OfficeName, "to": name}})
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateWard200JSONResponse(wardAPI(out)), nil
}
