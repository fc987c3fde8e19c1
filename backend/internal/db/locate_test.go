package db

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The last fallback when no PostgreSQL answers: a project-local cluster made with the
// machine's own initdb and pg_ctl, created once and reused.
func TestLocalClusterFallback(t *testing.T) {
	if _, err := pgBin("initdb"); err != nil {
		t.Skip("no initdb on this machine")
	}
	dir, err := os.MkdirTemp("", "motcua-pgdata-")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MOTCUA_PGDATA", dir)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url, err := startLocalCluster(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pgctl, _ := pgBin("pg_ctl")
		args := []string{pgctl, "-D", filepath.Join(dir, "data"), "-m", "immediate", "stop"}
		if os.Geteuid() == 0 {
			args = append([]string{"runuser", "-u", "postgres", "--"}, args...)
		}
		if out, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Logf("stop: %v %s", err, out)
		}
		os.RemoveAll(dir)
	})
	if err := ensureDatabase(ctx, url+"postgres", "motcua"); err != nil {
		t.Fatal(err)
	}
	pool, err := Open(ctx, url+"motcua")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	if err := Migrate(ctx, pool); err != nil {
		t.Fatal(err)
	}
	// A second start finds it running and reuses it.
	again, err := startLocalCluster(ctx)
	if err != nil || again != url {
		t.Fatalf("second start: %q, %v", again, err)
	}
}
