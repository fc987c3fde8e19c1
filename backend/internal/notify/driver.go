package notify

import (
	"context"
	"log/slog"

	"github.com/motcuagandan/motcua/backend/internal/config"
)

// NewSender picks the push driver from the configuration: "record" (the default: pushes are
// logged and marked sent, nothing leaves the machine) or "fcm" (the Firebase Admin SDK; with
// FCM_ENDPOINT set it talks to that emulator or fake instead of Google).
func NewSender(ctx context.Context, cfg config.Config, log *slog.Logger) (Sender, error) {
	if cfg.PushDriver == "fcm" {
		return NewFCM(ctx, FCMConfig{ProjectID: cfg.FCMProjectID, Endpoint: cfg.FCMEndpoint, CredentialsFile: cfg.GoogleCredentials})
	}
	return Recorder{Log: log}, nil
}
