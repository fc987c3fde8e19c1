package lifecycle_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

type state string

type who struct{ role string }

func role(r string) lifecycle.Actor[who] {
	return lifecycle.Actor[who]{Name: r, May: func(w who) bool { return w.role == r }}
}

var door = lifecycle.New("door", []state{"open", "shut", "locked"},
	lifecycle.Move[state, who]{From: []state{"open"}, To: "shut", By: []lifecycle.Actor[who]{role("anyone"), role("keeper")}},
	lifecycle.Move[state, who]{From: []state{"shut"}, To: "open", By: []lifecycle.Actor[who]{role("anyone"), role("keeper")}},
	lifecycle.Move[state, who]{From: []state{"shut"}, To: "locked", By: []lifecycle.Actor[who]{role("keeper")}},
	lifecycle.Move[state, who]{From: []state{"locked"}, To: "shut", By: []lifecycle.Actor[who]{role("keeper")}},
)

func TestCheck(t *testing.T) {
	if err := door.Check("open", "shut", who{"anyone"}); err != nil {
		t.Fatalf("allowed move refused: %v", err)
	}
	err := door.Check("open", "locked", who{"keeper"})
	var le *lifecycle.Error
	if !errors.Is(err, lifecycle.ErrIllegal) || !errors.As(err, &le) || le.Resource != "door" {
		t.Fatalf("open → locked: %v", err)
	}
	if err := door.Check("shut", "locked", who{"anyone"}); !errors.Is(err, lifecycle.ErrForbidden) || errors.Is(err, lifecycle.ErrIllegal) {
		t.Fatalf("shut → locked by anyone: %v", err)
	}
}

func TestEveryIsExhaustive(t *testing.T) {
	want := map[string]lifecycle.Outcome{
		"open→shut/anyone": lifecycle.Allowed, "open→shut/keeper": lifecycle.Allowed,
		"shut→open/anyone": lifecycle.Allowed, "shut→open/keeper": lifecycle.Allowed,
		"shut→locked/anyone": lifecycle.Forbidden, "shut→locked/keeper": lifecycle.Allowed,
		"locked→shut/anyone": lifecycle.Forbidden, "locked→shut/keeper": lifecycle.Allowed,
	}
	n := 0
	door.Every(map[string]who{"anyone": {"anyone"}, "keeper": {"keeper"}}, func(from, to state, actor string, got lifecycle.Outcome) {
		n++
		key := fmt.Sprintf("%s→%s/%s", from, to, actor)
		exp, ok := want[key]
		if !ok {
			exp = lifecycle.Illegal
		}
		if got != exp {
			t.Errorf("%s: got %s, want %s", key, got, exp)
		}
	})
	if n != 3*3*2 {
		t.Fatalf("Every visited %d triples, want 18", n)
	}
	if got := door.Targets("shut"); len(got) != 2 || got[0] != "open" || got[1] != "locked" {
		t.Fatalf("Targets(shut) = %v", got)
	}
}

func TestApplyWritesOnlyAllowedMoves(t *testing.T) {
	var written []lifecycle.Event[state, who]
	write := func(_ context.Context, ev lifecycle.Event[state, who]) error {
		written = append(written, ev)
		return nil
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	if err := door.Apply(context.Background(), lifecycle.Event[state, who]{From: "shut", To: "locked", Actor: who{"anyone"}, At: at}, write); !errors.Is(err, lifecycle.ErrForbidden) {
		t.Fatalf("forbidden apply: %v", err)
	}
	if err := door.Apply(context.Background(), lifecycle.Event[state, who]{From: "shut", To: "locked", Actor: who{"keeper"}, At: at}, write); err != nil {
		t.Fatal(err)
	}
	if len(written) != 1 || written[0].To != "locked" || !written[0].At.Equal(at) {
		t.Fatalf("written = %+v", written)
	}
}

func TestNewRefusesBadTables(t *testing.T) {
	for name, build := range map[string]func(){
		"unknown state": func() {
			lifecycle.New("x", []state{"a"}, lifecycle.Move[state, who]{From: []state{"a"}, To: "b", By: []lifecycle.Actor[who]{role("r")}})
		},
		"twice": func() {
			mv := lifecycle.Move[state, who]{From: []state{"a"}, To: "b", By: []lifecycle.Actor[who]{role("r")}}
			lifecycle.New("x", []state{"a", "b"}, mv, mv)
		},
		"no actor": func() {
			lifecycle.New("x", []state{"a", "b"}, lifecycle.Move[state, who]{From: []state{"a"}, To: "b"})
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: New did not panic", name)
				}
			}()
			build()
		}()
	}
}

func TestMismatchesNamesEveryDisagreement(t *testing.T) {
	actors := map[string]who{"anyone": {"anyone"}, "keeper": {"keeper"}}
	right := lifecycle.Listed[state](map[string]lifecycle.Outcome{
		"open→shut/anyone": lifecycle.Allowed, "open→shut/keeper": lifecycle.Allowed,
		"shut→open/anyone": lifecycle.Allowed, "shut→open/keeper": lifecycle.Allowed,
		"shut→locked/anyone": lifecycle.Forbidden, "shut→locked/keeper": lifecycle.Allowed,
		"locked→shut/anyone": lifecycle.Forbidden, "locked→shut/keeper": lifecycle.Allowed,
	})
	if bad := door.Mismatches(actors, right); len(bad) != 0 {
		t.Fatalf("the right table disagrees: %v", bad)
	}
	// A table that forgets the keeper may lock (and so calls it illegal) is caught, by name.
	wrong := func(from, to state, actor string) lifecycle.Outcome {
		if from == "shut" && to == "locked" {
			return lifecycle.Illegal
		}
		return right(from, to, actor)
	}
	bad := door.Mismatches(actors, wrong)
	if len(bad) != 2 || bad[0] != "shut → locked by anyone: got forbidden, want illegal" {
		t.Fatalf("mismatches: %v", bad)
	}
}
