// Command benchread measures authenticated reads against raw PostgreSQL, side by side in one run:
// it builds the binary (or takes -bin), loads -dossiers dossiers into one ward of a throw-away
// database, runs `motcua serve` on a free loopback port, and for each page alternates
//
//   - pgbench (-M prepared) running the page's SQL, and
//   - an HTTP load generator (fasthttp, in this process) asking the real server for the page
//     with an officer's bearer token,
//
// each with -clients connections for -duration, -rounds times. It prints both rates, their ratio,
// and the server's CPU per request (/proc/<pid>/stat utime+stime). The database is dropped after.
//
//	go run ./backend/cmd/benchread [-bin bin/motcua] [-dossiers 200000] [-pages list,overdue,me] [-accept-encoding br]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/valyala/fasthttp"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/seed"
)

type options struct {
	bin      string
	baseline string
	dossiers int
	clients  int
	duration time.Duration
	rounds   int
	pages    []string
	encoding string // the HTTP side's Accept-Encoding, "" for none
}

func main() {
	var o options
	pages := flag.String("pages", "list,overdue,me", "pages to measure: list (GET /v1/dossiers?limit=20), overdue (…&overdue=true), me (GET /v1/me)")
	flag.StringVar(&o.bin, "bin", "", "the motcua binary to measure (default: build ./backend/cmd/motcua)")
	flag.StringVar(&o.baseline, "baseline", "", "another motcua binary (say, main's) measured in the same rounds on the same database")
	flag.IntVar(&o.dossiers, "dossiers", 200_000, "dossiers loaded into the ward")
	flag.IntVar(&o.clients, "clients", 32, "connections, for pgbench and for HTTP alike")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each measurement")
	flag.IntVar(&o.rounds, "rounds", 3, "measurements of each side per page, alternating")
	flag.StringVar(&o.encoding, "accept-encoding", "", `the HTTP side's Accept-Encoding (a browser sends "gzip, deflate, br, zstd"); none by default, so answers are not compressed`)
	flag.Parse()
	o.pages = strings.Split(*pages, ",")
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "benchread:", err)
		os.Exit(1)
	}
}

// page is one read: its HTTP request and the SQL that returns the same rows.
type page struct {
	name, path, sql string
}

func run(o options) error {
	ctx := context.Background()
	pgbench, err := findPgbench()
	if err != nil {
		return err
	}
	if o.bin == "" {
		dir, err := os.MkdirTemp("", "benchread")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.bin = filepath.Join(dir, "motcua")
		if out, err := exec.Command("go", "build", "-o", o.bin, "./backend/cmd/motcua").CombinedOutput(); err != nil {
			return fmt.Errorf("build: %v\n%s", err, out)
		}
	}
	pool, cleanup, err := db.Scratch(ctx, "motcua_benchread", 4)
	if err != nil {
		return err
	}
	defer cleanup()
	// Background jobs off: the server does nothing but answer the load.
	env := append(os.Environ(), "DATABASE_URL="+pool.Config().ConnString(),
		"PASSWORD_HASH_MEMORY_KIB=1024", "PASSWORD_HASH_ITERATIONS=1", "SERVE_WORKERS=false",
		"LOGIN_RATE_LIMIT_PER_IP=1000", "JWT_ACCESS_TTL=2h")
	seedCmd := exec.Command(o.bin, "seed")
	seedCmd.Env = env
	if out, err := seedCmd.CombinedOutput(); err != nil {
		return fmt.Errorf("seed: %v\n%s", err, out)
	}
	servers := []*server{{name: "this", bin: o.bin}}
	if o.baseline != "" {
		servers = append(servers, &server{name: "baseline", bin: o.baseline})
	}
	for _, sv := range servers {
		if err := sv.start(env); err != nil {
			return err
		}
		defer sv.stop()
	}
	base := "http://" + servers[0].addr
	token, officer, err := login(base, "0901000002")
	if err != nil {
		return err
	}
	ward, err := load(ctx, pool, base, token, o.dossiers)
	if err != nil {
		return err
	}
	// Afresh after the load, which may take longer than an access token lives.
	if token, _, err = login(base, "0901000002"); err != nil {
		return err
	}
	pages := map[string]page{
		"list": {"list", "/v1/dossiers?limit=20",
			fmt.Sprintf("SELECT * FROM dossiers WHERE ward_id = '%s' ORDER BY id DESC LIMIT 20;", ward)},
		"overdue": {"overdue", "/v1/dossiers?limit=20&overdue=true",
			fmt.Sprintf("SELECT * FROM dossiers WHERE ward_id = '%s' AND status IN ('received', 'in_review', 'approved') AND due_at < now() ORDER BY id DESC LIMIT 20;", ward)},
		"me": {"me", "/v1/me",
			fmt.Sprintf("SELECT u.*, w.code FROM users u JOIN wards w ON w.id = u.ward_id WHERE u.id = '%s';", officer)},
	}
	cfg := pool.Config().ConnConfig
	pgArgs := []string{"-h", cfg.Host, "-p", strconv.Itoa(int(cfg.Port)), "-U", cfg.User, "-n", "-M", "prepared",
		"-c", strconv.Itoa(o.clients), "-j", "2", "-T", strconv.Itoa(int(o.duration / time.Second))}
	fmt.Printf("%d dossiers in one ward; %d connections each side, %s per measurement, %d rounds; Accept-Encoding %q; load average %s\n",
		o.dossiers, o.clients, o.duration, o.rounds, o.encoding, loadavg())
	fmt.Printf("%-8s %-8s %5s %12s %12s %7s %16s %s\n", "page", "server", "round", "pgbench tps", "HTTP req/s", "ratio", "server CPU/req", "load avg")
	for _, name := range o.pages {
		p, ok := pages[name]
		if !ok {
			return fmt.Errorf("unknown page %q", name)
		}
		script := filepath.Join(os.TempDir(), "benchread-"+name+".sql")
		if err := os.WriteFile(script, []byte(p.sql+"\n"), 0o600); err != nil {
			return err
		}
		defer os.Remove(script)
		var ratios []float64
		for _, sv := range servers {
			// Warm up: the server's caches and prepared statements, PostgreSQL's buffers.
			if _, _, err := hammer(sv.addr, p.path, token, o.encoding, o.clients, 2*time.Second, sv.cmd.Process.Pid); err != nil {
				return err
			}
		}
		for r := 1; r <= o.rounds; r++ {
			tps, err := runPgbench(pgbench, append(pgArgs, "-f", script, cfg.Database), cfg.Password)
			if err != nil {
				return err
			}
			for _, sv := range servers {
				rps, cpu, err := hammer(sv.addr, p.path, token, o.encoding, o.clients, o.duration, sv.cmd.Process.Pid)
				if err != nil {
					return err
				}
				if sv == servers[0] {
					ratios = append(ratios, rps/tps)
				}
				fmt.Printf("%-8s %-8s %5d %12.0f %12.0f %6.2f× %13.0f µs %s\n", name, sv.name, r, tps, rps, rps/tps, cpu.Seconds()*1e6, loadavg())
			}
		}
		slices.Sort(ratios)
		fmt.Printf("%-8s median ratio %.2f× raw PostgreSQL\n", name, ratios[len(ratios)/2])
	}
	return nil
}

// server is one `motcua serve` process on a free loopback port.
type server struct {
	name, bin, addr string
	cmd             *exec.Cmd
}

func (sv *server) start(env []string) error {
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	sv.addr = addr
	sv.cmd = exec.Command(sv.bin, "serve")
	sv.cmd.Env = append(env, "HTTP_ADDR="+addr)
	sv.cmd.Stdout, sv.cmd.Stderr = io.Discard, io.Discard
	if err := sv.cmd.Start(); err != nil {
		return err
	}
	return waitReady("http://" + addr)
}

func (sv *server) stop() { _ = sv.cmd.Process.Kill(); _ = sv.cmd.Wait() }

// load inserts n dossiers into the officer's ward: one made through the API, then n-1 copies of
// it in one statement with their own ids (UUIDv7, two minutes apart, newest last), codes, times
// and statuses (60 % returned, 10 % result ready, 30 % open, the older open ones overdue).
func load(ctx context.Context, pool *pgxpool.Pool, base, token string, n int) (string, error) {
	var procs struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if _, err := call("GET", base+"/v1/procedures?ward_code=26734&q=khai%20sinh", "", nil, &procs); err != nil {
		return "", err
	}
	if len(procs.Items) == 0 {
		return "", errors.New("no seeded procedure matches 'khai sinh'")
	}
	var d struct {
		ID     string `json:"id"`
		WardID string `json:"ward_id"`
	}
	if status, err := call("POST", base+"/v1/dossiers", token, map[string]any{"procedure_id": procs.Items[0].ID,
		"applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678", "channel": "counter"}, &d); err != nil || status != 201 {
		return "", fmt.Errorf("create dossier: %d %v", status, err)
	}
	t0 := time.Now()
	_, err := pool.Exec(ctx, `
INSERT INTO dossiers
SELECT (jsonb_populate_record(NULL::dossiers, to_jsonb(t) || jsonb_build_object(
    'id', (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(m, 1, 3) || '-8' || substr(m, 4, 3) || '-' || substr(m, 7, 12))::uuid,
    'code', '1999-' || lpad(i::text, 6, '0'),
    'status', st, 'portal_code', NULL,
    'submitted_at', ts, 'received_at', ts, 'created_at', ts, 'updated_at', ts,
    'due_at', ts + interval '10 days', 'original_due_at', ts + interval '10 days',
    'result_at', CASE WHEN st IN ('returned', 'result_ready') THEN ts + interval '7 days' END,
    'closed_at', CASE WHEN st = 'returned' THEN ts + interval '8 days' END))).*
FROM dossiers t,
     LATERAL (SELECT i, now() - (($2 - i) * interval '2 minutes') AS ts, md5(i::text) AS m,
                     (ARRAY['returned', 'returned', 'returned', 'returned', 'returned', 'returned',
                            'result_ready', 'received', 'in_review', 'approved'])[i % 10 + 1] AS st
              FROM generate_series(1, $2 - 1) i) g,
     LATERAL (SELECT lpad(to_hex((extract(epoch FROM g.ts) * 1000)::bigint), 12, '0') AS h) x
WHERE t.id = $1`, d.ID, n)
	if err != nil {
		return "", fmt.Errorf("load: %w", err)
	}
	if _, err := pool.Exec(ctx, "VACUUM ANALYZE dossiers"); err != nil {
		return "", err
	}
	fmt.Printf("loaded %d dossiers in %s\n", n, time.Since(t0).Round(time.Millisecond))
	return d.WardID, nil
}

// hammer asks for path with clients connections for d and returns the rate and the server's CPU
// time per request; encoding, unless empty, is sent as Accept-Encoding.
func hammer(addr, path, token, encoding string, clients int, d time.Duration, pid int) (float64, time.Duration, error) {
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: clients, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	var done, failed atomic.Int64
	var firstErr atomic.Value
	cpu0, err := benchkit.CPU(pid)
	if err != nil {
		return 0, 0, err
	}
	start := time.Now()
	stop := start.Add(d)
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(res)
			req.SetRequestURI("http://" + addr + path)
			req.Header.Set("Authorization", "Bearer "+token)
			if encoding != "" {
				req.Header.Set(fasthttp.HeaderAcceptEncoding, encoding)
			}
			for time.Now().Before(stop) {
				if err := hc.Do(req, res); err != nil || res.StatusCode() != http.StatusOK {
					failed.Add(1)
					firstErr.CompareAndSwap(nil, fmt.Sprintf("%d %v %.200s", res.StatusCode(), err, res.Body()))
					continue
				}
				done.Add(1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu1, err := benchkit.CPU(pid)
	if err != nil {
		return 0, 0, err
	}
	if f := failed.Load(); f > 0 {
		return 0, 0, fmt.Errorf("%d of %d requests to %s failed, first: %v", f, f+done.Load(), path, firstErr.Load())
	}
	n := done.Load()
	return float64(n) / elapsed.Seconds(), (cpu1 - cpu0) / time.Duration(max(n, 1)), nil
}

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

func runPgbench(bin string, args []string, password string) (float64, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "PGPASSWORD="+password)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("pgbench: %v\n%s", err, out)
	}
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("pgbench printed no tps:\n%s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

// findPgbench looks on PATH, then in PostgreSQL's own folders (Debian keeps it there).
func findPgbench() (string, error) {
	if p, err := exec.LookPath("pgbench"); err == nil {
		return p, nil
	}
	if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pgbench"); len(m) > 0 {
		slices.Sort(m)
		return m[len(m)-1], nil
	}
	return "", errors.New("pgbench not found: install PostgreSQL's client programs (Debian: apt-get install postgresql-contrib, or postgresql)")
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func waitReady(base string) error {
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	return errors.New("the server did not become ready within 60 s")
}

func login(base, phone string) (token, userID string, err error) {
	var out struct {
		AccessToken string `json:"access_token"`
		User        struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	status, err := call("POST", base+"/v1/auth/login", "", map[string]string{"phone": phone, "password": seed.DemoPassword}, &out)
	if err != nil || status != http.StatusOK {
		return "", "", fmt.Errorf("login %s: %d %v", phone, status, err)
	}
	return out.AccessToken, out.User.ID, nil
}

func call(method, url, token string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, b)
	}
	if out != nil {
		return res.StatusCode, json.Unmarshal(b, out)
	}
	return res.StatusCode, nil
}
