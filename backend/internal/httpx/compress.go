package httpx

import (
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"
)

// CompressMinBytes is the smallest body worth compressing: below about 1 KB the saving is a few
// hundred bytes at best and small JSON answers are most of the traffic.
const CompressMinBytes = 1024

// brotliLevel is brotli's quality for answers made per request. Level 4 (fasthttp's default)
// took 180–300 µs for a 14 KB page of 20 dossiers on the 2-core box, more than the server's
// whole work for the page; level 1 took about 50 µs for 11 % more bytes (1,067 against 962, still
// fewer than gzip's 1,088). Issue 14; gzip stays at its default level 6 (about 55 µs).
const brotliLevel = 1

// Content codings the server produces, in its order of preference.
const (
	EncodingBrotli = "br"
	EncodingGzip   = "gzip"
)

// Compress encodes text-like response bodies of at least minBytes with br or gzip, as the
// request's Accept-Encoding allows, and says `Vary: Accept-Encoding` on every such response
// (compressed or not) so shared caches keep the variants apart. Bodies already encoded (the web
// app's precompressed files), streamed, empty or binary are left alone. A strong ETag gets the
// coding appended, since a strong validator names one exact byte sequence.
//
// It runs outside the gate, so the idempotency store keeps and replays the plain body and the
// replay is compressed like a first answer. Errors are rendered here first so a large
// problem+json (many field errors) is compressed too.
func Compress(minBytes int) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := c.Next(); err != nil {
			if herr := c.App().ErrorHandler(c, err); herr != nil {
				return herr
			}
		}
		res := c.Response()
		if len(res.Header.ContentEncoding()) > 0 || res.IsBodyStream() || len(res.Body()) < minBytes ||
			!Compressible(string(res.Header.ContentType())) {
			return nil
		}
		AddVary(c, fiber.HeaderAcceptEncoding)
		enc := NegotiateEncoding(c.Get(fiber.HeaderAcceptEncoding))
		var out []byte
		switch enc {
		case EncodingBrotli:
			out = fasthttp.AppendBrotliBytesLevel(nil, res.Body(), brotliLevel)
		case EncodingGzip:
			out = fasthttp.AppendGzipBytesLevel(nil, res.Body(), fasthttp.CompressDefaultCompression)
		default:
			return nil
		}
		res.SetBodyRaw(out)
		res.Header.SetContentLength(len(out))
		res.Header.Set(fiber.HeaderContentEncoding, enc)
		if tag := string(res.Header.Peek(fiber.HeaderETag)); strings.HasPrefix(tag, `"`) && strings.HasSuffix(tag, `"`) && len(tag) > 1 {
			res.Header.Set(fiber.HeaderETag, tag[:len(tag)-1]+"-"+enc+`"`)
		}
		return nil
	}
}

// AddVary adds a field name to the response's Vary header once.
func AddVary(c *fiber.Ctx, field string) {
	have := string(c.Response().Header.Peek(fiber.HeaderVary))
	for _, f := range strings.Split(have, ",") {
		if strings.EqualFold(strings.TrimSpace(f), field) {
			return
		}
	}
	if have == "" {
		c.Set(fiber.HeaderVary, field)
		return
	}
	c.Set(fiber.HeaderVary, have+", "+field)
}

// Compressible reports whether a media type is text that compresses well (JSON, problem+json,
// YAML, JavaScript, CSS, HTML, SVG, the web manifest); images and PDFs are already compressed.
func Compressible(contentType string) bool {
	mt, _, _ := strings.Cut(strings.ToLower(contentType), ";")
	mt = strings.TrimSpace(mt)
	switch {
	case strings.HasPrefix(mt, "text/"), strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	switch mt {
	case "application/json", "application/yaml", "application/javascript", "application/xml":
		return true
	}
	return false
}

// NegotiateEncoding picks br or gzip from an Accept-Encoding value (RFC 9110 §12.5.3), or ""
// for identity: a coding with q=0 is refused, `*` stands for any coding not named.
func NegotiateEncoding(accept string) string {
	q := map[string]float64{}
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		q[name] = weight
	}
	weight := func(enc string) float64 {
		if w, ok := q[enc]; ok {
			return w
		}
		if w, ok := q["*"]; ok {
			return w
		}
		return 0
	}
	best, bestQ := "", 0.0
	for _, enc := range []string{EncodingBrotli, EncodingGzip} {
		if w := weight(enc); w > bestQ {
			best, bestQ = enc, w
		}
	}
	return best
}
