// Command benchstats loads a province's volume into a throw-away database (1,000,000 dossiers over
// two years across 100 wards, one ward with 200,000, with their ratings, pickups, Saturday
// sessions and bookings, and postal shipments), runs the real server on it, and then:
//
//   - calls every list and statistics endpoint as an officer (and a citizen's own lists), records
//     the SQL the server sends through a pgx tracer, and prints each read's plan node types, both
//     the plan for the bound arguments (EXPLAIN ANALYZE) and the generic plan a prepared statement
//     may switch to; a sequential scan of a big table is flagged and fails the command;
//
//   - searches the big ward's dossiers and accounts (q=) with terms taken from the loaded rows:
//     a rare term must be looked up in its trigram index (migration 00026), or the command fails;
//
//   - times GET /v1/stats for a month and for a year in the big ward over HTTP.
//
//     go run ./backend/cmd/benchstats            (make bench-stats)
//     go run ./backend/cmd/benchstats -wards 5 -dossiers 40000 -big 20000   (a quick look)
package main

import (
	"context"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

//go:embed load.sql
var loadSQL string

func main() {
	wards := flag.Int("wards", 100, "wards")
	total := flag.Int("dossiers", 1_000_000, "dossiers in all")
	big := flag.Int("big", 200_000, "dossiers of ward 1 (the one timed)")
	calls := flag.Int("calls", 10, "GET /v1/stats calls per round (3 rounds)")
	minRows := flag.Float64("big-table-rows", 10_000, "a table with at least this many rows must not be read sequentially")
	flag.Parse()
	if err := run(*wards, *total, *big, *calls, *minRows); err != nil {
		fmt.Fprintln(os.Stderr, "benchstats:", err)
		os.Exit(1)
	}
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func run(wards, total, big, calls int, minRows float64) error {
	ctx := context.Background()
	scratch, cleanup, err := db.Scratch(ctx, "motcua_benchstats", 4)
	if err != nil {
		return err
	}
	defer cleanup()

	fmt.Printf("loading %d dossiers in %d wards (ward 1: %d), load average %s\n", total, wards, big, loadavg())
	t0 := time.Now()
	sql := strings.NewReplacer("{{wards}}", strconv.Itoa(wards), "{{total}}", strconv.Itoa(total), "{{big}}", strconv.Itoa(big)).Replace(loadSQL)
	if _, err := scratch.Exec(ctx, sql); err != nil {
		return fmt.Errorf("load: %w", err)
	}
	loaded := time.Since(t0)
	if _, err := scratch.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return err
	}
	var counts string
	if err := scratch.QueryRow(ctx, `SELECT format('dossiers %s, users %s, dossier_ratings %s, pickups %s, sessions %s, bookings %s, shipments %s',
		(SELECT count(*) FROM dossiers), (SELECT count(*) FROM users), (SELECT count(*) FROM dossier_ratings), (SELECT count(*) FROM pickups),
		(SELECT count(*) FROM sessions), (SELECT count(*) FROM bookings), (SELECT count(*) FROM shipments))`).Scan(&counts); err != nil {
		return err
	}
	fmt.Printf("loaded in %s, vacuumed and analysed in %s: %s\n\n", loaded.Round(time.Second), (time.Since(t0) - loaded).Round(time.Second), counts)

	rec := &recorder{}
	pool, err := tracedPool(ctx, scratch.Config().ConnString(), rec)
	if err != nil {
		return err
	}
	defer pool.Close()
	a, addr, stop, err := benchkit.Serve(pool)
	if err != nil {
		return err
	}
	defer stop()
	base := "http://" + addr

	var ward, officer, citizen, proc, hood, sess uuid.UUID
	if err := scratch.QueryRow(ctx, `SELECT w.id,
		(SELECT id FROM users WHERE ward_id = w.id AND role = 'officer' LIMIT 1),
		(SELECT applicant_id FROM dossiers WHERE ward_id = w.id AND applicant_id IS NOT NULL ORDER BY id DESC LIMIT 1),
		(SELECT id FROM procedures WHERE ward_id = w.id LIMIT 1),
		(SELECT id FROM neighborhoods WHERE ward_id = w.id LIMIT 1),
		(SELECT id FROM sessions WHERE ward_id = w.id AND status = 'completed' ORDER BY day DESC LIMIT 1)
		FROM wards w WHERE code = '90001'`).Scan(&ward, &officer, &citizen, &proc, &hood, &sess); err != nil {
		return err
	}
	officerTok, err := a.Auth.Signer().Issue(officer)
	if err != nil {
		return err
	}
	citizenTok, _ := a.Auth.Signer().Issue(citizen)
	client := &http.Client{Timeout: time.Minute}
	today := time.Now().In(calendar.Location)
	day := func(t time.Time) string { return t.Format(calendar.DateLayout) }
	month := fmt.Sprintf("/v1/stats?from=%s&to=%s", day(today.AddDate(0, 0, -29)), day(today))
	year := fmt.Sprintf("/v1/stats?from=%s&to=%s", day(today.AddDate(0, 0, -364)), day(today))

	terms, err := searchTerms(ctx, scratch, ward, big)
	if err != nil {
		return err
	}

	// index: a rare term's search must read this index (its custom plan names it).
	type call struct{ who, path, index string }
	officerCalls := []string{
		"/v1/dossiers?limit=20", "/v1/dossiers?limit=20&page=2", "/v1/dossiers?status=in_review&limit=20",
		"/v1/dossiers?overdue=true&limit=20", "/v1/dossiers?due_soon=true&limit=20", "/v1/dossiers?channel=home_pickup&limit=20",
		"/v1/dossiers?procedure_id=" + proc.String() + "&limit=20", "/v1/dossiers?q=" + url.QueryEscape("nguyen van an") + "&limit=20",
		"/v1/dossiers?q=0900001&limit=20",
		"/v1/pickups?limit=20", "/v1/pickups?status=requested&limit=20", "/v1/pickups?at_risk=true&limit=20",
		"/v1/pickups?neighborhood_id=" + hood.String() + "&limit=20",
		"/v1/sessions?ward_code=90001", "/v1/sessions?ward_code=90001&status=completed&from=" + day(today.AddDate(-1, 0, 0)) + "&to=" + day(today),
		"/v1/sessions/" + sess.String() + "/bookings",
		"/v1/shipments?limit=20", "/v1/shipments?status=delivered&limit=20", "/v1/shipments?stuck_days=3&limit=20",
		"/v1/users?limit=20", "/v1/users?role=citizen&limit=20", "/v1/users?role=volunteer&active=true&limit=20",
		"/v1/representations?limit=20",
		month, year,
	}
	var todo []call
	for _, p := range officerCalls {
		todo = append(todo, call{"officer", p, ""})
	}
	// The console's searches: q as an officer types it (no diacritics, a phone from its 0).
	for _, c := range []struct{ list, q, index string }{
		{"dossiers", terms.rareName, "dossiers_search_trgm_idx"},
		{"dossiers", "nguyen", ""}, // 4 in 10 match: the ward's newest come first
		{"dossiers", terms.phone[:7], "dossiers_phone_trgm_idx"},
		{"dossiers", terms.phone, "dossiers_phone_trgm_idx"},
		{"dossiers", terms.code, "dossiers_search_trgm_idx"},
		{"dossiers", "khong co ai", "dossiers_search_trgm_idx"},
		{"dossiers", "an", ""}, // 2 letters: no trigram, the walk
		{"users", terms.userName, "users_name_trgm_idx"},
		{"users", "nguyen", ""},
		{"users", terms.userPhone[:7], "users_phone_trgm_idx"},
	} {
		todo = append(todo, call{"officer", "/v1/" + c.list + "?q=" + url.QueryEscape(c.q) + "&limit=20", c.index})
	}
	for _, p := range []string{"/v1/dossiers?limit=20", "/v1/pickups?limit=20", "/v1/me/bookings?limit=20", "/v1/me/notifications?limit=20"} {
		todo = append(todo, call{"citizen", p, ""})
	}

	bigTabs, err := bigTables(ctx, scratch, minRows)
	if err != nil {
		return err
	}
	fmt.Printf("Plans of every read the server ran (big tables: at least %.0f rows), load average %s\n", minRows, loadavg())
	failures := 0
	explainedOnce := map[string]bool{}
	for _, c := range todo {
		tok := officerTok
		if c.who == "citizen" {
			tok = citizenTok
		}
		path := c.path
		if strings.HasSuffix(path, "&page=2") {
			// The second page: the cursor the first page gave.
			first := strings.TrimSuffix(path, "&page=2")
			var page struct {
				NextCursor string `json:"next_cursor"`
			}
			if _, err := get(client, base+first, tok, &page); err != nil {
				return err
			}
			path = first + "&cursor=" + url.QueryEscape(page.NextCursor)
		}
		rec.start()
		t := time.Now()
		status, err := get(client, base+path, tok, nil)
		took := time.Since(t)
		seen := rec.stop()
		if err != nil || status != 200 {
			fmt.Printf("\n%s GET %s → %d %v\n", c.who, c.path, status, err)
			failures++
			continue
		}
		slow := ""
		if took > slowMS*time.Millisecond {
			// A call much slower than its reads' EXPLAIN ANALYZE ran another plan: a prepared
			// statement's generic one (a search after five calls did, 10 s, before list and search
			// asked for a plan of their own on every call).
			slow = "  ⚠ slow"
		}
		fmt.Printf("\n%s GET %s  (%s over HTTP, load average %s)%s\n", c.who, c.path, ms(took), loadavg(), slow)
		usedIndex := false
		for _, q := range seen {
			if !isRead(q.sql) {
				continue
			}
			key := q.sql + fmt.Sprint(q.args)
			if explainedOnce[key] {
				continue
			}
			explainedOnce[key] = true
			cp, gp := custom(ctx, scratch, q, bigTabs), generic(ctx, scratch, q, bigTabs)
			fmt.Printf("  %s\n", name(q.sql))
			for _, x := range []struct {
				kind string
				p    plan
			}{{"custom ", cp}, {"generic", gp}} {
				if x.p.errText != "" {
					fmt.Printf("    %s: could not explain: %s\n", x.kind, x.p.errText)
					continue
				}
				line := fmt.Sprintf("    %s: %s", x.kind, strings.Join(x.p.nodes, " > "))
				if x.kind == "custom " {
					line += fmt.Sprintf("  [%.2f ms]", x.p.execMS)
				}
				if x.p.execMS > slowMS {
					// Not a failure (times on a shared machine are noisy), but worth a look.
					line += "  ⚠ slow"
				}
				if len(x.p.seqBig) > 0 {
					line += "  ✗ SEQ SCAN of " + strings.Join(x.p.seqBig, ", ")
					failures++
				}
				if x.kind == "custom " && c.index != "" && slices.ContainsFunc(x.p.nodes, func(n string) bool { return strings.HasSuffix(n, " "+c.index) }) {
					usedIndex = true
				}
				fmt.Println(line)
			}
		}
		if c.index != "" && !usedIndex {
			fmt.Printf("  ✗ NOT LOOKED UP IN %s\n", c.index)
			failures++
		}
	}

	fmt.Printf("\nGET /v1/stats in ward 1 (%d dossiers) over HTTP on loopback, %d calls a round after one warm-up call\n", big, calls)
	for _, r := range []struct{ label, path string }{{"month (30 days)", month}, {"year (365 days)", year}} {
		if _, err := get(client, base+r.path, officerTok, nil); err != nil {
			return err
		}
		for round := 1; round <= 3; round++ {
			lat := make([]time.Duration, 0, calls)
			for range calls {
				t := time.Now()
				if status, err := get(client, base+r.path, officerTok, nil); err != nil || status != 200 {
					return fmt.Errorf("stats: %d %v", status, err)
				}
				lat = append(lat, time.Since(t))
			}
			slices.Sort(lat)
			fmt.Printf("  %s round %d: median %s  min %s  max %s   (load average %s)\n", r.label, round, ms(lat[len(lat)/2]), ms(lat[0]), ms(lat[len(lat)-1]), loadavg())
		}
	}
	if failures > 0 {
		return fmt.Errorf("%d sequential scans of big tables, searches without their index or failed calls (marked ✗ above)", failures)
	}
	fmt.Println("\nno sequential scan of a big table in any list or statistics read; every rare search term looked up in its index")
	return nil
}

// slowMS marks a read whose EXPLAIN ANALYZE took longer than this.
const slowMS = 50

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func get(c *http.Client, u, token string, out any) (int, error) {
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		return res.StatusCode, fmt.Errorf("%s", raw)
	}
	if out != nil {
		return res.StatusCode, json.Unmarshal(raw, out)
	}
	return res.StatusCode, nil
}

// tracedPool opens the server's pool on the scratch database with the recorder as its tracer,
// the session settings as db.Open gives them.
func tracedPool(ctx context.Context, connString string, rec *recorder) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns = 20
	cfg.ConnConfig.RuntimeParams["application_name"] = "motcua"
	cfg.ConnConfig.RuntimeParams["timezone"] = "Asia/Ho_Chi_Minh"
	cfg.ConnConfig.Tracer = rec
	return pgxpool.NewWithConfig(ctx, cfg)
}

// terms are search terms taken from the big ward's rows, as an officer types them.
type terms struct {
	rareName string // an applicant's full name found on 3 to 8 of the ward's dossiers
	phone    string // an applicant's phone from its 0 (the first 7 digits: a partial phone)
	// the last 5 characters of a dossier's code, with at most 2 digits: from 3 digits a term is
	// also looked for in the phones (searchTerms), and the loaded codes' leading zeros ("000" is
	// in one phone in a hundred) would make it a common term
	code      string
	userName  string // a full name only one of the ward's accounts has
	userPhone string
}

func searchTerms(ctx context.Context, pool *pgxpool.Pool, ward uuid.UUID, big int) (terms, error) {
	var t terms
	err := pool.QueryRow(ctx, `SELECT
		(SELECT applicant_name FROM dossiers WHERE ward_id = $1 GROUP BY applicant_name HAVING count(*) BETWEEN 3 AND 8
		 ORDER BY applicant_name LIMIT 1),
		d.applicant_phone, right(d.code, 5),
		(SELECT full_name FROM users WHERE ward_id = $1 GROUP BY full_name HAVING count(*) = 1 ORDER BY full_name LIMIT 1),
		(SELECT phone FROM users WHERE ward_id = $1 ORDER BY id LIMIT 1 OFFSET 10)
		FROM dossiers d WHERE d.ward_id = $1 AND d.applicant_phone IS NOT NULL AND right(d.code, 5) !~ '[0-9].*[0-9].*[0-9]'
		ORDER BY d.id LIMIT 1 OFFSET $2`,
		ward, big/10).Scan(&t.rareName, &t.phone, &t.code, &t.userName, &t.userPhone)
	if err != nil {
		return t, fmt.Errorf("search terms: %w", err)
	}
	t.rareName, t.userName = procedure.Fold(t.rareName), procedure.Fold(t.userName)
	t.phone, t.userPhone = "0"+strings.TrimPrefix(t.phone, "+84"), "0"+strings.TrimPrefix(t.userPhone, "+84")
	return t, nil
}
