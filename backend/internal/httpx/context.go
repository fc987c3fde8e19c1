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

type rawBodyKey struct{}

// WithRawBody keeps the request's exact bytes in ctx (for operations marked x-raw-body: true,
// whose signature covers the body as sent).
func WithRawBody(ctx context.Context, body []byte) context.Context {
	return context.WithValue(ctx, rawBodyKey{}, body)
}

// RawBody returns the bytes stored by WithRawBody.
func RawBody(ctx context.Context) []byte {
	b, _ := ctx.Value(rawBodyKey{}).([]byte)
	return b
}
