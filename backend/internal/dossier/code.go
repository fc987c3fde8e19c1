package dossier

import (
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/shortcode"
)

// newCode makes a code like "2611-7K3Q9M": year and month of receipt, then 30 random bits.
func newCode(received time.Time) string {
	return received.In(calendar.Location).Format("0601") + "-" + shortcode.New(6)
}
