package notify

import (
	"context"
	"log/slog"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
)

// NewSender picks the push driver from the configuration: "record" (the default: pushes are
// logged and marked sent, nothing leaves the machine) or "fcm" (the Firebase Admin SDK; with
// FCM_ENDPOINT set it talks to that emulator or fake instead of Google).
func NewSender(ctx context.Context, cfg config.Config, log *slog.Logger) (Sender, error) {
	if cfg.PushDriver == "fcm" {
		return NewFCM(ctx, FCMConfig{ProjectID: cfg.FCMProjectID, Endpoint: cfg.FCMEndpoint, CredentialsFile: cfg.GoogleCredentials,
			WebBaseURL: cfg.PublicBaseURL})
	}
	return Recorder{Log: log}, nil
}

// NewPhoneSenders picks the Zalo and SMS senders from the configuration: each channel whose
// endpoint is set sends through it; the others record their messages (the development default).
// Zalo's tokens are kept in the database, shared by every worker process.
func NewPhoneSenders(ctx context.Context, cfg config.Config, pool *pgxpool.Pool, clk clock.Clock, log *slog.Logger) (zns, sms PhoneSender, err error) {
	ch := cfg.Channels
	zns, sms = PhoneRecorder{Channel: ChannelZNS, Log: log}, PhoneRecorder{Channel: ChannelSMS, Log: log}
	if ch.ZNSEndpoint != "" {
		tokens, err := NewDBTokens(ctx, pool, clk, "default", ch.ZaloAccessToken, ch.ZaloRefreshToken)
		if err != nil {
			return nil, nil, err
		}
		z := NewZNS(ZNSConfig{Endpoint: ch.ZNSEndpoint, AccessToken: ch.ZaloAccessToken, RefreshToken: ch.ZaloRefreshToken,
			AppID: ch.ZaloAppID, SecretKey: ch.ZaloAppSecret, OAuthEndpoint: ch.ZaloOAuthEndpoint, Templates: ch.ZaloTemplates, Tokens: tokens})
		if err := z.Load(ctx); err != nil {
			return nil, nil, err
		}
		zns = z
	}
	if ch.SMSGatewayURL != "" {
		s, err := NewSMS(SMSConfig{URL: ch.SMSGatewayURL, Auth: ch.SMSGatewayAuth, Body: ch.SMSGatewayBody, Unaccented: ch.SMSUnaccented})
		if err != nil {
			return nil, nil, err
		}
		sms = s
	}
	return zns, sms, nil
}
