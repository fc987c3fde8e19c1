package httpx

import (
	"errors"
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// fromRules renders the errors every feature's rules share (package fault, package lifecycle)
// when the feature's handlers did not map them to words of their own. nil: not one of them.
func fromRules(err error) *Error {
	var inv *fault.Invalid
	switch {
	case errors.As(err, &inv):
		fields := make([]FieldError, 0, len(inv.Fields))
		for _, f := range inv.Fields {
			fields = append(fields, Field(f.Name, f.Code))
		}
		return Invalid(fields...)
	case errors.Is(err, fault.ErrNotFound):
		return ErrNotFound
	case errors.Is(err, fault.ErrForbidden), errors.Is(err, lifecycle.ErrForbidden):
		return ErrForbidden
	case errors.Is(err, lifecycle.ErrIllegal):
		return &Error{Status: http.StatusConflict, Code: "illegal_transition"}
	}
	return nil
}
