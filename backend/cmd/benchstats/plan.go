package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
)

// node is one node of EXPLAIN (FORMAT JSON).
type node struct {
	Type     string  `json:"Node Type"`
	Relation string  `json:"Relation Name"`
	Index    string  `json:"Index Name"`
	Plans    []node  `json:"Plans"`
	Time     float64 `json:"Actual Total Time"`
}

type explained struct {
	Plan node    `json:"Plan"`
	Exec float64 `json:"Execution Time"`
}

// plan is a walked plan: its nodes in order and the big tables it reads sequentially.
type plan struct {
	nodes   []string
	seqBig  []string
	execMS  float64
	errText string
}

func walk(n node, big map[string]float64, p *plan) {
	s := n.Type
	switch {
	case n.Index != "":
		s += " " + n.Index
	case n.Relation != "":
		s += " " + n.Relation
	}
	p.nodes = append(p.nodes, s)
	if n.Type == "Seq Scan" {
		if rows, ok := big[n.Relation]; ok {
			p.seqBig = append(p.seqBig, fmt.Sprintf("%s (%.0f rows)", n.Relation, rows))
		}
	}
	for _, c := range n.Plans {
		walk(c, big, p)
	}
}

func parse(raw []byte, big map[string]float64) plan {
	var out []explained
	if err := json.Unmarshal(raw, &out); err != nil || len(out) == 0 {
		return plan{errText: fmt.Sprintf("unreadable plan: %v", err)}
	}
	p := plan{execMS: out[0].Exec}
	walk(out[0].Plan, big, &p)
	return p
}

// custom explains and runs the statement with the arguments the server bound (the plan a
// custom plan gets, with actual times).
func custom(ctx context.Context, pool *pgxpool.Pool, q query, big map[string]float64) plan {
	var raw []byte
	if err := pool.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON)\n"+q.sql, q.args...).Scan(&raw); err != nil {
		return plan{errText: err.Error()}
	}
	return parse(raw, big)
}

// generic is the plan PostgreSQL may switch a prepared statement to after five executions: the
// statement prepared as the server prepares it, explained under force_generic_plan (its
// parameters are unknown to the planner, so NULLs stand in for them).
func generic(ctx context.Context, pool *pgxpool.Pool, q query, big map[string]float64) plan {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return plan{errText: err.Error()}
	}
	defer conn.Release()
	c := conn.Conn()
	sd, err := c.Prepare(ctx, "benchstats_generic", q.sql)
	if err != nil {
		return plan{errText: err.Error()}
	}
	defer c.Deallocate(context.Background(), "benchstats_generic")
	defer c.Exec(context.Background(), "RESET plan_cache_mode")
	if _, err := c.Exec(ctx, "SET plan_cache_mode = force_generic_plan"); err != nil {
		return plan{errText: err.Error()}
	}
	args := ""
	if n := len(sd.ParamOIDs); n > 0 {
		args = "(" + strings.TrimSuffix(strings.Repeat("NULL, ", n), ", ") + ")"
	}
	var raw []byte
	if err := c.QueryRow(ctx, "EXPLAIN (FORMAT JSON) EXECUTE benchstats_generic"+args).Scan(&raw); err != nil {
		return plan{errText: err.Error()}
	}
	return parse(raw, big)
}

// bigTables are the tables with at least min rows (by the planner's statistics).
func bigTables(ctx context.Context, pool *pgxpool.Pool, min float64) (map[string]float64, error) {
	rows, err := pool.Query(ctx, `SELECT c.relname, c.reltuples::float8 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.reltuples >= $1`, min)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var n string
		var t float64
		if err := rows.Scan(&n, &t); err != nil {
			return nil, err
		}
		out[n] = t
	}
	return out, rows.Err()
}
