package notify

import (
	"encoding/json"
	"maps"
	"strings"

	"firebase.google.com/go/v4/messaging"

	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// PlatformWeb is the devices.platform of the outreach web app's browsers (FCM for the web).
const PlatformWeb = "web"

// The phones' platforms (devices.platform): each gets its own section of an FCM message.
const (
	PlatformAndroid = "android"
	PlatformIOS     = "ios"
)

// Keys the web app's service worker reads in a web push's data, beside the push contract's.
const (
	KeyWebPath = "web_path" // the app's own path the notification opens (a click)
	KeyTitleVI = "title_vi" // both languages, so the service worker shows the one the reader
	KeyTitleEN = "title_en" // chose in the app (kept in its IndexedDB), whatever the device's
	KeyBodyVI  = "body_vi"  // locale was at registration; left out when they would not fit
	KeyBodyEN  = "body_en"
)

// Bilingual is a notification's words in both languages.
type Bilingual struct{ TitleVI, TitleEN, BodyVI, BodyEN string }

// WebPath is the web app's screen for a push's data: the same routing as the phone apps
// (push.Parse: an unknown type or a link that disagrees with its type opens the inbox), to the
// web app's own routes (static/router.js).
func WebPath(data map[string]string) string {
	p := push.Parse(data)
	switch p.Screen {
	case push.Dossier:
		return "/dossiers/" + p.ID
	case push.Pickup:
		switch push.Type(p.Type) {
		case push.PickupOffered, push.PickupAssigned:
			return "/tasks/" + p.ID // a volunteer's task
		case push.PickupAtRisk:
			return "/console/pickups" // the officers' dispatch
		}
		return "/pickups/" + p.ID
	case push.Session:
		return "/sessions"
	case push.Shipment:
		if push.Type(p.Type) == push.ShipmentCarrierFailed {
			return "/console/postal"
		}
	}
	return "/inbox"
}

// webpushConfig is the webpush section of a push to a browser: the notification in the device's
// language, the data the service worker needs (its screen, both languages), and the link FCM
// opens when no service worker handles the click (FCM wants an https URL: left out otherwise).
func webpushConfig(p Push, base string) *messaging.WebpushConfig {
	data := maps.Clone(p.Data)
	if data == nil {
		data = map[string]string{}
	}
	path := WebPath(p.Data)
	data[KeyWebPath] = path
	if b := p.Both; b != nil {
		withBoth := maps.Clone(data)
		withBoth[KeyTitleVI], withBoth[KeyTitleEN], withBoth[KeyBodyVI], withBoth[KeyBodyEN] = b.TitleVI, b.TitleEN, b.BodyVI, b.BodyEN
		if raw, err := json.Marshal(withBoth); err == nil && len(raw)+len(p.Title)+len(p.Body) <= maxPayload {
			data = withBoth
		}
	}
	cfg := &messaging.WebpushConfig{
		Headers: map[string]string{"Urgency": "high", "TTL": "86400"},
		Data:    data,
		Notification: &messaging.WebpushNotification{Title: p.Title, Body: p.Body, Icon: "/app/icon.svg",
			Tag: p.Data[push.KeyNotificationID]},
	}
	if strings.HasPrefix(base, "https://") {
		cfg.FCMOptions = &messaging.WebpushFCMOptions{Link: strings.TrimRight(base, "/") + path}
	}
	return cfg
}
