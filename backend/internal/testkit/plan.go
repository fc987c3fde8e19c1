package testkit

import (
	"encoding/json"
	"testing"
)

// PlanIndexes are the indexes an `EXPLAIN (FORMAT JSON)` plan reads, for tests that check a
// statement is served by the index meant for it.
func PlanIndexes(t testing.TB, raw []byte) map[string]bool {
	t.Helper()
	type node struct {
		Index string `json:"Index Name"`
		Plans []node `json:"Plans"`
	}
	var out []struct{ Plan node }
	if err := json.Unmarshal(raw, &out); err != nil || len(out) == 0 {
		t.Fatalf("plan %s: %v", raw, err)
	}
	seen := map[string]bool{}
	var walk func(n node)
	walk = func(n node) {
		if n.Index != "" {
			seen[n.Index] = true
		}
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(out[0].Plan)
	return seen
}
