// Package fault holds the few errors every feature's rules share, free of HTTP: a row that is not
// there (or not the caller's to see), a caller who may not act, and input that breaks a rule,
// field by field. Features add their own sentinels beside their domain types; each feature's
// handlers map its errors to problem codes in one place, and httpx renders these shared ones.
package fault

import (
	"errors"
	"strings"
)

// ErrNotFound: the row does not exist, or belongs to a tenant the caller may not see (both answer
// the same, so ids of other wards are not revealed).
var ErrNotFound = errors.New("not found")

// ErrForbidden: the caller is known but may not do this.
var ErrForbidden = errors.New("forbidden")

// Field is one input field's problem: the field's name as the contract spells it and a stable
// code whose words live in the message catalogue.
type Field struct {
	Name string
	Code string
}

// Invalid is input that is well-formed but breaks the rules.
type Invalid struct{ Fields []Field }

func (e *Invalid) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Name+": "+f.Code)
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Fields is the *Invalid for one or more field problems; nil when there are none, so
// `if err := fault.Fields(problems...); err != nil` reads naturally.
func Fields(fields ...Field) error {
	if len(fields) == 0 {
		return nil
	}
	return &Invalid{Fields: fields}
}

// F names one field's problem.
func F(name, code string) Field { return Field{Name: name, Code: code} }
