package config

import (
	"errors"
	"slices"
	"strings"
)

// WebPush is the outreach web app's Firebase web configuration and VAPID key (issue 16): public
// values a browser needs to get an FCM token. With none set the web app does not offer pushes.
type WebPush struct {
	APIKey            string // FIREBASE_WEB_API_KEY
	AuthDomain        string // FIREBASE_WEB_AUTH_DOMAIN (optional)
	ProjectID         string // FIREBASE_WEB_PROJECT_ID (default FCM_PROJECT_ID)
	AppID             string // FIREBASE_WEB_APP_ID
	MessagingSenderID string // FIREBASE_WEB_MESSAGING_SENDER_ID
	VAPIDKey          string // FIREBASE_WEB_VAPID_KEY: the web push certificate's public key
}

// Enabled reports whether the web app may offer pushes.
func (w WebPush) Enabled() bool { return w.APIKey != "" }

// loadWebPush reads the FIREBASE_WEB_* variables: all of the required ones or none.
func loadWebPush(str func(string, string) string, fcmProject string) (WebPush, []error) {
	w := WebPush{
		APIKey:            str("FIREBASE_WEB_API_KEY", ""),
		AuthDomain:        str("FIREBASE_WEB_AUTH_DOMAIN", ""),
		ProjectID:         str("FIREBASE_WEB_PROJECT_ID", fcmProject),
		AppID:             str("FIREBASE_WEB_APP_ID", ""),
		MessagingSenderID: str("FIREBASE_WEB_MESSAGING_SENDER_ID", ""),
		VAPIDKey:          str("FIREBASE_WEB_VAPID_KEY", ""),
	}
	required := map[string]string{"FIREBASE_WEB_API_KEY": w.APIKey, "FIREBASE_WEB_PROJECT_ID (or FCM_PROJECT_ID)": w.ProjectID,
		"FIREBASE_WEB_APP_ID": w.AppID, "FIREBASE_WEB_MESSAGING_SENDER_ID": w.MessagingSenderID, "FIREBASE_WEB_VAPID_KEY": w.VAPIDKey}
	var missing []string
	for name, v := range required {
		if v == "" {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	// A project id alone (FCM_PROJECT_ID for the native apps) does not turn web push on.
	if w.APIKey == "" && w.AppID == "" && w.MessagingSenderID == "" && w.VAPIDKey == "" {
		return WebPush{}, nil
	}
	if len(missing) > 0 {
		return WebPush{}, []error{errors.New("web push needs all of FIREBASE_WEB_API_KEY, FIREBASE_WEB_APP_ID, FIREBASE_WEB_MESSAGING_SENDER_ID, FIREBASE_WEB_VAPID_KEY and FIREBASE_WEB_PROJECT_ID (or FCM_PROJECT_ID); missing " + strings.Join(missing, ", "))}
	}
	return w, nil
}
