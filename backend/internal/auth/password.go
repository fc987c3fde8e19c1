package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes passwords with Argon2id (memory-hard) into PHC strings, so parameters can be
// raised later and old hashes still verify.
type Hasher struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

const saltLen, keyLen = 16, 32

var b64 = base64.RawStdEncoding

// Hash returns "$argon2id$v=19$m=…,t=…,p=…$salt$hash".
func (h Hasher) Hash(password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	sum := argon2.IDKey([]byte(password), salt, h.Time, h.MemoryKiB, h.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.MemoryKiB, h.Time, h.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(sum)), nil
}

var errBadHash = errors.New("unrecognised password hash")

// Verify reports whether password matches the encoded hash, in constant time.
func (Hasher) Verify(password, encoded string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errBadHash
	}
	var version int
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	// argon2 panics on zero rounds or threads: such a value is not one of our hashes.
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || t == 0 || p == 0 {
		return false, errBadHash
	}
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false, errBadHash
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// commonPasswords are refused outright; they head every leaked-password list in Vietnam too.
var commonPasswords = map[string]bool{
	"12345678": true, "123456789": true, "1234567890": true, "password": true, "password1": true,
	"matkhau123": true, "abc12345": true, "qwerty123": true, "11111111": true, "88888888": true,
	"iloveyou1": true, "admin123": true, "a1234567": true, "12345678a": true, "abcd1234": true,
}

// PasswordProblem returns "" for an acceptable password, or the field error code:
// at least 8 and at most 128 characters, with a letter and a digit, not a well-known one.
func PasswordProblem(pw string) string {
	n := utf8.RuneCountInString(pw)
	if n > 128 {
		return "too_long"
	}
	var letter, digit bool
	for _, r := range pw {
		letter = letter || unicode.IsLetter(r)
		digit = digit || unicode.IsDigit(r)
	}
	if n < 8 || !letter || !digit || commonPasswords[strings.ToLower(pw)] {
		return "weak_password"
	}
	return ""
}
