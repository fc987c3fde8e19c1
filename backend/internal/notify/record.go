package notify

import (
	"context"
	"log/slog"
)

// Recorder is the development sender: it logs each push (token masked) instead of sending it;
// the job rows record them as sent, so the whole path can be seen without Firebase.
type Recorder struct{ Log *slog.Logger }

// Send logs the pushes and reports them sent.
func (r Recorder) Send(ctx context.Context, pushes []Push, done func(int, Result)) {
	for i, p := range pushes {
		r.Log.InfoContext(ctx, "push recorded", "device", maskToken(p.Token), "type", p.Data["type"],
			"notification_id", p.Data["notification_id"], "title", p.Title)
		done(i, Result{Outcome: Sent})
	}
}

// maskToken keeps a token's last 6 characters: enough to tell devices apart in logs.
func maskToken(t string) string {
	if len(t) <= 6 {
		return "…"
	}
	return "…" + t[len(t)-6:]
}
