package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/benchkit"
	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// sendOnly is the ceiling of the SDK and the fake without the outbox: n pushes handed to the
// sender in batches as the worker does (rounds batches in flight at once), no database. It
// shows how much of the drain's rate the HTTP/2 round trips alone allow on this box.
func sendOnly(ctx context.Context, sender *notify.FCM, fake *fakeProcess, n, rounds, batch int, cpu func() time.Duration) {
	pushes := make([]notify.Push, batch)
	for i := range pushes {
		pushes[i] = notify.Push{Token: fmt.Sprintf("bench-device-token-%08d", i), Title: "Hồ sơ đã có kết quả",
			Body: "Hồ sơ 2611-000001 đã có kết quả", Platform: "android",
			Data: map[string]string{"notification_id": fmt.Sprint(i), "code": "2611-000001"}}
	}
	fake0, _ := benchkit.CPU(fake.cmd.Process.Pid)
	start, cpu0 := time.Now(), cpu()
	var wg sync.WaitGroup
	var mu sync.Mutex
	left := n
	for range rounds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				k := min(batch, left)
				left -= k
				mu.Unlock()
				if k == 0 {
					return
				}
				sender.Send(ctx, pushes[:k], func(int, notify.Result) {})
			}
		}()
	}
	wg.Wait()
	took, back := time.Since(start), (cpu()-cpu0)/time.Duration(n)
	fake1, _ := benchkit.CPU(fake.cmd.Process.Pid)
	fakePer := (fake1 - fake0) / time.Duration(n)
	fmt.Printf("send only (no database): %d pushes in %s = %.0f pushes/s; CPU per push backend %s + fake FCM %s = %s\n",
		n, took.Round(time.Millisecond), float64(n)/took.Seconds(), back, fakePer, back+fakePer)
}
