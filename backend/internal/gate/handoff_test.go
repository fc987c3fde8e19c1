package gate_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// The strict server binds the body the gate decoded and validated instead of parsing the JSON
// again: Fiber's JSON decoder (what the generated code's BodyParser fallback uses) must not run.
func TestStrictServerReusesTheValidatedBody(t *testing.T) {
	decodes := 0
	f := fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(*fiber.Ctx, error) {}),
		JSONDecoder: func(data []byte, v any) error { decodes++; return fiber.ErrBadRequest }})
	if err := newGate(t).Mount(f, func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(echoCalendar{}, nil)) }); err != nil {
		t.Fatal(err)
	}
	body := `{"holidays":[{"date":"2027-01-01","name":"Tết Dương lịch"}],"working_days":[]}`
	req := httptest.NewRequest("PUT", "/v1/calendar/2027", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer x")
	res, err := f.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || decodes != 0 {
		t.Fatalf("status %d, body decoded %d more times", res.StatusCode, decodes)
	}
}

// kin-openapi's decoder stops after the first JSON value; what follows it is refused as the
// strict server's own decoder refused it, now that the handler binds the decoded value.
func TestTrailingDataAfterTheBodyIsMalformed(t *testing.T) {
	f := fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(*fiber.Ctx, error) {})})
	if err := newGate(t).Mount(f, func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(echoCalendar{}, nil)) }); err != nil {
		t.Fatal(err)
	}
	for body, want := range map[string]int{
		`{"holidays":[],"working_days":[]}`:          200,
		"{\"holidays\":[],\"working_days\":[]}\r\n ": 200,
		`{"holidays":[],"working_days":[]} xyz`:      400,
		`{"holidays":[],"working_days":[]}{}`:        400,
	} {
		req := httptest.NewRequest("PUT", "/v1/calendar/2027", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer x")
		res, err := f.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != want {
			t.Errorf("%q: %d, want %d", body, res.StatusCode, want)
		}
	}
}
