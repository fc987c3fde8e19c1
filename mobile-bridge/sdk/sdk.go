// Package sdk is what a phone app needs around the generated API client: log in once and
// refresh tokens silently (one refresh at a time, however many calls fail with 401 together),
// an Idempotency-Key on every creating call, and an offline queue that replays actions taken
// without network in order, each exactly once.
package sdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/mobile-bridge/client"
)

// Tokens is the login the app keeps (in the phone's secure storage).
type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
}

// ErrLoggedOut means the refresh token was refused: the user must log in again.
var ErrLoggedOut = errors.New("logged out: log in again")

// SDK is a logged-in (or not yet) connection to the server.
type SDK struct {
	base   string
	http   *http.Client
	API    *client.ClientWithResponses // every operation, already authenticated
	Queue  *Queue
	OnSave func(Tokens) // called after login and every refresh, to persist the tokens

	mu        sync.Mutex
	tokens    Tokens
	gen       int // bumps on every refresh
	refreshMu sync.Mutex
	Refreshes int // refreshes done (observability, tests)
}

// New connects to base (e.g. https://motcua.example.vn) through transport (nil: the default);
// the offline queue is kept in queueFile ("" keeps it in memory only).
func New(base string, transport http.RoundTripper, queueFile string) (*SDK, error) {
	if transport == nil {
		transport = http.DefaultTransport
	}
	s := &SDK{base: strings.TrimRight(base, "/")}
	s.http = &http.Client{Transport: &authTransport{sdk: s, next: transport}}
	api, err := client.NewClientWithResponses(s.base, client.WithHTTPClient(s.http))
	if err != nil {
		return nil, err
	}
	s.API = api
	if s.Queue, err = openQueue(queueFile); err != nil {
		return nil, err
	}
	return s, nil
}

// SetTokens restores a saved login.
func (s *SDK) SetTokens(t Tokens) {
	s.mu.Lock()
	s.tokens = t
	s.mu.Unlock()
}

// Tokens returns the current login.
func (s *SDK) Tokens() Tokens {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tokens
}

// Login logs in with phone and password.
func (s *SDK) Login(ctx context.Context, phone, password string) (client.AuthResponse, error) {
	res, err := s.API.LoginWithResponse(ctx, client.LoginRequest{Phone: phone, Password: password})
	if err != nil {
		return client.AuthResponse{}, err
	}
	if res.JSON200 == nil {
		return client.AuthResponse{}, problem(res.StatusCode(), res.Body)
	}
	s.store(Tokens{AccessToken: res.JSON200.AccessToken, RefreshToken: res.JSON200.RefreshToken})
	return *res.JSON200, nil
}

func (s *SDK) store(t Tokens) {
	s.mu.Lock()
	s.tokens = t
	s.gen++
	s.mu.Unlock()
	if s.OnSave != nil {
		s.OnSave(t)
	}
}

// refresh exchanges the refresh token, unless another call already did since the caller's
// token generation `seen` — so a burst of 401s causes a single refresh.
func (s *SDK) refresh(ctx context.Context, seen int) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	s.mu.Lock()
	gen, rt := s.gen, s.tokens.RefreshToken
	s.mu.Unlock()
	if gen != seen {
		return nil // refreshed meanwhile
	}
	body, _ := json.Marshal(client.RefreshRequest{RefreshToken: rt})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/v1/auth/refresh", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := s.http.Transport.(*authTransport).next.RoundTrip(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode == http.StatusUnauthorized {
		return ErrLoggedOut
	}
	if res.StatusCode != http.StatusOK {
		return problem(res.StatusCode, raw)
	}
	var ar client.AuthResponse
	if err := json.Unmarshal(raw, &ar); err != nil {
		return err
	}
	s.Refreshes++
	s.store(Tokens{AccessToken: ar.AccessToken, RefreshToken: ar.RefreshToken})
	return nil
}

// authTransport adds the access token and, on 401, refreshes once and retries the request.
type authTransport struct {
	sdk  *SDK
	next http.RoundTripper
}

func (t *authTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if strings.HasSuffix(req.URL.Path, "/v1/auth/login") || strings.HasSuffix(req.URL.Path, "/v1/auth/register") {
		return t.next.RoundTrip(req)
	}
	t.sdk.mu.Lock()
	token, gen := t.sdk.tokens.AccessToken, t.sdk.gen
	t.sdk.mu.Unlock()
	if req.Method == http.MethodPost && req.Header.Get("Idempotency-Key") == "" {
		// Every creating call carries a key, kept across the retry below, so a retry after a
		// lost answer is recognised by the server instead of acting twice.
		req.Header.Set("Idempotency-Key", uuid.NewString())
	}
	first := req.Clone(req.Context())
	if token != "" {
		first.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := t.next.RoundTrip(first)
	if err != nil || res.StatusCode != http.StatusUnauthorized || token == "" {
		return res, err
	}
	res.Body.Close()
	if err := t.sdk.refresh(req.Context(), gen); err != nil {
		return nil, err
	}
	retry := req.Clone(req.Context())
	if req.GetBody != nil {
		if retry.Body, err = req.GetBody(); err != nil {
			return nil, err
		}
	}
	t.sdk.mu.Lock()
	retry.Header.Set("Authorization", "Bearer "+t.sdk.tokens.AccessToken)
	t.sdk.mu.Unlock()
	return t.next.RoundTrip(retry)
}

// Problem is an API error (application/problem+json).
type Problem struct {
	Status int    `json:"status"`
	Code   string `json:"code"`
	Title  string `json:"title"`
}

func (p *Problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Code, p.Title) }

func problem(status int, body []byte) error {
	p := &Problem{Status: status}
	_ = json.Unmarshal(body, p)
	return p
}
