package accounts

import "github.com/google/uuid"

// SearchSQL is the staff list's statement for a search of q in a ward, first page (the plan test
// explains it).
func SearchSQL(ward uuid.UUID, q string) (string, []any) {
	words, digits := searchTerms(&q)
	return searchSQL(userSearch{WardID: ward, Words: words, Digits: digits, Lim: 20})
}
