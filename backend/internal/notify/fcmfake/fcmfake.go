// Package fcmfake is a fake Firebase Cloud Messaging HTTP v1 server on loopback, for tests and
// benchmarks of the real Firebase Admin SDK: it records what it receives and can answer the
// errors FCM answers (an unregistered token, 503, 429 with Retry-After).
package fcmfake

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	gojson "github.com/goccy/go-json"
)

// Received is one message the fake accepted.
type Received struct {
	Project string
	Token   string
	Title   string
	Body    string
	Data    map[string]string
	At      time.Time
	// Webpush and Android are the message's platform sections as sent (nil when absent).
	Webpush json.RawMessage
	Android json.RawMessage
}

// Server is the fake.
type Server struct {
	URL string // base URL; the SDK's endpoint is URL + "/v1"

	srv      *http.Server
	mu       sync.Mutex
	got      []Received
	dead     map[string]bool // tokens answered UNREGISTERED
	failures map[string][]int
	failAll  []int
	requests atomic.Int64
	held     map[string]bool // tokens whose requests wait for Release
	release  chan struct{}
	holding  atomic.Int64
	// OnReceive, if set, is called for every accepted message (benchmarks count here instead
	// of keeping messages).
	OnReceive func(Received)
	// Keep controls whether accepted messages are stored (default true).
	Keep bool
}

// Start listens on a free loopback port.
func Start() (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + ln.Addr().String(), dead: map[string]bool{}, failures: map[string][]int{}, Keep: true,
		held: map[string]bool{}, release: make(chan struct{})}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 5 * time.Second}
	// Like FCM, speak HTTP/2 (here without TLS) as well as HTTP/1.1.
	s.srv.Protocols = new(http.Protocols)
	s.srv.Protocols.SetHTTP1(true)
	s.srv.Protocols.SetUnencryptedHTTP2(true)
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Unregister makes the fake answer 404 UNREGISTERED for token, as FCM does for an app that
// was uninstalled.
func (s *Server) Unregister(token string) {
	s.mu.Lock()
	s.dead[token] = true
	s.mu.Unlock()
}

// FailToken makes the next sends to token fail with the given HTTP statuses in turn
// (503 UNAVAILABLE, 429 QUOTA_EXCEEDED with Retry-After: 1, 500 INTERNAL).
func (s *Server) FailToken(token string, statuses ...int) {
	s.mu.Lock()
	s.failures[token] = append(s.failures[token], statuses...)
	s.mu.Unlock()
}

// FailNext makes the next len(statuses) requests fail, whatever their token.
func (s *Server) FailNext(statuses ...int) {
	s.mu.Lock()
	s.failAll = append(s.failAll, statuses...)
	s.mu.Unlock()
}

// Hold makes requests for these tokens wait, unanswered, until Release (or until the client
// gives up): a slow FCM, or sends still in flight when a worker dies.
func (s *Server) Hold(tokens ...string) {
	s.mu.Lock()
	for _, t := range tokens {
		s.held[t] = true
	}
	s.mu.Unlock()
}

// Holding counts the requests waiting now.
func (s *Server) Holding() int { return int(s.holding.Load()) }

// Release answers the waiting requests, and the later ones for held tokens at once.
func (s *Server) Release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.held)
	select {
	case <-s.release:
	default:
		close(s.release)
	}
}

// Received returns a copy of the accepted messages.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// Requests counts every send request, failed or not.
func (s *Server) Requests() int64 { return s.requests.Load() }

// WaitFor waits until n messages were accepted, or the timeout.
func (s *Server) WaitFor(n int, timeout time.Duration) []Received {
	deadline := time.Now().Add(timeout)
	for {
		got := s.Received()
		if len(got) >= n || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type sendRequest struct {
	ValidateOnly bool `json:"validate_only"`
	Message      struct {
		Token        string            `json:"token"`
		Data         map[string]string `json:"data"`
		Notification struct {
			Title string `json:"title"`
			Body  string `json:"body"`
		} `json:"notification"`
		Webpush json.RawMessage `json:"webpush"`
		Android json.RawMessage `json:"android"`
	} `json:"message"`
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	// POST /v1/projects/{project}/messages:send
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/projects/")
	project, action, _ := strings.Cut(rest, "/")
	if !ok || r.Method != http.MethodPost || action != "messages:send" {
		writeErr(w, http.StatusNotFound, "NOT_FOUND", "")
		return
	}
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") && r.Header.Get("Authorization") != "" {
		writeErr(w, http.StatusUnauthorized, "UNAUTHENTICATED", "")
		return
	}
	// The body is read into a pooled buffer and decoded in one call, by go-json (what the API
	// server uses): the fake shares the CPU with the worker it measures, so it spends as little
	// as it can per message, and encoding/json's decoder was a quarter of its CPU (issue 14).
	buf := bodies.Get().(*bytes.Buffer)
	defer bodies.Put(buf)
	buf.Reset()
	var req sendRequest
	if _, err := buf.ReadFrom(r.Body); err != nil || gojson.Unmarshal(buf.Bytes(), &req) != nil || req.Message.Token == "" {
		writeErr(w, http.StatusBadRequest, "INVALID_ARGUMENT", "INVALID_ARGUMENT")
		return
	}
	tok := req.Message.Token
	s.mu.Lock()
	held, release := s.held[tok], s.release
	s.mu.Unlock()
	if held {
		s.holding.Add(1)
		select {
		case <-release:
			s.holding.Add(-1)
		case <-r.Context().Done():
			s.holding.Add(-1)
			return // the client gave up: nothing was delivered
		}
	}
	s.mu.Lock()
	status := 0
	if len(s.failAll) > 0 {
		status, s.failAll = s.failAll[0], s.failAll[1:]
	} else if f := s.failures[tok]; len(f) > 0 {
		status, s.failures[tok] = f[0], f[1:]
	}
	dead := s.dead[tok]
	s.mu.Unlock()
	switch {
	case dead:
		writeErr(w, http.StatusNotFound, "NOT_FOUND", "UNREGISTERED")
		return
	case status == http.StatusServiceUnavailable:
		writeErr(w, status, "UNAVAILABLE", "UNAVAILABLE")
		return
	case status == http.StatusTooManyRequests:
		w.Header().Set("Retry-After", "1")
		writeErr(w, status, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED")
		return
	case status != 0:
		writeErr(w, status, "INTERNAL", "INTERNAL")
		return
	}
	rec := Received{Project: project, Token: tok, Data: req.Message.Data, At: time.Now(),
		Title: req.Message.Notification.Title, Body: req.Message.Notification.Body,
		Webpush: req.Message.Webpush, Android: req.Message.Android}
	if s.OnReceive != nil {
		s.OnReceive(rec)
	}
	n := s.requests.Load()
	if s.Keep {
		s.mu.Lock()
		s.got = append(s.got, rec)
		n = int64(len(s.got))
		s.mu.Unlock()
	}
	// FCM's answer: {"name":"projects/{project}/messages/{id}"}, written without fmt and with
	// its content type (else net/http sniffs every body).
	out := append(buf.Bytes()[:0], `{"name":"projects/`...)
	out = append(out, project...)
	out = append(out, `/messages/`...)
	out = strconv.AppendInt(out, n, 10)
	out = append(out, `"}`...)
	h := w.Header()
	h["Content-Type"] = jsonType
	_, _ = w.Write(out)
}

var (
	bodies   = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	jsonType = []string{"application/json; charset=UTF-8"}
)

// writeErr answers like FCM v1: a google.rpc.Status with an FcmError detail.
func writeErr(w http.ResponseWriter, status int, rpcStatus, fcmCode string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"error": map[string]any{
		"code": status, "message": "fake FCM: " + strings.ToLower(rpcStatus), "status": rpcStatus,
	}}
	if fcmCode != "" {
		body["error"].(map[string]any)["details"] = []map[string]string{{
			"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcmCode,
		}}
	}
	_ = json.NewEncoder(w).Encode(body)
}
