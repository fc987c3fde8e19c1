package notify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/notifydb"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// webpushSent is the webpush section as FCM receives it.
type webpushSent struct {
	Headers      map[string]string `json:"headers"`
	Data         map[string]string `json:"data"`
	Notification struct {
		Title string `json:"title"`
		Body  string `json:"body"`
		Tag   string `json:"tag"`
		Icon  string `json:"icon"`
	} `json:"notification"`
	FCMOptions *struct {
		Link string `json:"link"`
	} `json:"fcm_options"`
}

// A browser (platform web) gets, through the real Firebase SDK, the webpush section its service
// worker reads: the notification in the device's language, both languages and the app's path in
// the data, and the https link; a phone keeps its Android section and gets no webpush.
func TestWebDeviceGetsTheWebpushSection(t *testing.T) {
	p := newPushWorld(t, tokA) // an Android phone, Vietnamese
	sender, err := notify.NewFCM(context.Background(), notify.FCMConfig{ProjectID: "motcua-test", Endpoint: p.fake.URL, WebBaseURL: "https://motcua.example"})
	if err != nil {
		t.Fatal(err)
	}
	w := notify.NewWorker(p.e.Pool, p.e.Clock, sender, discard, notify.DefaultWorkerConfig())
	const web = "web-token-cccccccccccccccccccccccc"
	if _, err := notifydb.New(p.e.Pool).UpsertDevice(context.Background(), notifydb.UpsertDeviceParams{Token: web, UserID: p.user.ID,
		Platform: notify.PlatformWeb, Locale: "en", CreatedAt: p.e.Clock.Now()}); err != nil {
		t.Fatal(err)
	}
	id := p.enqueue(t)
	if n := drain(t, w); n != 2 {
		t.Fatalf("claimed %d jobs", n)
	}
	for _, m := range p.fake.Received() {
		if m.Token == tokA {
			if m.Webpush != nil || m.Android == nil {
				t.Errorf("the phone's message: webpush %s, android %s", m.Webpush, m.Android)
			}
			continue
		}
		if m.Android != nil {
			t.Errorf("the browser's message has an Android section: %s", m.Android)
		}
		var wp webpushSent
		if err := json.Unmarshal(m.Webpush, &wp); err != nil {
			t.Fatalf("webpush %s: %v", m.Webpush, err)
		}
		d := wp.Data
		if wp.Notification.Title != "Your dossier is ready" || wp.Notification.Tag != id || wp.Notification.Icon != "/app/icon.svg" {
			t.Errorf("webpush notification %+v", wp.Notification)
		}
		if d[notify.KeyWebPath] != "/dossiers/d1" || d[push.KeyNotificationID] != id || d[push.KeyType] != string(push.DossierResultReady) ||
			d[notify.KeyTitleVI] != "Hồ sơ đã có kết quả" || d[notify.KeyBodyEN] != "Dossier 2611-ABCDEF has its result" {
			t.Errorf("webpush data %v", d)
		}
		if wp.FCMOptions == nil || wp.FCMOptions.Link != "https://motcua.example/dossiers/d1" || wp.Headers["Urgency"] != "high" {
			t.Errorf("webpush fcm_options %+v headers %v", wp.FCMOptions, wp.Headers)
		}
	}
}

// Both languages ride along only when they fit in FCM's 4 KB; a plain-http base URL (a laptop)
// sends no fcm_options.link, which FCM would refuse.
func TestWebpushMessageShape(t *testing.T) {
	long := strings.Repeat("x", 1500)
	m := notify.FCMMessage(notify.Push{Token: "t", Title: "T", Body: long, Platform: notify.PlatformWeb,
		Data: map[string]string{push.KeyType: string(push.PickupEnRoute), push.KeyLink: push.Link(push.Pickup, "p1"), push.KeyNotificationID: "n1"},
		Both: &notify.Bilingual{TitleVI: "T", TitleEN: "T", BodyVI: long, BodyEN: long}}, "http://127.0.0.1:8080")
	if m.Webpush == nil || m.Android != nil || m.APNS != nil {
		t.Fatalf("web message sections: %+v", m)
	}
	if _, ok := m.Webpush.Data[notify.KeyBodyVI]; ok {
		t.Error("both 1.5 KB bodies were added beside the notification: over FCM's 4 KB")
	}
	if m.Webpush.FCMOptions != nil || m.Webpush.Data[notify.KeyWebPath] != "/pickups/p1" {
		t.Errorf("fcm_options %+v, path %q", m.Webpush.FCMOptions, m.Webpush.Data[notify.KeyWebPath])
	}
	if phone := notify.FCMMessage(notify.Push{Token: "t", Title: "T", Platform: notify.PlatformIOS}, "https://x"); phone.Webpush != nil || phone.APNS == nil || phone.Android != nil {
		t.Errorf("iPhone message sections: %+v", phone)
	}
	if phone := notify.FCMMessage(notify.Push{Token: "t", Title: "T", Platform: notify.PlatformAndroid}, "https://x"); phone.Webpush != nil || phone.APNS != nil || phone.Android == nil {
		t.Errorf("Android message sections: %+v", phone)
	}
}

// The web app's path of each push follows the phone apps' routing (push.Parse), onto the web
// app's routes; anything else opens the inbox.
func TestWebPathOpensTheScreenOfEachType(t *testing.T) {
	for typ, screen := range push.Types {
		path := notify.WebPath(map[string]string{push.KeyType: string(typ), push.KeyLink: push.Link(screen, "x1")})
		if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
			t.Errorf("%s → %q", typ, path)
		}
	}
	cases := map[string][2]string{
		"dossier.result_ready":         {push.Link(push.Dossier, "d1"), "/dossiers/d1"},
		"pickup.en_route":              {push.Link(push.Pickup, "p1"), "/pickups/p1"},
		"pickup.offered":               {push.Link(push.Pickup, "p1"), "/tasks/p1"},
		"pickup.at_risk":               {push.Link(push.Pickup, "p1"), "/console/pickups"},
		"booking.reminder":             {push.Link(push.Session, "s1"), "/sessions"},
		"shipment.carrier_failed":      {push.Link(push.Shipment, "x"), "/console/postal"},
		"shipment.delivered":           {push.Link(push.Shipment, "x"), "/inbox"},
		"something.new":                {"motcua://dossiers/d1", "/inbox"},
		"dossier.rejected":             {"https://evil.example/x", "/inbox"},
		"dossier.supplement_requested": {push.Link(push.Pickup, "p1"), "/inbox"}, // link and type disagree
	}
	for typ, c := range cases {
		if got := notify.WebPath(map[string]string{push.KeyType: typ, push.KeyLink: c[0]}); got != c[1] {
			t.Errorf("%s %s → %q, want %q", typ, c[0], got, c[1])
		}
	}
}

// The web config is public (anyone's browser needs it before logging in is even relevant):
// without FIREBASE_WEB_* it says enabled false; with them it gives what initializeApp and
// getToken take.
func TestWebPushConfigEndpoint(t *testing.T) {
	e := testkit.New(t)
	var off api.WebPushConfig
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/push/web-config"}).JSON(t, &off)
	if off.Enabled || off.Firebase != nil || off.VapidKey != nil {
		t.Fatalf("unconfigured: %+v", off)
	}
	e = testkit.New(t, func(c *config.Config) {
		c.WebPush = config.WebPush{APIKey: "AIza-fake", ProjectID: "motcua-test", AppID: "1:42:web:abc", MessagingSenderID: "42", VAPIDKey: "BFakeVapid"}
	})
	citizen := e.NewUser(e.NewWard("26734", 1), auth.RoleCitizen)
	for _, tok := range []string{"", citizen.Token} {
		var on api.WebPushConfig
		e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/push/web-config", Token: tok}).JSON(t, &on)
		if !on.Enabled || on.Firebase == nil || on.Firebase.ApiKey != "AIza-fake" || on.Firebase.MessagingSenderId != "42" ||
			on.Firebase.AuthDomain != nil || on.VapidKey == nil || *on.VapidKey != "BFakeVapid" {
			t.Fatalf("configured: %+v", on)
		}
	}
}
