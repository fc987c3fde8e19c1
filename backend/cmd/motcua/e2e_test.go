package main_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/notify/fcmfake"
	"github.com/motcuagandan/motcua/backend/internal/seed"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The real binary, started as production would start it but with PUSH_DRIVER=fcm and
// FCM_ENDPOINT pointing at a fake FCM: an officer takes a citizen's dossier to result_ready and
// the citizen's phone gets "… đã có kết quả" through the real Firebase Admin SDK.
func TestBinaryPushesResultReadyThroughFCM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	_, dbURL := testkit.NewDB(t)
	bin := filepath.Join(t.TempDir(), "motcua")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	fake, err := fcmfake.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer fake.Close()
	addr := freeAddr(t)
	env := append(os.Environ(), "DATABASE_URL="+dbURL, "HTTP_ADDR="+addr, "PUSH_DRIVER=fcm",
		"FCM_PROJECT_ID=motcua-e2e", "FCM_ENDPOINT="+fake.URL, "PASSWORD_HASH_MEMORY_KIB=1024", "PASSWORD_HASH_ITERATIONS=1")
	seedCmd := exec.Command(bin, "seed")
	seedCmd.Env = env
	if out, err := seedCmd.CombinedOutput(); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	var logs bytes.Buffer
	srv := exec.Command(bin, "serve")
	srv.Env, srv.Stdout, srv.Stderr = env, &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = srv.Process.Signal(os.Interrupt) // graceful shutdown
		done := make(chan error, 1)
		go func() { done <- srv.Wait() }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = srv.Process.Kill()
			t.Error("server did not stop on SIGINT")
		}
		if t.Failed() {
			t.Logf("server logs:\n%s", logs.String())
		}
	}()
	c := client{t: t, base: "http://" + addr}
	c.waitReady()

	officer := c.login("0901000002")
	citizen := c.login("0901000101")
	var me struct {
		ID string `json:"id"`
	}
	c.call("GET", "/v1/me", citizen, nil, 200, &me)
	c.call("POST", "/v1/me/devices", citizen, map[string]any{"token": "e2e-device-token-0123456789", "platform": "android"}, 200, nil)

	var procs struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	c.call("GET", "/v1/procedures?ward_code=26734&q=khai%20sinh", "", nil, 200, &procs)
	if len(procs.Items) == 0 {
		t.Fatal("no seeded procedure matches 'khai sinh'")
	}
	var d struct {
		ID   string `json:"id"`
		Code string `json:"code"`
	}
	c.call("POST", "/v1/dossiers", officer, map[string]any{"procedure_id": procs.Items[0].ID, "applicant_id": me.ID, "channel": "counter"}, 201, &d)
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		c.call("POST", "/v1/dossiers/"+d.ID+"/transitions", officer, map[string]any{"to": to}, 200, nil)
	}

	// "received" and "result_ready" both push; wait for the result one.
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range fake.Received() {
			if m.Data["type"] == "dossier.result_ready" {
				if m.Token != "e2e-device-token-0123456789" || !strings.Contains(m.Body, d.Code) || m.Data["dossier_id"] != d.ID {
					t.Fatalf("push = %+v", m)
				}
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no result_ready push reached the fake FCM; it received %d messages", len(fake.Received()))
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

type client struct {
	t    *testing.T
	base string
}

func (c client) waitReady() {
	for i := 0; i < 200; i++ {
		res, err := http.Get(c.base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	c.t.Fatal("server never became ready")
}

func (c client) login(phone string) string {
	var res struct {
		AccessToken string `json:"access_token"`
	}
	c.call("POST", "/v1/auth/login", "", map[string]any{"phone": phone, "password": seed.DemoPassword}, 200, &res)
	return res.AccessToken
}

func (c client) call(method, path, token string, body any, want int, out any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatal(fmt.Errorf("%s %s: %w", method, path, err))
		}
	}
}
