package ops

import (
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/motcuagandan/motcua/mobile-bridge/webapp"
)

// MountWebApp serves the outreach web app from the binary: its shell at / and at /track/{code}
// (the link printed in receipt QR codes), its assets under /app/, and the service worker and
// manifest at the root (a service worker only controls pages at or below its own path).
func MountWebApp(f *fiber.App) {
	serve := func(name string) fiber.Handler {
		return func(c *fiber.Ctx) error {
			b, err := fs.ReadFile(webapp.Static, name)
			if err != nil {
				return fiber.ErrNotFound
			}
			ct := mime.TypeByExtension(path.Ext(name))
			if strings.HasSuffix(name, ".webmanifest") {
				ct = "application/manifest+json"
			}
			c.Set(fiber.HeaderContentType, ct)
			c.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'")
			c.Set("X-Content-Type-Options", "nosniff")
			if name == "index.html" || name == "sw.js" {
				c.Set(fiber.HeaderCacheControl, "no-cache")
			} else {
				c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
			}
			return c.Send(b)
		}
	}
	f.Get("/", serve("index.html"))
	f.Get("/track/:code", serve("index.html"))
	f.Get("/sw.js", serve("sw.js"))
	f.Get("/manifest.webmanifest", serve("manifest.webmanifest"))
	f.Get("/app/:file", func(c *fiber.Ctx) error {
		name := c.Params("file")
		if name == "index.html" || strings.Contains(name, "/") {
			return fiber.ErrNotFound
		}
		return serve(name)(c)
	})
}
