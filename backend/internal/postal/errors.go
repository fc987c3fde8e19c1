package postal

import (
	"errors"
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/signature"
)

// The postal rules' own refusals, free of HTTP; problem turns them into the contract's answers.
var (
	ErrShipmentExists      = errors.New("the dossier already has a live result shipment")
	ErrResultNotReady      = errors.New("the dossier has no result to post")
	ErrDossierClosed       = errors.New("the dossier is closed")
	ErrUnknownParcel       = errors.New("no parcel has this tracking number")
	ErrRegistrationPending = errors.New("the parcel is being registered with the carrier")
	ErrMalformed           = errors.New("malformed carrier event")
	// and the signature's: ErrNoSignature, ErrBadSignature, ErrStale (signature.go)
)

// errIllegal: a shipment's refused move names the parcel (COPY.md: "bưu gửi", never "hồ sơ").
var errIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển bưu gửi sang trạng thái này từ trạng thái hiện tại",
	EN: "The parcel cannot move to this state from its current state"})

// problem maps an error of the rules to the contract's problem, in one place. Errors it does not
// know (fault, the dossier feature's, the database) pass through to httpx.
func problem(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, lifecycle.ErrIllegal):
		return errIllegal
	case errors.Is(err, ErrStale):
		return unsigned("stale_timestamp")
	case errors.Is(err, ErrBadSignature), errors.Is(err, ErrNoSignature):
		return unsigned("invalid_signature")
	}
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{ErrShipmentExists, http.StatusConflict, "shipment_exists"},
		{ErrResultNotReady, http.StatusConflict, "result_not_ready"},
		{ErrDossierClosed, http.StatusConflict, "dossier_closed"},
		{ErrUnknownParcel, http.StatusNotFound, "unknown_tracking_number"},
		{ErrRegistrationPending, http.StatusConflict, "carrier_registration_pending"},
		{ErrMalformed, http.StatusBadRequest, "malformed_json"},
	} {
		if errors.Is(err, c.err) {
			return httpx.NewError(c.status, c.code)
		}
	}
	return err
}

// unsigned is a webhook refused for its signature; its challenge names the carriers' HMAC
// scheme rather than the Bearer tokens of the app's users.
func unsigned(code string) *httpx.Error { return signature.Refusal(code, "motcua-carriers") }
