// Package smsfake is a loopback SMS gateway for tests and benchmarks: POST / with the default
// body ({"to":"84…","text":"…","ref":"…"}) and an Authorization header; it answers
// {"id":"…"} and can be told to fail with an HTTP status.
package smsfake

import (
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
)

// Message is one SMS the fake accepted.
type Message struct {
	To   string `json:"to"`
	Text string `json:"text"`
	Ref  string `json:"ref"`
	ID   string `json:"-"`
}

// Server is the fake.
type Server struct {
	URL  string
	Auth string // the Authorization header expected

	mu       sync.Mutex
	messages []Message
	status   int
	srv      *http.Server
	seq      atomic.Int64
}

// Start listens on a loopback port.
func Start(auth string) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + l.Addr().String() + "/", Auth: auth}
	s.srv = &http.Server{Handler: http.HandlerFunc(s.send)}
	go s.srv.Serve(l)
	return s, nil
}

// Close stops the fake.
func (s *Server) Close() { s.srv.Close() }

// FailWith makes every message answer status (0: accept again).
func (s *Server) FailWith(status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status = status
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != s.Auth {
		http.Error(w, `{"error":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	var m Message
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil || m.To == "" || m.Text == "" {
		http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.status != 0 {
		http.Error(w, `{"error":"failing"}`, s.status)
		return
	}
	m.ID = "sms" + strconv.FormatInt(s.seq.Add(1), 10)
	s.messages = append(s.messages, m)
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"id": m.ID, "status": "accepted"})
}
