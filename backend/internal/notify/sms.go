package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"text/template"
	"time"
)

// SMSConfig describes a generic HTTP SMS gateway: Vietnamese providers differ in field names,
// not in shape (one POST per message with the number, the text and our reference).
type SMSConfig struct {
	URL string
	// Auth is one request header, "Name: value" (e.g. "Authorization: Bearer …").
	Auth string
	// Body is a text/template of the request body; it sees .Phone (E.164), .Phone84 (without
	// "+"), .Text and .TrackingID, and the function json (a JSON string literal).
	Body string
	// Unaccented sends Vietnamese without its marks: GSM-7, 160 characters a part, for
	// gateways and brandnames that do not carry Unicode.
	Unaccented bool
	Client     *http.Client
}

// DefaultSMSBody is the body sent when SMS_GATEWAY_BODY is not set.
const DefaultSMSBody = `{"to":{{json .Phone84}},"text":{{json .Text}},"ref":{{json .TrackingID}}}`

// SMS sends through the configured gateway.
type SMS struct {
	cfg  SMSConfig
	body *template.Template
	hdr  [2]string
}

// NewSMS builds the gateway adapter.
func NewSMS(cfg SMSConfig) (*SMS, error) {
	if cfg.Body == "" {
		cfg.Body = DefaultSMSBody
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 15 * time.Second}
	}
	t, err := template.New("sms").Funcs(template.FuncMap{"json": func(s string) (string, error) {
		b, err := json.Marshal(s)
		return string(b), err
	}}).Parse(cfg.Body)
	if err != nil {
		return nil, fmt.Errorf("SMS_GATEWAY_BODY: %w", err)
	}
	s := &SMS{cfg: cfg, body: t}
	if cfg.Auth != "" {
		name, value, ok := strings.Cut(cfg.Auth, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("SMS_GATEWAY_AUTH: want \"Header: value\"")
		}
		s.hdr = [2]string{strings.TrimSpace(name), strings.TrimSpace(value)}
	}
	return s, nil
}

// SMSText is the text an SMS carries: unaccented when the gateway needs it.
func SMSText(s string, unaccented bool) string {
	if unaccented {
		return Unaccent(s)
	}
	return s
}

// SendPhone posts one message. A 2xx is sent (its JSON "id" or "message_id" is kept for the
// delivery reports); 429 and 5xx are retried; other answers are final.
func (s *SMS) SendPhone(ctx context.Context, m PhoneMessage) PhoneResult {
	text := SMSText(m.Text, s.cfg.Unaccented)
	var body bytes.Buffer
	err := s.body.Execute(&body, map[string]string{"Phone": m.Phone, "Phone84": strings.TrimPrefix(m.Phone, "+"),
		"Text": text, "TrackingID": m.TrackingID})
	if err != nil {
		return PhoneResult{Outcome: Fail, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.URL, &body)
	if err != nil {
		return PhoneResult{Outcome: Fail, Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	if s.hdr[0] != "" {
		req.Header.Set(s.hdr[0], s.hdr[1])
	}
	res, err := s.cfg.Client.Do(req)
	if err != nil {
		return PhoneResult{Outcome: Retry, Err: fmt.Errorf("sms: %w", err)}
	}
	defer res.Body.Close()
	if r, bad := httpTrouble("sms", res); bad {
		return r
	}
	var a struct {
		ID        string `json:"id"`
		MessageID string `json:"message_id"`
	}
	_ = json.NewDecoder(res.Body).Decode(&a) // the id is a convenience: a 2xx is sent either way
	id := a.ID
	if id == "" {
		id = a.MessageID
	}
	return PhoneResult{Outcome: Sent, ProviderID: id, Segments: Segments(text)}
}
