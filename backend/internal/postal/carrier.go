package postal

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
)

// Carrier is what a postal carrier adapter provides. The built-in "local" carrier serves
// development and tests; a VNPost adapter implements the same interface (calling its order API
// to create the parcel and obtain the tracking number) and sends status callbacks to
// POST /v1/webhooks/postal signed with its secret.
type Carrier interface {
	Name() string
	// CreateParcel registers the parcel with the carrier and returns its tracking number.
	CreateParcel(ctx context.Context, p Parcel) (string, error)
}

// Parcel is what a carrier needs to carry a result.
type Parcel struct {
	ShipmentID, DossierCode       string
	RecipientName, RecipientPhone string
	Province, Ward, Street        string
	CODAmountVND                  int64
}

// Local is the development carrier: it issues tracking numbers in the S10 format postal
// operators use ("LC" + 9 digits + "VN"); `motcua postal-event` plays its callbacks.
type Local struct{}

// Name is "local".
func (Local) Name() string { return "local" }

// CreateParcel issues a tracking number.
func (Local) CreateParcel(context.Context, Parcel) (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("LC%09dVN", n.Int64()), nil
}
