package dossier

import (
	"crypto/rand"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// codeAlphabet is Crockford's base32: no I, L, O or U, so a code read aloud or typed from a
// printed receipt is not mistaken.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newCode makes a code like "2611-7K3Q9M": year and month of receipt, then 30 random bits.
func newCode(received time.Time) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	out := []byte(received.In(calendar.Location).Format("0601") + "-")
	for _, x := range b {
		out = append(out, codeAlphabet[int(x)%len(codeAlphabet)])
	}
	return string(out)
}
