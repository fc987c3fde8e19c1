package gate_test

import (
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/backend/internal/api"
)

// Mount refuses to start a server whose generated routes and contract differ, or whose routes
// it could not put its guard in front of.
func TestMountRefusesRoutesItCannotGuard(t *testing.T) {
	ok := func(c *fiber.Ctx) error { return nil }
	for name, c := range map[string]struct {
		register func(fiber.Router)
		want     string
	}{
		"all generated routes": {func(r fiber.Router) { api.RegisterHandlers(r, api.NewStrictHandler(echoCalendar{}, nil)) }, ""},
		"a route not in the contract": {func(r fiber.Router) {
			api.RegisterHandlers(r, api.NewStrictHandler(echoCalendar{}, nil))
			r.Post("/v1/backdoor", ok)
		}, "POST /v1/backdoor is served but not in the contract"},
		"an operation with no route": {func(r fiber.Router) { r.Get("/healthz", ok) }, "operations with no route: DELETE /v1/me/devices/{token}, GET /readyz,"},
		"a middleware":               {func(r fiber.Router) { r.Use(ok) }, "registered a middleware"},
		"a group":                    {func(r fiber.Router) { r.Group("/v1") }, "registered a group at /v1"},
		"every method":               {func(r fiber.Router) { r.All("/v1/me", ok) }, "registered every method of /v1/me"},
	} {
		err := newGate(t).Mount(fiber.New(), c.register)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error with %q", name, err, c.want)
		}
	}
}
