package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"
	"testing"
)

var testHasher = Hasher{MemoryKiB: 64, Time: 1, Threads: 1}

// The stored form is a PHC string: algorithm, version, parameters, 16-byte salt, 32-byte key,
// in unpadded standard base64.
var phc = regexp.MustCompile(`^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)

func TestHashIsAPHCStringThatVerifies(t *testing.T) {
	for _, pw := range []string{"Hoa-sen-2026", "Mật-khẩu-9 có dấu", strings.Repeat("a1", 64)} {
		h, err := testHasher.Hash(pw)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(h, "$argon2id$v=19$") || !phc.MatchString(h) {
			t.Fatalf("hash %q is not the expected PHC form", h)
		}
		if ok, err := testHasher.Verify(pw, h); !ok || err != nil {
			t.Fatalf("Verify(right password) = %v, %v", ok, err)
		}
		// Near misses: case, a trailing space, a prefix, the empty string.
		for _, wrong := range []string{strings.ToUpper(pw), pw + " ", pw[:len(pw)-1], ""} {
			if ok, err := testHasher.Verify(wrong, h); ok || err != nil {
				t.Fatalf("Verify(%q) against the hash of %q = %v, %v; want false, nil", wrong, pw, ok, err)
			}
		}
	}
}

// A fresh random salt per hash: equal passwords do not give equal hashes (nor equal salts).
func TestHashesAreSalted(t *testing.T) {
	a, _ := testHasher.Hash("Hoa-sen-2026")
	b, _ := testHasher.Hash("Hoa-sen-2026")
	if a == b {
		t.Fatal("two hashes of one password are equal")
	}
	sa, sb := strings.Split(a, "$")[4], strings.Split(b, "$")[4]
	if sa == sb {
		t.Fatal("two hashes share a salt")
	}
	for _, s := range []string{sa, sb} {
		if raw, err := base64.RawStdEncoding.DecodeString(s); err != nil || len(raw) != saltLen {
			t.Fatalf("salt %q: %d bytes, %v", s, len(raw), err)
		}
	}
}

// Parameters are read from the stored hash, so raising them later keeps old hashes working
// and new hashes verify whatever the verifier's own settings are.
func TestVerifyUsesTheHashesOwnParameters(t *testing.T) {
	stronger := Hasher{MemoryKiB: 256, Time: 2, Threads: 2}
	h, _ := stronger.Hash("Hoa-sen-2026")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=256,t=2,p=2$") {
		t.Fatalf("hash %q does not record its parameters", h)
	}
	if ok, err := testHasher.Verify("Hoa-sen-2026", h); !ok || err != nil {
		t.Fatalf("a weaker-configured verifier refused a stronger hash: %v %v", ok, err)
	}
	// Changing a recorded parameter changes the derived key: the hash no longer matches.
	tampered := strings.Replace(h, "t=2", "t=1", 1)
	if ok, _ := testHasher.Verify("Hoa-sen-2026", tampered); ok {
		t.Fatal("the time parameter is not part of what is verified")
	}
}

// A stored value that is not one of our hashes is an error, never a match and never a panic
// (argon2 panics on zero rounds or zero threads).
func TestVerifyRefusesMalformedHashes(t *testing.T) {
	good, _ := testHasher.Hash("Hoa-sen-2026")
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	cases := map[string]string{
		"empty":            "",
		"bcrypt":           "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
		"argon2i":          with(1, "argon2i"),
		"argon2d":          with(1, "argon2d"),
		"old version":      with(2, "v=16"),
		"no version":       with(2, "19"),
		"bad params":       with(3, "m=64;t=1;p=1"),
		"zero rounds":      with(3, "m=64,t=0,p=1"),
		"zero threads":     with(3, "m=64,t=1,p=0"),
		"threads overflow": with(3, "m=64,t=1,p=256"),
		"bad salt":         with(4, "***"),
		"bad key":          with(5, "!!"),
		"empty key":        with(5, ""),
		"extra part":       good + "$x",
		"missing part":     strings.Join(parts[:5], "$"),
	}
	for name, enc := range cases {
		t.Run(name, func(t *testing.T) {
			var ok bool
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Verify panicked on %q: %v", enc, r)
					}
				}()
				ok, err = testHasher.Verify("Hoa-sen-2026", enc)
			}()
			if ok || !errors.Is(err, errBadHash) {
				t.Fatalf("Verify(%q) = %v, %v; want false, errBadHash", enc, ok, err)
			}
		})
	}
}

func TestPasswordProblem(t *testing.T) {
	cases := []struct{ pw, want string }{
		{"Hoa-sen-2026", ""},
		{"abcdefg1", ""},                             // exactly 8
		{"abcdef1", "weak_password"},                 // 7: short
		{"", "weak_password"},                        // empty
		{"khongcoso", "weak_password"},               // no digit
		{"2026202620", "weak_password"},              // no letter
		{"12345678a", "weak_password"},               // common
		{"PassWord1", "weak_password"},               // common, whatever the case
		{"Matkhau123", "weak_password"},              // common (Vietnamese "password123")
		{"Mật-khẩu-9", ""},                           // Vietnamese letters count as letters
		{"ậậậậậậ12", ""},                             // 8 characters, though 20 bytes
		{"ậậậậậ12", "weak_password"},                 // 7 characters, though 17 bytes
		{strings.Repeat("a1", 64), ""},               // 128: the longest allowed
		{strings.Repeat("a1", 64) + "b", "too_long"}, // 129
		{strings.Repeat("ậ", 127) + "1", ""},         // 128 characters, 382 bytes
		{strings.Repeat("ậ", 128) + "1", "too_long"},
	}
	for _, c := range cases {
		if got := PasswordProblem(c.pw); got != c.want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", c.pw, got, c.want)
		}
	}
}

// Refresh tokens: 256 random bits, URL-safe, and only their SHA-256 is stored.
func TestNewRefreshToken(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		tok, hash, err := newRefreshToken()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) != 32 || len(tok) != 43 {
			t.Fatalf("token %q: %d bytes, %v", tok, len(raw), err)
		}
		sum := sha256.Sum256([]byte(tok))
		if !bytes.Equal(hash, sum[:]) || !bytes.Equal(hashRefreshToken(tok), hash) {
			t.Fatal("stored hash is not the token's SHA-256")
		}
		if seen[tok] {
			t.Fatal("a refresh token repeated")
		}
		seen[tok] = true
	}
}
