package gate_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
	"github.com/valyala/fasthttp"

	apispec "github.com/motcuagandan/motcua/api-spec"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/gate"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// stubAuth makes every bearer token an admin of one ward.
type stubAuth struct{}

func (stubAuth) Authenticate(context.Context, string) (auth.Principal, error) {
	return auth.Principal{UserID: uuid.New(), WardID: uuid.New(), Role: auth.RoleAdmin}, nil
}

// echoCalendar answers putCalendar with what it was given, with no database behind it, so the
// benchmark measures routing, the gate, and the body's decoding alone.
type echoCalendar struct{ api.StrictServerInterface }

func (echoCalendar) PutCalendar(_ context.Context, r api.PutCalendarRequestObject) (api.PutCalendarResponseObject, error) {
	return api.PutCalendar200JSONResponse{Year: r.Year, Holidays: r.Body.Holidays, WorkingDays: r.Body.WorkingDays}, nil
}

func newGate(t testing.TB) *gate.Gate {
	g, err := gate.New(apispec.YAML, stubAuth{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func benchApp(b *testing.B) *fiber.App {
	g := newGate(b)
	f := fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(*fiber.Ctx, error) {})})
	if err := g.Mount(f, func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(echoCalendar{}, nil)) }); err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkPutCalendar is one POST-like request with a 40-day body through the gate and the
// strict server: routing, authentication (stubbed), role, validation, decoding, the answer.
func BenchmarkPutCalendar(b *testing.B) {
	h := benchApp(b).Handler()
	var days []string
	for i := 1; i <= 20; i++ {
		days = append(days, fmt.Sprintf(`{"date":"2027-03-%02d","name":"Ngày nghỉ bù %d"}`, i, i))
	}
	body := []byte(`{"holidays":[` + strings.Join(days, ",") + `],"working_days":[` + strings.Join(days, ",") + `]}`)
	var req fasthttp.Request
	req.Header.SetMethod("PUT")
	req.SetRequestURI("/v1/calendar/2027")
	req.Header.SetContentType("application/json")
	req.Header.Set("Authorization", "Bearer x")
	req.SetBody(body)
	serveEach(b, h, &req)
}

// emptyList answers listDossiers with no dossiers, so the benchmark measures what the gate and
// the generated wrapper do for a GET with query parameters.
type emptyList struct{ api.StrictServerInterface }

func (emptyList) ListDossiers(context.Context, api.ListDossiersRequestObject) (api.ListDossiersResponseObject, error) {
	return api.ListDossiers200JSONResponse{Items: []api.Dossier{}}, nil
}

// BenchmarkListQuery is GET /v1/dossiers?limit=20 through the gate and the strict server with
// nothing behind them (issue 14): routing, authentication (stubbed), role, the parameters'
// validation.
func BenchmarkListQuery(b *testing.B) {
	g := newGate(b)
	f := fiber.New(fiber.Config{Immutable: true, ErrorHandler: httpx.ErrorHandler(func(*fiber.Ctx, error) {})})
	if err := g.Mount(f, func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(emptyList{}, nil)) }); err != nil {
		b.Fatal(err)
	}
	h := f.Handler()
	var req fasthttp.Request
	req.Header.SetMethod("GET")
	req.SetRequestURI("/v1/dossiers?limit=20")
	req.Header.Set("Authorization", "Bearer x")
	serveEach(b, h, &req)
}

// serveEach runs req through h once per iteration, expecting 200.
func serveEach(b *testing.B, h fasthttp.RequestHandler, req *fasthttp.Request) {
	b.ReportAllocs()
	for b.Loop() {
		var c fasthttp.RequestCtx
		c.Init(req, nil, nil)
		h(&c)
		if c.Response.StatusCode() != 200 {
			b.Fatalf("%d %s", c.Response.StatusCode(), c.Response.Body())
		}
	}
}
