package dossier

import (
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// The dossier machine as DESIGN.md §4 states it, written out by hand (never computed from
// Machine): for each legal move, the fixtures allowed to make it. Every other (from, to) pair
// is illegal for everyone; every fixture not listed for a legal move is forbidden.
var wantMoves = map[[2]State][]string{
	{Submitted, Received}:            {"officer", "admin"},
	{Submitted, RefusedAtIntake}:     {"officer", "admin"},
	{Received, InReview}:             {"officer", "admin"},
	{InReview, SupplementRequested}:  {"officer", "admin"},
	{SupplementRequested, InReview}:  {"officer", "admin"},
	{InReview, Approved}:             {"officer", "admin"},
	{InReview, Rejected}:             {"officer", "admin"},
	{Approved, ResultReady}:          {"officer", "admin"},
	{ResultReady, Returned}:          {"officer", "admin", "carrier"},
	{Submitted, Withdrawn}:           {"applicant"},
	{Received, Withdrawn}:            {"applicant"},
	{InReview, Withdrawn}:            {"applicant"},
	{SupplementRequested, Withdrawn}: {"applicant"},
}

var fixtures = map[string]Actor{
	"officer":       {Role: auth.RoleOfficer},
	"admin":         {Role: auth.RoleAdmin},
	"applicant":     {Role: auth.RoleCitizen, Applicant: true},
	"other_citizen": {Role: auth.RoleCitizen},
	"volunteer":     {Role: auth.RoleVolunteer},
	"carrier":       {Role: roleCarrier},
	// a staff account that is also the applicant gains nothing from it
	"officer_applicant": {Role: auth.RoleOfficer, Applicant: true},
}

func TestMachineEveryMove(t *testing.T) {
	cases, allowed := 0, 0
	Machine.Every(fixtures, func(from, to State, actor string, got lifecycle.Outcome) {
		cases++
		want := lifecycle.Illegal
		if who, legal := wantMoves[[2]State{from, to}]; legal {
			want = lifecycle.Forbidden
			for _, w := range who {
				if w == actor || actor == "officer_applicant" && w == "officer" {
					want = lifecycle.Allowed
				}
			}
		}
		if got != want {
			t.Errorf("%s → %s by %s: %s, want %s", from, to, actor, got, want)
		}
		if got == lifecycle.Allowed {
			allowed++
		}
	})
	if n := len(States) * len(States) * len(fixtures); cases != n {
		t.Fatalf("%d cases, want %d", cases, n)
	}
	// 9 staff moves × 3 staff fixtures, 1 carrier move, 4 withdrawals by the applicant.
	if allowed != 9*3+1+4 {
		t.Fatalf("%d allowed moves", allowed)
	}
}

func TestRefusalsNameTheDossier(t *testing.T) {
	err := Machine.Check(Returned, InReview, fixtures["officer"])
	var le *lifecycle.Error
	if !asLifecycle(err, &le) || le.Resource != "dossier" {
		t.Fatalf("error %v", err)
	}
}

func asLifecycle(err error, target **lifecycle.Error) bool {
	e, ok := err.(*lifecycle.Error)
	*target = e
	return ok
}

// Portal status codes (national public-service portal: 1 mới đăng ký … 10 đã trả kết quả).
func TestPortalStatusOfEveryState(t *testing.T) {
	want := map[State]int{Submitted: 1, Received: 2, RefusedAtIntake: 3, InReview: 4, SupplementRequested: 5, Approved: 4,
		ResultReady: 9, Returned: 10, Rejected: 9, Withdrawn: 7}
	if len(want) != len(States) {
		t.Fatalf("table covers %d of %d states", len(want), len(States))
	}
	for _, s := range States {
		if got := s.PortalStatus(); got != want[s] {
			t.Errorf("%s: portal status %d, want %d", s, got, want[s])
		}
	}
}

// Channel codes: 3 (bưu chính công ích) whenever the post carries the dossier either way.
func TestPortalChannelOfEveryChannel(t *testing.T) {
	channels := []string{ChannelCounter, ChannelOnline, ChannelHomePickup, ChannelSaturdaySession, ChannelPostal, ChannelImport}
	want := map[string][2]int{ // by return method: counter, postal
		ChannelCounter: {1, 3}, ChannelOnline: {2, 3}, ChannelHomePickup: {1, 3}, ChannelSaturdaySession: {1, 3},
		ChannelPostal: {3, 3}, ChannelImport: {1, 3},
	}
	for _, c := range channels {
		for i, r := range []string{ReturnCounter, ReturnPostal} {
			if got := PortalChannel(c, r); got != want[c][i] {
				t.Errorf("%s returned by %s: %d, want %d", c, r, got, want[c][i])
			}
		}
	}
}
