package postal

import (
	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// Status is a shipment's state (DESIGN §4: requested → handed_to_carrier → in_transit →
// delivered; in_transit|handed_to_carrier → failed → returned_to_office).
type Status string

// States of a shipment.
const (
	Requested        Status = "requested"
	HandedToCarrier  Status = "handed_to_carrier"
	InTransit        Status = "in_transit"
	Delivered        Status = "delivered"
	Failed           Status = "failed"
	ReturnedToOffice Status = "returned_to_office"
)

var statuses = []Status{Requested, HandedToCarrier, InTransit, Delivered, Failed, ReturnedToOffice}

// Direction is which way a parcel goes (Quyết định 45/2016/QĐ-TTg, Điều 5: a citizen may send
// the dossier by post, receive the result by post, or both).
type Direction string

// Directions.
const (
	Outbound Direction = "outbound" // the result, from the office to the citizen
	Inbound  Direction = "inbound"  // the dossier, from the citizen to the office
)

// staffActor is who moves a shipment by hand: the caller, and the shipment's ward and direction.
type staffActor struct {
	caller    auth.Principal
	ward      uuid.UUID
	direction Direction
}

func officeOf(a staffActor) bool {
	return a.caller.Office() && a.caller.WardID == a.ward
}

var (
	// wardOffice: the ward's officers and admins, whichever way the parcel goes.
	wardOffice = lifecycle.Actor[staffActor]{Name: "office of the ward", May: officeOf}
	// sendingOffice: the ward's officers and admins, about a result they post.
	sendingOffice = lifecycle.Actor[staffActor]{Name: "office sending a result", May: func(a staffActor) bool {
		return officeOf(a) && a.direction == Outbound
	}}
	// receivingOffice: the ward's officers and admins, about a dossier posted to them.
	receivingOffice = lifecycle.Actor[staffActor]{Name: "office receiving a dossier", May: func(a staffActor) bool {
		return officeOf(a) && a.direction == Inbound
	}}
)

// staffMachine is the office's side: register a parcel with the carrier (a result once the
// dossier has it; a posted dossier whose background registration failed), take back a result the
// post could not deliver, or mark a posted dossier received at the office (the parcel reached the
// counter before, or without, the carrier's callback).
var staffMachine = lifecycle.New("shipment", statuses,
	lifecycle.Move[Status, staffActor]{From: []Status{Requested}, To: HandedToCarrier, By: []lifecycle.Actor[staffActor]{wardOffice}},
	lifecycle.Move[Status, staffActor]{From: []Status{Failed}, To: ReturnedToOffice, By: []lifecycle.Actor[staffActor]{sendingOffice}},
	lifecycle.Move[Status, staffActor]{From: []Status{HandedToCarrier, InTransit}, To: Delivered, By: []lifecycle.Actor[staffActor]{receivingOffice}},
)

// carrierActor is a carrier calling back about a parcel: the carrier that signed the callback
// and the carrier the shipment was registered with.
type carrierActor struct {
	signed, parcel string
}

// theCarrier: the carrier that holds the parcel.
var theCarrier = lifecycle.Actor[carrierActor]{Name: "the parcel's carrier", May: func(a carrierActor) bool {
	return a.signed != "" && a.signed == a.parcel
}}

// carrierMachine is the carrier's side. Skipping ahead is allowed (a lost "in_transit" must not
// block "delivered"); going back is not, so an event delivered out of order never undoes a later
// one (it is recorded as stale).
var carrierMachine = lifecycle.New("shipment", statuses,
	lifecycle.Move[Status, carrierActor]{From: []Status{HandedToCarrier}, To: InTransit, By: []lifecycle.Actor[carrierActor]{theCarrier}},
	lifecycle.Move[Status, carrierActor]{From: []Status{HandedToCarrier, InTransit}, To: Delivered, By: []lifecycle.Actor[carrierActor]{theCarrier}},
	lifecycle.Move[Status, carrierActor]{From: []Status{HandedToCarrier, InTransit}, To: Failed, By: []lifecycle.Actor[carrierActor]{theCarrier}},
	lifecycle.Move[Status, carrierActor]{From: []Status{Failed}, To: ReturnedToOffice, By: []lifecycle.Actor[carrierActor]{theCarrier}},
)

// carrierStatuses: each status a carrier reports, and the state it leads to.
var carrierStatuses = map[string]Status{
	"in_transit": InTransit,
	"delivered":  Delivered,
	"failed":     Failed,
	"returned":   ReturnedToOffice,
}
