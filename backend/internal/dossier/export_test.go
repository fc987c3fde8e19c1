package dossier

import (
	"time"

	"github.com/google/uuid"
)

// SetCodeSource replaces the code generator until restore is called (tests force collisions).
func SetCodeSource(f func(received time.Time) string) (restore func()) {
	old := newCode
	newCode = f
	return func() { newCode = old }
}

// SearchSQL is the list's statement for a staff search of q in a ward, first page (the plan test
// explains it).
func SearchSQL(ward uuid.UUID, q string) (string, []any) {
	p := listParams{WardID: ward, Lim: 20}
	p.Q, p.QDigits = searchTerms(&q)
	return listSQL(p)
}
