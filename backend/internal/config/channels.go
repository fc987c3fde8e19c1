package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// Channels configures the phone channels beside push (issue 16): Zalo ZNS and an SMS gateway.
// With neither set, ZNS and SMS messages are recorded (logged with the phone masked), like
// PUSH_DRIVER=record.
type Channels struct {
	ZNSEndpoint       string            // ZALO_ZNS_ENDPOINT (https://business.openapi.zalo.me)
	ZaloAccessToken   string            // ZALO_OA_ACCESS_TOKEN
	ZaloRefreshToken  string            // ZALO_OA_REFRESH_TOKEN
	ZaloAppID         string            // ZALO_APP_ID
	ZaloAppSecret     string            // ZALO_APP_SECRET (the secret_key header of the token refresh)
	ZaloOAuthEndpoint string            // ZALO_OAUTH_ENDPOINT
	ZaloTemplates     map[string]string // ZALO_TEMPLATE_<TYPE>: notification type → template id

	SMSGatewayURL  string // SMS_GATEWAY_URL
	SMSGatewayAuth string // SMS_GATEWAY_AUTH, "Header: value"
	SMSGatewayBody string // SMS_GATEWAY_BODY, a text/template
	SMSUnaccented  bool   // SMS_UNACCENTED (default true)

	// CallbackSecrets sign the providers' delivery reports: provider (zns, sms) → HMAC secret.
	CallbackSecrets map[string][]byte // MESSAGE_CALLBACK_SECRETS

	// PushConfirmTimeout is how long a push may go unacknowledged by the app before the person's
	// next channel (Zalo, then SMS) follows it (PUSH_CONFIRM_TIMEOUT, default 10m).
	PushConfirmTimeout time.Duration
	// ZaloOASecretKey verifies Zalo's own OA events (X-ZEvent-Signature); none: refused.
	ZaloOASecretKey string // ZALO_OA_SECRET_KEY
	// What a ward pays, for its message statistics (whole VND).
	ZNSPriceVND           int // ZNS_PRICE_VND, a ZNS message accepted
	SMSPriceVNDPerSegment int // SMS_PRICE_VND_PER_SEGMENT, an SMS part accepted
}

// DevZaloOASecretKey verifies Zalo's events in development; production has no default.
const DevZaloOASecretKey = "dev-zalo-oa-secret-key"

// DevCallbackSecret signs the delivery reports in development; production refuses it.
const DevCallbackSecret = "dev-message-callback-secret"

// templateEnv is a type's suffix in ZALO_TEMPLATE_<TYPE>: dossier.result_ready → DOSSIER_RESULT_READY.
func templateEnv(typ push.Type) string {
	return strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(string(typ)))
}

func loadChannels(str func(string, string) string, production bool) (Channels, []error) {
	var errs []error
	c := Channels{
		ZNSEndpoint:       strings.TrimRight(str("ZALO_ZNS_ENDPOINT", ""), "/"),
		ZaloAccessToken:   str("ZALO_OA_ACCESS_TOKEN", ""),
		ZaloRefreshToken:  str("ZALO_OA_REFRESH_TOKEN", ""),
		ZaloAppID:         str("ZALO_APP_ID", ""),
		ZaloAppSecret:     str("ZALO_APP_SECRET", ""),
		ZaloOAuthEndpoint: strings.TrimRight(str("ZALO_OAUTH_ENDPOINT", "https://oauth.zaloapp.com"), "/"),
		ZaloTemplates:     map[string]string{},
		SMSGatewayURL:     str("SMS_GATEWAY_URL", ""),
		SMSGatewayAuth:    str("SMS_GATEWAY_AUTH", ""),
		SMSGatewayBody:    str("SMS_GATEWAY_BODY", ""),
		SMSUnaccented:     str("SMS_UNACCENTED", "true") != "false",
		CallbackSecrets:   map[string][]byte{},
	}
	c.ZaloOASecretKey = str("ZALO_OA_SECRET_KEY", "")
	switch {
	case c.ZaloOASecretKey == "" && !production:
		c.ZaloOASecretKey = DevZaloOASecretKey
	case c.ZaloOASecretKey == DevZaloOASecretKey && production:
		errs = append(errs, errors.New("APP_ENV=production refuses the development ZALO_OA_SECRET_KEY"))
	}
	c.ZNSPriceVND, errs = price(str, "ZNS_PRICE_VND", 300, errs)
	c.SMSPriceVNDPerSegment, errs = price(str, "SMS_PRICE_VND_PER_SEGMENT", 800, errs)
	for typ := range push.Types {
		if id := str("ZALO_TEMPLATE_"+templateEnv(typ), ""); id != "" {
			c.ZaloTemplates[string(typ)] = id
		}
	}
	if d, err := time.ParseDuration(str("PUSH_CONFIRM_TIMEOUT", "10m")); err != nil || d <= 0 {
		errs = append(errs, errors.New("PUSH_CONFIRM_TIMEOUT: want a positive duration such as 10m"))
	} else {
		c.PushConfirmTimeout = d
	}
	if c.ZNSEndpoint != "" && c.ZaloAccessToken == "" {
		errs = append(errs, errors.New("ZALO_ZNS_ENDPOINT needs ZALO_OA_ACCESS_TOKEN"))
	}
	if c.ZaloRefreshToken != "" && (c.ZaloAppID == "" || c.ZaloAppSecret == "") {
		errs = append(errs, errors.New("ZALO_OA_REFRESH_TOKEN needs ZALO_APP_ID and ZALO_APP_SECRET"))
	}
	if c.SMSGatewayBody != "" {
		// The same template notify.NewSMS builds: a typo is found at start, not at the first SMS.
		if _, err := template.New("sms").Funcs(template.FuncMap{"json": func(string) (string, error) { return "", nil }}).Parse(c.SMSGatewayBody); err != nil {
			errs = append(errs, fmt.Errorf("SMS_GATEWAY_BODY: %w", err))
		}
	}
	if c.SMSGatewayAuth != "" && !strings.Contains(c.SMSGatewayAuth, ":") {
		errs = append(errs, errors.New(`SMS_GATEWAY_AUTH: want "Header: value"`))
	}
	def := "zns:" + DevCallbackSecret + ",sms:" + DevCallbackSecret
	for _, part := range strings.Split(str("MESSAGE_CALLBACK_SECRETS", def), ",") {
		provider, secret, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok || (provider != "zns" && provider != "sms") || len(secret) < 16 {
			errs = append(errs, errors.New("MESSAGE_CALLBACK_SECRETS: want zns:secret,sms:secret with secrets of 16+ characters"))
			continue
		}
		c.CallbackSecrets[provider] = []byte(secret)
		if production && secret == DevCallbackSecret {
			errs = append(errs, errors.New("APP_ENV=production refuses the development message callback secret"))
		}
	}
	return c, errs
}

// price reads a whole, non-negative number of VND.
func price(str func(string, string) string, name string, def int, errs []error) (int, []error) {
	v := str(name, strconv.Itoa(def))
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return def, append(errs, fmt.Errorf("%s: want a whole number of VND, got %q", name, v))
	}
	return n, errs
}
