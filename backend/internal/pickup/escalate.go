package pickup

import (
	"context"
	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// Escalate marks requests nobody took in time (the ward's escalate_after_minutes) as at risk and
// tells the ward's officers, once per request. The loop runs it.
func (s *Service) Escalate(ctx context.Context) (int, error) {
	var n int
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		rows, err := q.Escalate(ctx, s.clock.Now())
		if err != nil {
			return err
		}
		n = len(rows)
		var msgs []notify.Message
		officers := map[uuid.UUID][]uuid.UUID{}
		for _, r := range rows {
			if _, ok := officers[r.WardID]; !ok {
				if officers[r.WardID], err = q.Officers(ctx, r.WardID); err != nil {
					return err
				}
			}
			for _, o := range officers[r.WardID] {
				msgs = append(msgs, notify.Message{UserID: o, Type: string(push.PickupAtRisk),
					Title: httpx.Text{VI: "Đề nghị tiếp nhận hồ sơ tại nhà chưa có người nhận", EN: "Home pickup request not taken"},
					Body:  httpx.Text{VI: r.Address + ": chưa có tình nguyện viên nhận, cần phân công.", EN: r.Address + ": no volunteer took it; please assign one."},
					Data:  data(r.ID)})
			}
		}
		if len(msgs) == 0 {
			return nil
		}
		_, err = notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
		return err
	})
	return n, err
}
