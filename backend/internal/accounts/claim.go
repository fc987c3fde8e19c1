package accounts

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
)

// Claimed counts what a new citizen's account took over from their phone's history.
type Claimed struct {
	Dossiers      int64 `json:"dossiers"`
	Pickups       int64 `json:"pickups"`
	Notifications int64 `json:"notifications"`
}

// claimHistory runs in the transaction that proves the account's phone with a texted code
// (verify.go; issue 16 said "claims their history when they register with that number", but
// registering proves nothing: whoever registered a number first took its history). The dossiers and home pickups the ward recorded for this
// phone without an account become the account's — in its lists, and told to it from now on —
// and the messages sent to the phone about them join its inbox. Other wards' records stay
// addressed to the phone (an applicant must be a user of the dossier's ward). A phone held by
// any account, even a deactivated one, cannot register again (users_phone_key), so nothing
// can be claimed twice or from under an account.
func claimHistory(ctx context.Context, q *accountsdb.Queries, u accountsdb.User, now time.Time) (Claimed, error) {
	var c Claimed
	var err error
	if c.Dossiers, err = q.ClaimDossiers(ctx, accountsdb.ClaimDossiersParams{UserID: uuid.NullUUID{UUID: u.ID, Valid: true}, Phone: u.Phone, WardID: u.WardID, Now: now}); err != nil {
		return c, err
	}
	if c.Pickups, err = q.ClaimPickups(ctx, accountsdb.ClaimPickupsParams{UserID: uuid.NullUUID{UUID: u.ID, Valid: true}, Phone: u.Phone, WardID: u.WardID, Now: now}); err != nil {
		return c, err
	}
	c.Notifications, err = q.ClaimNotifications(ctx, accountsdb.ClaimNotificationsParams{UserID: uuid.NullUUID{UUID: u.ID, Valid: true}, Phone: u.Phone, WardID: u.WardID})
	return c, err
}
