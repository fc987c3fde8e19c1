// Package api holds the code generated from api-spec/openapi.yaml: the models and the
// Fiber strict server interface that the feature packages implement.
package api

//go:generate go tool -modfile=../../../tools/go.mod oapi-codegen -config oapi-codegen.yaml ../../../api-spec/openapi.yaml
