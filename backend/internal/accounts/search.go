package accounts

import (
	"strings"

	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// likeEscaper escapes LIKE's wildcards (and its escape character, backslash).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchTerms turns the staff list's search box into what ListUsers compares, as the dossier
// search does: one LIKE pattern per word folded like fold_vi folds the names (no diacritics,
// lower case: "nguyen van" finds "Nguyễn Văn An", whatever the order of the words), and, from 3
// digits, the digits to find inside the stored E.164 phone. A whole number is read through
// package phone (so "+84 912 345 678", "0912345678" and "84912345678" are one number); a part of
// one ("0912", "912 345") drops its leading 0, as the stored +84… form has none. A blank search
// is no search (nil, nil).
func searchTerms(q *string) (words []string, digits *string) {
	if q == nil {
		return nil, nil
	}
	for _, w := range strings.Fields(procedure.Fold(*q)) {
		words = append(words, "%"+likeEscaper.Replace(w)+"%")
	}
	if len(words) == 0 {
		return nil, nil
	}
	if e164, err := phone.Normalize(*q); err == nil {
		d := strings.TrimPrefix(e164, "+")
		return words, &d
	}
	var b strings.Builder
	for _, r := range *q {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() >= 3 {
		d := strings.TrimPrefix(b.String(), "0")
		return words, &d
	}
	return words, nil
}
