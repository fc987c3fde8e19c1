package notify

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	firebase "firebase.google.com/go/v4"
	"firebase.google.com/go/v4/errorutils"
	"firebase.google.com/go/v4/messaging"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
	"google.golang.org/api/option"
)

// FCMConfig says where pushes go.
type FCMConfig struct {
	ProjectID string
	// Endpoint, when set, is the base URL of an FCM emulator or fake (…/v1 is appended); no
	// Google credentials are needed then.
	Endpoint string
	// CredentialsFile is a service account JSON; empty uses Application Default Credentials.
	CredentialsFile string
	// WebBaseURL is where the web app is served (PUBLIC_BASE_URL): a web push's click link.
	WebBaseURL string
}

// FCM sends through the Firebase Admin SDK.
type FCM struct {
	client  *messaging.Client
	webBase string
}

// NewFCM builds the messaging client on a dedicated Firebase App. The HTTP client keeps enough
// idle connections for the requests in flight, so sending does not churn sockets.
func NewFCM(ctx context.Context, cfg FCMConfig) (*FCM, error) {
	if cfg.ProjectID == "" {
		return nil, errors.New("FCM_PROJECT_ID is required with PUSH_DRIVER=fcm")
	}
	base := &http.Transport{
		Proxy:               http.ProxyFromEnvironment,
		DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: 512,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	var opts []option.ClientOption
	if strings.HasPrefix(cfg.Endpoint, "http://") {
		// FCM itself speaks HTTP/2 over TLS; a plain-text emulator or fake gets HTTP/2 without
		// TLS (h2c) so the same multiplexing is measured.
		base.Protocols = new(http.Protocols)
		base.Protocols.SetUnencryptedHTTP2(true)
	}
	if cfg.Endpoint != "" {
		opts = append(opts,
			option.WithEndpoint(strings.TrimRight(cfg.Endpoint, "/")+"/v1"),
			option.WithHTTPClient(&http.Client{Transport: base, Timeout: 30 * time.Second}))
	} else {
		creds, err := credentials(ctx, cfg.CredentialsFile)
		if err != nil {
			return nil, err
		}
		opts = append(opts, option.WithHTTPClient(&http.Client{
			Transport: &oauth2.Transport{Source: creds.TokenSource, Base: base}, Timeout: 30 * time.Second}))
	}
	app, err := firebase.NewApp(ctx, &firebase.Config{ProjectID: cfg.ProjectID}, opts...)
	if err != nil {
		return nil, fmt.Errorf("firebase app: %w", err)
	}
	client, err := app.Messaging(ctx)
	if err != nil {
		return nil, fmt.Errorf("firebase messaging: %w", err)
	}
	return &FCM{client: client, webBase: cfg.WebBaseURL}, nil
}

func credentials(ctx context.Context, file string) (*google.Credentials, error) {
	scopes := []string{"https://www.googleapis.com/auth/firebase.messaging"}
	if file == "" {
		return google.FindDefaultCredentials(ctx, scopes...)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("GOOGLE_APPLICATION_CREDENTIALS: %w", err)
	}
	return google.CredentialsFromJSONWithTypeAndParams(ctx, raw, google.ServiceAccount, google.CredentialsParams{Scopes: scopes})
}

// inFlight is how many pushes one Send call has in flight: what SendEach does inside (50
// goroutines calling Send), but here each answer is reported as it arrives instead of after the
// slowest of the batch.
const inFlight = 50

// Send delivers the pushes, one SDK Send each, and classifies every failure before anything
// wraps it (the SDK's helpers do not unwrap).
func (f *FCM) Send(ctx context.Context, pushes []Push, done func(int, Result)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(inFlight, len(pushes)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(pushes); i = int(next.Add(1) - 1) {
				_, err := f.client.Send(ctx, FCMMessage(pushes[i], f.webBase))
				done(i, classify(err))
			}
		}()
	}
	wg.Wait()
}

// FCMMessage is the FCM message of one push: a browser's (platform web) carries the webpush
// section its service worker reads (webpush.go); a phone's its Android or APNs section. base
// is the web app's public URL.
func FCMMessage(p Push, base string) *messaging.Message {
	m := &messaging.Message{
		Token:        p.Token,
		Notification: &messaging.Notification{Title: p.Title, Body: p.Body},
		Data:         p.Data,
	}
	if p.Platform == PlatformWeb {
		m.Webpush = webpushConfig(p, base)
		return m
	}
	// Each phone gets only its own platform's section (FCM ignores the other one): a third less
	// JSON to encode and send per push (issue 14). A platform we do not know gets both.
	if p.Platform != PlatformIOS {
		m.Android = &messaging.AndroidConfig{Priority: "high", Notification: &messaging.AndroidNotification{ChannelID: "motcua"}}
	}
	if p.Platform != PlatformAndroid {
		m.APNS = &messaging.APNSConfig{Payload: &messaging.APNSPayload{Aps: &messaging.Aps{Sound: "default"}}}
	}
	return m
}

func classify(err error) Result {
	switch {
	case err == nil:
		return Result{Outcome: Sent}
	case messaging.IsUnregistered(err), messaging.IsSenderIDMismatch(err):
		return Result{Outcome: DropToken, Err: err}
	case messaging.IsInvalidArgument(err):
		if strings.Contains(strings.ToLower(err.Error()), "registration token") {
			return Result{Outcome: DropToken, Err: err}
		}
		return Result{Outcome: Fail, Err: err}
	case messaging.IsQuotaExceeded(err), messaging.IsUnavailable(err), messaging.IsInternal(err),
		errorutils.IsUnavailable(err), errorutils.IsResourceExhausted(err), errorutils.IsInternal(err):
		return Result{Outcome: Retry, RetryAfter: retryAfter(err), Err: err}
	case messaging.IsThirdPartyAuthError(err):
		return Result{Outcome: Fail, Err: err}
	}
	// Network errors and anything unknown: retry, bounded by the job's attempt limit.
	return Result{Outcome: Retry, Err: err}
}

func retryAfter(err error) time.Duration {
	res := errorutils.HTTPResponse(err)
	if res == nil {
		return 0
	}
	v := res.Header.Get("Retry-After")
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}
