// The client's address, carried in the request context.

package httpx

import "context"

type clientIPKey struct{}

// WithClientIP stores the client's address (as Fiber resolved it, proxies considered) in ctx,
// for handlers that only receive a context (the generated strict server).
func WithClientIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, clientIPKey{}, ip)
}

// ClientIP returns the address stored by WithClientIP.
func ClientIP(ctx context.Context) string {
	ip, _ := ctx.Value(clientIPKey{}).(string)
	return ip
}
