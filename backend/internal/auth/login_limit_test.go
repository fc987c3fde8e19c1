package auth_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func login(e *testkit.Env, phone, password string) *testkit.Response {
	return e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": phone, "password": password}})
}

// Guessing one phone's password is stopped after the limit, with Retry-After; other phones are
// not affected; the window passing lets the owner in again.
func TestLoginRateLimitPerPhone(t *testing.T) {
	e := testkit.New(t, func(c *config.Config) { c.LoginLimitPerPhone, c.LoginLimitWindow = 3, 15*time.Minute })
	w := e.NewWard("26734", 1)
	victim, other := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleCitizen)
	for i := 0; i < 3; i++ {
		if res := login(e, victim.Phone, "wrong-guess-1"); res.Status != 401 {
			t.Fatalf("attempt %d: %d", i+1, res.Status)
		}
	}
	res := login(e, victim.Phone, victim.Password) // even the right password now waits
	if res.Status != 429 || res.Problem(t).Code != "rate_limited" {
		t.Fatalf("4th attempt: %d %s", res.Status, res.Body)
	}
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs <= 0 || secs > 900 {
		t.Fatalf("Retry-After = %q", res.Header.Get("Retry-After"))
	}
	if res := login(e, other.Phone, other.Password); res.Status != 200 {
		t.Fatalf("another phone was limited too: %d", res.Status)
	}
	// The national form of the same number shares the bucket.
	if res := login(e, "0"+victim.Phone[3:], victim.Password); res.Status != 429 {
		t.Fatalf("national form bypassed the limit: %d", res.Status)
	}
	e.Clock.Advance(16 * time.Minute)
	if res := login(e, victim.Phone, victim.Password); res.Status != 200 {
		t.Fatalf("after the window: %d", res.Status)
	}
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	e := testkit.New(t, func(c *config.Config) { c.LoginLimitPerIP = 5 })
	w := e.NewWard("26734", 1)
	for i := 0; i < 5; i++ {
		u := e.NewUser(w, auth.RoleCitizen)
		if res := login(e, u.Phone, "wrong-guess-1"); res.Status != 401 {
			t.Fatalf("attempt %d: %d", i+1, res.Status)
		}
	}
	u := e.NewUser(w, auth.RoleCitizen)
	if res := login(e, u.Phone, u.Password); res.Status != 429 {
		t.Fatalf("6th attempt from one address: %d", res.Status)
	}
}

// Wrong password and unknown phone look the same, so accounts cannot be discovered.
func TestLoginFailuresLookAlike(t *testing.T) {
	e := testkit.New(t)
	u := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	a := login(e, u.Phone, "wrong-guess-1").Problem(t)
	b := login(e, "0919999999", "wrong-guess-1").Problem(t)
	if a.Code != "invalid_credentials" || a.Code != b.Code || a.Title != b.Title || a.Status != b.Status || a.Detail != b.Detail {
		t.Fatalf("%+v vs %+v", a, b)
	}
	en := e.Do(testkit.Req{Method: "POST", Path: "/v1/auth/login", Body: map[string]any{"phone": u.Phone, "password": "x"},
		Header: map[string]string{"Accept-Language": "en"}}).Problem(t)
	if en.Title != "Wrong phone number or password" || a.Title != "Số điện thoại hoặc mật khẩu không đúng" {
		t.Fatalf("titles %q / %q", en.Title, a.Title)
	}
}

func TestPasswordHashing(t *testing.T) {
	h := auth.Hasher{MemoryKiB: 64, Time: 1, Threads: 1}
	a, _ := h.Hash("Hoa-sen-2026")
	b, _ := h.Hash("Hoa-sen-2026")
	if a == b || a[:15] != "$argon2id$v=19$" {
		t.Fatalf("hashes %q %q", a, b)
	}
	if ok, err := h.Verify("Hoa-sen-2026", a); !ok || err != nil {
		t.Fatal("right password refused")
	}
	if ok, _ := h.Verify("hoa-sen-2026", a); ok {
		t.Fatal("wrong password accepted")
	}
	if _, err := h.Verify("x", "$2a$10$bcrypt"); err == nil {
		t.Fatal("foreign hash format accepted")
	}
	for pw, want := range map[string]string{"Hoa-sen-2026": "", "short1": "weak_password", "onlyletters": "weak_password",
		"1234567890": "weak_password", "12345678a": "weak_password", "Mật-khẩu-9": "", string(make([]byte, 129)): "too_long"} {
		if got := auth.PasswordProblem(pw); got != want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", pw, got, want)
		}
	}
}
