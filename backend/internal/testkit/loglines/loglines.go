// Package loglines is a log destination tests count lines of: how many times a background loop
// said it was failing or recovered. It imports nothing of the application, so any package's
// own tests can use it.
package loglines

import (
	"bytes"
	"strings"
	"sync"
)

// Buffer collects log output; it is safe for concurrent writers.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// Lines returns the non-empty lines written so far.
func (b *Buffer) Lines() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
	for _, line := range strings.Split(b.buf.String(), "\n") {
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Count says how many lines contain every one of subs (every line when subs is empty).
func (b *Buffer) Count(subs ...string) int {
	n := 0
	for _, line := range b.Lines() {
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(line, s)
		}
		if ok {
			n++
		}
	}
	return n
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
