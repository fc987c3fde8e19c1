package gate

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

func TestTextFault(t *testing.T) {
	cases := []struct {
		s         string
		multiline bool
		want      string
	}{
		{"Nguyễn Thị Lan 👩‍👩‍👧 \u202e\u200f", false, ""},
		{"e\u0301\u0323 \u00a0 \u0085 \U0010ffff", false, ""}, // combining marks, NBSP, C1, last code point
		{"a\x00b", false, codeControl},
		{"a\x00b", true, codeControl},
		{"\x1f", true, codeControl},
		{"\x7f", true, codeControl},
		{"a\nb\r\n\tc", true, ""},
		{"a\nb", false, codeControl},
		{"a\tb", false, codeControl},
		{"a\xffb", true, codeEncoding},
		{"\xc3\x28", false, codeEncoding},
		{"\uffff", false, codeEncoding},
	}
	for _, c := range cases {
		if got := textFault(c.s, c.multiline); got != c.want {
			t.Errorf("textFault(%q, %v) = %q, want %q", c.s, c.multiline, got, c.want)
		}
	}
}

// A body nested as deep as encoding/json allows is walked in memory proportional to its size:
// the field's name used to be built at every level, so 10,000 levels cost about 100 MB.
func TestDeepBodyIsWalkedCheaply(t *testing.T) {
	const depth = 9000
	body := strings.Repeat(`{"a":`, depth) + `"\u0000"` + strings.Repeat("}", depth)
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var out []httpx.FieldError
	walkText(v, nil, nil, &out)
	runtime.ReadMemStats(&after)
	if len(out) != 1 || out[0].Code != codeControl || len(out[0].Field) != 2*depth-1 {
		t.Fatalf("faults %d, first %+v", len(out), out[0].Code)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Fatalf("walking %d levels allocated %d MB", depth, alloc>>20)
	}
}

// Names echoed in a field error show what is wrong without sending the bytes back.
func TestPrintable(t *testing.T) {
	if got := printable("ho\x00ten\xff"); got != `ho\u0000ten\xff` {
		t.Fatalf("printable = %q", got)
	}
	if got := printable(strings.Repeat("k", 1000)); len(got) != 64 {
		t.Fatalf("printable kept %d bytes", len(got))
	}
}
