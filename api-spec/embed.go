// Package apispec embeds the OpenAPI contract so the server can serve it and enforce it.
package apispec

import _ "embed"

// YAML is api-spec/openapi.yaml as shipped in the binary.
//
//go:embed openapi.yaml
var YAML []byte
