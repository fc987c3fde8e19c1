package notify

import (
	"context"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/config"
)

// WebConfig implements GET /v1/push/web-config: the public Firebase web config and VAPID key
// the web app needs for an FCM token, or enabled false (the app then offers no push).
type WebConfig struct{ Cfg config.WebPush }

// GetWebPushConfig implements the operation.
func (w WebConfig) GetWebPushConfig(context.Context, api.GetWebPushConfigRequestObject) (api.GetWebPushConfigResponseObject, error) {
	c := w.Cfg
	if !c.Enabled() {
		return api.GetWebPushConfig200JSONResponse{Enabled: false}, nil
	}
	out := api.GetWebPushConfig200JSONResponse{Enabled: true, VapidKey: &c.VAPIDKey}
	out.Firebase = &api.WebFirebaseConfig{ApiKey: c.APIKey, AppId: c.AppID, MessagingSenderId: c.MessagingSenderID, ProjectId: c.ProjectID}
	if c.AuthDomain != "" {
		out.Firebase.AuthDomain = &c.AuthDomain
	}
	return out, nil
}
