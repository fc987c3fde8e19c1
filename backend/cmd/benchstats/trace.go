package main

import (
	"context"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
)

// query is one statement the application sent, with the arguments it bound.
type query struct {
	sql  string
	args []any
}

// recorder is a pgx tracer that keeps the statements the server runs while recording: the plan
// check explains what the code really sends, whatever the feature packages' queries become.
type recorder struct {
	mu   sync.Mutex
	on   bool
	seen []query
}

func (r *recorder) start() {
	r.mu.Lock()
	r.on, r.seen = true, nil
	r.mu.Unlock()
}

func (r *recorder) stop() []query {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.on = false
	return r.seen
}

func (r *recorder) add(sql string, args []any) {
	r.mu.Lock()
	if r.on {
		r.seen = append(r.seen, query{sql: sql, args: append([]any(nil), args...)})
	}
	r.mu.Unlock()
}

func (r *recorder) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	r.add(d.SQL, d.Args)
	return ctx
}

func (r *recorder) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (r *recorder) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

func (r *recorder) TraceBatchQuery(_ context.Context, _ *pgx.Conn, d pgx.TraceBatchQueryData) {
	r.add(d.SQL, d.Args)
}

func (r *recorder) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

// isRead reports whether a statement is a plain read (the plan check explains only those).
func isRead(sql string) bool {
	s := strings.TrimSpace(stripComments(sql))
	u := strings.ToUpper(s)
	if !strings.HasPrefix(u, "SELECT") && !strings.HasPrefix(u, "WITH") {
		return false
	}
	// A data-modifying CTE or a locking read is not a list query.
	for _, w := range []string{"INSERT ", "UPDATE ", "DELETE ", "FOR UPDATE", "FOR SHARE", "PG_ADVISORY", "PG_NOTIFY"} {
		if strings.Contains(u, w) {
			return false
		}
	}
	return true
}

// name is sqlc's "-- name: X :kind" of a statement, or its first words.
func name(sql string) string {
	for _, line := range strings.Split(sql, "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "-- name: "); ok {
			return strings.Fields(rest)[0]
		}
	}
	s := strings.Join(strings.Fields(stripComments(sql)), " ")
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return s
}

func stripComments(sql string) string {
	var b strings.Builder
	for _, line := range strings.Split(sql, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}
