// Command benchbook is the booking storm: the real server on loopback, a 100-place Saturday
// session, and 5,000 citizens who all try to book it within one second over HTTP. It prints
// accepted, rejected and failed requests with latency percentiles, and checks that the
// database holds exactly as many live bookings as there were places.
//
//	go run ./backend/cmd/benchbook -citizens 5000 -places 100 -window 1s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/valyala/fasthttp"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/db"
)

func main() {
	citizens := flag.Int("citizens", 5000, "citizens trying to book")
	places := flag.Int("places", 100, "places in the session's single slot")
	window := flag.Duration("window", time.Second, "the requests' start times are spread over this")
	warm := flag.Bool("warm", false, "each citizen's app has opened (GET /v1/me) before booking opens, as when they wait on the session's screen: their token and account are then known to the server")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the storm (alone, not the set-up) to this file")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400) // as `motcua serve` does
	}
	if err := run(*citizens, *places, *window, *warm, *cpuprofile); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "benchbook:", err)
		os.Exit(1)
	}
}

type result struct {
	status  int
	latency time.Duration
	end     time.Duration // since the storm's start
	err     error
}

func run(citizens, places int, window time.Duration, warm bool, cpuprofile string) error {
	ctx := context.Background()
	pool, cleanup, err := db.Scratch(ctx, "motcua_benchbook", 20)
	if err != nil {
		return err
	}
	defer cleanup()
	a, addr, shutdown, err := benchkit.Serve(pool)
	if err != nil {
		return err
	}
	defer shutdown()
	// The account cache, as `motcua serve` runs it (kept while the benchmark runs).
	watch, stop := context.WithCancel(ctx)
	defer stop()
	go a.Auth.WatchAccounts(watch, slog.New(slog.NewJSONHandler(io.Discard, nil)))
	base := "http://" + addr

	officer, hood, ids, err := people(ctx, pool, citizens)
	if err != nil {
		return err
	}
	tokens := make([]string, len(ids))
	for i, id := range ids {
		if tokens[i], err = a.Auth.Signer().Issue(id); err != nil {
			return err
		}
	}
	officerToken, _ := a.Auth.Signer().Issue(officer)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConns: 2048, MaxIdleConnsPerHost: 2048, MaxConnsPerHost: 512}}

	// Next Saturday (at least tomorrow), one slot 08:00–08:30 with `places` places.
	day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for day.Weekday() != time.Saturday {
		day = day.AddDate(0, 0, 1)
	}
	var sess struct {
		ID    string `json:"id"`
		Slots []struct {
			StartsAt time.Time `json:"starts_at"`
		} `json:"slots"`
	}
	status, err := call(client, "POST", base+"/v1/sessions", officerToken, map[string]any{
		"neighborhood_id": hood, "date": day.Format(calendar.DateLayout), "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "08:30", "slot_minutes": 30, "capacity_per_slot": places}, &sess)
	if err != nil || status != 201 {
		return fmt.Errorf("create session: %d %v", status, err)
	}
	body, _ := json.Marshal(map[string]any{"slot_starts_at": sess.Slots[0].StartsAt.Format(time.RFC3339)})
	url := base + "/v1/sessions/" + sess.ID + "/bookings"
	// The storm's client: fasthttp (as benchread's), so the load generator sharing the cores
	// costs little next to the server it measures; as many connections as the net/http one had.
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: 512, MaxConnWaitTimeout: 30 * time.Second,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}

	if warm {
		if err := openApps(hc, base, tokens); err != nil {
			return err
		}
	}
	fmt.Printf("%d citizens book a %d-place session, start times spread over %s (apps opened before: %t)\n", citizens, places, window, warm)
	results := make([]result, citizens)
	var wg sync.WaitGroup
	pg0, err := benchkit.PostgresCPU(ctx, pool)
	if err != nil {
		return err
	}
	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	self0, _ := benchkit.CPU(os.Getpid())
	start := time.Now()
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Until(start.Add(window * time.Duration(i) / time.Duration(citizens))))
			t0 := time.Now()
			req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(res)
			req.Header.SetMethod("POST")
			req.SetRequestURI(url)
			req.Header.SetContentType("application/json")
			req.Header.Set("Authorization", "Bearer "+tokens[i])
			req.SetBodyRaw(body)
			err := hc.Do(req, res)
			r := result{err: err, latency: time.Since(t0), end: time.Since(start)}
			if err == nil {
				r.status = res.StatusCode()
			}
			results[i] = r
		}()
	}
	wg.Wait()
	total := time.Since(start)
	pprof.StopCPUProfile()
	self1, _ := benchkit.CPU(os.Getpid())
	pg1, err := benchkit.PostgresCPU(ctx, pool)
	if err != nil {
		return err
	}
	selfCPU, pgCPU := self1-self0, pg1.Since(pg0)

	byStatus := map[int]int{}
	errs := 0
	var lastSeat, slowest time.Duration // when the last seat was granted; the slowest answer's end
	slowAt := 0
	for i, r := range results {
		if r.err == nil && r.status == 201 {
			lastSeat = max(lastSeat, r.end)
		}
		if r.latency > slowest {
			slowest, slowAt = r.latency, i
		}
	}
	lat := make([]time.Duration, 0, citizens)
	for _, r := range results {
		if r.err != nil {
			errs++
			continue
		}
		byStatus[r.status]++
		lat = append(lat, r.latency)
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	var live, counter int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM bookings WHERE status IN ('booked','checked_in')),
		(SELECT coalesce(sum(booked),0) FROM session_slots)`).Scan(&live, &counter); err != nil {
		return err
	}
	other := citizens - byStatus[201] - byStatus[409] - errs
	fmt.Printf("accepted (201): %d\nrejected (409 slot_full): %d\nerrors (transport or other status): %d\n", byStatus[201], byStatus[409], errs+other)
	fmt.Printf("all requests done in %s; latency p50 %s  p99 %s  max %s\n", total.Round(time.Millisecond),
		pct(0.50).Round(time.Millisecond), pct(0.99).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	fmt.Printf("last seat granted %s after the first request; the slowest answer was request %d (sent at %s)\n",
		lastSeat.Round(time.Millisecond), slowAt, (window * time.Duration(slowAt) / time.Duration(citizens)).Round(time.Millisecond))
	if os.Getenv("BENCHBOOK_TIMELINE") != "" {
		timeline(results, window, citizens)
	}
	per := func(d time.Duration) time.Duration { return d / time.Duration(citizens) }
	fmt.Printf("CPU per request: %s this process (server + load generator) + %s PostgreSQL = %s → %.0f requests/s on 2 idle cores\n",
		per(selfCPU), per(pgCPU), per(selfCPU+pgCPU), 2*float64(time.Second)/float64(per(selfCPU+pgCPU)))
	fmt.Printf("database: %d live bookings, slot counter %d (places %d)\n", live, counter, places)
	if byStatus[201] != places || live != places || counter != places || errs+other != 0 {
		return fmt.Errorf("expected exactly %d accepted and live bookings and no errors; statuses %v", places, byStatus)
	}
	return nil
}

func call(c *http.Client, method, url, token string, body, out any) (int, error) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode >= 300 {
		return res.StatusCode, fmt.Errorf("%s", raw)
	}
	return res.StatusCode, json.Unmarshal(raw, out)
}

// people bulk-loads a ward, a neighbourhood, an officer and n citizens.
func people(ctx context.Context, pool *pgxpool.Pool, n int) (officer, hood uuid.UUID, citizens []uuid.UUID, err error) {
	ward, hood, officer := uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7()), uuid.Must(uuid.NewV7())
	now := time.Now()
	if _, err = pool.Exec(ctx, "INSERT INTO wards (id, code, name, province) VALUES ($1, '99999', 'Phường thử tải', 'Tỉnh thử')", ward); err != nil {
		return
	}
	if _, err = pool.Exec(ctx, "INSERT INTO neighborhoods (id, ward_id, name) VALUES ($1, $2, 'Khu phố 1')", hood, ward); err != nil {
		return
	}
	rows := [][]any{{officer, ward, nil, "officer", "+84900000000", "Cán bộ một cửa", "x", now, now}}
	for i := 0; i < n; i++ {
		id := uuid.Must(uuid.NewV7())
		citizens = append(citizens, id)
		rows = append(rows, []any{id, ward, hood, "citizen", fmt.Sprintf("+8491%07d", i), fmt.Sprintf("Công dân %d", i), "x", now, now})
	}
	_, err = pool.CopyFrom(ctx, pgx.Identifier{"users"}, []string{"id", "ward_id", "neighborhood_id", "role", "phone", "full_name", "password_hash", "created_at", "updated_at"}, pgx.CopyFromRows(rows))
	return
}

// openApps has every citizen's app call GET /v1/me once, 64 at a time, before the storm.
func openApps(hc *fasthttp.HostClient, base string, tokens []string) error {
	errs := make(chan error, len(tokens))
	sem := make(chan struct{}, 64)
	for _, tok := range tokens {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(res)
			req.SetRequestURI(base + "/v1/me")
			req.Header.Set("Authorization", "Bearer "+tok)
			if err := hc.Do(req, res); err != nil {
				errs <- err
			} else if res.StatusCode() != 200 {
				errs <- fmt.Errorf("GET /v1/me: %d", res.StatusCode())
			}
		}()
	}
	for range cap(sem) {
		sem <- struct{}{}
	}
	close(errs)
	return <-errs
}

// timeline prints, per tenth of the window, the requests sent then: how many got a seat and
// their median and slowest latency (BENCHBOOK_TIMELINE=1).
func timeline(results []result, window time.Duration, citizens int) {
	const buckets = 10
	for b := 0; b < buckets; b++ {
		var lat []time.Duration
		seats := 0
		for i := b * citizens / buckets; i < (b+1)*citizens/buckets; i++ {
			if results[i].err == nil {
				lat = append(lat, results[i].latency)
				if results[i].status == 201 {
					seats++
				}
			}
		}
		if len(lat) == 0 {
			continue
		}
		slices.Sort(lat)
		fmt.Printf("  sent %4dms–%4dms: %4d answered, %3d seats, median %s, slowest %s\n", int(window.Milliseconds())*b/buckets,
			int(window.Milliseconds())*(b+1)/buckets, len(lat), seats, lat[len(lat)/2].Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
	}
}
