// Command idlecheck measures what an idle `motcua serve` costs after it has delivered a push:
// it builds the binary (or takes -bin), runs it on a throw-away database and a free port, causes
// one push (a citizen registers a device, an officer receives a dossier for them), waits until
// the push is sent, then leaves the server alone for -idle and reads its CPU time
// (/proc/<pid>/stat utime+stime) and its database's transactions (pg_stat_database
// xact_commit+xact_rollback). It fails when either is over its target.
//
//	go run ./backend/cmd/idlecheck [-bin bin/motcua] [-idle 30s]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/seed"
)

func main() {
	bin := flag.String("bin", "", "the motcua binary to measure (default: build ./backend/cmd/motcua)")
	idle := flag.Duration("idle", 30*time.Second, "how long to leave the server idle")
	maxCPU := flag.Float64("max-cpu", 5, "target: at most this % of one core while idle")
	maxTx := flag.Float64("max-tx", 50, "target: at most this many database transactions per second while idle")
	flag.Parse()
	if err := run(*bin, *idle, *maxCPU, *maxTx); err != nil {
		fmt.Fprintln(os.Stderr, "idlecheck:", err)
		os.Exit(1)
	}
}

func run(bin string, idle time.Duration, maxCPU, maxTx float64) error {
	ctx := context.Background()
	if bin == "" {
		dir, err := os.MkdirTemp("", "idlecheck")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "motcua")
		if out, err := exec.Command("go", "build", "-o", bin, "./backend/cmd/motcua").CombinedOutput(); err != nil {
			return fmt.Errorf("build: %v\n%s", err, out)
		}
	}
	pool, cleanup, err := db.Scratch(ctx, "motcua_idle", 2)
	if err != nil {
		return err
	}
	defer cleanup()
	dbName := pool.Config().ConnConfig.Database
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	env := append(os.Environ(), "DATABASE_URL="+pool.Config().ConnString(), "HTTP_ADDR="+addr,
		"PASSWORD_HASH_MEMORY_KIB=1024", "PASSWORD_HASH_ITERATIONS=1")
	seedCmd := exec.Command(bin, "seed")
	seedCmd.Env = env
	if out, err := seedCmd.CombinedOutput(); err != nil {
		return fmt.Errorf("seed: %v\n%s", err, out)
	}
	srv := exec.Command(bin, "serve")
	srv.Env = env
	logs := &lineCounter{}
	srv.Stdout, srv.Stderr = logs, logs
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()

	c := client{base: "http://" + addr}
	if err := c.waitReady(); err != nil {
		return err
	}
	if err := causePush(c); err != nil {
		return err
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		var sent int
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM push_jobs WHERE state = 'sent'").Scan(&sent); err != nil {
			return err
		}
		if sent > 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the push was not sent within 30 s")
		}
	}
	time.Sleep(2 * time.Second) // let the round that sent it finish

	cpu0, err := benchkit.CPU(srv.Process.Pid)
	if err != nil {
		return err
	}
	tx0, err := transactions(ctx, pool, dbName)
	if err != nil {
		return err
	}
	lines0, start := logs.n.Load(), time.Now()
	time.Sleep(idle)
	cpu1, err := benchkit.CPU(srv.Process.Pid)
	if err != nil {
		return err
	}
	tx1, err := transactions(ctx, pool, dbName)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	cpuPct := 100 * (cpu1 - cpu0).Seconds() / elapsed.Seconds()
	txPerSec := float64(tx1-tx0) / elapsed.Seconds()
	fmt.Printf("idle %s after one push (%s):\n", elapsed.Round(time.Millisecond), bin)
	fmt.Printf("  CPU of motcua serve: %s = %.2f %% of a core (target < %.0f %%)\n", (cpu1 - cpu0).Round(time.Millisecond), cpuPct, maxCPU)
	fmt.Printf("  database transactions: %d = %.1f/s (target < %.0f/s)\n", tx1-tx0, txPerSec, maxTx)
	fmt.Printf("  log lines: %d\n", logs.n.Load()-lines0)
	if cpuPct >= maxCPU || txPerSec >= maxTx {
		return fmt.Errorf("an idle server is busy")
	}
	return nil
}

// transactions is the database's committed and rolled-back transactions so far.
func transactions(ctx context.Context, pool *pgxpool.Pool, name string) (int64, error) {
	var n int64
	_, _ = pool.Exec(ctx, "SELECT pg_stat_clear_snapshot()")
	err := pool.QueryRow(ctx, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", name).Scan(&n)
	return n, err
}

// causePush: a citizen registers a phone, an officer receives a dossier for them ("received"
// is pushed).
func causePush(c client) error {
	citizen, err := c.login("0901000101")
	if err != nil {
		return err
	}
	officer, err := c.login("0901000002")
	if err != nil {
		return err
	}
	var me struct {
		ID string `json:"id"`
	}
	if err := c.call("GET", "/v1/me", citizen, nil, &me); err != nil {
		return err
	}
	if err := c.call("POST", "/v1/me/devices", citizen, map[string]any{"token": "idlecheck-device-token-0123456789", "platform": "android"}, nil); err != nil {
		return err
	}
	var procs struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := c.call("GET", "/v1/procedures?ward_code=26734&q=khai%20sinh", "", nil, &procs); err != nil {
		return err
	}
	if len(procs.Items) == 0 {
		return fmt.Errorf("no seeded procedure matches 'khai sinh'")
	}
	return c.call("POST", "/v1/dossiers", officer, map[string]any{"procedure_id": procs.Items[0].ID, "applicant_id": me.ID, "channel": "counter"}, nil)
}

type client struct{ base string }

func (c client) waitReady() error {
	for i := 0; i < 300; i++ {
		if res, err := http.Get(c.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("the server never became ready")
}

func (c client) login(phone string) (string, error) {
	var res struct {
		AccessToken string `json:"access_token"`
	}
	err := c.call("POST", "/v1/auth/login", "", map[string]any{"phone": phone, "password": seed.DemoPassword}, &res)
	return res.AccessToken, err
}

func (c client) call(method, path, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, c.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, raw)
	}
	if out != nil {
		return json.Unmarshal(raw, out)
	}
	return nil
}

// lineCounter counts the server's log lines.
type lineCounter struct{ n atomic.Int64 }

func (l *lineCounter) Write(p []byte) (int, error) {
	l.n.Add(int64(bytes.Count(p, []byte("\n"))))
	return len(p), nil
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
