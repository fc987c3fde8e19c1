// Package mobile is the SDK as Android and iOS apps embed it with `gomobile bind`: its exported
// API uses only types gomobile accepts (string, bool, int/int32/int64, float32/float64, []byte,
// error, and pointers to this package's structs); JSON strings carry richer values.
package mobile

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"time"

	"github.com/motcuagandan/motcua/mobile-bridge/push"
	"github.com/motcuagandan/motcua/mobile-bridge/sdk"
)

// Client is one logged-in app.
type Client struct{ s *sdk.SDK }

// NewClient connects to baseURL, keeping the offline queue in storageDir (the app's files dir).
func NewClient(baseURL, storageDir string) (*Client, error) {
	s, err := sdk.New(baseURL, nil, filepath.Join(storageDir, "motcua-queue.json"))
	if err != nil {
		return nil, err
	}
	return &Client{s: s}, nil
}

// Login logs in; the tokens are then kept by the client (read them with TokensJSON to persist).
func (c *Client) Login(phone, password string) error {
	_, err := c.s.Login(context.Background(), phone, password)
	return err
}

// TokensJSON returns the current tokens as JSON, for the phone's secure storage.
func (c *Client) TokensJSON() string {
	b, _ := json.Marshal(c.s.Tokens())
	return string(b)
}

// RestoreTokens puts back tokens saved with TokensJSON.
func (c *Client) RestoreTokens(tokensJSON string) error {
	var t sdk.Tokens
	if err := json.Unmarshal([]byte(tokensJSON), &t); err != nil {
		return err
	}
	c.s.SetTokens(t)
	return nil
}

// BookSlot books a slot (RFC 3339 start); it returns the booking JSON, or "" when offline
// (queued: Queued() reports it and Flush sends it).
func (c *Client) BookSlot(sessionID, slotStartsAt string) (string, error) {
	at, err := time.Parse(time.RFC3339, slotStartsAt)
	if err != nil {
		return "", err
	}
	return answer(c.s.BookSlot(context.Background(), sessionID, at))
}

// RequestPickup asks for a home pickup; pickupJSON is a PickupInput.
func (c *Client) RequestPickup(pickupJSON string) (string, error) {
	var body map[string]any
	if err := json.Unmarshal([]byte(pickupJSON), &body); err != nil {
		return "", err
	}
	return answer(c.s.RequestPickup(context.Background(), body))
}

// MovePickup sends a volunteer's update; transitionJSON is a PickupTransition.
func (c *Client) MovePickup(pickupID, transitionJSON string) (string, error) {
	var body map[string]any
	if err := json.Unmarshal([]byte(transitionJSON), &body); err != nil {
		return "", err
	}
	return answer(c.s.MovePickup(context.Background(), pickupID, body))
}

func answer(r sdk.Result, err error) (string, error) {
	if errors.Is(err, sdk.ErrQueued) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return string(r.Body), nil
}

// Queued is how many actions wait for the network.
func (c *Client) Queued() int { return len(c.s.Queue.Pending()) }

// Flush sends the queued actions; it returns how many were answered.
func (c *Client) Flush() (int, error) {
	res, err := c.s.Flush(context.Background())
	return len(res), err
}

// Route reads a push's data (as JSON) and returns "screen/id" for the app to open.
func Route(dataJSON string) string {
	var data map[string]string
	_ = json.Unmarshal([]byte(dataJSON), &data)
	p := push.Parse(data)
	if p.ID == "" {
		return string(p.Screen)
	}
	return string(p.Screen) + "/" + p.ID
}
