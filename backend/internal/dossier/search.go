package dossier

import (
	"strings"
	"unicode"

	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// likeEscaper escapes LIKE's wildcards (and its escape character, backslash).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchTerms turns the console's search box into what the dossier list compares: the text folded
// like the procedure search (no diacritics, lower case: an officer types "nguyen van an" for
// "Nguyễn Văn An") with LIKE's wildcards escaped, and its digits when there are at least 3 and no
// letter (a phone number, typed with or without spaces, from 0 or +84; a code fragment such as
// "7K3Q9" is no phone number). A blank search is no search.
func searchTerms(q *string) (text, digits *string) {
	if q == nil {
		return nil, nil
	}
	folded := procedure.Fold(*q)
	if folded == "" {
		return nil, nil
	}
	t := likeEscaper.Replace(folded)
	var b strings.Builder
	for _, r := range folded {
		switch {
		case unicode.IsDigit(r):
			b.WriteRune(r)
		case unicode.IsLetter(r):
			return &t, nil
		}
	}
	if b.Len() >= 3 {
		// Phones are kept as +84…: a number typed with its leading 0 matches without it.
		d := strings.TrimPrefix(b.String(), "0")
		return &t, &d
	}
	return &t, nil
}
