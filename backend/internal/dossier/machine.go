package dossier

import (
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// State is a dossier's state (DESIGN.md §4).
type State string

// States of a dossier.
const (
	Submitted           State = "submitted" // reached the office, not yet received: no clock, no receipt
	Received            State = "received"
	RefusedAtIntake     State = "refused_at_intake"
	InReview            State = "in_review"
	SupplementRequested State = "supplement_requested"
	Approved            State = "approved"
	ResultReady         State = "result_ready"
	Returned            State = "returned"
	Rejected            State = "rejected"
	Withdrawn           State = "withdrawn"
)

// States lists every state.
var States = []State{Submitted, Received, RefusedAtIntake, InReview, SupplementRequested, Approved, ResultReady, Returned,
	Rejected, Withdrawn}

// Actor is who asks to move a dossier: their role, and whether they are its applicant.
type Actor struct {
	Role      string
	Applicant bool
}

// actorOf is the caller as the machine sees them, for the dossier d.
func actorOf(caller auth.Principal, d Dossier) Actor {
	return Actor{Role: caller.Role, Applicant: caller.Role == auth.RoleCitizen && d.ApplicantID.Valid && d.ApplicantID.UUID == caller.UserID}
}

// Actors without a user account, as the timeline records them: the post (a result delivered, a
// dossier arriving by post) and another system (an import).
const (
	roleCarrier = "carrier"
	roleSystem  = "system"
)

var (
	// officeStaff are the ward's officers and admins: they make every move but the withdrawal.
	officeStaff = lifecycle.Actor[Actor]{Name: "office staff", May: func(a Actor) bool {
		return a.Role == auth.RoleOfficer || a.Role == auth.RoleAdmin
	}}
	// applicant is the citizen whose dossier it is; only they may withdraw it.
	applicant = lifecycle.Actor[Actor]{Name: "applicant", May: func(a Actor) bool {
		return a.Role == auth.RoleCitizen && a.Applicant
	}}
	// post is the delivery of a posted result reported by the carrier (Quyết định 45/2016/QĐ-TTg).
	post = lifecycle.Actor[Actor]{Name: "post", May: func(a Actor) bool { return a.Role == roleCarrier }}
)

// Machine is the whole dossier lifecycle of DESIGN.md §4 (Nghị định 118/2025/NĐ-CP): every
// allowed move and who may make it.
var Machine = lifecycle.New("dossier", States,
	lifecycle.Move[State, Actor]{From: []State{Submitted}, To: Received, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{Submitted}, To: RefusedAtIntake, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{Received, SupplementRequested}, To: InReview, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{InReview}, To: SupplementRequested, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{InReview}, To: Approved, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{InReview}, To: Rejected, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{Approved}, To: ResultReady, By: []lifecycle.Actor[Actor]{officeStaff}},
	lifecycle.Move[State, Actor]{From: []State{ResultReady}, To: Returned, By: []lifecycle.Actor[Actor]{officeStaff, post}},
	lifecycle.Move[State, Actor]{From: []State{Submitted, Received, InReview, SupplementRequested}, To: Withdrawn,
		By: []lifecycle.Actor[Actor]{applicant}},
)

// Open reports whether a dossier in this state is being processed: only such a dossier can get
// an apology letter with a new date.
func (s State) Open() bool {
	return s == Received || s == InReview || s == SupplementRequested || s == Approved
}

// ClockRunning reports whether a dossier in this state is being processed and its clock runs:
// only such a dossier can be overdue or due soon. A dossier waiting for the citizen's supplement
// is paused (Nghị định 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP: the time a dossier waits for the
// citizen's supplement is not part of the processing time); its due_at moves when it comes back.
func (s State) ClockRunning() bool {
	return s.Open() && s != SupplementRequested
}

// Closes reports whether reaching the state ends the dossier.
func (s State) Closes() bool {
	return s == Returned || s == Rejected || s == Withdrawn || s == RefusedAtIntake
}

// NeedsReason reports whether the move to s must say why (DESIGN.md §4): a refusal at intake and
// a rejection tell the citizen the reason, a supplement request lists what is missing (Nghị định
// 61/2018/NĐ-CP, kept by 118/2025/NĐ-CP; the phiếu từ chối and phiếu yêu cầu bổ sung of Thông tư
// 01/2018/TT-VPCP each carry it).
func (s State) NeedsReason() bool {
	return s == RefusedAtIntake || s == SupplementRequested || s == Rejected
}

// PortalStatus maps a state to the national public-service portal's status code (1 mới đăng ký,
// 2 được tiếp nhận, 3 không được tiếp nhận, 4 đang xử lý, 5 yêu cầu bổ sung, 6 nghĩa vụ tài chính,
// 7 rút hồ sơ, 8 dừng xử lý, 9 đã xử lý xong, 10 đã trả kết quả).
//
// 3 is a refusal at intake only. A rejection after review is processing that ended with a
// negative result (the written refusal with its reason is the result), so it is 9. 6 is not used:
// no payment is recorded, so "a fee due and unpaid" cannot be known; 8 is not used: no state
// stops processing.
func (s State) PortalStatus() int {
	switch s {
	case Submitted:
		return 1
	case Received:
		return 2
	case RefusedAtIntake:
		return 3
	case InReview, Approved:
		return 4
	case SupplementRequested:
		return 5
	case Withdrawn:
		return 7
	case ResultReady, Rejected:
		return 9
	case Returned:
		return 10
	}
	return 1
}

// Channels a dossier reaches the office by.
const (
	ChannelCounter         = "counter"
	ChannelOnline          = "online"
	ChannelHomePickup      = "home_pickup"
	ChannelSaturdaySession = "saturday_session"
	ChannelPostal          = "postal" // the dossier itself came by post (Quyết định 45/2016/QĐ-TTg, Điều 5)
	ChannelImport          = "import"
)

// Return methods.
const (
	ReturnCounter = "counter"
	ReturnPostal  = "postal"
)

// PortalChannel maps how a dossier came and goes to the portal's channel code: 3 (bưu chính công
// ích) when it came by post or its result goes back by post (Quyết định 45/2016/QĐ-TTg), 2 online,
// else 1 (trực tiếp: at the counter, at home by a volunteer, at a Saturday session).
func PortalChannel(channel, returnMethod string) int {
	switch {
	case channel == ChannelPostal || returnMethod == ReturnPostal:
		return 3
	case channel == ChannelOnline:
		return 2
	}
	return 1
}
