package app_test

import (
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/motcuagandan/motcua/api-spec"
)

// The contract as shipped (gate.Load replaces its servers, so this reads the file itself): a
// relative server URL, so the /docs page calls the host it was loaded from, and the response
// headers documented on every response that carries them.
func TestSpecDocumentsServersAndHeaders(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(apispec.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Servers) == 0 {
		t.Fatal("no servers")
	}
	for _, s := range doc.Servers {
		if !strings.HasPrefix(s.URL, "/") {
			t.Errorf("server %q is not relative", s.URL)
		}
	}
	for _, h := range []string{"RequestId", "RetryAfter", "IdempotentReplayed", "WWWAuthenticate"} {
		if doc.Components.Headers[h] == nil {
			t.Errorf("components/headers/%s missing", h)
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			idem, _ := op.Extensions["x-idempotent"].(bool)
			public := op.Security != nil && len(*op.Security) == 0
			where := method + " " + path
			if !public && op.Responses.Value("401") == nil {
				t.Errorf("%s: 401 not listed", where)
			}
			if idem && (op.Responses.Value("409") == nil || op.Responses.Value("422") == nil) {
				t.Errorf("%s: x-idempotent without 409 (in progress) and 422 (key reused)", where)
			}
			for status, ref := range op.Responses.Map() {
				hs := ref.Value.Headers
				if hs["X-Request-Id"] == nil {
					t.Errorf("%s %s: no X-Request-Id", where, status)
				}
				var want []string
				switch {
				case idem && strings.HasPrefix(status, "2"):
					want = []string{"Idempotent-Replayed"}
				case status == "401":
					want = []string{"WWW-Authenticate"}
				case status == "409", status == "429", status == "default":
					want = []string{"Retry-After"}
				}
				for _, h := range want {
					if hs[h] == nil {
						t.Errorf("%s %s: no %s", where, status, h)
					}
				}
				if status == "429" && !hs["Retry-After"].Value.Required {
					t.Errorf("%s 429: Retry-After not required", where)
				}
			}
		}
	}
}
