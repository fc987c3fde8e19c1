// Package lifecycle is the one shape every state machine of the product takes (dossier, pickup,
// session, booking, shipment, carrier events): a table of from → to moves, each with the actors
// who may make it, checked by one function that answers with typed errors naming the resource.
//
// A machine knows nothing of HTTP or the database. Features declare theirs beside their domain
// types, test it exhaustively from its table (Every), and write the event row of an applied move
// through Apply so every resource records its moves the same way.
package lifecycle

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ErrIllegal is matched (errors.Is) by every refusal of a move the current state does not allow.
var ErrIllegal = errors.New("illegal transition")

// ErrForbidden is matched by every refusal of a legal move the actor may not make.
var ErrForbidden = errors.New("actor may not make this move")

// Error is a refused move. It names the resource so each resource can answer with its own words.
type Error struct {
	Resource string
	From, To string
	Kind     error // ErrIllegal or ErrForbidden
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s %s → %s: %v", e.Resource, e.From, e.To, e.Kind)
}

// Is makes errors.Is(err, ErrIllegal) / errors.Is(err, ErrForbidden) work.
func (e *Error) Is(target error) bool { return target == e.Kind }

// Actor is one kind of actor a move allows: a role, or a relation to the row such as "the
// volunteer holding this pickup". A is whatever the predicate needs (usually the caller and the row).
type Actor[A any] struct {
	Name string
	May  func(A) bool
}

// Move is one line of a machine's table: from any of From to To, by any of By.
type Move[S ~string, A any] struct {
	From []S
	To   S
	By   []Actor[A]
}

// Machine is a declared lifecycle.
type Machine[S ~string, A any] struct {
	resource string
	states   []S
	moves    map[[2]S][]Actor[A]
}

// New declares a machine. It panics on a move naming a state not in states, or on a move
// declared twice, so a mistyped table fails at start-up and in every test.
func New[S ~string, A any](resource string, states []S, moves ...Move[S, A]) *Machine[S, A] {
	m := &Machine[S, A]{resource: resource, states: states, moves: map[[2]S][]Actor[A]{}}
	for _, mv := range moves {
		if !slices.Contains(states, mv.To) {
			panic(fmt.Sprintf("lifecycle %s: unknown state %q", resource, mv.To))
		}
		if len(mv.By) == 0 {
			panic(fmt.Sprintf("lifecycle %s: move to %q has no actor", resource, mv.To))
		}
		for _, from := range mv.From {
			if !slices.Contains(states, from) {
				panic(fmt.Sprintf("lifecycle %s: unknown state %q", resource, from))
			}
			key := [2]S{from, mv.To}
			if _, dup := m.moves[key]; dup {
				panic(fmt.Sprintf("lifecycle %s: %s → %s declared twice", resource, from, mv.To))
			}
			m.moves[key] = mv.By
		}
	}
	return m
}

// Resource names what the machine moves ("dossier", "pickup", …).
func (m *Machine[S, A]) Resource() string { return m.resource }

// States lists every state, in declaration order.
func (m *Machine[S, A]) States() []S { return slices.Clone(m.states) }

// Legal reports whether from → to is a move of the table, whoever makes it.
func (m *Machine[S, A]) Legal(from, to S) bool {
	_, ok := m.moves[[2]S{from, to}]
	return ok
}

// Targets lists the states reachable from from in one move, in declaration order.
func (m *Machine[S, A]) Targets(from S) []S {
	var out []S
	for _, to := range m.states {
		if m.Legal(from, to) {
			out = append(out, to)
		}
	}
	return out
}

// Actors names the actors allowed to make from → to (nil when the move is illegal).
func (m *Machine[S, A]) Actors(from, to S) []string {
	var out []string
	for _, a := range m.moves[[2]S{from, to}] {
		out = append(out, a.Name)
	}
	return out
}

// Check answers nil when a may move from → to, else an *Error matching ErrIllegal (no such
// move) or ErrForbidden (a move, but not for a).
func (m *Machine[S, A]) Check(from, to S, a A) error {
	by, ok := m.moves[[2]S{from, to}]
	if !ok {
		return &Error{Resource: m.resource, From: string(from), To: string(to), Kind: ErrIllegal}
	}
	for _, actor := range by {
		if actor.May(a) {
			return nil
		}
	}
	return &Error{Resource: m.resource, From: string(from), To: string(to), Kind: ErrForbidden}
}

// Event is an applied move as its resource's event table records it.
type Event[S ~string, A any] struct {
	From  S
	To    S
	Actor A
	Note  *string
	At    time.Time
}

// Apply checks the move and, when it is allowed, hands its event to write (the feature's insert
// into its own event table, inside the caller's transaction). Nothing is written on a refusal.
func (m *Machine[S, A]) Apply(ctx context.Context, ev Event[S, A], write func(context.Context, Event[S, A]) error) error {
	if err := m.Check(ev.From, ev.To, ev.Actor); err != nil {
		return err
	}
	return write(ctx, ev)
}

// Outcome is what Check answers for one (from, to, actor) triple, as Every reports it.
type Outcome string

// Outcomes of Check.
const (
	Allowed   Outcome = "allowed"
	Forbidden Outcome = "forbidden"
	Illegal   Outcome = "illegal"
)

// Every calls f for every state × every target state × every named actor fixture, with what
// Check answers: the exhaustive test of a machine compares it with a table written out by hand.
func (m *Machine[S, A]) Every(actors map[string]A, f func(from, to S, actor string, got Outcome)) {
	names := make([]string, 0, len(actors))
	for n := range actors {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, from := range m.states {
		for _, to := range m.states {
			for _, n := range names {
				got := Allowed
				switch err := m.Check(from, to, actors[n]); {
				case errors.Is(err, ErrIllegal):
					got = Illegal
				case errors.Is(err, ErrForbidden):
					got = Forbidden
				}
				f(from, to, n, got)
			}
		}
	}
}

// Mismatches runs Every and lists, as "from → to by actor: got X, want Y", each triple where the
// machine disagrees with want (a machine's exhaustive test writes want out by hand). It also
// reports a walk that missed triples, so a test is a single check: no mismatches.
func (m *Machine[S, A]) Mismatches(actors map[string]A, want func(from, to S, actor string) Outcome) []string {
	var out []string
	n := 0
	m.Every(actors, func(from, to S, actor string, got Outcome) {
		n++
		if exp := want(from, to, actor); got != exp {
			out = append(out, fmt.Sprintf("%s → %s by %s: got %s, want %s", from, to, actor, got, exp))
		}
	})
	if all := len(m.states) * len(m.states) * len(actors); n != all {
		out = append(out, fmt.Sprintf("visited %d of %d triples", n, all))
	}
	return out
}

// Listed reads a hand-written table keyed "from→to/actor": what it lists has that outcome, and
// every triple it does not list is illegal.
func Listed[S ~string](table map[string]Outcome) func(from, to S, actor string) Outcome {
	return func(from, to S, actor string) Outcome {
		if o, ok := table[fmt.Sprintf("%s→%s/%s", from, to, actor)]; ok {
			return o
		}
		return Illegal
	}
}
