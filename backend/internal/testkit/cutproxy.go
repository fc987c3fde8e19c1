package testkit

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"sync"
	"testing"
)

// CutProxy is a loopback TCP proxy in front of PostgreSQL that a test cuts and restores, to
// play a database outage at an exact point of a request: Cut drops every connection and
// refuses new ones until Restore; CutOn arms a cut that fires when the application sends a
// chosen protocol message (a COMMIT, a statement on a table), before the server gets it or
// just after the server has done it but before its answer reaches the application.
//
// It reads the client's side of the PostgreSQL wire protocol only to find message boundaries;
// bytes pass unchanged.
type CutProxy struct {
	t       testing.TB
	ln      net.Listener
	network string // "tcp", or "unix" for a socket directory
	target  string

	mu    sync.Mutex
	cut   bool
	links map[*link]struct{}
	arm   *armed
	cuts  int
}

type link struct {
	client, server net.Conn
	dropReply      bool // the next bytes from the server are lost, and everything is cut
}

type armed struct {
	match func(Msg) bool
	after bool
	hit   bool
	fired chan struct{}
}

// Msg is one message the application sent to PostgreSQL.
type Msg struct {
	Type byte   // 'Q' simple query, 'P' parse, 'B' bind, 'E' execute, 'S' sync, …; 0 for startup
	Body []byte // without type and length
}

// SQL is the statement text of a simple query or a parse message ("" for other messages).
func (m Msg) SQL() string {
	var b []byte
	switch m.Type {
	case 'Q':
		b = m.Body
	case 'P':
		if _, rest, ok := bytes.Cut(m.Body, []byte{0}); ok { // statement name, then the text
			b = rest
		}
	default:
		return ""
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// NewCutProxy listens on a loopback port and forwards to target (host:port on "tcp", a socket
// file on "unix"); it closes when the test ends.
func NewCutProxy(t testing.TB, network, target string) *CutProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &CutProxy{t: t, ln: ln, network: network, target: target, links: map[*link]struct{}{}}
	go p.accept()
	t.Cleanup(func() {
		_ = ln.Close()
		p.mu.Lock()
		p.dropAllLocked()
		p.mu.Unlock()
	})
	return p
}

// Addr is the proxy's host:port.
func (p *CutProxy) Addr() string { return p.ln.Addr().String() }

// Cut drops every connection now and refuses new ones until Restore.
func (p *CutProxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cutLocked()
}

// Restore lets connections through again (the application reconnects on its own).
func (p *CutProxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = false
	p.arm = nil
}

// Cuts is how many times the proxy was cut (by Cut or by an armed trigger).
func (p *CutProxy) Cuts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cuts
}

// CutOn arms a cut for the first message match accepts. With after false the message never
// reaches the server; with after true the server receives and runs it, and the cut falls as
// its answer comes back (the application cannot know it was done). The channel closes when
// the cut has fallen. Restore disarms.
func (p *CutProxy) CutOn(match func(Msg) bool, after bool) <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	a := &armed{match: match, after: after, fired: make(chan struct{})}
	p.arm = a
	return a.fired
}

// SQLContains matches a query or parse message whose statement contains s.
func SQLContains(s string) func(Msg) bool {
	return func(m Msg) bool {
		return m.SQL() != "" && bytes.Contains(bytes.ToLower([]byte(m.SQL())), bytes.ToLower([]byte(s)))
	}
}

// FirstAfter matches the first statement sent after one that first matched (on any
// connection): e.g. the first read after a COMMIT.
func FirstAfter(first func(Msg) bool) func(Msg) bool {
	seen := false
	return func(m Msg) bool {
		if m.SQL() == "" {
			return false
		}
		if seen {
			return true
		}
		seen = first(m)
		return false
	}
}

func (p *CutProxy) cutLocked() {
	p.cut = true
	p.cuts++
	if p.arm != nil { // before the links drop, so the application cannot answer first
		close(p.arm.fired)
		p.arm = nil
	}
	p.dropAllLocked()
}

func (p *CutProxy) dropAllLocked() {
	for l := range p.links {
		_ = l.client.Close()
		_ = l.server.Close()
		delete(p.links, l)
	}
}

func (p *CutProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		refused := p.cut
		p.mu.Unlock()
		if refused {
			_ = c.Close()
			continue
		}
		s, err := net.Dial(p.network, p.target)
		if err != nil {
			_ = c.Close()
			continue
		}
		l := &link{client: c, server: s}
		p.mu.Lock()
		if p.cut { // cut while dialling
			p.mu.Unlock()
			_ = c.Close()
			_ = s.Close()
			continue
		}
		p.links[l] = struct{}{}
		p.mu.Unlock()
		go p.fromClient(l)
		go p.fromServer(l)
	}
}

// fromClient forwards the application's messages one by one, checking the armed trigger.
func (p *CutProxy) fromClient(l *link) {
	r := bufio.NewReader(l.client)
	startup := true
	for {
		m, raw, err := readMsg(r, startup)
		if err != nil {
			p.drop(l)
			return
		}
		if startup {
			// SSL and GSS encryption requests are followed by another untyped startup message.
			code := uint32(0)
			if len(m.Body) >= 4 {
				code = binary.BigEndian.Uint32(m.Body[:4])
			}
			startup = code == 80877103 || code == 80877104
		}
		p.mu.Lock()
		if p.arm != nil && !p.arm.hit && p.arm.match(m) {
			p.arm.hit = true
			if !p.arm.after {
				p.cutLocked()
				p.mu.Unlock()
				return
			}
			l.dropReply = true // fromServer cuts when the answer arrives
		}
		p.mu.Unlock()
		if _, err := l.server.Write(raw); err != nil {
			p.drop(l)
			return
		}
	}
}

func (p *CutProxy) fromServer(l *link) {
	buf := make([]byte, 32<<10)
	for {
		n, err := l.server.Read(buf)
		if n > 0 {
			p.mu.Lock()
			if l.dropReply {
				p.cutLocked()
				p.mu.Unlock()
				return
			}
			p.mu.Unlock()
			if _, werr := l.client.Write(buf[:n]); werr != nil {
				p.drop(l)
				return
			}
		}
		if err != nil {
			p.drop(l)
			return
		}
	}
}

func (p *CutProxy) drop(l *link) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = l.client.Close()
	_ = l.server.Close()
	delete(p.links, l)
}

// readMsg reads one protocol message: untyped (length first) during start-up, typed after.
func readMsg(r *bufio.Reader, startup bool) (Msg, []byte, error) {
	var head []byte
	var m Msg
	if startup {
		head = make([]byte, 4)
	} else {
		head = make([]byte, 5)
	}
	if _, err := io.ReadFull(r, head); err != nil {
		return m, nil, err
	}
	lenBytes := head[len(head)-4:]
	if !startup {
		m.Type = head[0]
	}
	n := int(binary.BigEndian.Uint32(lenBytes)) - 4
	if n < 0 || n > 1<<30 {
		return m, nil, errors.New("cutproxy: bad message length")
	}
	m.Body = make([]byte, n)
	if _, err := io.ReadFull(r, m.Body); err != nil {
		return m, nil, err
	}
	return m, append(head, m.Body...), nil
}
