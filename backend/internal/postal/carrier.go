package postal

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
)

// Carrier is what a postal carrier adapter provides. The built-in "local" carrier serves
// development and tests; a VNPost adapter implements the same interface (calling its order API
// to create the parcel and obtain the tracking number) and sends status callbacks to
// POST /v1/webhooks/postal signed with its secret.
type Carrier interface {
	Name() string
	// CreateParcel registers the parcel with the carrier and returns its tracking number. It is
	// called outside any transaction and may be called again for the same parcel (a worker that
	// died before recording the answer, a lost response): the adapter must pass p.ShipmentID as
	// the carrier's idempotency reference (VNPost's order reference, for instance), so the same
	// reference always yields the same parcel and tracking number.
	CreateParcel(ctx context.Context, p Parcel) (string, error)
}

// Parcel is what a carrier needs to carry a result.
type Parcel struct {
	ShipmentID, DossierCode string // ShipmentID is the idempotency reference; no dossier code yet for a posted dossier
	// Outbound: deliver to the address below. Inbound: collect the dossier there and bring it to
	// the ward's office (Quyết định 45/2016/QĐ-TTg, Điều 5).
	Direction                     Direction
	RecipientName, RecipientPhone string
	Province, Ward, Street        string
	CODAmountVND                  int64 // postage the postal worker collects
	CollectFeeVND                 int64 // inbound: the procedure's fee collected for the office
}

// Local is the development carrier: it issues tracking numbers in the S10 format postal
// operators use ("LC" + 9 digits + "VN"); `motcua postal-event` plays its callbacks.
type Local struct{}

// Name is "local".
func (Local) Name() string { return "local" }

// CreateParcel issues the parcel's tracking number, derived from the shipment id so that a
// repeated call for the same shipment names the same parcel, as a real carrier does with the
// reference.
func (Local) CreateParcel(_ context.Context, p Parcel) (string, error) {
	sum := sha256.Sum256([]byte(p.ShipmentID))
	return fmt.Sprintf("LC%09dVN", binary.BigEndian.Uint64(sum[:8])%1_000_000_000), nil
}
