package wards

import (
	"context"
	"errors"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/tenant"
	"github.com/motcuagandan/motcua/backend/internal/wards/wardsdb"
)

// A ward's admin keeps its list of neighbourhoods (khu phố, tổ dân phố, ấp, thôn; issue 13):
// adds one, renames it, deactivates it when it merges into another, reactivates it. Nothing is
// deleted: sessions, pickups and accounts keep pointing at a deactivated neighbourhood, and
// migration 00017 refuses new sessions and pickups in it (constraint "neighborhood_active").

// neighborhoodNameMax is the longest name (the column's CHECK).
const neighborhoodNameMax = 200

// The two unique indexes a name can collide with: the exact one and the folded one (case and
// diacritics ignored).
var nameKeys = map[string]bool{"neighborhoods_ward_id_name_key": true, "neighborhoods_ward_folded_name_key": true}

func init() {
	httpx.Register(map[string]httpx.Text{
		"neighborhood_name_taken": {VI: "Phường/xã đã có khu phố mang tên này", EN: "The ward already has a neighbourhood with this name"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"neighborhood_name_taken": {VI: "Đã có khu phố mang tên này (không phân biệt hoa thường, có dấu hay không dấu)",
			EN: "A neighbourhood with this name already exists (case and diacritics ignored)"},
		"neighborhood_inactive": {VI: "Khu phố này đã ngừng hoạt động, không nhận buổi tiếp nhận hay đề nghị tiếp nhận hồ sơ tại nhà mới",
			EN: "This neighbourhood has been deactivated and takes no new sessions or home pickup requests"},
	})
	httpx.RegisterRule("neighborhood_active", "neighborhood_id", "neighborhood_inactive")
}

func neighborhoodAPI(n wardsdb.Neighborhood) api.Neighborhood {
	return api.Neighborhood{Id: n.ID, WardId: n.WardID, Name: n.Name, Active: n.Active}
}

// nameTaken maps a collision on either unique name index to its 409.
func nameTaken(err error) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) && pg.Code == "23505" && nameKeys[pg.ConstraintName] {
		return &httpx.Error{Status: http.StatusConflict, Code: "neighborhood_name_taken",
			Fields: []httpx.FieldError{httpx.Field("name", "neighborhood_name_taken")}}
	}
	return err
}

func checkName(s string) (string, error) {
	v, code := httpx.CheckText(s, neighborhoodNameMax)
	if code != "" {
		return "", fault.Fields(fault.F("name", code))
	}
	return v, nil
}

// CreateNeighborhood implements POST /v1/neighborhoods: in the caller's own ward, audited.
func (h Handlers) CreateNeighborhood(ctx context.Context, r api.CreateNeighborhoodRequestObject) (api.CreateNeighborhoodResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	if id, ok := idempotency.Committed(ctx, "neighborhood"); ok {
		n, err := h.q.NeighborhoodByID(ctx, id)
		if err != nil {
			return nil, err
		}
		return api.CreateNeighborhood201JSONResponse(neighborhoodAPI(n)), nil
	}
	name, err := checkName(r.Body.Name)
	if err != nil {
		return nil, err
	}
	now := h.clock.Now()
	id := uuid.Must(uuid.NewV7())
	var out wardsdb.Neighborhood
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "neighborhood", id); err != nil {
			return err
		}
		var err error
		if out, err = h.q.WithTx(tx).InsertNeighborhood(ctx, wardsdb.InsertNeighborhoodParams{
			ID: id, WardID: caller.WardID, Name: name, CreatedAt: now}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "neighborhood.create",
			TargetType: "neighborhood", TargetID: id, At: now, Detail: map[string]any{"name": name}})
	})
	if err != nil {
		return nil, nameTaken(err)
	}
	return api.CreateNeighborhood201JSONResponse(neighborhoodAPI(out)), nil
}

// UpdateNeighborhood implements PATCH /v1/neighborhoods/{id}: rename, deactivate, reactivate a
// neighbourhood of the caller's ward (another ward's is not found). Each change is audited.
func (h Handlers) UpdateNeighborhood(ctx context.Context, r api.UpdateNeighborhoodRequestObject) (api.UpdateNeighborhoodResponseObject, error) {
	caller, err := auth.Caller(ctx)
	if err != nil {
		return nil, err
	}
	var name *string
	if r.Body.Name != nil {
		v, err := checkName(*r.Body.Name)
		if err != nil {
			return nil, err
		}
		name = &v
	}
	now := h.clock.Now()
	var out wardsdb.Neighborhood
	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		q := h.q.WithTx(tx)
		before, err := tenant.Load(ctx, r.Id, q.NeighborhoodForUpdate, func(n wardsdb.Neighborhood) bool { return n.WardID == caller.WardID })
		if err != nil {
			return err
		}
		if out, err = q.UpdateNeighborhood(ctx, wardsdb.UpdateNeighborhoodParams{ID: r.Id, Name: name, Active: r.Body.Active}); err != nil {
			return err
		}
		var events []audit.Event
		if out.Name != before.Name {
			events = append(events, audit.Event{Action: "neighborhood.rename", Detail: map[string]any{"from": before.Name, "to": out.Name}})
		}
		if out.Active != before.Active {
			action := "neighborhood.deactivate"
			if out.Active {
				action = "neighborhood.reactivate"
			}
			events = append(events, audit.Event{Action: action, Detail: map[string]any{"name": out.Name}})
		}
		for _, e := range events {
			e.WardID, e.ActorID, e.TargetType, e.TargetID, e.At = caller.WardID, caller.UserID, "neighborhood", r.Id, now
			if err := audit.Record(ctx, tx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, nameTaken(err)
	}
	return api.UpdateNeighborhood200JSONResponse(neighborhoodAPI(out)), nil
}
