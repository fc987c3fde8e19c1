package notify

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Claimed is a batch of jobs leased by one claim.
type Claimed struct {
	Token uuid.UUID // names this claim on its rows (heartbeat and outcomes touch only those)
	Jobs  []notifydb.ClaimPushJobsRow
}

// DrainOnce claims one batch of due jobs, sends them and records the outcomes. It returns how
// many jobs it claimed.
func (w *Worker) DrainOnce(ctx context.Context) (int, error) {
	c, err := w.Claim(ctx)
	if err != nil || len(c.Jobs) == 0 {
		return 0, err
	}
	return len(c.Jobs), w.Deliver(ctx, c)
}

// Claim leases a batch of due jobs for Lease (exported so tests can simulate a worker dying
// after it).
func (w *Worker) Claim(ctx context.Context) (Claimed, error) {
	w.stats.Rounds.Add(1)
	now := w.clock.Now()
	lease := now.Add(w.cfg.Lease)
	c := Claimed{Token: uuid.Must(uuid.NewV7())}
	err := pgx.BeginFunc(ctx, w.pool, func(tx pgx.Tx) error {
		// Take the due jobs in push_jobs_due_idx's order, stopping at the batch. The statistics
		// of a queue that was nearly empty at the last ANALYZE make a backlog look like a few
		// rows, and the planner then reads every pending job through a bitmap and sorts them,
		// once per claim: 50 ms a claim at 40,000 pending instead of 0.6 ms (issue 14).
		if _, err := tx.Exec(ctx, "SET LOCAL enable_bitmapscan = off"); err != nil {
			return err
		}
		var err error
		c.Jobs, err = w.q.WithTx(tx).ClaimPushJobs(ctx, notifydb.ClaimPushJobsParams{LeaseUntil: &lease,
			LeaseToken: uuid.NullUUID{UUID: c.Token, Valid: true}, Now: now, Batch: int32(w.cfg.Batch)})
		return err
	})
	if err != nil {
		c.Jobs = nil
	}
	w.stats.Claimed.Add(int64(len(c.Jobs)))
	return c, err
}

// Deliver sends claimed jobs and records each outcome as its answer comes back (a few at a
// time), while a heartbeat extends the lease of the jobs still in flight. A worker that dies
// mid-batch thus leaves its answered jobs recorded and only the unanswered ones to be sent again
// when their short lease runs out. If ctx ends mid-batch, the answers already received are
// still recorded; the pushes cut short are left to their lease.
func (w *Worker) Deliver(ctx context.Context, c Claimed) error {
	rec := w.startRecording(ctx, c.Token, len(c.Jobs))
	pushes := make([]Push, 0, len(c.Jobs))
	sendable := make([]notifydb.ClaimPushJobsRow, 0, len(c.Jobs))
	ids := make([]uuid.UUID, 0, len(c.Jobs))
	for _, j := range c.Jobs {
		if j.DeviceLocale == nil {
			// The device was removed or moved to another account since the job was queued.
			rec.add(j, Result{Outcome: Fail, Err: errors.New("device no longer registered to the user")})
			continue
		}
		p := Push{Token: j.Token, Title: j.TitleVi, Body: j.BodyVi}
		if *j.DeviceLocale == "en" {
			p.Title, p.Body = j.TitleEn, j.BodyEn
		}
		if j.DevicePlatform != nil {
			p.Platform = *j.DevicePlatform
		}
		if p.Platform == PlatformWeb {
			p.Both = &Bilingual{TitleVI: j.TitleVi, TitleEN: j.TitleEn, BodyVI: j.BodyVi, BodyEN: j.BodyEn}
		}
		if err := json.Unmarshal(j.Data, &p.Data); err != nil {
			rec.add(j, Result{Outcome: Fail, Err: err})
			continue
		}
		pushes = append(pushes, p)
		sendable = append(sendable, j)
		ids = append(ids, j.ID)
	}
	stopHeartbeat := w.heartbeat(ctx, c.Token, ids)
	if len(pushes) > 0 {
		w.sender.Send(ctx, pushes, func(i int, r Result) { rec.add(sendable[i], r) })
	}
	stopHeartbeat()
	return rec.finish()
}

// heartbeat extends the lease of the batch's jobs not yet answered, every Heartbeat, until
// stopped. A failure is the database's: it goes to the worker's health (logged once).
func (w *Worker) heartbeat(ctx context.Context, token uuid.UUID, ids []uuid.UUID) (stop func()) {
	hctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(w.cfg.Heartbeat)
		defer t.Stop()
		for {
			select {
			case <-hctx.Done():
				return
			case <-t.C:
			}
			lease := w.clock.Now().Add(w.cfg.Lease)
			_, err := w.q.ExtendPushLease(hctx, notifydb.ExtendPushLeaseParams{LeaseUntil: &lease, Ids: ids,
				LeaseToken: uuid.NullUUID{UUID: token, Valid: true}})
			if err != nil && hctx.Err() == nil {
				w.health.Fail(err)
			}
		}
	}()
	return func() { cancel(); <-done }
}
