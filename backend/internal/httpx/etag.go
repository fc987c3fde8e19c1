package httpx

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ETag gives a GET's 200 answer a strong validator (a hash of the exact JSON) and cacheControl,
// and answers 304 Not Modified, without the body, when the request's If-None-Match names that
// validator: a browser or a proxy that already holds the page does not download it again. The
// validator may come back with the coding Compress appended ("…-br"), or weak (W/"…"): If-None-
// Match compares weakly (RFC 9110 §13.1.2). Other methods, statuses and errors pass untouched.
func ETag(cacheControl string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := c.Next(); err != nil {
			return err
		}
		res := c.Response()
		if res.StatusCode() != http.StatusOK || (c.Method() != fiber.MethodGet && c.Method() != fiber.MethodHead) || res.IsBodyStream() {
			return nil
		}
		sum := sha256.Sum256(res.Body())
		opaque := hex.EncodeToString(sum[:12])
		res.Header.Set(fiber.HeaderCacheControl, cacheControl)
		if sent, ok := matches(c.Get(fiber.HeaderIfNoneMatch), opaque); ok {
			res.SetStatusCode(http.StatusNotModified)
			res.ResetBody()
			res.Header.Del(fiber.HeaderContentType)
			res.Header.Set(fiber.HeaderETag, sent) // the representation the client holds
			return nil
		}
		res.Header.Set(fiber.HeaderETag, `"`+opaque+`"`)
		return nil
	}
}

// matches finds, in an If-None-Match list, the entity tag whose opaque part (without W/, without
// a coding suffix) is opaque, and returns it as it was sent.
func matches(header, opaque string) (string, bool) {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		tag := strings.Trim(strings.TrimPrefix(t, "W/"), `"`)
		if i := strings.LastIndexByte(tag, '-'); i >= 0 && (tag[i+1:] == EncodingBrotli || tag[i+1:] == EncodingGzip) {
			tag = tag[:i]
		}
		if tag == opaque {
			return t, true
		}
	}
	return "", false
}
