package testkit

import (
	"context"
	"encoding/json"
	"testing"
)

// PlanIndexes are the indexes the plan of sql reads, for tests that check a statement is served
// by the index meant for it. Sequential scans are priced out, as in a table too big to read
// whole: a test's few thousand rows are read faster sequentially than through any index, a
// ward's hundreds of thousands are not.
func (e *Env) PlanIndexes(t testing.TB, sql string, args ...any) map[string]bool {
	t.Helper()
	ctx := context.Background()
	tx, err := e.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	if err := tx.QueryRow(ctx, "EXPLAIN (FORMAT JSON) "+sql, args...).Scan(&raw); err != nil {
		t.Fatal(err)
	}
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
