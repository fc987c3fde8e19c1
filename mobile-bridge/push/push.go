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
	// KeyReceipt, on what may be followed by Zalo/SMS, is the proof the app sends back with
	// POST /v1/notifications/{notification_id}/received when the push is shown.
	KeyReceipt = "receipt_key"
)

// Type is the kind of a notification. The server can only send the types declared here:
// notify's tests fail when a feature emits a type that is not in Types.
type Type string

// Types of notification.
const (
	DossierReceived            Type = "dossier.received"
	DossierSupplementRequested Type = "dossier.supplement_requested"
	DossierRescheduled         Type = "dossier.rescheduled"
	DossierRejected            Type = "dossier.rejected"
	DossierResultReady         Type = "dossier.result_ready"
	DossierReturned            Type = "dossier.returned"
	DossierRefusedAtIntake     Type = "dossier.refused_at_intake"
	SessionPublished           Type = "session.published"
	SessionCancelled           Type = "session.cancelled"
	BookingReminder            Type = "booking.reminder"
	PickupOffered              Type = "pickup.offered"
	PickupAssigned             Type = "pickup.assigned"
	PickupAccepted             Type = "pickup.accepted"
	PickupEnRoute              Type = "pickup.en_route"
	PickupHandedOver           Type = "pickup.handed_over"
	PickupFailed               Type = "pickup.failed"
	PickupAtRisk               Type = "pickup.at_risk"
	ShipmentHandedToCarrier    Type = "shipment.handed_to_carrier"
	ShipmentDelivered          Type = "shipment.delivered"
	ShipmentFailed             Type = "shipment.failed"
	ShipmentCarrierFailed      Type = "shipment.carrier_failed" // to the officer: the carrier did not register the parcel
)

// Types maps every type to the screen a tap opens.
var Types = map[Type]Screen{
	DossierReceived: Dossier, DossierSupplementRequested: Dossier, DossierRescheduled: Dossier,
	DossierRejected: Dossier, DossierResultReady: Dossier, DossierReturned: Dossier, DossierRefusedAtIntake: Dossier,
	SessionPublished: Session, SessionCancelled: Session, BookingReminder: Session,
	PickupOffered: Pickup, PickupAssigned: Pickup, PickupAccepted: Pickup, PickupEnRoute: Pickup,
	PickupHandedOver: Pickup, PickupFailed: Pickup, PickupAtRisk: Pickup,
	ShipmentHandedToCarrier: Shipment, ShipmentDelivered: Shipment, ShipmentFailed: Shipment,
	ShipmentCarrierFailed: Shipment,
}

// LinkScheme starts every deep link: motcua://<screen>/<id>.
const LinkScheme = "motcua://"

// Link is the deep link that opens id on screen (the value of KeyLink).
func Link(s Screen, id string) string { return LinkScheme + string(s) + "/" + id }

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

// Payload is a push's data, typed. Type stays a plain string: an app may receive a type newer
// than itself (and gomobile binds plain strings).
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
	if rest, ok := strings.CutPrefix(data[KeyLink], LinkScheme); ok {
		screen, id, _ := strings.Cut(rest, "/")
		if want, known := Types[Type(p.Type)]; known && Screen(screen) == want && id != "" {
			p.Screen, p.ID = Screen(screen), id
		}
	}
	return p
}
