// Which error becomes which problem: the Fiber error handler and its mappings.

package httpx

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// ErrorHandler is the Fiber error handler: typed errors become their problem, Fiber's own
// errors map to stable codes, a database refusing an input value is a 4xx (pgerror.go), and
// anything else is a 500 that is logged but never shown.
func ErrorHandler(log func(c *fiber.Ctx, err error)) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		var e *Error
		if errors.As(err, &e) {
			return Render(c, e)
		}
		if e := fromRules(err); e != nil {
			return Render(c, e)
		}
		var fe *fiber.Error
		if errors.As(err, &fe) {
			return Render(c, fromFiber(fe))
		}
		if IsUnavailable(err) {
			return renderUnavailable(c, err, log)
		}
		if e := fromDatabase(c, err, log); e != nil {
			return Render(c, e)
		}
		log(c, err)
		return Render(c, NewError(http.StatusInternalServerError, "internal"))
	}
}

// fiberCodes are the stable codes of the statuses Fiber answers by itself.
var fiberCodes = map[int]string{
	http.StatusNotFound:                    "not_found",
	http.StatusMethodNotAllowed:            "method_not_allowed",
	http.StatusRequestEntityTooLarge:       "payload_too_large",
	http.StatusUnsupportedMediaType:        "unsupported_media_type",
	http.StatusTooManyRequests:             "rate_limited",
	http.StatusRequestHeaderFieldsTooLarge: "headers_too_large",
}

func fromFiber(fe *fiber.Error) *Error {
	if code, ok := fiberCodes[fe.Code]; ok {
		return NewError(fe.Code, code)
	}
	switch {
	case fe.Code == http.StatusUnprocessableEntity || fe.Code == http.StatusBadRequest:
		// Fiber's body parser and the generated parameter binders: the request is malformed.
		return NewError(http.StatusBadRequest, "bad_request")
	case fe.Code >= 500:
		return NewError(http.StatusInternalServerError, "internal")
	}
	return NewError(fe.Code, "bad_request")
}

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
