package notify

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// SMS facts (3GPP TS 23.038 / 23.040): a message in the GSM 7-bit alphabet holds 160 characters,
// or 153 per part once split; any other character (Vietnamese letters with their marks) makes it
// UCS-2: 70 characters, 67 per part. Characters of the extension table take two septets.
const (
	gsmSingle  = 160
	gsmPart    = 153
	ucs2Single = 70
	ucs2Part   = 67
)

const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
const gsmExtension = "^{}\\[~]|€\f"

// septets is how many GSM-7 septets s takes, or -1 when s needs UCS-2.
func septets(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			n++
		case strings.ContainsRune(gsmExtension, r):
			n += 2
		default:
			return -1
		}
	}
	return n
}

// Segments is how many SMS parts s is sent as (and billed for).
func Segments(s string) int {
	if n := septets(s); n >= 0 {
		if n <= gsmSingle {
			return 1
		}
		return (n + gsmPart - 1) / gsmPart
	}
	// UCS-2 counts UTF-16 code units.
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	if n <= ucs2Single {
		return 1
	}
	return (n + ucs2Part - 1) / ucs2Part
}

// Unaccent writes Vietnamese without its marks ("Hồ sơ đã có kết quả" → "Ho so da co ket qua"),
// what gateways that only carry GSM-7 need, and what keeps a message to 160 characters a part.
// Characters still outside GSM-7 afterwards become "?".
func Unaccent(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	out = strings.NewReplacer("đ", "d", "Đ", "D", "…", "...", "–", "-", "—", "-", "“", "\"", "”", "\"", "‘", "'", "’", "'").Replace(out)
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(gsmBasic, r) || strings.ContainsRune(gsmExtension, r) {
			return r
		}
		return '?'
	}, out)
}
