package ops

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/mobile-bridge/webapp"
)

// WebAppRoutes are the app's own history routes: each answers the shell (index.html) so that a
// deep link (a receipt QR's /track/{code}, a push's /dossiers/{id}, a reload) opens the right
// screen; the router in static/router.js knows the same list.
var WebAppRoutes = []string{
	"/", "/login", "/register", "/sessions", "/bookings", "/bookings/:id", "/dossiers", "/dossiers/:id",
	"/pickups", "/pickups/new", "/pickups/:id", "/inbox", "/settings/notify", "/track", "/track/:code", "/tasks", "/tasks/:id",
	"/checkin", "/checkin/:id", "/dashboard",
	// console: dossiers
	"/console", "/console/dossiers", "/console/dossiers/:id", "/console/intake",
	// console: operations
	"/console/sessions", "/console/sessions/:id", "/console/pickups", "/console/postal",
	"/console/admin/users", "/console/admin/procedures", "/console/admin/procedures/:id", "/console/admin/calendar", "/console/admin/ward", "/console/stats",
	// console: people
	"/console/representations", "/console/pickups/new",
	// h-checkin: the check-in desk
	"/console/sessions/:id/checkin",
	// h-otp: proving the phone to claim its history
	"/verify-phone",
}

// webAppCSP: the app's own files only; the console shows the printable receipt (the server's
// page, fetched with the token) in a frame from a Blob URL, which keeps this policy, so its one
// inline style is allowed by hash. The bundled Firebase SDK gets a browser's push token from
// Google's two registration APIs (static/push.js, when a person turns pushes on).
var webAppCSP = "default-src 'self'; img-src 'self' blob: data:; style-src 'self' " + dossier.ReceiptStyleHash() +
	"; script-src 'self'; connect-src 'self' https://firebaseinstallations.googleapis.com https://fcmregistrations.googleapis.com; frame-src blob:"

// MountWebApp serves the outreach web app from the binary: its shell at each of its routes, its
// assets (ES modules under folders) under /app/, and the service worker and manifest at the
// root (a service worker only controls pages at or below its own path).
// Fiber answers HEAD on each of these routes as GET without the body.
func MountWebApp(f *fiber.App) {
	for _, r := range WebAppRoutes {
		f.Get(r, serveStatic("index.html"))
	}
	f.Get("/sw.js", serveStatic("sw.js"))
	f.Get("/manifest.webmanifest", serveStatic("manifest.webmanifest"))
	f.Get("/app/*", func(c *fiber.Ctx) error {
		// Only files embedded in the binary are ever answered (a map lookup), so ".." or an
		// absolute path cannot reach anything else; the shell has its own routes.
		name := c.Params("*")
		if name == "index.html" || name == "sw.js" {
			return fiber.ErrNotFound
		}
		return serveStatic(name)(c)
	})
}

// staticFile is one file of the web app with its validator and its precompressed codings
// (computed once per process: the files are fixed in the binary).
type staticFile struct {
	body        []byte
	contentType string
	etag        string            // strong, of the plain bytes
	encoded     map[string][]byte // coding → body, only where it is smaller
}

var (
	staticOnce  sync.Once
	staticFiles map[string]*staticFile
)

func loadStatic() {
	staticFiles = map[string]*staticFile{}
	_ = fs.WalkDir(webapp.Static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webapp.Static, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		sf := &staticFile{body: b, contentType: mime.TypeByExtension(path.Ext(name)),
			etag: `"` + hex.EncodeToString(sum[:12]) + `"`, encoded: map[string][]byte{}}
		if strings.HasSuffix(name, ".webmanifest") {
			sf.contentType = "application/manifest+json"
		}
		if len(b) >= httpx.CompressMinBytes && httpx.Compressible(sf.contentType) {
			if br := fasthttp.AppendBrotliBytesLevel(nil, b, fasthttp.CompressBrotliBestCompression); len(br) < len(b) {
				sf.encoded[httpx.EncodingBrotli] = br
			}
			if gz := fasthttp.AppendGzipBytesLevel(nil, b, fasthttp.CompressBestCompression); len(gz) < len(b) {
				sf.encoded[httpx.EncodingGzip] = gz
			}
		}
		staticFiles[name] = sf
		return nil
	})
}

// serveStatic answers one file with a strong ETag (per coding), 304 to a matching
// If-None-Match, and br or gzip as Accept-Encoding allows.
func serveStatic(name string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		staticOnce.Do(loadStatic)
		sf, ok := staticFiles[name]
		if !ok {
			return fiber.ErrNotFound
		}
		c.Set(fiber.HeaderContentType, sf.contentType)
		c.Set("Content-Security-Policy", webAppCSP)
		c.Set("X-Content-Type-Options", "nosniff")
		c.Set(fiber.HeaderCacheControl, cacheControl(name))
		body, etag := sf.body, sf.etag
		if len(sf.encoded) > 0 {
			httpx.AddVary(c, fiber.HeaderAcceptEncoding)
			enc := httpx.NegotiateEncoding(c.Get(fiber.HeaderAcceptEncoding))
			if b, ok := sf.encoded[enc]; ok {
				body, etag = b, strings.TrimSuffix(etag, `"`)+"-"+enc+`"`
				c.Set(fiber.HeaderContentEncoding, enc)
			}
		}
		c.Set(fiber.HeaderETag, etag)
		if etagMatches(c.Get(fiber.HeaderIfNoneMatch), etag) {
			c.Response().Header.Del(fiber.HeaderContentEncoding)
			c.Status(fiber.StatusNotModified)
			return nil
		}
		return c.Send(body)
	}
}

// cacheControl: the file names carry no content hash, so every file of the shell is revalidated
// on each use (a cheap 304 with the ETag); otherwise a new index.html or service worker could
// run with last hour's modules. Only the icon may be kept a day.
func cacheControl(name string) string {
	if name == "icon.svg" {
		return "public, max-age=86400"
	}
	return "no-cache"
}

// etagMatches is If-None-Match's weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag
// equal to etag once a W/ prefix is ignored.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
