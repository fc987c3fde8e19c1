// Command benchpush measures push delivery end to end: it enqueues notifications through the
// transactional outbox and drains them with the real worker and the real Firebase Admin SDK into
// a fake FCM server on loopback, then prints throughput, enqueue→FCM latency and peak memory.
//
//	go run ./backend/cmd/benchpush -notifications 100000 -devices 20000
//
// It works in a throw-away database on the same PostgreSQL the tests use, and drops it after.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

func main() {
	total := flag.Int("notifications", 100_000, "notifications to enqueue")
	devices := flag.Int("devices", 20_000, "users, one device each; notifications are spread over them")
	concurrency := flag.Int("concurrency", 4, "worker rounds in flight (each claims a batch and sends it, 50 pushes in flight)")
	workers := flag.Int("workers", 1, "worker instances sharing the queue (as separate nodes would)")
	batch := flag.Int("batch", 500, "jobs per claim / SendEach call")
	enqueuers := flag.Int("enqueuers", 4, "goroutines enqueueing")
	perTx := flag.Int("per-tx", 50, "notifications per enqueue transaction")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the drain to this file")
	sendonly := flag.Bool("send-only", false, "only send -notifications pushes through the SDK to the fake, no database (the HTTP/2 ceiling)")
	latency := flag.Bool("latency", true, "after the drain, measure enqueue→FCM latency with the workers running")
	child := flag.Bool("fake-child", false, "internal: run only the fake FCM server")
	flag.Parse()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400) // as `motcua worker` does
	}
	if *child {
		if err := serveFake(); err != nil {
			fmt.Fprintln(os.Stderr, "benchpush fake:", err)
			os.Exit(1)
		}
		return
	}
	var profile *os.File
	if *cpuprofile != "" {
		var err error
		if profile, err = os.Create(*cpuprofile); err != nil {
			fmt.Fprintln(os.Stderr, "benchpush:", err)
			os.Exit(1)
		}
	}
	if err := run(*total, *devices, *concurrency, *workers, *batch, *enqueuers, *perTx, *latency, *sendonly, profile); err != nil {
		fmt.Fprintln(os.Stderr, "benchpush:", err)
		os.Exit(1)
	}
}

func run(total, devices, concurrency, workers, batch, enqueuers, perTx int, latency, sendonly bool, profile *os.File) error {
	ctx := context.Background()
	pool, cleanup, err := db.Scratch(ctx, "motcua_bench", 20)
	if err != nil {
		return err
	}
	defer cleanup()
	users, err := makeUsers(ctx, pool, devices)
	if err != nil {
		return err
	}

	fake, err := startFake()
	if err != nil {
		return err
	}
	sender, err := notify.NewFCM(ctx, notify.FCMConfig{ProjectID: "bench", Endpoint: fake.URL})
	if err != nil {
		return err
	}
	cfg := notify.DefaultWorkerConfig()
	cfg.Concurrency, cfg.Batch = concurrency, batch
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	startWorkers := func() context.CancelFunc {
		wctx, stop := context.WithCancel(ctx)
		for i := 0; i < workers; i++ {
			go notify.NewWorker(pool, clock.System{}, sender, log, cfg).Run(wctx)
		}
		return stop
	}
	var mu sync.Mutex
	enqueued := make(map[string]time.Time, total)
	enqueue := func(record bool) (time.Duration, error) {
		start := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		errc := make(chan error, enqueuers)
		for g := 0; g < enqueuers; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					from := int(next.Add(int64(perTx))) - perTx
					if from >= total {
						return
					}
					msgs := make([]notify.Message, 0, perTx)
					for i := from; i < min(from+perTx, total); i++ {
						msgs = append(msgs, message(users[i%len(users)], i))
					}
					var ids []uuid.UUID
					err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
						var err error
						ids, err = notify.EnqueueMany(ctx, tx, msgs, time.Now)
						return err
					})
					if err != nil {
						errc <- err
						return
					}
					if record {
						committed := time.Now()
						mu.Lock()
						for _, id := range ids {
							enqueued[id.String()] = committed
						}
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		select {
		case err := <-errc:
			return 0, err
		default:
			return time.Since(start), nil
		}
	}
	// drained waits until no job is pending (the worker marks a job sent after FCM accepted it).
	// It polls gently (a count over the queue costs PostgreSQL CPU the workers need) and
	// returns when the last job was marked sent.
	drained := func() (time.Time, error) {
		for deadline := time.Now().Add(5 * time.Minute); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
			// Through the partial index of pending jobs: a count over the whole table four
			// times a second cost PostgreSQL more per push the larger the backlog.
			var pending bool
			if err := pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM push_jobs WHERE state = 'pending')").Scan(&pending); err != nil {
				return time.Time{}, err
			}
			if pending {
				continue
			}
			var last *time.Time
			if err := pool.QueryRow(ctx, "SELECT max(sent_at) FROM push_jobs").Scan(&last); err != nil {
				return time.Time{}, err
			}
			if last != nil {
				return *last, nil
			}
		}
		return time.Time{}, fmt.Errorf("timed out with jobs pending")
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if sendonly {
		sendOnly(ctx, sender, fake, total, concurrency, batch, cpu)
		_, err := fake.stop()
		return err
	}

	fmt.Printf("%d notifications for %d devices; %d enqueuers × %d per transaction; %d worker(s) × %d rounds × batches of %d\n",
		total, devices, enqueuers, perTx, workers, concurrency, batch)

	// 1. Throughput: a backlog of `total` pushes, then the workers drain it.
	took, err := enqueue(false)
	if err != nil {
		return err
	}
	fmt.Printf("enqueue (outbox rows, workers stopped): %d in %s = %.0f notifications/s\n", total, took.Round(time.Millisecond), float64(total)/took.Seconds())
	pg0, err := benchkit.PostgresCPU(ctx, pool)
	if err != nil {
		return err
	}
	w0, err := writes(ctx, pool)
	if err != nil {
		return err
	}
	fake0, _ := benchkit.CPU(fake.cmd.Process.Pid)
	if profile != nil {
		_ = pprof.StartCPUProfile(profile) // the drain only: not the loading and enqueueing
	}
	start, cpu0 := time.Now(), cpu()
	stop := startWorkers()
	last, err := drained()
	drainCPU := cpu() - cpu0 // includes the gentle polling, a rounding error
	pprof.StopCPUProfile()
	fake1, _ := benchkit.CPU(fake.cmd.Process.Pid)
	pg1, _ := benchkit.PostgresCPU(ctx, pool)
	stop()
	if err != nil {
		return err
	}
	drain := last.Sub(start)
	fmt.Printf("drain of the backlog through the Firebase SDK: %d pushes in %s = %.0f pushes/s\n", total, drain.Round(time.Millisecond), float64(total)/drain.Seconds())
	perPush := drainCPU / time.Duration(total)
	fmt.Printf("backend CPU (this process: worker + SDK + outbox queries) per push: %s → %.0f pushes/s per core\n", perPush, float64(time.Second)/float64(perPush))
	fakePer, pgPer := (fake1-fake0)/time.Duration(total), pg1.Since(pg0)/time.Duration(total)
	all := perPush + fakePer + pgPer
	fmt.Printf("CPU per push during the drain: backend %s + fake FCM %s + PostgreSQL %s = %s → %.0f pushes/s on 2 idle cores\n",
		perPush, fakePer, pgPer, all, 2*float64(time.Second)/float64(all))
	time.Sleep(1100 * time.Millisecond) // backends flush their statistics at most once a second
	if w1, err := writes(ctx, pool); err == nil {
		fmt.Println(w1.since(w0, total))
	}

	if !latency {
		_, err := fake.stop()
		return err
	}
	// 2. Latency: workers running while the same number is enqueued as fast as possible.
	stop = startWorkers()
	time.Sleep(300 * time.Millisecond) // listeners connected
	took, err = enqueue(true)
	if err != nil {
		stop()
		return err
	}
	fmt.Printf("enqueue with the workers running: %d in %s\n", total, took.Round(time.Millisecond))
	if _, err := drained(); err != nil {
		stop()
		return err
	}
	stop()
	arrivals, err := fake.stop()
	if err != nil {
		return err
	}
	latencies := make([]time.Duration, 0, total)
	for id, at := range enqueued {
		if got, ok := arrivals[id]; ok {
			latencies = append(latencies, got.Sub(at))
		}
	}
	if len(latencies) != total {
		return fmt.Errorf("the fake saw %d of the %d latency-phase notifications", len(latencies), total)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	fmt.Printf("latency enqueue commit→fake FCM, workers running: p50 %s  p99 %s  max %s (%d samples)\n",
		pct(0.50).Round(time.Millisecond), pct(0.99).Round(time.Millisecond), latencies[len(latencies)-1].Round(time.Millisecond), len(latencies))

	var sent, dead int64
	if err := pool.QueryRow(ctx, "SELECT count(*) FILTER (WHERE state='sent'), count(*) FILTER (WHERE state='dead') FROM push_jobs").Scan(&sent, &dead); err != nil {
		return err
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("jobs: sent %d, dead %d\n", sent, dead)
	fmt.Printf("peak memory (max RSS of the backend process; the fake FCM runs in its own): %.0f MiB\n", float64(ru.Maxrss)/1024)
	if sent != 2*int64(total) || dead != 0 {
		return fmt.Errorf("expected %d sent and 0 dead", 2*total)
	}
	return nil
}

func message(user uuid.UUID, i int) notify.Message {
	code := fmt.Sprintf("2611-%06d", i)
	return notify.Message{
		UserID: user, Type: string(push.DossierResultReady),
		Title: httpx.Text{VI: "Hồ sơ đã có kết quả", EN: "Your dossier is ready"},
		Body:  httpx.Text{VI: "Hồ sơ " + code + " đã có kết quả", EN: "Dossier " + code + " has its result"},
		Data:  map[string]string{push.KeyDossierID: uuid.NewString(), push.KeyCode: code, push.KeyLink: push.Link(push.Dossier, code)},
	}
}

// makeUsers bulk-loads a ward, n citizens and one device each.
func makeUsers(ctx context.Context, pool *pgxpool.Pool, n int) ([]uuid.UUID, error) {
	ward := uuid.Must(uuid.NewV7())
	if _, err := pool.Exec(ctx, "INSERT INTO wards (id, code, name, province) VALUES ($1, '99999', 'Phường thử tải', 'Tỉnh thử')", ward); err != nil {
		return nil, err
	}
	ids := make([]uuid.UUID, n)
	now := time.Now()
	userRows := make([][]any, n)
	deviceRows := make([][]any, n)
	for i := range ids {
		ids[i] = uuid.Must(uuid.NewV7())
		userRows[i] = []any{ids[i], ward, "citizen", fmt.Sprintf("+8490%07d", i), fmt.Sprintf("Công dân %d", i), "x", now, now}
		locale := "vi"
		if i%5 == 0 {
			locale = "en"
		}
		deviceRows[i] = []any{fmt.Sprintf("bench-device-token-%08d", i), ids[i], "android", locale, now, now}
	}
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"users"}, []string{"id", "ward_id", "role", "phone", "full_name", "password_hash", "created_at", "updated_at"}, pgx.CopyFromRows(userRows)); err != nil {
		return nil, err
	}
	if _, err := pool.CopyFrom(ctx, pgx.Identifier{"devices"}, []string{"token", "user_id", "platform", "locale", "created_at", "updated_at"}, pgx.CopyFromRows(deviceRows)); err != nil {
		return nil, err
	}
	return ids, nil
}
