package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The gate is the one place roles are checked: for every operation with x-roles, each role the
// contract lists is let through by the gate AND by the handler behind it, and each role it does
// not list is refused 403 `forbidden` by the gate. The handler layer is also called directly,
// without the gate, with a principal of each listed role: a handler that re-checked roles more
// strictly than x-roles (auth.Require with fewer roles, a role switch that refuses) answers one
// of them 401/403 and fails here. The table is the contract itself.
//
// Each request is as valid as the contract can make it (path ids of nothing: 404; bodies built
// from the schemas and checked against them), so the handler runs past its first lines; what it
// answers (404, 409, 422…) is not this test's business, only that no listed role is refused.
func TestEveryListedRoleGetsPastGateAndHandler(t *testing.T) {
	w := newRoleWorld(t)
	var answers []string
	w.each(t, func(op *openapi3.Operation, pol gate.Policy, method, target string, body any, role string) {
		// The whole application, through the gate, with the role's real token.
		res := w.e.Do(testkit.Req{Method: method, Path: target, Body: body, Token: w.users[role].Token})
		if !contains(pol.Roles, role) {
			if res.Status != http.StatusForbidden || res.Problem(t).Code != "forbidden" {
				t.Errorf("%s as %s (not in x-roles %v): %d %s, want 403 forbidden", op.OperationID, role, pol.Roles, res.Status, res.Body)
			}
			return
		}
		if refusedForRole(res.Status) {
			t.Errorf("%s as %s (in x-roles %v), through the gate: %d %s", op.OperationID, role, pol.Roles, res.Status, res.Body)
		}
		answers = append(answers, fmt.Sprintf("%s as %s: %d", op.OperationID, role, res.Status))
	})
	// The handler layer alone, with each listed role's principal.
	for _, r := range w.handlerRefusals(t, w.e.App.API) {
		t.Errorf("handler without the gate: %s", r)
	}
	sort.Strings(answers)
	t.Logf("answers through the gate:\n%s", strings.Join(answers, "\n"))
}

// The check above catches a handler that re-checks roles more strictly than x-roles: here
// getStats (x-roles [officer, admin]) is made to refuse officers, as an auth.Require(ctx,
// RoleAdmin) left in its handler would.
func TestAHandlerStricterThanXRolesIsCaught(t *testing.T) {
	w := newRoleWorld(t)
	got := w.handlerRefusals(t, adminOnlyStats{w.e.App.API})
	if len(got) != 1 || !strings.HasPrefix(got[0], "getStats as officer: 403") {
		t.Fatalf("refusals = %q, want getStats as officer only", got)
	}
}

type adminOnlyStats struct{ api.StrictServerInterface }

func (s adminOnlyStats) GetStats(ctx context.Context, r api.GetStatsRequestObject) (api.GetStatsResponseObject, error) {
	if p, err := auth.Caller(ctx); err != nil || !p.Is(auth.RoleAdmin) {
		return nil, httpx.ErrForbidden
	}
	return s.StrictServerInterface.GetStats(ctx, r)
}

// roleWorld is a ward with one user of each role, and the contract to walk.
type roleWorld struct {
	e          *testkit.Env
	ward       testkit.Ward
	users      map[string]testkit.User
	principals map[string]auth.Principal
	doc        *openapi3.T
	policies   map[string]gate.Policy
}

func newRoleWorld(t *testing.T) *roleWorld {
	e := testkit.New(t)
	w := &roleWorld{e: e, ward: e.NewWard("26734", 1), users: map[string]testkit.User{}, principals: map[string]auth.Principal{}}
	for _, r := range testkit.Roles {
		w.users[r] = e.NewUser(w.ward, r)
		p, err := e.App.Auth.Authenticate(context.Background(), w.users[r].Token)
		if err != nil {
			t.Fatal(err)
		}
		w.principals[r] = p
	}
	w.doc, w.policies = specAndPolicies(t)
	return w
}

// each calls f for every operation with x-roles and every role, with a request the contract
// accepts (see examplePath and exampleBody).
func (w *roleWorld) each(t *testing.T, f func(op *openapi3.Operation, pol gate.Policy, method, target string, body any, role string)) {
	checked := 0
	for path, item := range w.doc.Paths.Map() {
		for method, op := range item.Operations() {
			pol := w.policies[op.OperationID]
			if pol.Public {
				continue
			}
			checked++
			body := exampleBody(t, op)
			for _, role := range testkit.Roles {
				target := examplePath(t, path, op, item, w.ward.Code)
				if placeholder, ok := ownPath[op.OperationID]; ok {
					target = strings.Replace(target, placeholder, w.users[role].ID.String(), 1)
				}
				f(op, pol, method, target, body, role)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no operation has x-roles")
	}
}

// handlerRefusals calls srv, the handler layer, with no gate in front: for every operation and
// every role its x-roles lists, a principal of that role and the example request. It returns
// the calls answered 401 or 403.
func (w *roleWorld) handlerRefusals(t *testing.T, srv api.StrictServerInterface) []string {
	h := handlerLayer(t, srv, w.principals)
	var out []string
	w.each(t, func(op *openapi3.Operation, pol gate.Policy, method, target string, body any, role string) {
		if !contains(pol.Roles, role) {
			return
		}
		if status, raw := h.do(t, method, target, body, role); refusedForRole(status) {
			out = append(out, fmt.Sprintf("%s as %s: %d %s (x-roles %v)", op.OperationID, role, status, raw, pol.Roles))
		}
	})
	sort.Strings(out)
	return out
}

// ownPath holds the operations whose path names a person the caller may only be themselves
// when of a lesser role (a rule finer than x-roles, answered 403): the test then names the
// caller. The value is the placeholder examplePath leaves for the path's id.
var ownPath = map[string]string{
	"setVolunteerDuty": exampleID, // a volunteer sets only their own duty
}

const exampleID = "01900000-0000-7000-8000-000000000000"

// refusedForRole is an answer that refuses the caller as such: no answer to a listed role may be
// one, whatever the request's other faults.
func refusedForRole(status int) bool {
	return status == http.StatusUnauthorized || status == http.StatusForbidden
}

// handlers is the generated strict server over the application's handlers, with no gate: a
// middleware puts the principal of the role named in X-Test-Role where the gate would.
type handlers struct{ f *fiber.App }

func handlerLayer(t *testing.T, srv api.StrictServerInterface, principals map[string]auth.Principal) handlers {
	f := fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(c *fiber.Ctx, err error) {
		t.Logf("%s %s: internal error %v", c.Method(), c.Path(), err)
	})})
	f.Use(func(c *fiber.Ctx) error {
		ctx := httpx.WithClientIP(c.UserContext(), c.IP())
		c.SetUserContext(auth.WithPrincipal(ctx, principals[c.Get("X-Test-Role")]))
		return c.Next()
	})
	api.RegisterHandlers(f, api.NewStrictHandler(srv, nil))
	return handlers{f}
}

func (h handlers) do(t *testing.T, method, target string, body any, role string) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req := httptest.NewRequest(method, target, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Test-Role", role)
	res, err := h.f.Test(req, -1)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	return res.StatusCode, raw
}

// examplePath fills the path's parameters and the operation's required query parameters with
// values their schemas accept: ids of nothing, the test ward's code, next year.
func examplePath(t *testing.T, path string, op *openapi3.Operation, item *openapi3.PathItem, wardCode string) string {
	t.Helper()
	q := url.Values{}
	for _, ref := range append(append(openapi3.Parameters{}, item.Parameters...), op.Parameters...) {
		p := ref.Value
		var v any
		switch p.Name {
		case "code", "ward_code":
			v = wardCode
		case "year":
			v = 2027
		default:
			v = example(p.Schema.Value)
		}
		switch p.In {
		case openapi3.ParameterInPath:
			path = strings.ReplaceAll(path, "{"+p.Name+"}", url.PathEscape(fmt.Sprint(v)))
		case openapi3.ParameterInQuery:
			if p.Required {
				q.Set(p.Name, fmt.Sprint(v))
			}
		}
	}
	if len(q) > 0 {
		return path + "?" + q.Encode()
	}
	return path
}

// exampleBody is a JSON body the operation's schema accepts (required members only), or nil.
func exampleBody(t *testing.T, op *openapi3.Operation) any {
	t.Helper()
	if op.RequestBody == nil {
		return nil
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	v := example(mt.Schema.Value)
	// Round-trip through JSON so the schema sees what a client would send.
	b, _ := json.Marshal(v)
	var sent any
	_ = json.Unmarshal(b, &sent)
	if err := mt.Schema.Value.VisitJSON(sent); err != nil {
		t.Errorf("%s: the example body %s does not match the contract (teach example more): %v", op.OperationID, b, err)
	}
	return v
}

// example is a value s accepts: its example, its first enum value, or the least value of its
// type that meets its format and bounds; for an object, its required members.
func example(s *openapi3.Schema) any {
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	// allOf: the parts' members together when they are objects, else the first part's value.
	var merged map[string]any
	for _, part := range s.AllOf {
		v := example(part.Value)
		if m, ok := v.(map[string]any); ok {
			if merged == nil {
				merged = map[string]any{}
			}
			maps.Copy(merged, m)
			continue
		}
		if v != nil && merged == nil {
			return v
		}
	}
	if merged != nil {
		return merged
	}
	for _, part := range append(s.OneOf, s.AnyOf...) {
		return example(part.Value)
	}
	switch {
	case s.Type.Is(openapi3.TypeObject) || len(s.Properties) > 0:
		out := map[string]any{}
		for _, name := range s.Required {
			if p := s.Properties[name]; p != nil {
				out[name] = example(p.Value)
			}
		}
		// minProperties beyond the required ones: the optional members in name order.
		for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
			if uint64(len(out)) >= s.MinProps {
				break
			}
			if _, ok := out[name]; !ok {
				out[name] = example(s.Properties[name].Value)
			}
		}
		return out
	case s.Type.Is(openapi3.TypeArray):
		out := []any{}
		for i := range s.MinItems {
			// uniqueItems over an enum: its values in order.
			if s.UniqueItems && int(i) < len(s.Items.Value.Enum) {
				out = append(out, s.Items.Value.Enum[i])
				continue
			}
			out = append(out, example(s.Items.Value))
		}
		return out
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		if s.Min != nil {
			return *s.Min
		}
		return 1
	case s.Type.Is(openapi3.TypeBoolean):
		return false
	}
	switch s.Format {
	case "uuid":
		return exampleID
	case "date":
		return "2027-03-01"
	case "date-time":
		return "2027-03-01T08:00:00+07:00"
	}
	switch s.Pattern {
	case "^[0-9]{5}$":
		return "26734"
	case "^[0-9]{4}$":
		return "1234"
	case "^([01][0-9]|2[0-3]):[0-5][0-9]$":
		return "08:00"
	}
	if s.MinLength > 0 {
		return strings.Repeat("a", int(s.MinLength))
	}
	return "Thử"
}
