// Package client is the Go client of the Một Cửa Gần Dân API, generated from
// api-spec/openapi.yaml. Apps use it through the sdk package, which adds token refresh,
// idempotency keys and the offline queue.
package client

//go:generate go tool -modfile=../../tools/go.mod oapi-codegen -config oapi-codegen.yaml ../../api-spec/openapi.yaml
