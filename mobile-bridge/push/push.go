// Package push is the contract of push data payloads: what the server puts in every push's data
// and what the app reads to route a tap. The server's messages use these keys and types (a test
// in the backend checks every type it sends is listed here).
package push

import "strings"

// Keys of the data payload.
const (
	KeyType           = "type"
	KeyNotificationID = "notification_id" // drop a push whose id was already shown (at-least-once delivery)
	KeyLink           = "link"            // motcua://<screen>/<id>
	KeyDossierID      = "dossier_id"
	KeyCode           = "code"
	KeyStatus         = "status"
	KeySessionID      = "session_id"
	KeyBookingID      = "booking_id"
	KeyPickupID       = "pickup_id"
	KeyShipmentID     = "shipment_id"
	KeyTrackingNumber = "tracking_number"
)

// Types of notification, by the screen a tap opens.
var Types = map[string]Screen{
	"dossier.received": Dossier, "dossier.supplement_requested": Dossier, "dossier.rescheduled": Dossier,
	"dossier.rejected": Dossier, "dossier.result_ready": Dossier, "dossier.returned": Dossier, "dossier.refused_at_intake": Dossier,
	"session.published": Session, "session.cancelled": Session, "booking.reminder": Session,
	"pickup.offered": Pickup, "pickup.assigned": Pickup, "pickup.accepted": Pickup, "pickup.en_route": Pickup,
	"pickup.handed_over": Pickup, "pickup.failed": Pickup, "pickup.at_risk": Pickup,
	"shipment.handed_to_carrier": Shipment, "shipment.delivered": Shipment, "shipment.failed": Shipment,
	"shipment.carrier_failed": Shipment, // to the officer: the carrier did not register the parcel
}

// Screen is where the app goes.
type Screen string

// Screens.
const (
	Dossier  Screen = "dossiers"
	Session  Screen = "sessions"
	Pickup   Screen = "pickups"
	Shipment Screen = "shipments"
	Inbox    Screen = "notifications"
)

// Payload is a push's data, typed.
type Payload struct {
	Type           string
	NotificationID string
	Screen         Screen
	ID             string // the id the screen opens
}

// Parse reads a push's data. Unknown types open the inbox, so an older app never breaks on a
// newer server.
func Parse(data map[string]string) Payload {
	p := Payload{Type: data[KeyType], NotificationID: data[KeyNotificationID], Screen: Inbox}
	if rest, ok := strings.CutPrefix(data[KeyLink], "motcua://"); ok {
		screen, id, _ := strings.Cut(rest, "/")
		if _, known := Types[p.Type]; known && Screen(screen) == Types[p.Type] && id != "" {
			p.Screen, p.ID = Screen(screen), id
		}
	}
	return p
}
