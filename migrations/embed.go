// Package migrations embeds the SQL migrations (goose format) into the binary.
// Files are numbered sequentially (00001_…); never edit one that has landed: add the next.
package migrations

import "embed"

// FS holds every *.sql migration.
//
//go:embed *.sql
var FS embed.FS
