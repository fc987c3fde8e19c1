// Package tenant is the one way to load a row that belongs to a ward (or to a person): a row of
// another ward, or one the caller may not see, answers exactly like a missing row.
package tenant

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/fault"
)

// Load reads the row with get (typically a sqlc query method) and answers fault.ErrNotFound
// when there is none or when visible refuses it. Other errors pass through unchanged.
func Load[K, R any](ctx context.Context, key K, get func(context.Context, K) (R, error), visible func(R) bool) (R, error) {
	row, err := get(ctx, key)
	if errors.Is(err, pgx.ErrNoRows) {
		var zero R
		return zero, fault.ErrNotFound
	}
	if err != nil {
		return row, err
	}
	if !visible(row) {
		var zero R
		return zero, fault.ErrNotFound
	}
	return row, nil
}
