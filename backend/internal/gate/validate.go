package gate

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// validateRequest checks parameters and body against the contract and turns what kin-openapi
// reports into our problem codes: malformed JSON is 400, a wrong content type 415, bad
// parameters 400 and bad body fields 422, each with errors[] naming the field.
// On success a JSON body's decoded value is left on req.Body (see validatedBody).
func validateRequest(ctx context.Context, req *http.Request, route *routers.Route, params map[string]string) error {
	err := openapi3filter.ValidateRequest(ctx, &openapi3filter.RequestValidationInput{
		Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
			SchemaValidationOptions: formats,
			// Keep the decoded body for the strict server (see validatedBody) and leave it as
			// the client sent it: the contract declares no defaults in request bodies, and
			// filling them in would re-encode the body for nothing.
			KeepValidatedValue: true, SkipSettingDefaults: true},
	})
	if err == nil {
		return nil
	}
	var (
		paramFields, bodyFields []httpx.FieldError
		malformed, badType      bool
	)
	for _, re := range requestErrors(err) {
		switch {
		case re.Parameter != nil:
			paramFields = append(paramFields, fieldErrors(re.Err, re.Parameter.Name)...)
		case re.RequestBody != nil:
			var pe *openapi3filter.ParseError
			switch {
			case strings.HasPrefix(re.Reason, "header Content-Type has unexpected value"):
				badType = true
			case errors.As(re.Err, &pe), errors.Is(re.Err, openapi3filter.ErrInvalidRequired),
				errors.Is(re.Err, openapi3filter.ErrInvalidEmptyValue):
				malformed = true
			default:
				bodyFields = append(bodyFields, fieldErrors(re.Err, "")...)
			}
		}
	}
	switch {
	case badType:
		return httpx.NewError(http.StatusUnsupportedMediaType, "unsupported_media_type")
	case malformed:
		return httpx.NewError(http.StatusBadRequest, "malformed_json")
	case len(paramFields) > 0:
		return paramError(paramFields)
	case len(bodyFields) > 0:
		return httpx.Invalid(bodyFields...)
	}
	return httpx.NewError(http.StatusBadRequest, "bad_request")
}

// formats are checked as the handlers will read them: a uuid in its 36-character form (any
// version: PostgreSQL's uuid type and uuid.Parse accept all), a date and a date-time that exist
// in the calendar (kin-openapi's patterns alone let 2026-02-30 through to a binder's 400).
var formats = []openapi3.SchemaValidationOption{
	openapi3.WithStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)),
	openapi3.WithStringFormatValidator("date", parses(time.DateOnly, openapi3.FormatOfStringDate)),
	openapi3.WithStringFormatValidator("date-time", parses(time.RFC3339, openapi3.FormatOfStringDateTime)),
}

func parses(layout, pattern string) openapi3.StringFormatValidator {
	re := openapi3.NewRegexpFormatValidator(pattern)
	return openapi3.NewCallbackValidator(func(s string) error {
		if err := re.Validate(s); err != nil {
			return err
		}
		_, err := time.Parse(layout, s)
		return err
	})
}

// paramError is the 400 for bad parameters. A cursor is opaque to the client, so whatever is
// wrong with one is invalid_cursor, as every list answers a cursor it did not make.
func paramError(fields []httpx.FieldError) *httpx.Error {
	onlyCursor := true
	for i := range fields {
		if fields[i].Field == "cursor" {
			fields[i].Code = "invalid_cursor"
		} else {
			onlyCursor = false
		}
	}
	if onlyCursor {
		return httpx.ErrBadCursor
	}
	return &httpx.Error{Status: http.StatusBadRequest, Code: "validation_failed", Fields: fields}
}

func requestErrors(err error) []*openapi3filter.RequestError {
	// A RequestError wraps a MultiError of schema errors, so look for it first.
	if re, ok := err.(*openapi3filter.RequestError); ok {
		return []*openapi3filter.RequestError{re}
	}
	var out []*openapi3filter.RequestError
	if me, ok := err.(openapi3.MultiError); ok {
		for _, e := range me {
			out = append(out, requestErrors(e)...)
		}
		return out
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		out = append(out, re)
	}
	return out
}

// fieldErrors flattens schema errors into field errors; prefix names a parameter.
func fieldErrors(err error, prefix string) []httpx.FieldError {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []httpx.FieldError
		for _, e := range me {
			out = append(out, fieldErrors(e, prefix)...)
		}
		return out
	}
	var se *openapi3.SchemaError
	if !errors.As(err, &se) {
		if errors.Is(err, openapi3filter.ErrInvalidRequired) {
			return []httpx.FieldError{httpx.Field(prefix, "required")}
		}
		return []httpx.FieldError{httpx.Field(prefix, "invalid_format")}
	}
	path := se.JSONPointer()
	if prefix != "" {
		path = append([]string{prefix}, path...)
	}
	field := strings.Join(path, "/")
	code := schemaCode(se.SchemaField)
	if strings.HasSuffix(se.Reason, "is unsupported") { // additionalProperties: false
		code = "unknown_field"
	}
	if code == "unknown_field" || code == "required" {
		// kin-openapi names the offending property only in the reason: `property "x" is …`.
		if name, ok := quoted(se.Reason); ok && !strings.HasSuffix(field, name) {
			field = strings.TrimPrefix(field+"/"+name, "/")
		}
	}
	return []httpx.FieldError{httpx.Field(field, code)}
}

func quoted(s string) (string, bool) {
	_, rest, ok := strings.Cut(s, `"`)
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, `"`)
	return name, ok
}

func schemaCode(field string) string {
	switch field {
	case "required":
		return "required"
	case "type", "nullable":
		return "invalid_type"
	case "maxLength", "maxItems", "maxProperties":
		return "too_long"
	case "minLength", "minItems", "minProperties":
		return "too_short"
	case "maximum", "exclusiveMaximum":
		return "too_large"
	case "minimum", "exclusiveMinimum":
		return "too_small"
	case "enum":
		return "invalid_value"
	case "additionalProperties":
		return "unknown_field"
	}
	return "invalid_format" // format, pattern, oneOf…
}

// ValidatedBodyKey is the Fiber Locals key under which the gate leaves the JSON body it decoded
// and validated. The generated strict server binds the handler's request body from that value
// (runtime.BindJSONValue: struct fields matched exactly, no second JSON parse) and decodes the
// raw body only when the value is absent or does not fit. It is the key oapi-codegen's
// fiber-middleware uses, spelled out in api.gen.go as validatedBodyLocalsKey;
// TestStrictServerReusesTheValidatedBody fails if the two part.
const ValidatedBodyKey = "x-oapi-codegen-validated-body"

// validatedBody is the value kin-openapi decoded from req's body and validated (JSON numbers
// as json.Number), or nil when the operation has no body or none was sent.
func validatedBody(req *http.Request) any {
	if b, ok := req.Body.(interface{ ValidatedValue() any }); ok {
		return b.ValidatedValue()
	}
	return nil
}
