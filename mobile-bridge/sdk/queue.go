package sdk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Action is a creating call taken by the user, kept until the server has answered it. Its
// Idempotency-Key is chosen once, so however many times it is sent the server acts once.
type Action struct {
	ID      string          `json:"id"`
	Kind    string          `json:"kind"` // book_slot, request_pickup, pickup_transition, …
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	Body    json.RawMessage `json:"body"`
	Key     string          `json:"idempotency_key"`
	Created time.Time       `json:"created"`
}

// Result is the server's answer to an action.
type Result struct {
	Action Action
	Status int
	Body   []byte
}

// ErrQueued means the network is down: the action waits in the queue for Flush.
var ErrQueued = errors.New("no network: the action is queued and will be sent when the network returns")

// Queue holds actions not yet answered, in order, in a file that survives the app's restarts.
type Queue struct {
	mu    sync.Mutex
	path  string
	items []Action
}

func openQueue(path string) (*Queue, error) {
	q := &Queue{path: path}
	if path == "" {
		return q, nil
	}
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return q, nil
	}
	if err != nil {
		return nil, err
	}
	return q, json.Unmarshal(raw, &q.items)
}

// save writes the queue atomically (temp file + rename).
func (q *Queue) save() error {
	if q.path == "" {
		return nil
	}
	raw, _ := json.Marshal(q.items)
	tmp := q.path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, q.path)
}

// Pending returns the actions waiting.
func (q *Queue) Pending() []Action {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]Action(nil), q.items...)
}

// NewAction prepares a creating call with its Idempotency-Key.
func NewAction(kind, method, path string, body any) (Action, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return Action{}, err
	}
	return Action{ID: uuid.NewString(), Kind: kind, Method: method, Path: path, Body: raw, Key: uuid.NewString(), Created: time.Now()}, nil
}

// Do sends an action now. Without network (a transport error) it is queued and ErrQueued is
// returned; if earlier actions are still queued it queues behind them, to keep the order.
func (s *SDK) Do(ctx context.Context, a Action) (Result, error) {
	s.Queue.mu.Lock()
	waiting := len(s.Queue.items) > 0
	s.Queue.mu.Unlock()
	if !waiting {
		res, err := s.send(ctx, a)
		if err == nil {
			return res, nil
		}
		var p *Problem
		if errors.As(err, &p) || errors.Is(err, ErrLoggedOut) {
			return res, err
		}
	}
	s.Queue.mu.Lock()
	defer s.Queue.mu.Unlock()
	s.Queue.items = append(s.Queue.items, a)
	if err := s.Queue.save(); err != nil {
		return Result{}, err
	}
	return Result{Action: a}, ErrQueued
}

// Flush replays the queued actions in order, stopping at the first that still finds no
// network. Each answered action (success or a refusal such as slot_full) leaves the queue.
func (s *SDK) Flush(ctx context.Context) ([]Result, error) {
	var done []Result
	for {
		s.Queue.mu.Lock()
		if len(s.Queue.items) == 0 {
			s.Queue.mu.Unlock()
			return done, nil
		}
		a := s.Queue.items[0]
		s.Queue.mu.Unlock()
		res, err := s.send(ctx, a)
		var p *Problem
		if err != nil && !errors.As(err, &p) {
			return done, err // still offline (or logged out): keep it
		}
		s.Queue.mu.Lock()
		s.Queue.items = s.Queue.items[1:]
		serr := s.Queue.save()
		s.Queue.mu.Unlock()
		done = append(done, res)
		if serr != nil {
			return done, serr
		}
	}
}

// send performs the action with its Idempotency-Key; an HTTP error status is a *Problem.
func (s *SDK) send(ctx context.Context, a Action) (Result, error) {
	req, err := http.NewRequestWithContext(ctx, a.Method, s.base+a.Path, bytes.NewReader(a.Body))
	if err != nil {
		return Result{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", a.Key)
	res, err := s.http.Do(req)
	if err != nil {
		return Result{Action: a}, err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	r := Result{Action: a, Status: res.StatusCode, Body: body}
	if res.StatusCode >= 400 {
		return r, problem(res.StatusCode, body)
	}
	return r, nil
}

// BookSlot books a Saturday session slot (queued when offline).
func (s *SDK) BookSlot(ctx context.Context, sessionID string, slotStartsAt time.Time) (Result, error) {
	a, err := NewAction("book_slot", http.MethodPost, "/v1/sessions/"+sessionID+"/bookings",
		map[string]string{"slot_starts_at": slotStartsAt.Format(time.RFC3339)})
	if err != nil {
		return Result{}, err
	}
	return s.Do(ctx, a)
}

// RequestPickup asks for a home pickup (queued when offline); body is a PickupInput.
func (s *SDK) RequestPickup(ctx context.Context, body any) (Result, error) {
	a, err := NewAction("request_pickup", http.MethodPost, "/v1/pickups", body)
	if err != nil {
		return Result{}, err
	}
	return s.Do(ctx, a)
}

// MovePickup is a volunteer's status update (queued when offline); body is a PickupTransition.
func (s *SDK) MovePickup(ctx context.Context, pickupID string, body any) (Result, error) {
	a, err := NewAction("pickup_transition", http.MethodPost, "/v1/pickups/"+pickupID+"/transitions", body)
	if err != nil {
		return Result{}, err
	}
	return s.Do(ctx, a)
}
