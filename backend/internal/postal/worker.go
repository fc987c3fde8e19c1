package postal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"regexp"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/loop"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// ErrRefused is what an adapter wraps when the carrier refuses a parcel for good (an address it
// does not serve, say): the job fails at once instead of being retried.
var ErrRefused = errors.New("the carrier refused the parcel")

// CarrierWorkerConfig tunes the carrier workers.
type CarrierWorkerConfig struct {
	CallTimeout time.Duration // one carrier call
	Lease       time.Duration // a claimed job is tried again after this if its worker vanished (longer than CallTimeout)
	MaxAttempts int           // then the job fails and the officer is told
	Poll        time.Duration // fallback wake-up (retries coming due; a missed NOTIFY)
	BaseBackoff time.Duration
	MaxBackoff  time.Duration
}

// DefaultCarrierWorkerConfig is what serve and worker use: eight attempts over about 40 minutes.
func DefaultCarrierWorkerConfig() CarrierWorkerConfig {
	return CarrierWorkerConfig{CallTimeout: 30 * time.Second, Lease: 2 * time.Minute, MaxAttempts: 8, Poll: 5 * time.Second,
		BaseBackoff: 10 * time.Second, MaxBackoff: 30 * time.Minute}
}

// CarrierWorker registers handed-over parcels with their carrier: it claims a job, calls the
// carrier outside any transaction (the shipment id is the reference the carrier dedupes on), and
// records the answer with the shipment's move in one transaction. Any number may run, on any node.
type CarrierWorker struct {
	pool     *pgxpool.Pool
	q        *postaldb.Queries
	clock    clock.Clock
	svc      *Service // its shipment events and pushes
	carriers map[string]Carrier
	log      *slog.Logger
	cfg      CarrierWorkerConfig
	stats    struct{ claims, registered, retried, failed atomic.Int64 }
}

// NewCarrierWorker builds a worker for the given carriers (the local one when none is given).
func NewCarrierWorker(pool *pgxpool.Pool, clk clock.Clock, log *slog.Logger, cfg CarrierWorkerConfig, carriers ...Carrier) *CarrierWorker {
	if len(carriers) == 0 {
		carriers = []Carrier{Local{}}
	}
	w := &CarrierWorker{pool: pool, q: postaldb.New(pool), clock: clk, svc: &Service{pool: pool, q: postaldb.New(pool), clock: clk},
		carriers: map[string]Carrier{}, log: log, cfg: cfg}
	for _, c := range carriers {
		w.carriers[c.Name()] = c
	}
	return w
}

// CarrierWorkerStats are the worker's counts since it started.
type CarrierWorkerStats struct{ Claims, Registered, Retried, Failed int64 }

// Stats counts claim queries (an idle worker must not spin) and outcomes.
func (w *CarrierWorker) Stats() CarrierWorkerStats {
	return CarrierWorkerStats{Claims: w.stats.claims.Load(), Registered: w.stats.registered.Load(),
		Retried: w.stats.retried.Load(), Failed: w.stats.failed.Load()}
}

// Run registers parcels until ctx ends: at once when a NOTIFY says a hand-over committed, and
// every Poll for retries coming due. Idle, it rests: a wake-up makes it look once, and then it
// waits for the next NOTIFY or tick.
func (w *CarrierWorker) Run(ctx context.Context) {
	wake := make(chan struct{}, 1)
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		db.Listen(ctx, w.pool, CarrierChannel, db.Nudge(wake), loop.NewHealth(w.log, "carrier listener", time.Second, 10*time.Second))
	}()
	defer func() { <-listening }()
	t := time.NewTicker(w.cfg.Poll)
	defer t.Stop()
	failing := false
	for ctx.Err() == nil {
		err := w.Drain(ctx)
		if ctx.Err() == nil && (err != nil) != failing { // one line when rounds start or stop failing
			if failing = err != nil; failing {
				w.log.Error("carrier registration round failed", "err", err)
			} else {
				w.log.Info("carrier registration rounds work again")
			}
		}
		select {
		case <-ctx.Done():
		case <-wake:
		case <-t.C:
		}
	}
}

// Drain handles due jobs one at a time until none is left.
func (w *CarrierWorker) Drain(ctx context.Context) error {
	for ctx.Err() == nil {
		found, err := w.RunOnce(ctx)
		if err != nil || !found {
			return err
		}
	}
	return nil
}

// RunOnce claims one due job, calls its carrier and records the outcome. It reports whether
// there was a job.
func (w *CarrierWorker) RunOnce(ctx context.Context) (bool, error) {
	j, err := w.Claim(ctx)
	if err != nil || j == nil {
		return false, err
	}
	if int(j.Attempts) > w.cfg.MaxAttempts {
		// Claimed again and again without an outcome recorded (workers dying on it): stop.
		return true, w.fail(ctx, *j, errors.New("no outcome could be recorded after the last attempt"))
	}
	tracking, err := w.Call(ctx, *j)
	return true, w.Record(ctx, *j, tracking, err)
}

// CarrierJob is a claimed job with what the carrier needs to know.
type CarrierJob struct {
	postaldb.ClaimCarrierJobRow
	token uuid.UUID // this claim's; only its holder may reschedule or fail the job
}

// Claim leases one due job, or returns nil (exported so tests can play a worker that dies
// after the call).
func (w *CarrierWorker) Claim(ctx context.Context) (*CarrierJob, error) {
	w.stats.claims.Add(1)
	now := w.clock.Now()
	lease := now.Add(w.cfg.Lease)
	token := uuid.Must(uuid.NewV7())
	row, err := w.q.ClaimCarrierJob(ctx, postaldb.ClaimCarrierJobParams{LeaseUntil: &lease, LeaseToken: token, Now: now})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &CarrierJob{ClaimCarrierJobRow: row, token: token}, nil
}

var trackingShape = regexp.MustCompile(`^[A-Za-z0-9-]{1,40}$`)

// Call asks the job's carrier to register the parcel, outside any transaction, with the
// shipment id as the idempotency reference.
func (w *CarrierWorker) Call(ctx context.Context, j CarrierJob) (string, error) {
	c, ok := w.carriers[j.Carrier]
	if !ok {
		return "", fmt.Errorf("%w: no adapter for carrier %q", ErrRefused, j.Carrier)
	}
	p := Parcel{ShipmentID: j.ShipmentID.String(), Direction: Direction(j.Direction), RecipientName: j.RecipientName,
		RecipientPhone: j.RecipientPhone, Province: j.Province, Ward: j.Ward, Street: j.Street}
	if j.DossierCode != nil {
		p.DossierCode = *j.DossierCode
	}
	if j.PaymentStatus == "cod" {
		p.CODAmountVND = j.FeeVnd
	}
	if j.CollectedFeeVnd != nil { // the procedure's fee, collected with a posted dossier for the office
		p.CollectFeeVND = *j.CollectedFeeVnd
	}
	cctx, cancel := context.WithTimeout(ctx, w.cfg.CallTimeout)
	defer cancel()
	tracking, err := c.CreateParcel(cctx, p)
	if err == nil && !trackingShape.MatchString(tracking) {
		err = fmt.Errorf("carrier %s answered an unusable tracking number %q", j.Carrier, tracking)
	}
	return tracking, err
}

// Record writes the outcome of a call: the tracking number with the shipment's move, its event
// and the citizen's push, in one transaction; or a retry with backoff; or, after the last
// attempt, the failure, told to the officer who handed the result over.
func (w *CarrierWorker) Record(ctx context.Context, j CarrierJob, tracking string, callErr error) error {
	// The call happened: record it even if ctx was cancelled meanwhile.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if callErr == nil {
		recorded, err := w.registered(ctx, j, tracking)
		if recorded {
			w.stats.registered.Add(1)
		}
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || pgErr.ConstraintName != "shipments_carrier_tracking_number_key" {
			return err
		}
		callErr = fmt.Errorf("the carrier's tracking number %s is already another shipment's", tracking)
	}
	if int(j.Attempts) >= w.cfg.MaxAttempts || errors.Is(callErr, ErrRefused) {
		return w.fail(ctx, j, callErr)
	}
	w.stats.retried.Add(1)
	return w.q.RetryCarrierJob(ctx, postaldb.RetryCarrierJobParams{ID: j.ID, LeaseToken: j.token,
		NextAttemptAt: w.clock.Now().Add(w.backoff(int(j.Attempts))), LastError: errText(callErr)})
}

// registered moves the shipment to handed_to_carrier with the carrier's tracking number. The
// move is dated at the officer's hand-over, which comes before any event of the carrier's
// about this parcel, so none of theirs is taken for stale.
func (w *CarrierWorker) registered(ctx context.Context, j CarrierJob, tracking string) (recorded bool, err error) {
	now := w.clock.Now()
	err = pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		q := w.q.WithTx(tx)
		if _, err := q.RegisterCarrierJob(ctx, postaldb.RegisterCarrierJobParams{ID: j.ID, TrackingNumber: &tracking, Now: &now}); errors.Is(err, pgx.ErrNoRows) {
			return nil // another worker recorded the same parcel first
		} else if err != nil {
			return err
		}
		recorded = true
		sh, err := q.GetShipmentForUpdate(ctx, j.ShipmentID)
		if err != nil {
			return err
		}
		if Status(sh.Status) != Requested {
			return fmt.Errorf("shipment %s is %s, not waiting for the carrier", sh.ID, sh.Status)
		}
		at := j.RequestedAt
		if sh, err = q.SetShipmentStatus(ctx, postaldb.SetShipmentStatusParams{ID: sh.ID, Status: string(HandedToCarrier),
			TrackingNumber: &tracking, OccurredAt: &at, Now: now}); err != nil {
			return err
		}
		from := string(Requested)
		if err := w.svc.event(ctx, tx, sh, &from, string(HandedToCarrier), "staff", j.RequestedBy.UUID, j.Note, at); err != nil {
			return err
		}
		return w.svc.tell(ctx, tx, sh, HandedToCarrier)
	})
	return recorded && err == nil, err
}

// fail gives the job up and tells the officer who handed the result over; the officers' list
// shows the failed registration until someone hands over again.
func (w *CarrierWorker) fail(ctx context.Context, j CarrierJob, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		if _, err := w.q.WithTx(tx).FailCarrierJob(ctx, postaldb.FailCarrierJobParams{ID: j.ID, LeaseToken: j.token, LastError: errText(cause)}); errors.Is(err, pgx.ErrNoRows) {
			return nil // no longer ours: another worker holds it, or it was recorded
		} else if err != nil {
			return err
		}
		w.stats.failed.Add(1)
		w.log.Warn("carrier registration failed", "shipment", j.ShipmentID, "carrier", j.Carrier, "attempts", j.Attempts, "err", cause)
		if !j.RequestedBy.Valid {
			return nil
		}
		msg := notify.Message{UserID: j.RequestedBy.UUID, Type: string(push.ShipmentCarrierFailed),
			Data: map[string]string{push.KeyShipmentID: j.ShipmentID.String(), push.KeyLink: shipmentLink(j.ShipmentID)}}
		if j.DossierID.Valid {
			msg.Data[push.KeyDossierID] = j.DossierID.UUID.String()
		}
		if Direction(j.Direction) == Inbound {
			// The citizen who asked for the collection; the officers see it in the stuck list.
			msg.Title = httpx.Text{VI: "Chưa đăng ký được với bưu điện việc nhận hồ sơ của ông/bà",
				EN: "The collection of your dossier is not registered with the post"}
			msg.Body = httpx.Text{VI: "Bộ phận một cửa sẽ liên hệ với ông/bà để sắp xếp lại.",
				EN: "The one-stop office will contact you to arrange it again."}
		} else {
			code := ""
			if j.DossierCode != nil {
				code = *j.DossierCode
			}
			msg.Title = httpx.Text{VI: "Chưa đăng ký được bưu gửi hồ sơ " + code + " với bưu điện",
				EN: "The parcel of " + code + " is not registered with the carrier"}
			msg.Body = httpx.Text{VI: "Hãy chuyển cho bưu điện lại để thử tiếp, hoặc nhập số hiệu bưu gửi nhận tại quầy.",
				EN: "Hand it over again to retry, or enter the tracking number given at the counter."}
		}
		_, err := notify.Enqueue(ctx, tx, msg, w.clock.Now)
		return err
	})
}

// backoff is exponential with full jitter: a random wait in [base·2^(n-1)/2, base·2^(n-1)], capped.
func (w *CarrierWorker) backoff(attempt int) time.Duration {
	d := w.cfg.BaseBackoff << min(max(attempt-1, 0), 20)
	if d <= 0 || d > w.cfg.MaxBackoff {
		d = w.cfg.MaxBackoff
	}
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// errText is an error as PostgreSQL will store it: printable, valid UTF-8, at most 500 bytes
// (a carrier's answer may hold anything).
func errText(err error) *string {
	s := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(err.Error(), "?"))
	for len(s) > 500 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return &s
}
