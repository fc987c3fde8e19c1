package dossier

import "github.com/motcuagandan/motcua/backend/internal/auth"

// States of a dossier.
const (
	Received            = "received"
	InReview            = "in_review"
	SupplementRequested = "supplement_requested"
	Approved            = "approved"
	ResultReady         = "result_ready"
	Returned            = "returned"
	Rejected            = "rejected"
	Withdrawn           = "withdrawn"
)

// States lists every state.
var States = []string{Received, InReview, SupplementRequested, Approved, ResultReady, Returned, Rejected, Withdrawn}

type move struct{ from, to string }

var staff = []string{auth.RoleOfficer, auth.RoleAdmin}

// machine is the whole lifecycle: every allowed move and the roles that may make it. A citizen
// may only withdraw, and only their own dossier (checked where the dossier is loaded).
var machine = map[move][]string{
	{Received, InReview}:             staff,
	{InReview, SupplementRequested}:  staff,
	{SupplementRequested, InReview}:  staff,
	{InReview, Approved}:             staff,
	{InReview, Rejected}:             staff,
	{Approved, ResultReady}:          staff,
	{ResultReady, Returned}:          staff,
	{Received, Withdrawn}:            {auth.RoleCitizen},
	{InReview, Withdrawn}:            {auth.RoleCitizen},
	{SupplementRequested, Withdrawn}: {auth.RoleCitizen},
}

// Allowed says whether from→to is a move of the lifecycle and whether role may make it.
func Allowed(from, to, role string) (legal, permitted bool) {
	roles, ok := machine[move{from, to}]
	if !ok {
		return false, false
	}
	for _, r := range roles {
		if r == role {
			return true, true
		}
	}
	return true, false
}

// open states have no result yet: only they can be overdue or rescheduled.
func open(status string) bool {
	return status == Received || status == InReview || status == SupplementRequested || status == Approved
}

// closes reports whether reaching the state ends the dossier.
func closes(status string) bool {
	return status == Returned || status == Rejected || status == Withdrawn
}

// PortalStatus maps a state to the national public-service portal's status code.
func PortalStatus(status string) int {
	switch status {
	case Received:
		return 2 // được tiếp nhận
	case InReview, Approved:
		return 4 // đang xử lý
	case SupplementRequested:
		return 5 // yêu cầu bổ sung
	case ResultReady:
		return 9 // đã xử lý xong
	case Returned:
		return 10 // đã trả kết quả
	case Rejected:
		return 3 // không được tiếp nhận / từ chối
	case Withdrawn:
		return 7 // rút hồ sơ
	}
	return 1
}

// PortalChannel maps how a dossier was received to the portal's channel code. Postal *return*
// of the result is the dossier's return method, not how it was received.
func PortalChannel(channel string) int {
	if channel == "online" {
		return 2 // trực tuyến
	}
	return 1 // trực tiếp: at the counter, at home by a volunteer, at a Saturday session
}
