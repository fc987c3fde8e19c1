package gate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Text no field may hold, refused here for every operation before anything reads it:
// PostgreSQL cannot store U+0000 or bytes that are not UTF-8 (they used to come back as 500s),
// and nobody types the other C0 control characters or DEL into a form. Tab, line feed and
// carriage return are allowed only in the texts the contract marks `x-multiline: true` (notes,
// reasons, comments). Path, query and header parameters answer 400, body texts 422.
//
// The postal webhook's body (x-raw-body, HMAC-signed) is checked here too, before its
// signature: the gate already validates that body against the contract before the handler
// verifies the signature, the rule holds whoever sent the bytes (a correctly signed NUL is as
// unstorable as an unsigned one), and the answer reveals nothing but the public contract.
const (
	codeControl  = "control_character"
	codeEncoding = "invalid_utf8"
)

// notUTF8 stands, in a body, for bytes that are not UTF-8 so that the field holding them can be
// named after decoding (encoding/json would silently turn them into U+FFFD). U+FFFF is a
// noncharacter, refused in its own right.
const notUTF8 = '\uFFFF'

func init() {
	httpx.RegisterFields(map[string]httpx.Text{
		codeControl:  {VI: "Không được chứa ký tự điều khiển (như ký tự NUL, hoặc xuống dòng ở ô chỉ có một dòng)", EN: "Must not contain control characters (such as NUL, or a line break in a one-line field)"},
		codeEncoding: {VI: "Văn bản không đúng mã UTF-8", EN: "Not valid UTF-8 text"},
	})
}

// textFault is the field code for a text that may not be stored, or "".
func textFault(s string, multiline bool) string {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r == notUTF8:
			return codeEncoding
		case r == '\t', r == '\n', r == '\r':
			if !multiline {
				return codeControl
			}
		case r < 0x20, r == 0x7f:
			return codeControl
		}
		i += n
	}
	return ""
}

// checkText applies the rule to the request's parameters and JSON body. Its faults come before
// the contract's validation errors (validation, the result of validating the request), so a
// request with both is told about the text. decoded is the body validation decoded, or nil:
// when the body is valid UTF-8 it is what this would decode, so it is walked instead of parsing
// the JSON once more (a body that is not UTF-8 is decoded here, to name the field holding the
// bad bytes).
func checkText(req *http.Request, route *routers.Route, pathParams map[string]string, body []byte, validation error, decoded any) error {
	if fields := paramTextFaults(req, route, pathParams); len(fields) > 0 {
		return paramError(fields)
	}
	if fields := bodyTextFaults(req, route, body, decoded); len(fields) > 0 {
		return httpx.Invalid(fields...)
	}
	return validation
}

func paramTextFaults(req *http.Request, route *routers.Route, pathParams map[string]string) []httpx.FieldError {
	var out []httpx.FieldError
	params := slices.Concat(route.PathItem.Parameters, route.Operation.Parameters)
	for _, ref := range params {
		p := ref.Value
		var v string
		switch p.In {
		case openapi3.ParameterInPath:
			raw := pathParams[p.Name]
			if s, err := url.PathUnescape(raw); err == nil {
				raw = s
			}
			v = raw
		case openapi3.ParameterInHeader:
			v = req.Header.Get(p.Name)
		default:
			continue
		}
		if code := textFault(v, false); code != "" {
			out = append(out, httpx.Field(p.Name, code))
		}
	}
	// Every query pair, declared or not: a handler may read what the contract does not list.
	for pair := range strings.SplitSeq(req.URL.RawQuery, "&") {
		k, v, _ := strings.Cut(pair, "=")
		if s, err := url.QueryUnescape(k); err == nil {
			k = s
		}
		if s, err := url.QueryUnescape(v); err == nil {
			v = s
		}
		if code := textFault(k, false); code != "" {
			out = append(out, httpx.Field(printable(k), code))
		} else if code := textFault(v, false); code != "" {
			out = append(out, httpx.Field(printable(k), code))
		}
	}
	return out
}

// maxTextFaults bounds the field errors of one body (a hostile body may hold thousands).
const maxTextFaults = 20

func bodyTextFaults(req *http.Request, route *routers.Route, body []byte, decoded any) []httpx.FieldError {
	rb := route.Operation.RequestBody
	if len(body) == 0 || rb == nil || rb.Value == nil {
		return nil
	}
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
		return nil // the contract's own validation answers a wrong content type
	}
	var schema *openapi3.Schema
	if c := rb.Value.Content.Get("application/json"); c != nil && c.Schema != nil {
		schema = c.Schema.Value
	}
	v := decoded
	if valid := utf8.Valid(body); v == nil || !valid {
		if !valid {
			body = bytes.ToValidUTF8(body, []byte(string(notUTF8)))
		}
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			return nil // malformed JSON: the contract's own validation answers it
		}
	}
	var out []httpx.FieldError
	walkText(v, schema, nil, &out)
	return out
}

// walkText collects the faults of every string in v, object keys included, following the
// schema to know which texts are multi-line. The field's name is only built for a fault (a
// deeply nested body would otherwise cost its depth squared).
func walkText(v any, s *openapi3.Schema, path []string, out *[]httpx.FieldError) {
	if len(*out) >= maxTextFaults {
		return
	}
	switch x := v.(type) {
	case string:
		if code := textFault(x, multiline(s)); code != "" {
			*out = append(*out, httpx.Field(fieldName(path), code))
		}
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if code := textFault(k, false); code != "" {
				*out = append(*out, httpx.Field(fieldName(append(path, k)), code))
				continue
			}
			walkText(x[k], property(s, k), append(path, k), out)
		}
	case []any:
		var items *openapi3.Schema
		if s != nil && s.Items != nil {
			items = s.Items.Value
		}
		for i, item := range x {
			walkText(item, items, append(path, strconv.Itoa(i)), out)
		}
	}
}

func multiline(s *openapi3.Schema) bool {
	return s != nil && s.Extensions["x-multiline"] == true
}

// property is the schema of an object's property name (declared, in an allOf part, or the
// additionalProperties schema); nil when unknown, which means a one-line text.
func property(s *openapi3.Schema, name string) *openapi3.Schema {
	if s == nil {
		return nil
	}
	if p := s.Properties[name]; p != nil {
		return p.Value
	}
	for _, part := range s.AllOf {
		if p := property(part.Value, name); p != nil {
			return p
		}
	}
	if ap := s.AdditionalProperties.Schema; ap != nil {
		return ap.Value
	}
	return nil
}

// fieldName is the path of a body field as the contract's validation names it (a/b/0), each
// part printable.
func fieldName(path []string) string {
	parts := make([]string, len(path))
	for i, p := range path {
		parts[i] = printable(p)
	}
	return strings.Join(parts, "/")
}

// printable names a field whose name is itself the fault without echoing the bytes back:
// control characters as \uXXXX, bytes that are not UTF-8 as \xXX, and at most 64 bytes.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 64; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x20, r == 0x7f, r == notUTF8:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
