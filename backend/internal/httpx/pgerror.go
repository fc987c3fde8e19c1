package httpx

import (
	"errors"
	"net/http"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgconn"
)

// The safety net under validation: when PostgreSQL refuses a value of the request (a data
// exception, a CHECK, a value too large for an index), the client gets a 4xx, never a
// 500. Reaching it means a check is missing in the gate or the feature, so it is logged (as an
// InputFault, which the application logs as a warning) for someone to add the check.

// InputFault is a database error caused by the request's input.
type InputFault struct{ Err error }

func (f *InputFault) Error() string {
	return "the database refused an input value (a validation is missing): " + f.Err.Error()
}

func (f *InputFault) Unwrap() error { return f.Err }

var errUnstorable = Text{VI: "Một giá trị gửi lên không thể lưu, vui lòng kiểm tra lại", EN: "A value sent cannot be stored; please check it"}

// fromDatabase maps an input-caused PostgreSQL error to its problem and reports it through log;
// nil for any other error.
func fromDatabase(c *fiber.Ctx, err error, log func(c *fiber.Ctx, err error)) *Error {
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		return nil
	}
	if pg.Code == "23514" {
		if f, ok := ruleOf(pg.ConstraintName); ok {
			return Invalid(f) // a rule the database keeps, in the rule's own words: nothing missing
		}
	}
	var e *Error
	switch {
	case strings.HasPrefix(pg.Code, "22"): // data exception: bad text, NUL, out of range, too long…
		e = &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Detail: errUnstorable}
	case pg.Code == "23514": // a CHECK on a column's value (other constraints are races or bugs: 500)
		e = &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Detail: errUnstorable}
	case pg.Code == "54000": // program limit exceeded: a value too large for an index row
		e = &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Detail: errUnstorable}
	default:
		return nil
	}
	log(c, &InputFault{Err: err})
	return e
}

// Some rules are kept by the database alone (a trigger that sees every writer, and races), raised
// as a check_violation naming a constraint. A feature registers the field and code such a
// refusal means, so the client gets that field's message rather than "a value cannot be stored".
var rules sync.Map // constraint name → FieldError

// RegisterRule maps a check_violation raised under constraint to a 422 on field with code.
func RegisterRule(constraint, field, code string) { rules.Store(constraint, Field(field, code)) }

func ruleOf(constraint string) (FieldError, bool) {
	if constraint == "" {
		return FieldError{}, false
	}
	f, ok := rules.Load(constraint)
	if !ok {
		return FieldError{}, false
	}
	return f.(FieldError), true
}
