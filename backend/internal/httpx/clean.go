package httpx

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// CleanText normalises user-typed text: Unicode NFC (Vietnamese keyboards send both composed
// and decomposed diacritics), trimmed, inner runs of white space folded to one space.
func CleanText(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// CheckText cleans s and returns the field error code when it is blank or longer than max runes.
func CheckText(s string, max int) (string, string) {
	s = CleanText(s)
	switch {
	case s == "":
		return s, "blank"
	case utf8.RuneCountInString(s) > max:
		return s, "too_long"
	}
	return s, ""
}

// CleanOptional cleans an optional text; blank becomes absent.
func CleanOptional(s *string) *string {
	if s == nil {
		return nil
	}
	c := CleanText(*s)
	if c == "" {
		return nil
	}
	return &c
}
