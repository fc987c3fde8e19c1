package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/gate"
)

// records writes one coverage file: every operation answered 200 once, plus extra lines.
func records(t *testing.T, extra ...string) string {
	t.Helper()
	doc, err := gate.Load(apispec.YAML)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			lines = append(lines, op.OperationID+" 200")
		}
	}
	lines = append(lines, extra...)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "coverage-1.txt"), []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A 4xx the spec lists passes; one only `default` covers fails, and so does an operation
// without any 2xx.
func TestUndocumented4xxFails(t *testing.T) {
	r, err := check(records(t, "login 401", "login 429", "getMe 401", "getHealthz 500"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.missing) != 0 || len(r.undocumented) != 0 {
		t.Fatalf("listed statuses reported: %+v", r)
	}
	r, err = check(records(t, "getHealthz 404", "getMe 418"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"getHealthz 404", "getMe 418"}; !slices.Equal(r.undocumented, want) {
		t.Fatalf("undocumented = %v, want %v", r.undocumented, want)
	}

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "coverage-1.txt"), []byte("getMe 200\ngetHealthz 404\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err = check(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.missing) != r.total-1 || slices.Contains(r.missing, "getMe") {
		t.Fatalf("missing = %v of %d", r.missing, r.total)
	}
}
