// Package znsfake is a loopback Zalo Notification Service for tests and benchmarks: it answers
// POST /message/template (header access_token; body {phone, template_id, template_data,
// tracking_id}; answer {error, message, data: {msg_id}}) and POST /v4/oa/access_token (header
// secret_key; form refresh_token, app_id, grant_type=refresh_token) the way Zalo does. Like Zalo,
// it posts OA events to a webhook: Received tells the office a message reached the phone.
package znsfake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Message is one template message the fake accepted.
type Message struct {
	Phone        string            `json:"phone"`
	TemplateID   string            `json:"template_id"`
	TemplateData map[string]string `json:"template_data"`
	TrackingID   string            `json:"tracking_id"`
	MsgID        string            `json:"-"`
}

// Server is the fake.
type Server struct {
	URL       string
	SecretKey string

	mu        sync.Mutex
	token     string
	refresh   string
	messages  []Message
	fail      map[string]int // phone (84…) → the error code answered
	webhook   Webhook
	srv       *http.Server
	seq       atomic.Int64
	Refreshes atomic.Int64
	Refused   atomic.Int64 // messages answered with an error
}

// Start listens on a loopback port. token and refresh are the valid access and refresh tokens.
func Start(token, refresh, secretKey string) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{URL: "http://" + l.Addr().String(), SecretKey: secretKey, token: token, refresh: refresh, fail: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /message/template", s.send)
	mux.HandleFunc("POST /v4/oa/access_token", s.renew)
	s.srv = &http.Server{Handler: mux}
	go s.srv.Serve(l)
	return s, nil
}

// Close stops the fake.
func (s *Server) Close() { s.srv.Close() }

// Expire makes the current access token invalid (answered -124) until it is renewed.
func (s *Server) Expire() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.token = "expired-" + s.token
}

// Fail makes messages to phone (84…) answer code (e.g. -118: the person has no Zalo account).
func (s *Server) Fail(phone string, code int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fail[phone] = code
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

func answer(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	var m Message
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		answer(w, map[string]any{"error": -112, "message": "Template data invalid"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("access_token") != s.token {
		s.Refused.Add(1)
		answer(w, map[string]any{"error": -124, "message": "Access token invalid"})
		return
	}
	if code, ok := s.fail[m.Phone]; ok {
		s.Refused.Add(1)
		answer(w, map[string]any{"error": code, "message": "refused by the fake"})
		return
	}
	m.MsgID = "zmsg" + strconv.FormatInt(s.seq.Add(1), 10)
	s.messages = append(s.messages, m)
	answer(w, map[string]any{"error": 0, "message": "Success", "data": map[string]any{"msg_id": m.MsgID, "sent_time": "0"}})
}

func (s *Server) renew(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Header.Get("secret_key") != s.SecretKey || r.FormValue("grant_type") != "refresh_token" || r.FormValue("refresh_token") != s.refresh {
		answer(w, map[string]any{"error": -14014, "error_name": "Invalid refresh token"})
		return
	}
	n := s.Refreshes.Add(1)
	s.token = "access-" + strconv.FormatInt(n, 10)
	s.refresh = "refresh-" + strconv.FormatInt(n, 10) // single-use, like Zalo's
	answer(w, map[string]any{"access_token": s.token, "refresh_token": s.refresh, "expires_in": "90000"})
}

// Webhook is where and as whom the fake posts OA events (Zalo's webhook settings of the app).
type Webhook struct {
	URL         string // the office's POST /v1/webhooks/zalo
	AppID, OAID string
	OASecretKey string
}

// SetWebhook makes the fake post its events to w.
func (s *Server) SetWebhook(w Webhook) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = w
}

// Event is a user_received_message event as Zalo posts it, times in Unix milliseconds.
func (s *Server) Event(msgID, trackingID string, delivered, stamped time.Time) []byte {
	s.mu.Lock()
	w := s.webhook
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]any{
		"app_id": w.AppID, "oa_id": w.OAID, "event_name": "user_received_message",
		"sender":    map[string]string{"id": w.OAID},
		"recipient": map[string]string{"id": "zalo-user-of-" + trackingID},
		"message": map[string]string{"msg_id": msgID, "tracking_id": trackingID,
			"delivery_time": strconv.FormatInt(delivered.UnixMilli(), 10)},
		"timestamp": strconv.FormatInt(stamped.UnixMilli(), 10),
	})
	return b
}

// Sign is Zalo's X-ZEvent-Signature of an event body: "mac=" + hex SHA-256 of app id + body +
// the body's timestamp + the OA secret key.
func (s *Server) Sign(body []byte) string {
	s.mu.Lock()
	w := s.webhook
	s.mu.Unlock()
	var e struct {
		Timestamp string `json:"timestamp"`
	}
	json.Unmarshal(body, &e)
	sum := sha256.Sum256([]byte(w.AppID + string(body) + e.Timestamp + w.OASecretKey))
	return "mac=" + hex.EncodeToString(sum[:])
}

// Post posts body with the signature sig to the webhook and returns the answer's status and body.
func (s *Server) Post(body []byte, sig string) (int, string, error) {
	s.mu.Lock()
	url := s.webhook.URL
	s.mu.Unlock()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set("X-ZEvent-Signature", sig)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res.StatusCode, string(b), err
}

// Received posts, signed, that the accepted message msgID reached the phone at delivered.
func (s *Server) Received(msgID string, delivered, stamped time.Time) (int, string, error) {
	tracking := ""
	s.mu.Lock()
	for _, m := range s.messages {
		if m.MsgID == msgID {
			tracking = m.TrackingID
		}
	}
	s.mu.Unlock()
	body := s.Event(msgID, tracking, delivered, stamped)
	return s.Post(body, s.Sign(body))
}
