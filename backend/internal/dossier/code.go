package dossier

import (
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/shortcode"
)

// newCode makes a code like "2611-7K3Q9M": year and month of receipt (Vietnam time), then six
// Crockford base32 characters from crypto/rand (30 bits). Codes are globally unique: a taken one
// is drawn again (insertWithFreshCode). A variable only so tests can force a collision.
var newCode = func(received time.Time) string {
	return received.In(calendar.Location).Format("0601") + "-" + shortcode.New(6)
}
