// Package representation links a representative (người được ủy quyền, often a relative of an
// elderly citizen) to an applicant it may act for, with the applicant's consent recorded: the
// representative then sees and tracks the applicant's dossiers and may rate them.
//
// Consent is taken two ways, both kept: an officer records it in person at the office with a note
// of the evidence (a signed giấy ủy quyền, the applicant present at the counter) — the way that
// works for the elderly applicants who most need a representative and often have no smartphone;
// or the applicant grants it from their own signed-in account, which is itself the consent. A
// representative can never link itself: that would be no consent at all. Either party, or an
// officer of the ward, revokes a link; a revoked link no longer counts anywhere.
//
// Other features ask ActsFor for one row (a dossier, a pickup to book), Viewers for a list
// (applicant_id = ANY(...)), or put the rule in their own SQL over dossiers d (with the caller's
// id as @caller_id; it uses representations_live_idx):
//
//	EXISTS (SELECT 1 FROM representations r WHERE r.representative_id = @caller_id
//	        AND r.applicant_id = d.applicant_id AND r.revoked_at IS NULL)
package representation

import (
	"context"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
	"github.com/motcuagandan/motcua/backend/internal/representation/representationdb"
)

// ActsFor reports whether representativeID may act for applicantID now: a live link (not
// revoked). db is a pool or a transaction.
func ActsFor(ctx context.Context, db representationdb.DBTX, representativeID, applicantID uuid.UUID) (bool, error) {
	return representationdb.New(db).ActsFor(ctx, representationdb.ActsForParams{RepresentativeID: representativeID, ApplicantID: applicantID})
}

// Viewers is whose dossiers a citizen sees: their own and those of every applicant they hold a
// live link to (caller first). A list filters with applicant_id = ANY(Viewers(...)), which keeps
// to the index on dossiers (applicant_id, id DESC) where an OR EXISTS would scan the ward.
func Viewers(ctx context.Context, db representationdb.DBTX, callerID uuid.UUID) ([]uuid.UUID, error) {
	ids, err := representationdb.New(db).Represented(ctx, callerID)
	if err != nil {
		return nil, err
	}
	return append([]uuid.UUID{callerID}, ids...), nil
}

// State is a link's state.
type State string

// States of a link.
const (
	Live    State = "live"
	Revoked State = "revoked"
)

// actor is who asks for a move, and the link.
type actor struct {
	caller auth.Principal
	link   representationdb.LockForRevokeRow
}

func party(name string, id func(representationdb.LockForRevokeRow) uuid.UUID) lifecycle.Actor[actor] {
	return lifecycle.Actor[actor]{Name: name, May: func(a actor) bool {
		return a.caller.Role == auth.RoleCitizen && id(a.link) == a.caller.UserID
	}}
}

// Machine: live → revoked, by either party or an officer of the ward. The applicant may end the
// authorisation at any time, and the representative may give it up (Bộ luật Dân sự 2015,
// Điều 569: either party to an authorisation may end it unilaterally).
var Machine = lifecycle.New("representation", []State{Live, Revoked},
	lifecycle.Move[State, actor]{From: []State{Live}, To: Revoked, By: []lifecycle.Actor[actor]{
		party("applicant", func(l representationdb.LockForRevokeRow) uuid.UUID { return l.ApplicantID }),
		party("representative", func(l representationdb.LockForRevokeRow) uuid.UUID { return l.RepresentativeID }),
		{Name: "ward staff", May: func(a actor) bool {
			return a.caller.Office() && a.caller.WardID == a.link.WardID
		}},
	}},
)

// Consent methods (the column consent_method).
const (
	AtOffice = "at_office"
	InApp    = "in_app"
)

// inAppConsent is the consent note of a link the applicant granted from their own account.
const inAppConsent = "Người ủy quyền đồng ý qua tài khoản của mình trên ứng dụng"
