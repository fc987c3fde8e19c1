package httpx_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit/loglines"
)

// Only failures to reach the database are "unavailable" (503, retry); errors about the request
// or the data are not, so they can never hide behind a retry.
func TestIsUnavailable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a port that refuses connections once closed
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, refused := pgx.Connect(ctx, "postgres://postgres@"+addr+"/x?sslmode=disable&connect_timeout=2")
	if refused == nil {
		t.Fatal("connected to a closed port")
	}
	pg := func(code string) error { return fmt.Errorf("query: %w", &pgconn.PgError{Code: code}) }
	for _, c := range []struct {
		err  error
		want bool
	}{
		{refused, true},
		{pg("08006"), true}, {pg("08001"), true}, {pg("57P01"), true}, {pg("57P02"), true}, {pg("57P03"), true}, {pg("53300"), true},
		{fmt.Errorf("failed to receive message: %w", io.ErrUnexpectedEOF), true},
		{fmt.Errorf("acquire: %w", context.DeadlineExceeded), true},
		{pgconn.ErrConnClosed, true},
		{&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, true},
		{pg("23505"), false}, {pg("22P02"), false}, {pg("22021"), false}, {pg("42P01"), false}, {pg("57014"), false},
		{context.Canceled, false}, {errors.New("disk on fire"), false}, {pgx.ErrNoRows, false}, {nil, false},
	} {
		if got := httpx.IsUnavailable(c.err); got != c.want {
			t.Errorf("IsUnavailable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// However many failures an outage brings, it is logged as one line when it starts and one when
// the probe finds the database again; the next outage logs its own two lines.
func TestOutageLogsStateChangesOnly(t *testing.T) {
	var buf loglines.Buffer
	var up atomic.Bool
	o := &httpx.Outage{Name: "database", Log: slog.New(slog.NewTextHandler(&buf, nil)), Every: time.Millisecond,
		Probe: func(context.Context) error {
			if up.Load() {
				return nil
			}
			return io.ErrUnexpectedEOF
		}}
	wait := func() {
		for end := time.Now().Add(10 * time.Second); o.Down(); time.Sleep(time.Millisecond) {
			if time.Now().After(end) {
				t.Fatal("outage never ended")
			}
		}
	}
	for outage := 1; outage <= 2; outage++ {
		up.Store(false)
		var wg sync.WaitGroup
		for i := 0; i < 1000; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); o.Failed(io.ErrUnexpectedEOF) }()
		}
		wg.Wait()
		if !o.Down() {
			t.Fatal("not down after failures")
		}
		up.Store(true)
		wait()
		if d, b := buf.Count("database unreachable"), buf.Count("database reachable again"); d != outage || b != outage {
			t.Fatalf("after %d outages: %d down lines, %d back lines:\n%s", outage, d, b, buf.String())
		}
	}
}
