package app_test

import (
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/ops"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Routes the server serves on purpose outside the API contract.
var nonAPI = map[string]bool{
	"GET /metrics":      true,
	"GET /openapi.yaml": true,
	"GET /docs":         true,
	"GET /docs/*":       true,
	// the outreach web app (mobile-bridge/webapp); its screens' routes are ops.WebAppRoutes
	"GET /sw.js":                true,
	"GET /manifest.webmanifest": true,
	"GET /app/*":                true,
}

func init() {
	for _, r := range ops.WebAppRoutes {
		nonAPI["GET "+r] = true
	}
}

var fiberParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// Every route the server registers is in the contract, and every operation in the contract
// is served: adding one without the other fails here.
func TestRoutesMatchSpec(t *testing.T) {
	e := testkit.New(t)
	served := map[string]bool{}
	for _, r := range e.App.Fiber.GetRoutes(true) {
		if r.Method == http.MethodHead || r.Method == "USE" || r.Method == http.MethodOptions && r.Path == "/" {
			continue
		}
		key := r.Method + " " + fiberParam.ReplaceAllString(r.Path, "{$1}")
		if !nonAPI[r.Method+" "+r.Path] {
			served[key] = true
		}
	}
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		t.Fatal(err)
	}
	inSpec := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			inSpec[strings.ToUpper(method)+" "+path] = true
		}
	}
	var missingInSpec, missingInServer []string
	for k := range served {
		if !inSpec[k] {
			missingInSpec = append(missingInSpec, k)
		}
	}
	for k := range inSpec {
		if !served[k] {
			missingInServer = append(missingInServer, k)
		}
	}
	sort.Strings(missingInSpec)
	sort.Strings(missingInServer)
	if len(missingInSpec) > 0 {
		t.Errorf("served but not in api-spec/openapi.yaml: %v", missingInSpec)
	}
	if len(missingInServer) > 0 {
		t.Errorf("in api-spec/openapi.yaml but not served: %v", missingInServer)
	}
	if len(inSpec) == 0 {
		t.Fatal("the spec has no operations")
	}
}

// Every operation that is not public refuses an anonymous caller with 401 problem+json, and
// a caller whose role is not in x-roles with 403. The table is the contract itself, so new
// operations are covered the day they are added.
func TestEveryPrivateOperationRefusesAnonymousAndWrongRoles(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	users := map[string]testkit.User{}
	for _, r := range testkit.Roles {
		users[r] = e.NewUser(w, r)
	}
	doc, policies := specAndPolicies(t)
	checked := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			pol := policies[op.OperationID]
			if pol.Public {
				continue
			}
			url := fillPath(path)
			var body any
			if op.RequestBody != nil {
				body = map[string]any{}
			}
			t.Run(op.OperationID, func(t *testing.T) {
				res := e.Do(testkit.Req{Method: method, Path: url, Body: body})
				if res.Status != http.StatusUnauthorized || res.Header.Get("Content-Type") != "application/problem+json" {
					t.Errorf("anonymous %s %s: %d %s", method, url, res.Status, res.Body)
				}
				// RFC 6750 §3: a challenge on every 401, with no error code when no token was sent.
				if got := res.Header.Get("WWW-Authenticate"); got != `Bearer realm="motcua"` {
					t.Errorf("anonymous %s %s: WWW-Authenticate %q", method, url, got)
				}
				res = e.Do(testkit.Req{Method: method, Path: url, Body: body, Token: "not-a-token"})
				if res.Status != http.StatusUnauthorized {
					t.Errorf("garbage token %s %s: %d", method, url, res.Status)
				}
				if got := res.Header.Get("WWW-Authenticate"); got != `Bearer realm="motcua", error="invalid_token"` {
					t.Errorf("garbage token %s %s: WWW-Authenticate %q", method, url, got)
				}
				for _, role := range testkit.Roles {
					if pol.Roles != nil && !contains(pol.Roles, role) {
						res := e.Do(testkit.Req{Method: method, Path: url, Body: body, Token: users[role].Token})
						if res.Status != http.StatusForbidden {
							t.Errorf("%s as %s: %d, want 403", op.OperationID, role, res.Status)
						}
					}
				}
			})
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no private operations found")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var specParam = regexp.MustCompile(`\{([^}]+)\}`)

// fillPath puts plausible values into path parameters.
func fillPath(p string) string {
	return specParam.ReplaceAllStringFunc(p, func(m string) string {
		switch m {
		case "{code}":
			return "26734"
		case "{token}":
			return "some-device-token"
		}
		return "01900000-0000-7000-8000-000000000000"
	})
}
