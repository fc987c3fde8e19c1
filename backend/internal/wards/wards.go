// Package wards serves the public list of wards and their neighbourhoods (the tenants).
package wards

import (
	"context"
	"errors"
	"regexp"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/wards/wardsdb"
)

// Handlers implements the wards operations.
type Handlers struct {
	pool  *pgxpool.Pool
	q     *wardsdb.Queries
	clock clock.Clock
}

// NewHandlers wires the feature.
func NewHandlers(pool *pgxpool.Pool, clk clock.Clock) Handlers {
	return Handlers{pool: pool, q: wardsdb.New(pool), clock: clk}
}

// wardCode is the shape of a ward code (the database's CHECK), and so of a wards cursor.
var wardCode = regexp.MustCompile(`^[0-9]{5}$`)

// ListWards implements GET /v1/wards: ordered by code, cursor is the last code.
func (h Handlers) ListWards(ctx context.Context, r api.ListWardsRequestObject) (api.ListWardsResponseObject, error) {
	after, err := httpx.DecodeKeyCursor(r.Params.Cursor, wardCode)
	if err != nil {
		return nil, err
	}
	limit := httpx.Limit(r.Params.Limit)
	// A blank filter (an empty form field) means no filter: no ward has a blank province.
	province := httpx.CleanOptional(r.Params.Province)
	rows, err := h.q.ListWards(ctx, wardsdb.ListWardsParams{Province: province, AfterCode: after, Lim: int32(limit)})
	if err != nil {
		return nil, err
	}
	out := api.WardList{Items: make([]api.Ward, 0, len(rows))}
	for _, w := range rows {
		out.Items = append(out.Items, wardAPI(w))
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), limit, rows[len(rows)-1].Code)
	}
	return api.ListWards200JSONResponse(out), nil
}

// ListNeighborhoods implements GET /v1/wards/{code}/neighborhoods.
func (h Handlers) ListNeighborhoods(ctx context.Context, r api.ListNeighborhoodsRequestObject) (api.ListNeighborhoodsResponseObject, error) {
	w, err := h.q.WardByCode(ctx, r.Code)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, httpx.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	rows, err := h.q.NeighborhoodsOfWard(ctx, w.ID)
	if err != nil {
		return nil, err
	}
	out := api.NeighborhoodList{Items: make([]api.Neighborhood, 0, len(rows))}
	for _, n := range rows {
		out.Items = append(out.Items, neighborhoodAPI(n))
	}
	return api.ListNeighborhoods200JSONResponse(out), nil
}
