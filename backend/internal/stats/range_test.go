package stats_test

import (
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A refused range says why: reversed, or too long — not "not in the allowed list".
func TestStatsRangeRefusalsSayWhy(t *testing.T) {
	e := testkit.New(t)
	officer := e.NewUser(e.NewWard("26734", 1), auth.RoleOfficer)
	for _, c := range []struct{ query, code, vi, en string }{
		{"from=2026-11-30&to=2026-11-01", "to_before_from", "Ngày kết thúc không được trước ngày bắt đầu", "The last day must not be before the first"},
		{"from=2025-01-01&to=2026-11-30", "range_too_long", "Chỉ xem được tối đa 366 ngày một lần", "The range may cover at most 366 days"},
	} {
		vi, en := e.ExpectProblem(422, testkit.Req{Method: "GET", Path: "/v1/stats?" + c.query, Token: e.Token(officer)})
		if len(vi.Errors) != 1 || len(en.Errors) != 1 || vi.Errors[0].Field != "to" || vi.Errors[0].Code != c.code || en.Errors[0].Code != c.code ||
			vi.Errors[0].Message != c.vi || en.Errors[0].Message != c.en {
			t.Errorf("%s: vi %+v / en %+v", c.query, vi.Errors, en.Errors)
		}
	}
	// One day, and a whole year, are fine.
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2026-11-30&to=2026-11-30", Token: e.Token(officer)})
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/stats?from=2025-12-01&to=2026-11-30", Token: e.Token(officer)})
}
