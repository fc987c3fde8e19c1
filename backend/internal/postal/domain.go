package postal

import (
	"time"

	"github.com/google/uuid"
)

// The feature's own types: services take and return these; handlers.go converts them to and
// from the contract's.

// Shipment is a parcel between the office and a citizen, with its timeline.
type Shipment struct {
	ID, WardID      uuid.UUID
	Direction       Direction
	DossierID       uuid.NullUUID // inbound: none until the parcel reaches the office
	DossierCode     *string
	ProcedureID     uuid.NullUUID // inbound: the procedure the posted dossier is for
	CollectedFeeVND *int64        // inbound: the procedure's fee the postal worker collects
	ReturnByPost    bool          // inbound: the result goes back by post too
	Status          Status
	// Outbound: where the result goes; inbound: the citizen who sends the dossier, where it is collected.
	Address
	FeeVND         int64
	Payment        string // unpaid | paid | cod
	Carrier        string
	TrackingNumber *string
	LastEventAt    *time.Time
	CreatedAt      time.Time
	Events         []ShipmentEvent
	Registration   *Registration
}

// Address is a person and where they are.
type Address struct {
	Name, Phone            string
	Province, Ward, Street string
	Note                   *string
}

// ShipmentEvent is one move of a shipment.
type ShipmentEvent struct {
	ID     uuid.UUID
	From   *Status
	To     Status
	Source string // staff | carrier
	Note   *string
	At     time.Time
}

// Registration is the parcel's registration with the carrier (the carrier outbox's job).
type Registration struct {
	State         string // pending | registered | failed | cancelled
	Attempts      int
	RequestedAt   time.Time
	NextAttemptAt *time.Time
	LastError     *string // staff only
}

// Quote is the price of a parcel.
type Quote struct {
	FeeVND       int64
	SameProvince bool
	CODAvailable bool
}

// InboundQuote is the price of posting a dossier, with the fee the postal worker collects (nil:
// only the province knows it).
type InboundQuote struct {
	Quote
	ProcedureFeeVND *int64
}

// Tariff is a ward's postal tariff (VND).
type Tariff struct {
	SameProvinceVND, OtherProvinceVND, CODFeeVND int64
}

// ResultInput is a citizen's (or officer's) wish to get a dossier's result by post.
type ResultInput struct {
	Address
	Payment *string
}

// InboundInput is a citizen's wish to send a dossier to the office by post.
type InboundInput struct {
	ProcedureID  uuid.UUID
	Sender       Address
	Payment      *string
	ReturnByPost bool
}

// Move is an officer's move of a shipment.
type Move struct {
	To              Status
	TrackingNumber  *string
	Note            *string
	CollectedFeeVND *int64
}

// Filter narrows the officers' list.
type Filter struct {
	Status    *Status
	StuckDays *int
	Limit     int
	Cursor    *string
}

// Page is one page of a list and the cursor of the next.
type Page[T any] struct {
	Items      []T
	NextCursor *string
}

// WebhookOutcome is what a carrier callback did: applied, duplicate or stale, and the shipment's state.
type WebhookOutcome struct {
	Result string
	Status Status
}
