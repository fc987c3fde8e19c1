package testkit

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
)

// Contract validates responses against api-spec/openapi.yaml and records which operations
// tests exercised (into $CONTRACT_COVERAGE_DIR, read by cmd/contractcheck after the suite).
type Contract struct {
	Doc    *openapi3.T
	router routers.Router
	mu     sync.Mutex
	file   *os.File
}

var (
	contractOnce sync.Once
	contract     *Contract
	contractErr  error
)

// SharedContract loads the contract once per test binary.
func SharedContract() (*Contract, error) {
	contractOnce.Do(func() {
		doc, err := gate.Load(apispec.YAML)
		if err != nil {
			contractErr = err
			return
		}
		r, err := gorillamux.NewRouter(doc)
		if err != nil {
			contractErr = err
			return
		}
		contract = &Contract{Doc: doc, router: r}
		if dir := os.Getenv("CONTRACT_COVERAGE_DIR"); dir != "" {
			f, err := os.CreateTemp(dir, "coverage-*.txt")
			if err != nil {
				contractErr = err
				return
			}
			contract.file = f
		}
	})
	return contract, contractErr
}

// Check validates one exchange. Requests that match no operation are not checked.
func (c *Contract) Check(t testing.TB, req *http.Request, reqBody []byte, status int, header http.Header, body []byte) {
	t.Helper()
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := c.router.FindRoute(r)
	if err != nil {
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	err = openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
	if err != nil {
		t.Errorf("contract: %s %s → %d does not match api-spec/openapi.yaml: %v\nbody: %s", req.Method, req.URL.Path, status, err, truncate(body))
	}
	declared := route.Operation.Responses.Status(status) != nil
	if status >= 400 && !declared && header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("contract: %s %s → %d has Content-Type %q, want application/problem+json", req.Method, req.URL.Path, status, header.Get("Content-Type"))
	}
	if c.file != nil {
		c.mu.Lock()
		fmt.Fprintf(c.file, "%s %d\n", route.Operation.OperationID, status)
		c.mu.Unlock()
	}
}

func truncate(b []byte) string {
	if len(b) > 500 {
		return string(b[:500]) + "…"
	}
	return string(b)
}

// CoverageFiles lists the coverage records in dir.
func CoverageFiles(dir string) ([]string, error) {
	return filepath.Glob(filepath.Join(dir, "coverage-*.txt"))
}
