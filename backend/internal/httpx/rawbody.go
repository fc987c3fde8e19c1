// The request's exact bytes, carried in the request context.

package httpx

import "context"

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
