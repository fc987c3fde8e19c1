package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ZNSConfig says where Zalo Notification Service messages go and how they are authorised.
type ZNSConfig struct {
	// Endpoint is the ZNS API base (https://business.openapi.zalo.me); messages are POSTed to
	// {Endpoint}/message/template.
	Endpoint string
	// AccessToken is the Official Account's token (the access_token header). Zalo access tokens
	// expire (25 hours); RefreshToken, AppID and SecretKey renew it at
	// {OAuthEndpoint}/v4/oa/access_token (https://oauth.zaloapp.com).
	AccessToken   string
	RefreshToken  string
	AppID         string
	SecretKey     string
	OAuthEndpoint string
	// Templates maps a notification type (dossier.result_ready) to its approved template id.
	Templates map[string]string
	Client    *http.Client
	// Tokens, when set, keeps the token pair where every process sees it (the database: only
	// one process renews, and all use the rotated pair); nil keeps it in this process.
	Tokens TokenStore
}

// TokenStore keeps the OA's tokens for every process that sends.
type TokenStore interface {
	// Current is the access token in use now.
	Current(ctx context.Context) (string, error)
	// Renew replaces stale: when another process already did, it returns that token; otherwise
	// it calls refresh with the stored refresh token and stores the pair it returns.
	Renew(ctx context.Context, stale string, refresh func(ctx context.Context, refreshToken string) (access, newRefresh string, err error)) (string, error)
}

// ZNS sends template messages to phone numbers through Zalo.
type ZNS struct {
	cfg       ZNSConfig
	mu        sync.Mutex
	token     string
	refresh   string
	Refreshes atomic.Int64 // how many times the access token was renewed
}

// NewZNS builds the Zalo adapter.
func NewZNS(cfg ZNSConfig) *ZNS {
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 15 * time.Second}
	}
	cfg.Endpoint = strings.TrimRight(cfg.Endpoint, "/")
	cfg.OAuthEndpoint = strings.TrimRight(cfg.OAuthEndpoint, "/")
	if cfg.OAuthEndpoint == "" {
		cfg.OAuthEndpoint = "https://oauth.zaloapp.com"
	}
	return &ZNS{cfg: cfg, token: cfg.AccessToken, refresh: cfg.RefreshToken}
}

// ZNS answer codes (zalo.cloud/zns/guidelines/handle-error-code): 0 is success; -100 (unknown
// error, "try again later") is temporary; -124 (access token invalid) means the token expired
// and is renewed; every other code (invalid phone -108, template -109, data -112, the person
// does not use Zalo or refuses ZNS -118/-119, out of quota…) will not change by resending.
const (
	znsOK           = 0
	znsUnknown      = -100
	znsTokenInvalid = -124
)

type znsAnswer struct {
	Error   int    `json:"error"`
	Message string `json:"message"`
	Data    struct {
		MsgID string `json:"msg_id"`
	} `json:"data"`
}

// SendPhone sends one template message; an expired token is renewed once and the message sent
// again with the new one.
func (z *ZNS) SendPhone(ctx context.Context, m PhoneMessage) PhoneResult {
	tpl := z.cfg.Templates[m.Type]
	if tpl == "" {
		return PhoneResult{Outcome: Fail, Err: fmt.Errorf("no ZNS template for %s (ZALO_TEMPLATE_%s)", m.Type, TemplateEnv(m.Type))}
	}
	tok := z.current()
	r, expired := z.post(ctx, tok, tpl, m)
	if !expired {
		return r
	}
	if err := z.renew(ctx, tok); err != nil {
		return PhoneResult{Outcome: Retry, Err: err}
	}
	r, expired = z.post(ctx, z.current(), tpl, m)
	if expired {
		return PhoneResult{Outcome: Retry, Err: errors.New("zns: the renewed access token was refused too")}
	}
	return r
}

// TemplateEnv is a type's suffix in ZALO_TEMPLATE_<TYPE>: dossier.result_ready → DOSSIER_RESULT_READY.
func TemplateEnv(typ string) string {
	return strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(typ))
}

func (z *ZNS) current() string {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.token
}

// Load reads the token in use from the store (at start: another process may have renewed it).
func (z *ZNS) Load(ctx context.Context) error {
	if z.cfg.Tokens == nil {
		return nil
	}
	tok, err := z.cfg.Tokens.Current(ctx)
	if err != nil {
		return err
	}
	z.mu.Lock()
	defer z.mu.Unlock()
	z.token = tok
	return nil
}

func (z *ZNS) post(ctx context.Context, token, tpl string, m PhoneMessage) (PhoneResult, bool) {
	body, err := json.Marshal(map[string]any{
		"phone": strings.TrimPrefix(m.Phone, "+"), "template_id": tpl, "template_data": m.Params, "tracking_id": m.TrackingID,
	})
	if err != nil {
		return PhoneResult{Outcome: Fail, Err: err}, false
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, z.cfg.Endpoint+"/message/template", bytes.NewReader(body))
	if err != nil {
		return PhoneResult{Outcome: Fail, Err: err}, false
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access_token", token)
	res, err := z.cfg.Client.Do(req)
	if err != nil {
		return PhoneResult{Outcome: Retry, Err: fmt.Errorf("zns: %w", err)}, false
	}
	defer res.Body.Close()
	if r, bad := httpTrouble("zns", res); bad {
		return r, false
	}
	var a znsAnswer
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		return PhoneResult{Outcome: Retry, Err: fmt.Errorf("zns: unreadable answer: %w", err)}, false
	}
	switch a.Error {
	case znsOK:
		return PhoneResult{Outcome: Sent, ProviderID: a.Data.MsgID, Segments: 1}, false
	case znsTokenInvalid:
		return PhoneResult{}, true
	case znsUnknown:
		return PhoneResult{Outcome: Retry, Err: fmt.Errorf("zns %d: %s", a.Error, a.Message)}, false
	}
	return PhoneResult{Outcome: Fail, Err: fmt.Errorf("zns %d: %s", a.Error, a.Message)}, false
}

// httpTrouble classifies an HTTP failure: 429 and 5xx are temporary, other non-2xx final.
func httpTrouble(who string, res *http.Response) (PhoneResult, bool) {
	switch {
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500:
		return PhoneResult{Outcome: Retry, RetryAfter: retryAfterHeader(res), Err: fmt.Errorf("%s: HTTP %d", who, res.StatusCode)}, true
	case res.StatusCode < 200 || res.StatusCode > 299:
		return PhoneResult{Outcome: Fail, Err: fmt.Errorf("%s: HTTP %d", who, res.StatusCode)}, true
	}
	return PhoneResult{}, false
}

func retryAfterHeader(res *http.Response) time.Duration {
	if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	return 0
}

// renew replaces the expired token once for all the messages that met it (stale is the token
// they used: when it was already replaced, nothing is asked of Zalo). Zalo's refresh tokens are
// single-use: the answer's new one replaces it.
func (z *ZNS) renew(ctx context.Context, stale string) error {
	z.mu.Lock()
	defer z.mu.Unlock()
	if z.token != stale {
		return nil
	}
	if z.cfg.Tokens != nil {
		tok, err := z.cfg.Tokens.Renew(ctx, stale, z.exchange)
		if err != nil {
			return err
		}
		z.token = tok
		return nil
	}
	access, refresh, err := z.exchange(ctx, z.refresh)
	if err != nil {
		return err
	}
	z.token, z.refresh = access, refresh
	return nil
}

// exchange trades a refresh token for a new pair at {OAuthEndpoint}/v4/oa/access_token.
func (z *ZNS) exchange(ctx context.Context, refreshToken string) (string, string, error) {
	if refreshToken == "" {
		return "", "", errors.New("zns: access token expired and no ZALO_OA_REFRESH_TOKEN to renew it")
	}
	form := url.Values{"refresh_token": {refreshToken}, "app_id": {z.cfg.AppID}, "grant_type": {"refresh_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, z.cfg.OAuthEndpoint+"/v4/oa/access_token", strings.NewReader(form.Encode()))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("secret_key", z.cfg.SecretKey)
	res, err := z.cfg.Client.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("zns token refresh: %w", err)
	}
	defer res.Body.Close()
	var a struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
		Error        int    `json:"error"`
		Message      string `json:"error_name"`
	}
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil || a.AccessToken == "" {
		return "", "", fmt.Errorf("zns token refresh refused (HTTP %d, error %d %s)", res.StatusCode, a.Error, a.Message)
	}
	if a.RefreshToken == "" {
		a.RefreshToken = refreshToken
	}
	z.Refreshes.Add(1)
	return a.AccessToken, a.RefreshToken, nil
}
