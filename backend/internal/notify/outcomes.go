package notify

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
)

// Outcomes are written in small groups as they arrive: at most flushAt at once, and none waits
// more than flushAfter for others to join it. This keeps the statements few at full speed
// (answers arrive in thousands a second) while a crash forgets at most flushAfter of answers.
const (
	flushAt    = 100
	flushAfter = 20 * time.Millisecond
)

type outcome struct {
	job notifydb.ClaimPushJobsRow
	r   Result
}

// recording writes the outcomes of one claimed batch from its own goroutine.
type recording struct {
	w        *Worker
	ctx      context.Context // the delivery's: once it ends, a failed send is no answer
	token    uuid.UUID
	outcomes chan outcome
	done     chan error
}

func (w *Worker) startRecording(ctx context.Context, token uuid.UUID, n int) *recording {
	r := &recording{w: w, ctx: ctx, token: token, outcomes: make(chan outcome, n), done: make(chan error, 1)}
	go r.run()
	return r
}

// add hands over one outcome (from any goroutine; never blocks: the channel holds the batch).
func (r *recording) add(j notifydb.ClaimPushJobsRow, res Result) {
	r.outcomes <- outcome{job: j, r: res}
}

// finish waits until every outcome added is written.
func (r *recording) finish() error {
	close(r.outcomes)
	return <-r.done
}

func (r *recording) run() {
	var errs []error
	group := make([]outcome, 0, flushAt)
	for first := range r.outcomes {
		group = append(group[:0], first)
		linger := time.NewTimer(flushAfter)
	collect:
		for len(group) < flushAt {
			select {
			case o, ok := <-r.outcomes:
				if !ok {
					break collect
				}
				group = append(group, o)
			case <-linger.C:
				break collect
			}
		}
		linger.Stop()
		errs = append(errs, r.write(group))
	}
	r.done <- errors.Join(errs...)
}

// write records a group of outcomes. It runs even after the delivery's ctx ended: those sends
// happened.
func (r *recording) write(group []outcome) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.ctx), 10*time.Second)
	defer cancel()
	w, q := r.w, r.w.q
	token := uuid.NullUUID{UUID: r.token, Valid: true}
	now := w.clock.Now()
	var sent []uuid.UUID
	var errs []error
	// count adds to a counter what was written.
	count := func(c *atomic.Int64, n int, err error) {
		if err != nil {
			errs = append(errs, err)
			return
		}
		c.Add(int64(n))
	}
	kill := func(o outcome) {
		count(&w.stats.Dead, 1, q.KillPushJob(ctx, notifydb.KillPushJobParams{ID: o.job.ID, LeaseToken: token, LastError: errText(o.r.Err)}))
		// The push failed for good (an UNREGISTERED token, a permanent error, too many
		// attempts): the person's next channel tells them instead, unless another device's
		// push got through.
		if ReachesByPhone(o.job.Type) {
			started, err := fallBack(ctx, q, o.job.NotificationID, ChannelPush, now)
			if err != nil {
				errs = append(errs, err)
			} else if started {
				w.stats.FellBack.Add(1)
			}
		}
	}
	for _, o := range group {
		switch o.r.Outcome {
		case Sent:
			sent = append(sent, o.job.ID)
		case DropToken:
			errs = append(errs, q.DeleteDeviceToken(ctx, o.job.Token))
			kill(o)
		case Fail:
			kill(o)
		case Retry:
			if r.ctx.Err() != nil {
				continue // cut short by shutdown, not answered: the lease brings it back
			}
			if int(o.job.Attempts) >= w.cfg.MaxAttempts {
				w.log.Warn("push dead-lettered", "job", o.job.ID, "attempts", o.job.Attempts, "err", o.r.Err)
				kill(o)
				continue
			}
			next := now.Add(max(w.backoff(int(o.job.Attempts)), o.r.RetryAfter))
			count(&w.stats.Retried, 1, q.RetryPushJob(ctx, notifydb.RetryPushJobParams{ID: o.job.ID, LeaseToken: token,
				NextAttemptAt: next, LastError: errText(o.r.Err)}))
		}
	}
	if len(sent) > 0 {
		count(&w.stats.Sent, len(sent), q.MarkPushSent(ctx, notifydb.MarkPushSentParams{Now: &now, Ids: sent}))
	}
	return errors.Join(errs...)
}
