package sdktest

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/sdk"
)

// network is the phone's connection: it can drop before a request leaves, or after the server
// answered (the answer is lost), and it counts refresh calls.
type network struct {
	next      http.RoundTripper
	mode      atomic.Int32 // 0 up, 1 down, 2 answers lost
	refreshes atomic.Int32
}

const (
	up = iota
	down
	lostAnswers
)

var errOffline = errors.New("network unreachable")

func (n *network) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/v1/auth/refresh") {
		n.refreshes.Add(1)
	}
	switch n.mode.Load() {
	case down:
		return nil, errOffline
	case lostAnswers:
		res, err := n.next.RoundTrip(r)
		if err == nil {
			res.Body.Close()
		}
		return nil, errOffline
	}
	return n.next.RoundTrip(r)
}

func TestConcurrent401sRefreshOnce(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	net := &network{next: http.DefaultTransport}
	s, err := sdk.New(base, net, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(context.Background(), u.Phone, u.Password); err != nil {
		t.Fatal(err)
	}
	e.Clock.Advance(e.Cfg.AccessTTL + time.Minute) // every access token is now expired
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := s.API.GetMeWithResponse(context.Background())
			if err == nil && res.JSON200 == nil {
				err = errors.New(res.Status())
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if net.refreshes.Load() != 1 || s.Refreshes != 1 {
		t.Fatalf("%d refresh calls for 20 simultaneous 401s", net.refreshes.Load())
	}
}

// Booking a slot and asking for a pickup with no network: both wait in the queue (on disk);
// a replay whose answer is lost changes nothing visible; when the network returns they are sent
// in order and each takes effect exactly once.
func TestOfflineQueueReplaysExactlyOnce(t *testing.T) {
	e := testkit.New(t)
	e.Clock.Set(time.Date(2026, 11, 25, 9, 0, 0, 0, calendar.Location))
	base := e.Serve()
	w := e.NewWard("26734", 1)
	officer, citizen := e.NewUser(w, auth.RoleOfficer), e.NewUser(w, auth.RoleCitizen)
	var sess api.Session
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: e.Token(officer), Body: map[string]any{
		"neighborhood_id": w.Neighborhoods[0], "date": "2026-11-28", "venue": "Nhà văn hóa khu phố 1",
		"start_time": "08:00", "end_time": "09:00", "slot_minutes": 30, "capacity_per_slot": 5}}).JSON(t, &sess)

	queueFile := filepath.Join(t.TempDir(), "queue.json")
	net := &network{next: http.DefaultTransport}
	s, err := sdk.New(base, net, queueFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Login(context.Background(), citizen.Phone, citizen.Password); err != nil {
		t.Fatal(err)
	}
	tokens := s.Tokens()

	net.mode.Store(down)
	if _, err := s.BookSlot(context.Background(), sess.Id.String(), sess.Slots[1].StartsAt); !errors.Is(err, sdk.ErrQueued) {
		t.Fatalf("offline booking: %v", err)
	}
	pickup := map[string]any{"address": "25 Lê Thánh Tôn", "neighborhood_id": w.Neighborhoods[0], "reason": "elderly",
		"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}
	if _, err := s.RequestPickup(context.Background(), pickup); !errors.Is(err, sdk.ErrQueued) {
		t.Fatalf("offline pickup: %v", err)
	}

	// The app restarts: the queue is read back from disk.
	s, err = sdk.New(base, net, queueFile)
	if err != nil {
		t.Fatal(err)
	}
	s.SetTokens(tokens)
	if n := len(s.Queue.Pending()); n != 2 {
		t.Fatalf("%d actions after restart", n)
	}
	// The network half returns: requests arrive but the answers are lost.
	net.mode.Store(lostAnswers)
	if _, err := s.Flush(context.Background()); err == nil {
		t.Fatal("flush with lost answers reported success")
	}
	if n := len(s.Queue.Pending()); n != 2 {
		t.Fatalf("actions dropped without an answer: %d left", n)
	}
	net.mode.Store(up)
	results, err := s.Flush(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 2 || results[0].Action.Kind != "book_slot" || results[0].Status != 201 || results[1].Status != 201 {
		t.Fatalf("results %+v", results)
	}
	if n := e.Count("SELECT count(*) FROM bookings WHERE citizen_id = $1", citizen.ID); n != 1 {
		t.Fatalf("%d bookings", n)
	}
	if n := e.Count("SELECT count(*) FROM pickups WHERE citizen_id = $1", citizen.ID); n != 1 {
		t.Fatalf("%d pickups", n)
	}
	if n := len(s.Queue.Pending()); n != 0 {
		t.Fatalf("%d actions still queued", n)
	}
}
