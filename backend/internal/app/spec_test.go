package app_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
)

// specAndPolicies is the contract and what it says about each operation, for tests that walk
// every operation (so operations added to the contract are tested the day they are added).
func specAndPolicies(t *testing.T) (*openapi3.T, map[string]gate.Policy) {
	t.Helper()
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		t.Fatal(err)
	}
	policies, err := gate.Policies(doc)
	if err != nil {
		t.Fatal(err)
	}
	return doc, policies
}
