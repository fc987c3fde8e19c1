// Package phone normalises phone numbers to E.164, reading national Vietnamese forms
// (0912 345 678) as +84.
package phone

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// ErrInvalid means the input is not a valid phone number.
var ErrInvalid = errors.New("invalid phone number")

// Normalize returns the number in E.164 (e.g. "+84912345678"). Numbers without a country code
// are read as Vietnamese. Only numbers the numbering plan says are valid are accepted.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 20 {
		return "", ErrInvalid
	}
	n, err := phonenumbers.Parse(s, "VN")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", ErrInvalid
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}
