package config

import (
	"strings"
	"testing"
)

func TestWebPushIsOffUnlessFullyConfigured(t *testing.T) {
	c, err := load(env(map[string]string{"PUSH_DRIVER": "fcm", "FCM_PROJECT_ID": "motcua"}))
	if err != nil || c.WebPush.Enabled() {
		t.Fatalf("FCM for the native apps alone turned web push on: %+v %v", c.WebPush, err)
	}
	full := map[string]string{"FCM_PROJECT_ID": "motcua", "FIREBASE_WEB_API_KEY": "AIza-test", "FIREBASE_WEB_APP_ID": "1:42:web:abc",
		"FIREBASE_WEB_MESSAGING_SENDER_ID": "42", "FIREBASE_WEB_VAPID_KEY": "BKey"}
	c, err = load(env(full))
	if err != nil || !c.WebPush.Enabled() || c.WebPush.ProjectID != "motcua" || c.WebPush.VAPIDKey != "BKey" {
		t.Fatalf("full web config: %+v %v", c.WebPush, err)
	}
	full["PUSH_DRIVER"], full["FIREBASE_WEB_PROJECT_ID"] = "fcm", "another-project"
	if _, err := load(env(full)); err == nil || !strings.Contains(err.Error(), "FIREBASE_WEB_PROJECT_ID must be FCM_PROJECT_ID") {
		t.Fatalf("a web app of another project than the sender's was accepted: %v", err)
	}
	delete(full, "FIREBASE_WEB_PROJECT_ID")
	delete(full, "FIREBASE_WEB_VAPID_KEY")
	if _, err := load(env(full)); err == nil || !strings.Contains(err.Error(), "missing FIREBASE_WEB_VAPID_KEY") {
		t.Fatalf("half a web config was accepted: %v", err)
	}
}
