// Package httpx holds what every feature's HTTP side shares: typed errors rendered as
// application/problem+json (RFC 9457) in Vietnamese or English, and the common middleware.
package httpx

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
)

// ProblemContentType is the media type of every error response.
const ProblemContentType = "application/problem+json"

// Error is a typed API error. Handlers and services return it; the error handler renders it.
type Error struct {
	Status     int
	Code       string
	Title      Text // empty: the catalogue's title for Code
	Detail     Text
	Fields     []FieldError
	RetryAfter time.Duration // sets Retry-After when > 0
	Challenge  string        // WWW-Authenticate of a 401; empty: BearerChallenge
}

// FieldError is one problem with one input field.
type FieldError struct {
	Field string
	Code  string
	Msg   Text // empty: the catalogue's message for Code
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Detail.EN != "" {
		b.WriteString(": " + e.Detail.EN)
	}
	for _, f := range e.Fields {
		b.WriteString("; " + f.Field + ": " + f.Code)
	}
	return b.String()
}

// NewError makes an error with the catalogue's title for code and an optional detail.
func NewError(status int, code string, detail ...Text) *Error {
	e := &Error{Status: status, Code: code}
	if len(detail) > 0 {
		e.Detail = detail[0]
	}
	return e
}

// IllegalTransition is the 409 for a move that the resource's current state does not allow.
// Every resource answers with the same stable code, illegal_transition (clients switch on it),
// and a title that names the resource: a booking's speaks of the "lịch hẹn", never of a "hồ sơ".
func IllegalTransition(title Text) *Error {
	return &Error{Status: http.StatusConflict, Code: "illegal_transition", Title: title}
}

// Invalid is the 422 for input that is well-formed but breaks the rules, field by field.
func Invalid(fields ...FieldError) *Error {
	return &Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Fields: fields}
}

// Field names one field's problem, with the catalogue's message for code.
func Field(field, code string) FieldError { return FieldError{Field: field, Code: code} }

// BearerChallenge is the WWW-Authenticate every 401 carries unless the error or the gate says
// more (RFC 9110 §11.6.1 requires one challenge; RFC 6750 §3 defines the Bearer one).
const BearerChallenge = `Bearer realm="motcua"`

// InvalidTokenChallenge answers a bearer token that was sent but is bad, expired or revoked.
const InvalidTokenChallenge = BearerChallenge + `, error="invalid_token"`

// Common errors.
var (
	ErrUnauthorized = NewError(http.StatusUnauthorized, "unauthorized")
	ErrForbidden    = NewError(http.StatusForbidden, "forbidden")
	ErrNotFound     = NewError(http.StatusNotFound, "not_found")
)

func (e *Error) title() Text {
	if e.Title.VI != "" {
		return e.Title
	}
	return Message(e.Code)
}

// Problem is the JSON body of an error response.
type Problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []ProblemField `json:"errors,omitempty"`
}

// ProblemField is one entry of Problem.Errors.
type ProblemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Render writes e as problem+json.
func Render(c *fiber.Ctx, e *Error) error {
	lang := Lang(c)
	p := Problem{
		Type:      "urn:motcua:problem:" + e.Code,
		Title:     e.title().In(lang),
		Status:    e.Status,
		Detail:    e.Detail.In(lang),
		Instance:  c.Path(),
		Code:      e.Code,
		RequestID: RequestID(c),
	}
	for _, f := range e.Fields {
		msg := f.Msg
		if msg.VI == "" {
			msg = FieldMessage(f.Code)
		}
		p.Errors = append(p.Errors, ProblemField{Field: f.Field, Code: f.Code, Message: msg.In(lang)})
	}
	if e.RetryAfter > 0 {
		secs := int((e.RetryAfter + time.Second - 1) / time.Second)
		c.Set(fiber.HeaderRetryAfter, strconv.Itoa(secs))
	}
	if e.Status == http.StatusUnauthorized {
		switch {
		case e.Challenge != "":
			c.Set(fiber.HeaderWWWAuthenticate, e.Challenge)
		case len(c.Response().Header.Peek(fiber.HeaderWWWAuthenticate)) == 0:
			c.Set(fiber.HeaderWWWAuthenticate, BearerChallenge)
		}
	}
	c.Set(fiber.HeaderContentLanguage, lang)
	return c.Status(e.Status).JSON(p, ProblemContentType)
}
