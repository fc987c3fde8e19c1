package procedure

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold turns Vietnamese text into what search compares: diacritics removed (NFD, combining
// marks dropped, đ/Đ → d), lower case, runs of white space collapsed to one space. So
// "Đăng  ký KHAI SINH" and "dang ky khai sinh" fold to the same string.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// searchText is what the search_text column holds for a procedure.
func searchText(name, code string) string { return Fold(name + " " + code) }

// likeEscaper escapes LIKE's wildcards (and its escape character, backslash).
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchPatterns turns a query into one LIKE pattern per folded word; every one must match.
func searchPatterns(q string) []string {
	words := strings.Fields(Fold(q))
	out := make([]string, 0, len(words)) // never nil: an empty array matches everything
	for _, w := range words {
		out = append(out, "%"+likeEscaper.Replace(w)+"%")
	}
	return out
}
