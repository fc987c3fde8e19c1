package db

import (
	"fmt"
	"net/url"
	"strings"
)

// replaceDatabase returns the URL with its database name changed; it handles both the
// postgres://…/name form and the key=value form.
func replaceDatabase(raw, name string) (string, error) {
	if strings.HasPrefix(raw, "postgres://") || strings.HasPrefix(raw, "postgresql://") {
		u, err := url.Parse(raw)
		if err != nil {
			return "", fmt.Errorf("parse database url: %w", err)
		}
		q := u.Query()
		if q.Has("dbname") {
			q.Set("dbname", name)
			u.RawQuery = q.Encode()
		} else {
			u.Path = "/" + name
		}
		return u.String(), nil
	}
	var parts []string
	for _, f := range strings.Fields(raw) {
		if !strings.HasPrefix(f, "dbname=") {
			parts = append(parts, f)
		}
	}
	return strings.Join(append(parts, "dbname="+name), " "), nil
}

// WithDatabase returns url pointing at another database on the same server.
func WithDatabase(url, name string) (string, error) { return replaceDatabase(url, name) }
