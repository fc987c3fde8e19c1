package stats_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The day counters behind GET /v1/stats stay equal to a recount from the dossiers and ratings
// while many writers race on the same ward and days: dossiers received, results given and moved,
// original due dates set at intake, channels corrected, ratings given and withdrawn, dossiers
// deleted, and transactions rolled back half-way.
func TestStatsCountersMatchRecountUnderRacingWriters(t *testing.T) {
	e := testkit.New(t)
	ctx := context.Background()
	w1, w2 := e.NewWard("26734", 1), e.NewWard("00070", 1)
	type ward struct {
		id, proc, citizen uuid.UUID
	}
	var wards []ward
	for _, w := range []testkit.Ward{w1, w2} {
		c := e.NewUser(w, auth.RoleCitizen)
		proc := uuid.Must(uuid.NewV7())
		if _, err := e.Pool.Exec(ctx, `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days, channels, created_at, updated_at)
			VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'x', 'Hộ tịch', 2, ARRAY['counter'], now(), now())`, proc, w.ID); err != nil {
			t.Fatal(err)
		}
		wards = append(wards, ward{w.ID, proc, c.ID})
	}
	// Three days around midnight in Vietnam, so the writers collide on the same counter rows and
	// the day boundary (17:00 UTC) is crossed both ways.
	base := time.Date(2026, 11, 2, 16, 0, 0, 0, time.UTC)
	at := func(r *rand.Rand) time.Time { return base.Add(time.Duration(r.IntN(72*60)) * time.Minute) }
	channels := []string{"counter", "online", "home_pickup", "saturday_session", "postal", "import"}

	const writers, rounds = 8, 40
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	var deadlocks atomic.Int32
	var codeMu sync.Mutex
	codeN := 0
	nextCode := func() string {
		codeMu.Lock()
		defer codeMu.Unlock()
		codeN++
		return fmt.Sprintf("2026-%06d", codeN)
	}
	for g := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 14))
			var mine []uuid.UUID
			for range rounds {
				err := pgx.BeginFunc(ctx, e.Pool, func(tx pgx.Tx) error {
					wd := wards[r.IntN(len(wards))]
					rec := at(r)
					due := rec.Add(time.Duration(r.IntN(48)) * time.Hour)
					id := uuid.Must(uuid.NewV7())
					status, received := "received", &rec
					if r.IntN(5) == 0 { // submitted: not received yet, no clock
						status, received = "submitted", nil
					}
					var dueP *time.Time
					if received != nil {
						dueP = &due
					}
					if _, err := tx.Exec(ctx, `INSERT INTO dossiers (id, ward_id, code, procedure_id, procedure_code, procedure_name, applicant_id,
						applicant_name, channel, return_method, status, received_at, due_at, original_due_at, submitted_at, created_at, updated_at)
						VALUES ($1, $2, $3, $4, '1.001193', 'Đăng ký khai sinh', $5, 'Nguyễn Văn An', $6, 'counter', $7, $8, $9, $9, $10, $10, $10)`,
						id, wd.id, nextCode(), wd.proc, wd.citizen, channels[r.IntN(len(channels))], status, received, dueP, rec); err != nil {
						return err
					}
					mine = append(mine, id)
					// Work on any of this writer's dossiers, and on others' (row locks serialise those).
					pick := func() uuid.UUID { return mine[r.IntN(len(mine))] }
					for range 3 {
						res := at(r)
						switch r.IntN(7) {
						case 0: // intake of a submitted dossier: the clock and the original due date start
							_, err := tx.Exec(ctx, `UPDATE dossiers SET status = 'received', received_at = submitted_at, due_at = submitted_at + interval '1 day',
								original_due_at = submitted_at + interval '1 day' WHERE id = $1 AND status = 'submitted'`, pick())
							if err != nil {
								return err
							}
						case 1, 2: // a result, or a result time moved
							if _, err := tx.Exec(ctx, `UPDATE dossiers SET status = 'result_ready', result_at = $2 WHERE id = $1 AND received_at IS NOT NULL`, pick(), res); err != nil {
								return err
							}
						case 3: // a channel corrected
							if _, err := tx.Exec(ctx, `UPDATE dossiers SET channel = $2 WHERE id = $1`, pick(), channels[r.IntN(len(channels))]); err != nil {
								return err
							}
						case 4: // a rating given (once)
							if _, err := tx.Exec(ctx, `INSERT INTO dossier_ratings (id, dossier_id, ward_id, rated_by, rating, created_at, channel, procedure_field)
								SELECT gen_random_uuid(), d.id, d.ward_id, d.applicant_id, $2, $3, d.channel, 'Hộ tịch' FROM dossiers d WHERE d.id = $1
								ON CONFLICT DO NOTHING`, pick(), 1+r.IntN(5), res); err != nil {
								return err
							}
						case 5: // a rating withdrawn or its score changed
							if r.IntN(2) == 0 {
								_, err := tx.Exec(ctx, `DELETE FROM dossier_ratings WHERE dossier_id = $1`, pick())
								if err != nil {
									return err
								}
							} else if _, err := tx.Exec(ctx, `UPDATE dossier_ratings SET rating = $2, created_at = $3 WHERE dossier_id = $1`, pick(), 1+r.IntN(5), res); err != nil {
								return err
							}
						case 6: // an unrelated change: no counter moves
							if _, err := tx.Exec(ctx, `UPDATE dossiers SET note = 'ghi chú', updated_at = now() WHERE id = $1`, pick()); err != nil {
								return err
							}
						}
					}
					if r.IntN(6) == 0 {
						return errRollback // everything this transaction did is undone, counters too
					}
					return nil
				})
				var pgErr *pgconn.PgError
				if errors.As(err, &pgErr) && pgErr.Code == "40P01" {
					// Two transactions took the same counter rows in opposite orders: PostgreSQL
					// undoes one of them whole, counters included, as any rolled-back change.
					deadlocks.Add(1)
					continue
				}
				if err != nil && !errors.Is(err, errRollback) {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	// A few deletions (test data clean-up, a dossier entered twice) also take their counts away.
	if _, err := e.Pool.Exec(ctx, `DELETE FROM dossier_ratings WHERE dossier_id IN (SELECT id FROM dossiers ORDER BY id LIMIT 5)`); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Pool.Exec(ctx, `DELETE FROM dossiers WHERE id IN (SELECT id FROM dossiers ORDER BY id LIMIT 5)`); err != nil {
		t.Fatal(err)
	}

	var counted, results int
	if err := e.Pool.QueryRow(ctx, `SELECT (SELECT coalesce(sum(n), 0) FROM stats_received_daily),
		(SELECT coalesce(sum(n), 0) FROM stats_results_daily)`).Scan(&counted, &results); err != nil {
		t.Fatal(err)
	}
	if counted == 0 || results == 0 {
		t.Fatalf("the race wrote nothing to count: %d received, %d results", counted, results)
	}
	// The counters as the triggers left them, against the same counters recomputed from scratch.
	diff := `WITH kept AS (SELECT 'received' AS t, ward_id, day, channel AS k, n AS a, 0 AS b FROM stats_received_daily WHERE n <> 0
		UNION ALL SELECT 'results', ward_id, day, '', early * 1000000 + on_due_day * 1000 + late, n FROM stats_results_daily WHERE n <> 0 OR early <> 0 OR on_due_day <> 0 OR late <> 0
		UNION ALL SELECT 'ratings', ward_id, day, channel || '/' || field, rated, total FROM stats_ratings_daily WHERE rated <> 0 OR total <> 0)
		SELECT t, ward_id, day, k, a, b FROM kept`
	before := rowsOf(t, e, diff)
	if _, err := e.Pool.Exec(ctx, "SELECT stats_recount()"); err != nil {
		t.Fatal(err)
	}
	after := rowsOf(t, e, diff)
	if len(before) != len(after) {
		t.Fatalf("%d counter rows kept by triggers, %d recounted", len(before), len(after))
	}
	for k, v := range after {
		if before[k] != v {
			t.Errorf("%s: triggers kept %q, recount %q", k, before[k], v)
		}
	}
	t.Logf("%d received, %d results, %d counter rows, all equal to the recount (%d transactions undone by deadlock)", counted, results, len(after), deadlocks.Load())
}

var errRollback = errors.New("roll back on purpose")

func rowsOf(t *testing.T, e *testkit.Env, sql string) map[string]string {
	t.Helper()
	rows, err := e.Pool.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var kind, k string
		var ward uuid.UUID
		var day time.Time
		var a, b int64
		if err := rows.Scan(&kind, &ward, &day, &k, &a, &b); err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprintf("%s %s %s %s", kind, ward, day.Format("2006-01-02"), k)] = fmt.Sprint(a, " ", b)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
