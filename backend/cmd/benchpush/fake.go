package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/notify/fcmfake"
)

// The fake FCM runs in a child process, so this process's CPU time is the backend's alone
// (worker, SDK, outbox) and can be reported per push.

// serveFake is the child: it prints its URL, records when each notification arrived, and when
// its stdin closes writes "notification_id unix_nanos" lines to stdout and exits. With
// BENCHPUSH_FAKE_CPUPROFILE=FILE in the environment it writes its own CPU profile there.
func serveFake() error {
	if path := os.Getenv("BENCHPUSH_FAKE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			_ = pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	fake, err := fcmfake.Start()
	if err != nil {
		return err
	}
	fake.Keep = false
	var mu sync.Mutex
	arrivals := map[string]int64{}
	fake.OnReceive = func(r fcmfake.Received) {
		now := time.Now().UnixNano()
		mu.Lock()
		arrivals[r.Data["notification_id"]] = now
		mu.Unlock()
	}
	fmt.Println(fake.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
	fake.Close()
	mu.Lock()
	defer mu.Unlock()
	w := bufio.NewWriter(os.Stdout)
	for id, at := range arrivals {
		fmt.Fprintf(w, "%s %d\n", id, at)
	}
	return w.Flush()
}

// fakeProcess is the parent's handle on the child.
type fakeProcess struct {
	URL   string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader
}

func startFake() (*fakeProcess, error) {
	cmd := exec.Command(os.Args[0], "-fake-child")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	out := bufio.NewReader(stdout)
	url, err := out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("fake FCM child: %w", err)
	}
	return &fakeProcess{URL: strings.TrimSpace(url), cmd: cmd, stdin: stdin, out: out}, nil
}

// stop ends the child and returns when each notification arrived.
func (f *fakeProcess) stop() (map[string]time.Time, error) {
	f.stdin.Close()
	arrivals := map[string]time.Time{}
	s := bufio.NewScanner(f.out)
	for s.Scan() {
		id, ns, ok := strings.Cut(s.Text(), " ")
		if n, err := strconv.ParseInt(ns, 10, 64); ok && err == nil {
			arrivals[id] = time.Unix(0, n)
		}
	}
	return arrivals, f.cmd.Wait()
}
