package httpx

import (
	"encoding/base64"
	"net/http"

	"github.com/google/uuid"
)

// Page sizes for cursor-paginated lists.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// Limit returns the page size asked for, defaulted and clamped.
func Limit(l *int) int {
	switch {
	case l == nil || *l <= 0:
		return DefaultLimit
	case *l > MaxLimit:
		return MaxLimit
	}
	return *l
}

// EncodeCursor makes an opaque cursor from a position string.
func EncodeCursor(pos string) string { return base64.RawURLEncoding.EncodeToString([]byte(pos)) }

// DecodeCursor reads a cursor made by EncodeCursor; a bad one is a 400 on the cursor field.
func DecodeCursor(c *string) (string, error) {
	if c == nil || *c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(*c)
	if err != nil {
		return "", errBadCursor
	}
	return string(b), nil
}

// DecodeIDCursor reads a cursor whose position is a UUID (lists ordered by UUIDv7 id).
func DecodeIDCursor(c *string) (uuid.NullUUID, error) {
	s, err := DecodeCursor(c)
	if err != nil || s == "" {
		return uuid.NullUUID{}, err
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.NullUUID{}, errBadCursor
	}
	return uuid.NullUUID{UUID: id, Valid: true}, nil
}

var errBadCursor = &Error{Status: http.StatusBadRequest, Code: "validation_failed", Fields: []FieldError{{Field: "cursor", Code: "invalid_cursor"}}}

func init() {
	RegisterFields(map[string]Text{"invalid_cursor": {"Con trỏ phân trang không hợp lệ", "Invalid pagination cursor"}})
}

// NextCursor returns the cursor for the page after one that ended at pos, or nil when the
// page was not full (no more items).
func NextCursor(got, limit int, pos string) *string {
	if got < limit {
		return nil
	}
	c := EncodeCursor(pos)
	return &c
}
