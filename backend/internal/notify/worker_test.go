package notify_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/fcmfake"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// pushWorld is a test database, a fake FCM, and a worker sending through the real Firebase SDK.
type pushWorld struct {
	e      *testkit.Env
	fake   *fcmfake.Server
	sender notify.Sender
	worker *notify.Worker
	user   testkit.User
}

func newPushWorld(t *testing.T, tokens ...string) *pushWorld {
	e := testkit.New(t)
	fake, err := fcmfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	sender, err := notify.NewFCM(context.Background(), notify.FCMConfig{ProjectID: "motcua-test", Endpoint: fake.URL})
	if err != nil {
		t.Fatal(err)
	}
	cfg := notify.DefaultWorkerConfig()
	cfg.Poll = time.Hour // only NOTIFY or an explicit DrainOnce moves anything
	w := notify.NewWorker(e.Pool, e.Clock, sender, slog.New(slog.NewTextHandler(io.Discard, nil)), cfg)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	q := notifydb.New(e.Pool)
	for i, tok := range tokens {
		locale := "vi"
		if i%2 == 1 {
			locale = "en"
		}
		if _, err := q.UpsertDevice(context.Background(), notifydb.UpsertDeviceParams{Token: tok, UserID: u.ID, Platform: "android", Locale: locale, CreatedAt: e.Clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	return &pushWorld{e: e, fake: fake, sender: sender, worker: w, user: u}
}

func (p *pushWorld) enqueue(t *testing.T) string {
	t.Helper()
	var id string
	err := pgx.BeginFunc(context.Background(), p.e.Pool, func(tx pgx.Tx) error {
		nid, err := notify.Enqueue(context.Background(), tx, notify.Message{
			UserID: p.user.ID, Type: string(push.DossierResultReady),
			Title: httpx.Text{VI: "Hồ sơ đã có kết quả", EN: "Your dossier is ready"},
			Body:  httpx.Text{VI: "Hồ sơ 2611-ABCDEF đã có kết quả", EN: "Dossier 2611-ABCDEF has its result"},
			Data:  map[string]string{push.KeyDossierID: "d1", push.KeyLink: push.Link(push.Dossier, "d1")},
		}, p.e.Clock.Now)
		id = nid.String()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func drain(t *testing.T, w *notify.Worker) int {
	t.Helper()
	n, err := w.DrainOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const tokA, tokB = "token-aaaaaaaaaaaaaaaaaaaaaaaa", "token-bbbbbbbbbbbbbbbbbbbbbbbb"

func TestEveryDeviceGetsOneLocalizedPush(t *testing.T) {
	p := newPushWorld(t, tokA, tokB)
	id := p.enqueue(t)
	if n := drain(t, p.worker); n != 2 {
		t.Fatalf("claimed %d jobs, want 2", n)
	}
	got := p.fake.Received()
	if len(got) != 2 {
		t.Fatalf("fake got %d messages", len(got))
	}
	titles := map[string]string{}
	for _, m := range got {
		titles[m.Token] = m.Title
		if m.Data[push.KeyNotificationID] != id || m.Data[push.KeyType] != string(push.DossierResultReady) || m.Data[push.KeyLink] != push.Link(push.Dossier, "d1") {
			t.Errorf("data = %v", m.Data)
		}
	}
	if titles[tokA] != "Hồ sơ đã có kết quả" || titles[tokB] != "Your dossier is ready" {
		t.Errorf("titles by device locale = %v", titles)
	}
	if n := drain(t, p.worker); n != 0 || len(p.fake.Received()) != 2 {
		t.Fatalf("sent again: claimed %d", n)
	}
}

func TestUnregisteredTokenIsDeleted(t *testing.T) {
	p := newPushWorld(t, tokA, tokB)
	p.fake.Unregister(tokB)
	p.enqueue(t)
	drain(t, p.worker)
	var devices int
	p.e.Pool.QueryRow(context.Background(), "SELECT count(*) FROM devices WHERE token = $1", tokB).Scan(&devices)
	if devices != 0 {
		t.Fatal("unregistered token still stored")
	}
	var state string
	p.e.Pool.QueryRow(context.Background(), "SELECT state FROM push_jobs WHERE token = $1", tokB).Scan(&state)
	if state != "dead" || len(p.fake.Received()) != 1 {
		t.Fatalf("job state %q, received %d", state, len(p.fake.Received()))
	}
}

func TestUnavailableAndQuotaAreRetriedThenDelivered(t *testing.T) {
	for _, status := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests, http.StatusInternalServerError} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			p := newPushWorld(t, tokA)
			p.fake.FailToken(tokA, status, status, status, status, status)
			p.enqueue(t)
			for i := 0; i < 10 && len(p.fake.Received()) == 0; i++ {
				drain(t, p.worker)
				p.e.Clock.Advance(time.Hour) // past any backoff
			}
			if got := p.fake.Received(); len(got) != 1 {
				t.Fatalf("delivered %d times, want exactly once", len(got))
			}
		})
	}
}

func TestWorkerKilledAfterClaimLosesNothing(t *testing.T) {
	p := newPushWorld(t, tokA)
	p.enqueue(t)
	// A worker claims the job and dies before sending.
	c, err := p.worker.Claim(context.Background())
	if err != nil || len(c.Jobs) != 1 {
		t.Fatalf("claim: %d, %v", len(c.Jobs), err)
	}
	// While the lease holds nobody else takes it…
	if n := drain(t, p.worker); n != 0 {
		t.Fatalf("leased job claimed again: %d", n)
	}
	// …and once it expires (a short lease) the job is sent.
	p.e.Clock.Advance(notify.DefaultWorkerConfig().Lease + time.Second)
	if n := drain(t, p.worker); n != 1 || len(p.fake.Received()) != 1 {
		t.Fatalf("after lease expiry: claimed %d, received %d", n, len(p.fake.Received()))
	}
}

func TestDeadLetterAfterMaxAttempts(t *testing.T) {
	p := newPushWorld(t, tokA)
	p.fake.FailToken(tokA, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500)
	p.enqueue(t)
	for i := 0; i < 12; i++ {
		drain(t, p.worker)
		p.e.Clock.Advance(time.Hour)
	}
	var state string
	var attempts int
	p.e.Pool.QueryRow(context.Background(), "SELECT state, attempts FROM push_jobs").Scan(&state, &attempts)
	if state != "dead" || attempts != notify.DefaultWorkerConfig().MaxAttempts || len(p.fake.Received()) != 0 {
		t.Fatalf("state %q after %d attempts, received %d", state, attempts, len(p.fake.Received()))
	}
}

func TestNotifyWakesTheWorker(t *testing.T) {
	p := newPushWorld(t, tokA)
	p.start(t, p.worker) // returns once the worker LISTENs, or the NOTIFY could be missed
	p.enqueue(t)
	if got := p.fake.WaitFor(1, 5*time.Second); len(got) != 1 {
		t.Fatalf("no push within 5s although Poll is an hour: NOTIFY did not wake the worker")
	}
}
