// Package gate is the one shared guard in front of every API operation. It reads the contract
// (api-spec/openapi.yaml) once and puts a guard first on each operation's route (see Mount).
// Per request the guard authenticates the caller unless the operation is public (`security:
// []`), checks the caller's role against the operation's `x-roles` (the only role check:
// handlers read the caller with auth.Caller), validates the request against the contract
// (field errors in the caller's language) and hands the decoded body on to the generated
// handler, and applies Idempotency-Key handling to operations marked `x-idempotent`. Ward
// scoping is then done by each feature with the Principal this puts in the context.
package gate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// Authenticator turns a bearer token into the caller.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (auth.Principal, error)
}

// Idempotency runs next at most once per (scope, Idempotency-Key), replaying its response.
type Idempotency interface {
	Handle(c *fiber.Ctx, scope string, next func() error) error
}

// Policy is what the contract says about one operation.
type Policy struct {
	Public     bool
	Roles      []string
	Idempotent bool
	RawBody    bool
}

// Gate guards the API operations.
type Gate struct {
	ops   map[string]*operation // by "METHOD /path/{param}"
	authn Authenticator
	idem  Idempotency
}

// operation is what the gate knows of one operation before any request: Fiber's route for it
// leads straight here, so a request is matched to its operation once, by Fiber.
type operation struct {
	route  *routers.Route // for kin-openapi's validation
	policy Policy
	params []string // the path's parameter names
}

// Load parses and validates the contract.
func Load(spec []byte) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("load api spec: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("invalid api spec: %w", err)
	}
	// Match on paths only, whatever host the server is reached by.
	doc.Servers = openapi3.Servers{{URL: "/"}}
	return doc, nil
}

// New builds the gate. It fails when an authenticated operation declares no x-roles, so no
// route can be added without saying who may call it.
func New(spec []byte, authn Authenticator, idem Idempotency) (*Gate, error) {
	doc, err := Load(spec)
	if err != nil {
		return nil, err
	}
	policies, err := Policies(doc)
	if err != nil {
		return nil, err
	}
	ops := map[string]*operation{}
	for path, item := range doc.Paths.Map() {
		var params []string
		for _, m := range specParam.FindAllStringSubmatch(path, -1) {
			params = append(params, m[1])
		}
		for method, op := range item.Operations() {
			ops[method+" "+path] = &operation{
				route:  &routers.Route{Spec: doc, Server: doc.Servers[0], Path: path, PathItem: item, Method: method, Operation: op},
				policy: policies[op.OperationID], params: params,
			}
		}
	}
	return &Gate{ops: ops, authn: authn, idem: idem}, nil
}

// Policies reads each operation's policy from the contract.
func Policies(doc *openapi3.T) (map[string]Policy, error) {
	out := map[string]Policy{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("%s %s has no operationId", method, path)
			}
			p := Policy{Public: op.Security != nil && len(*op.Security) == 0}
			if raw, ok := op.Extensions["x-roles"].([]any); ok {
				for _, r := range raw {
					p.Roles = append(p.Roles, fmt.Sprint(r))
				}
			}
			if !p.Public && len(p.Roles) == 0 {
				return nil, fmt.Errorf("%s %s (%s) needs x-roles or security: []", method, path, op.OperationID)
			}
			p.Idempotent, _ = op.Extensions["x-idempotent"].(bool)
			p.RawBody, _ = op.Extensions["x-raw-body"].(bool)
			out[op.OperationID] = p
		}
	}
	return out, nil
}

// guard is the handler Fiber runs before op's generated handler: it authenticates the caller
// unless the operation is public, checks the role against x-roles, validates the request
// (handing the decoded body on), and applies Idempotency-Key handling.
func (g *Gate) guard(op *operation) fiber.Handler {
	route, pol := op.route, op.policy
	return func(c *fiber.Ctx) error {
		req, err := adaptor.ConvertRequest(c, false)
		if err != nil {
			return httpx.NewError(http.StatusBadRequest, "bad_request")
		}
		if req.Method == http.MethodHead {
			// HEAD is GET without the body (RFC 9110 §9.3.2); Fiber drops the body on the way out.
			req.Method = http.MethodGet
		}
		// As kin-openapi's router gave them: the path's text, still percent-encoded.
		params := make(map[string]string, len(op.params))
		for _, name := range op.params {
			params[name] = c.Params(name)
		}
		c.Locals(httpx.LocalsRoute, route.Path)
		ctx := httpx.WithClientIP(c.UserContext(), c.IP())
		scope := "anonymous"
		if !pol.Public {
			token, ok := bearer(c.Get(fiber.HeaderAuthorization))
			if !ok {
				return httpx.ErrUnauthorized
			}
			p, err := g.authn.Authenticate(ctx, token)
			if err != nil {
				return invalidToken(err)
			}
			if !p.Is(pol.Roles...) {
				return httpx.ErrForbidden
			}
			ctx = auth.WithPrincipal(ctx, p)
			scope = p.UserID.String()
		}
		if pol.RawBody {
			ctx = httpx.WithRawBody(ctx, bytes.Clone(c.Body()))
		}
		c.SetUserContext(ctx)
		// The body is decoded once, by the validation; the text rule then walks that value, and
		// the generated handler binds it.
		err = validateRequest(ctx, req, route, params)
		var body any
		if err == nil {
			body = validatedBody(req)
		}
		if err := checkText(req, route, params, c.Body(), err, body); err != nil {
			return err
		}
		if body != nil {
			// kin-openapi decodes the first JSON value and ignores what follows; the generated
			// handler's own decoder refused trailing data, so the gate does now that the handler
			// binds the decoded value (json.Valid scans without allocating).
			if !json.Valid(c.Body()) {
				return httpx.NewError(http.StatusBadRequest, "malformed_json")
			}
			c.Locals(ValidatedBodyKey, body)
		}
		if pol.Idempotent && c.Get("Idempotency-Key") != "" {
			return g.idem.Handle(c, scope, c.Next)
		}
		return c.Next()
	}
}

func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// invalidToken marks a refused bearer token as such in the 401's challenge (RFC 6750 §3.1), so
// a client knows to refresh rather than to ask for a login it already has.
func invalidToken(err error) error {
	var he *httpx.Error
	if !errors.As(err, &he) || he.Status != http.StatusUnauthorized || he.Challenge != "" {
		return err
	}
	e := *he
	e.Challenge = httpx.InvalidTokenChallenge
	return &e
}
