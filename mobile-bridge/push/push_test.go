package push

import "testing"

func TestParseRoutesKnownTypesAndFallsBackToTheInbox(t *testing.T) {
	cases := []struct {
		data   map[string]string
		screen Screen
		id     string
	}{
		{map[string]string{"type": "dossier.result_ready", "link": "motcua://dossiers/d1", "notification_id": "n1"}, Dossier, "d1"},
		{map[string]string{"type": "booking.reminder", "link": "motcua://sessions/s1"}, Session, "s1"},
		{map[string]string{"type": "pickup.en_route", "link": "motcua://pickups/p1"}, Pickup, "p1"},
		{map[string]string{"type": "shipment.delivered", "link": "motcua://shipments/x"}, Shipment, "x"},
		{map[string]string{"type": "something.new", "link": "motcua://wherever/1"}, Inbox, ""},
		{map[string]string{"type": "dossier.result_ready", "link": "motcua://pickups/p1"}, Inbox, ""}, // link and type disagree
		{map[string]string{"type": "dossier.result_ready", "link": "https://evil.example/x"}, Inbox, ""},
		{nil, Inbox, ""},
	}
	for _, c := range cases {
		p := Parse(c.data)
		if p.Screen != c.screen || p.ID != c.id {
			t.Errorf("Parse(%v) = %+v", c.data, p)
		}
	}
}

// Every type's link opens its own screen: what the server writes is what the app routes.
func TestLinksOfEveryTypeRouteToTheirScreen(t *testing.T) {
	for typ, screen := range Types {
		p := Parse(map[string]string{KeyType: string(typ), KeyLink: Link(screen, "x1"), KeyNotificationID: "n"})
		if p.Screen != screen || p.ID != "x1" || p.Type != string(typ) || p.NotificationID != "n" {
			t.Errorf("%s: Parse = %+v", typ, p)
		}
	}
}
