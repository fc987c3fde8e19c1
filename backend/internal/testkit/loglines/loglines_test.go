package loglines

import (
	"fmt"
	"sync"
	"testing"
)

func TestCountsLinesHoldingEverySubstring(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() { defer wg.Done(); fmt.Fprintf(&b, "loop=a state=%d\n", i%2) }()
	}
	wg.Wait()
	fmt.Fprint(&b, "loop=b state=1\n")
	if n := b.Count(); n != 51 {
		t.Fatalf("Count() = %d, want every line (51)", n)
	}
	if n := b.Count("loop=a", "state=1"); n != 25 {
		t.Fatalf("Count(loop=a, state=1) = %d, want 25", n)
	}
	if n := len(b.Lines()); n != 51 {
		t.Fatalf("%d lines, want 51", n)
	}
}
