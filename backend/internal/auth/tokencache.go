package auth

import (
	"sync"
	"time"

	"github.com/google/uuid"
)

// maxCachedTokens bounds the verified-token cache (an entry is ~400 bytes with its key).
const maxCachedTokens = 20_000

// tokenCache remembers access tokens whose signature and claims were verified, until they expire,
// so a client's next requests with the same token skip the EdDSA verification and the claims'
// JSON. Only the time checks remain, and they are the parser's: issued-at and not-before with the
// leeway, expiry with the leeway. The token string itself is the key: equal strings are the same
// signed bytes.
type tokenCache struct {
	mu   sync.RWMutex
	byTo map[string]verified
}

type verified struct {
	sub         uuid.UUID
	from, until time.Time // valid when from <= now < until
}

func newTokenCache() *tokenCache { return &tokenCache{byTo: map[string]verified{}} }

func (c *tokenCache) get(token string, now time.Time) (uuid.UUID, bool) {
	c.mu.RLock()
	v, ok := c.byTo[token]
	c.mu.RUnlock()
	if !ok || now.Before(v.from) || !now.Before(v.until) {
		return uuid.Nil, false
	}
	return v.sub, true
}

func (c *tokenCache) put(token string, v verified, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.byTo) >= maxCachedTokens {
		for k, old := range c.byTo {
			if !now.Before(old.until) {
				delete(c.byTo, k)
			}
		}
		if len(c.byTo) >= maxCachedTokens {
			clear(c.byTo)
		}
	}
	c.byTo[token] = v
}
