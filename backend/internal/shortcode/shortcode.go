// Package shortcode makes the short random codes people read from paper or a screen and type
// back (dossier codes, booking codes).
package shortcode

import "crypto/rand"

// Alphabet is Crockford's base32: no I, L, O or U, so a code read aloud or typed from a printed
// receipt is not mistaken.
const Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// New returns n random characters of Alphabet (5 bits of entropy each).
func New(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i, x := range b {
		b[i] = Alphabet[int(x)%len(Alphabet)] // 256 is a multiple of 32: uniform
	}
	return string(b)
}
