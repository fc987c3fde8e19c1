// Command benchphone measures Zalo ZNS and SMS delivery through the outbox: it enqueues
// notifications for people without an account (a phone number only) with notify.EnqueueMany,
// and drains them with the real phone worker and adapters into the loopback Zalo and SMS fakes,
// then prints messages per second for the channel.
//
//	go run ./backend/cmd/benchphone -channel zns -messages 20000
//	go run ./backend/cmd/benchphone -channel sms -messages 20000
//
// It works in a throw-away database on the same PostgreSQL the tests use, and drops it after.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/db"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/smsfake"
	"github.com/motcuagandan/motcua/backend/internal/notify/znsfake"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

func main() {
	channel := flag.String("channel", "zns", "zns or sms")
	total := flag.Int("messages", 20_000, "notifications to enqueue")
	workers := flag.Int("workers", 2, "phone workers sharing the queue")
	flag.Parse()
	if err := run(*channel, *total, *workers); err != nil {
		fmt.Fprintln(os.Stderr, "benchphone:", err)
		os.Exit(1)
	}
}

func run(channel string, total, workers int) error {
	if channel != notify.ChannelZNS && channel != notify.ChannelSMS {
		return fmt.Errorf("-channel: want zns or sms")
	}
	ctx := context.Background()
	pool, cleanup, err := db.Scratch(ctx, "motcua_benchphone", 20)
	if err != nil {
		return err
	}
	defer cleanup()
	// Office hours, so that no message is held for the morning.
	today := time.Now().In(calendar.Location)
	clk := clock.NewManual(time.Date(today.Year(), today.Month(), today.Day(), 10, 0, 0, 0, calendar.Location))

	zalo, err := znsfake.Start("bench-token", "", "secret")
	if err != nil {
		return err
	}
	defer zalo.Close()
	sms, err := smsfake.Start("Bearer bench")
	if err != nil {
		return err
	}
	defer sms.Close()
	zns := notify.NewZNS(notify.ZNSConfig{Endpoint: zalo.URL, AccessToken: "bench-token",
		Templates: map[string]string{string(push.DossierResultReady): "tpl"}})
	gw, err := notify.NewSMS(notify.SMSConfig{URL: sms.URL, Auth: "Authorization: Bearer bench", Unaccented: true})
	if err != nil {
		return err
	}

	start := time.Now()
	const perTx = 100
	for i := 0; i < total; i += perTx {
		msgs := make([]notify.Message, 0, perTx)
		for j := i; j < min(i+perTx, total); j++ {
			code := fmt.Sprintf("2612-%06d", j)
			msgs = append(msgs, notify.Message{Phone: fmt.Sprintf("+8498%07d", j), Type: string(push.DossierResultReady),
				Title: httpx.Text{VI: "Hồ sơ " + code + " đã có kết quả"},
				Body:  httpx.Text{VI: "Mời ông/bà đến Bộ phận một cửa để nhận."},
				Data:  map[string]string{push.KeyCode: code, push.KeyDossierID: uuid.NewString()}})
		}
		if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			_, err := notify.EnqueueMany(ctx, tx, msgs, clk.Now)
			return err
		}); err != nil {
			return err
		}
	}
	enqueued := time.Since(start)
	if channel == notify.ChannelSMS {
		// The SMS path as it is taken: the same jobs, as if Zalo had refused them all.
		if _, err := pool.Exec(ctx, "UPDATE message_jobs SET channel = 'sms'"); err != nil {
			return err
		}
	}

	cfg := notify.DefaultWorkerConfig()
	cfg.Poll = 50 * time.Millisecond
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	start = time.Now()
	for range workers {
		go notify.NewPhoneWorker(pool, clk, zns, gw, log, cfg).Run(wctx)
	}
	for {
		var pending int
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM message_jobs WHERE state = 'pending'").Scan(&pending); err != nil {
			return err
		}
		if pending == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(start)
	got := len(zalo.Messages())
	if channel == notify.ChannelSMS {
		got = len(sms.Messages())
	}
	fmt.Printf("channel %s: %d messages enqueued in %s (%.0f/s); sent %d in %s: %.0f messages/s (%d workers × 32 in flight)\n",
		channel, total, enqueued.Round(time.Millisecond), float64(total)/enqueued.Seconds(), got, took.Round(time.Millisecond),
		float64(got)/took.Seconds(), workers)
	return nil
}
