package testkit

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/db"
)

// NewBehindCut builds an Env whose application reaches its database through a CutProxy, for
// outage tests. The test's own helpers (e.Pool, NewUser, Count, …) connect directly and keep
// working while the proxy is cut. The application's pool sends each statement's text every
// time (no prepared-statement cache), so CutOn can recognise any statement.
func NewBehindCut(t testing.TB, opts ...Option) (*Env, *CutProxy) {
	t.Helper()
	pool, dbURL := NewDB(t)
	cfg, err := pgconn.ParseConfig(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	network, target := "tcp", fmt.Sprintf("%s:%d", cfg.Host, cfg.Port)
	if strings.HasPrefix(cfg.Host, "/") {
		network, target = "unix", filepath.Join(cfg.Host, fmt.Sprintf(".s.PGSQL.%d", cfg.Port))
	}
	proxy := NewCutProxy(t, network, target)
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = proxy.Addr()
	q := u.Query()
	q.Del("host")
	q.Del("port")
	q.Set("default_query_exec_mode", "describe_exec")
	u.RawQuery = q.Encode()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	appPool, err := db.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(appPool.Close)
	return build(t, pool, appPool, dbURL, opts), proxy
}
