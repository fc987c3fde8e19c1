package httpx

import (
	"encoding/base64"
	"net/http"
	"regexp"

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

// ErrBadCursor is how every list refuses a cursor it did not make, or one that names no
// position in it: 400 invalid_cursor on the cursor parameter. The client starts over.
var ErrBadCursor = &Error{Status: http.StatusBadRequest, Code: "invalid_cursor", Fields: []FieldError{{Field: "cursor", Code: "invalid_cursor"}}}

// decodeCursor is the one way a cursor is read: base64url without padding of a position that
// must match shape, checked before the position goes anywhere near a query.
func decodeCursor(c *string, shape *regexp.Regexp) (string, bool, error) {
	if c == nil || *c == "" {
		return "", false, nil
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(*c)
	if err != nil || !shape.Match(b) {
		return "", false, ErrBadCursor
	}
	return string(b), true, nil
}

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// DecodeIDCursor reads a cursor whose position is a UUID (lists ordered by UUIDv7 id).
func DecodeIDCursor(c *string) (uuid.NullUUID, error) {
	s, ok, err := decodeCursor(c, uuidShape)
	if !ok {
		return uuid.NullUUID{}, err
	}
	id, err := uuid.Parse(s)
	if err != nil {
		return uuid.NullUUID{}, ErrBadCursor
	}
	return uuid.NullUUID{UUID: id, Valid: true}, nil
}

// DecodeKeyCursor reads a cursor whose position is a key of the given shape (e.g. a ward code);
// "" when there is no cursor.
func DecodeKeyCursor(c *string, shape *regexp.Regexp) (string, error) {
	s, _, err := decodeCursor(c, shape)
	return s, err
}

func init() {
	Register(map[string]Text{"invalid_cursor": {"Con trỏ phân trang không hợp lệ, vui lòng tải lại danh sách từ đầu", "Invalid pagination cursor; load the list again from the start"}})
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
