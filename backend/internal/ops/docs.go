package ops

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/swaggest/swgui/v5emb"
)

// SpecHandler serves the contract as shipped in the binary.
func SpecHandler(spec []byte) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "application/yaml; charset=utf-8")
		return c.Send(spec)
	}
}

// DocsHandler serves Swagger UI for the contract; its assets are embedded in the binary
// (the ward machines may have no internet).
func DocsHandler() fiber.Handler {
	return adaptor.HTTPHandler(v5emb.New("Một Cửa Gần Dân API", "/openapi.yaml", "/docs/"))
}
