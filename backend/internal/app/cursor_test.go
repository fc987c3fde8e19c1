package app_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Every list in the contract (every operation with a `cursor` query parameter, so a new list
// is covered the day it is added) answers a broken cursor the same way: 400 invalid_cursor
// naming the cursor, before any query runs. The wards list used to pass the decoded bytes to
// PostgreSQL as text (500), and the lists disagreed on the status and code.
func TestEveryListRefusesBrokenCursors(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	users := map[string]testkit.User{}
	for _, r := range testkit.Roles {
		users[r] = e.NewUser(w, r)
	}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	broken := []string{
		"_wA",                  // decodes to bytes that are not UTF-8
		"99999999999999999999", // decodes to binary
		"!!!",                  // not base64
		"A",                    // not a whole base64 quantum
		"AAAA====",             // padded
		b64("not-a-position"),
		b64("\x00"),
		b64("01900000-0000-7000-8000-00000000000"), // one digit short of an id
		b64("2673"), // one digit short of a ward code
		b64(strings.Repeat("9", 150)),
		strings.Repeat("A", 201), // longer than the contract allows
		"%00",                    // sent as a NUL
		"%FF",                    // sent as a byte that is not UTF-8
	}
	doc, policies := specAndPolicies(t)
	lists := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Parameters.GetByInAndName("query", "cursor") == nil {
				continue
			}
			lists++
			token := ""
			if pol := policies[op.OperationID]; !pol.Public {
				token = users[pol.Roles[0]].Token
			}
			base := fillPath(path) + "?" + requiredQuery(op)
			t.Run(op.OperationID, func(t *testing.T) {
				// The list itself answers (so the refusals below are about the cursor).
				e.Expect(http.StatusOK, testkit.Req{Method: method, Path: base, Token: token})
				for _, c := range broken {
					raw := c
					if !strings.HasPrefix(c, "%") {
						raw = url.QueryEscape(c)
					}
					res := e.Do(testkit.Req{Method: method, Path: base + "&cursor=" + raw, Token: token})
					if res.Status != http.StatusBadRequest {
						t.Errorf("cursor %q: status %d: %s", c, res.Status, res.Body)
						continue
					}
					p := res.Problem(t)
					if p.Code != "invalid_cursor" || len(p.Errors) != 1 || p.Errors[0].Field != "cursor" || p.Errors[0].Code != "invalid_cursor" {
						t.Errorf("cursor %q: %+v, want invalid_cursor on cursor", c, p)
					}
				}
			})
		}
	}
	if lists < 9 {
		t.Fatalf("found %d lists in the contract", lists)
	}
}

// requiredQuery gives the operation's required query parameters a valid value.
func requiredQuery(op *openapi3.Operation) string {
	q := url.Values{"limit": {"5"}}
	for _, p := range op.Parameters {
		if p.Value.In != "query" || !p.Value.Required {
			continue
		}
		switch p.Value.Name {
		case "ward_code":
			q.Set("ward_code", "26734")
		default:
			q.Set(p.Value.Name, "x")
		}
	}
	return q.Encode()
}
