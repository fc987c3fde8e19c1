package gate

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// Mount lets register (the generated api.RegisterHandlers) add its routes to r, each behind the
// gate's guard for its operation. Fiber thus routes each request once: the guard knows its
// operation from the route it was registered with, where kin-openapi's router used to try every
// operation's pattern in turn before Fiber routed the request again. Paths Fiber also matches
// (a trailing slash, other letter case) reach the same guard, so no spelling gets past it.
//
// Mount fails when the generated routes and the contract differ: a route the contract does not
// know, an operation that got no route, or a registration the gate cannot guard (a group, a
// middleware, a mounted app).
func (g *Gate) Mount(r fiber.Router, register func(fiber.Router)) error {
	m := &mounter{under: r, g: g, seen: map[string]bool{}}
	register(m)
	var missing []string
	for key := range g.ops {
		if !m.seen[key] {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		m.errs = append(m.errs, fmt.Errorf("gate: operations with no route: %s", strings.Join(missing, ", ")))
	}
	return errors.Join(m.errs...)
}

// fiberParam is a path parameter as Fiber spells it (:id), specParam as the contract does ({id}).
var (
	fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)
	specParam  = regexp.MustCompile(`\{([^}]+)\}`)
)

// mounter is the fiber.Router the generated code registers on.
type mounter struct {
	under fiber.Router
	g     *Gate
	seen  map[string]bool
	errs  []error
}

var _ fiber.Router = (*mounter)(nil)

// guarded puts the operation's guard first, or records that method path is not in the contract.
func (m *mounter) guarded(method, path string, handlers []fiber.Handler) ([]fiber.Handler, bool) {
	key := strings.ToUpper(method) + " " + fiberParam.ReplaceAllString(path, "{$1}")
	op, ok := m.g.ops[key]
	if !ok {
		m.errs = append(m.errs, fmt.Errorf("gate: %s %s is served but not in the contract", method, path))
		return nil, false
	}
	m.seen[key] = true
	return append([]fiber.Handler{m.g.guard(op)}, handlers...), true
}

func (m *mounter) add(method, path string, handlers []fiber.Handler) fiber.Router {
	if hs, ok := m.guarded(method, path, handlers); ok {
		if method == http.MethodGet {
			m.under.Get(path, hs...) // and HEAD, as Fiber does
		} else {
			m.under.Add(method, path, hs...)
		}
	}
	return m
}

func (m *mounter) refuse(what string) fiber.Router {
	m.errs = append(m.errs, fmt.Errorf("gate: the generated code registered %s, which the gate cannot guard", what))
	return m
}

func (m *mounter) Get(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodGet, path, h)
}
func (m *mounter) Head(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodHead, path, h)
}
func (m *mounter) Post(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodPost, path, h)
}
func (m *mounter) Put(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodPut, path, h)
}
func (m *mounter) Delete(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodDelete, path, h)
}
func (m *mounter) Connect(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodConnect, path, h)
}
func (m *mounter) Options(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodOptions, path, h)
}
func (m *mounter) Trace(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodTrace, path, h)
}
func (m *mounter) Patch(path string, h ...fiber.Handler) fiber.Router {
	return m.add(http.MethodPatch, path, h)
}
func (m *mounter) Add(method, path string, h ...fiber.Handler) fiber.Router {
	return m.add(method, path, h)
}
func (m *mounter) All(path string, _ ...fiber.Handler) fiber.Router {
	return m.refuse("every method of " + path)
}
func (m *mounter) Use(...any) fiber.Router { return m.refuse("a middleware") }
func (m *mounter) Static(prefix, _ string, _ ...fiber.Static) fiber.Router {
	return m.refuse("static files at " + prefix)
}
func (m *mounter) Group(prefix string, _ ...fiber.Handler) fiber.Router {
	return m.refuse("a group at " + prefix)
}
func (m *mounter) Route(prefix string, _ func(fiber.Router), _ ...string) fiber.Router {
	return m.refuse("a route group at " + prefix)
}
func (m *mounter) Mount(prefix string, _ *fiber.App) fiber.Router {
	return m.refuse("an app at " + prefix)
}
func (m *mounter) Name(name string) fiber.Router { m.under.Name(name); return m }
