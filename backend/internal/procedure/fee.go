package procedure

import (
	"strconv"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// ProvinceFee is how a fee the catalogue does not know (set by the province's People's Council,
// FeeVND nil) is written to people: never as 0, which would read as free.
var ProvinceFee = httpx.Text{VI: "theo quy định của tỉnh", EN: "as set by the province"}

// FeeText writes a procedure's fee for a person: "8.000 đồng", "Miễn phí" for 0, or ProvinceFee
// when unknown. For server-made texts (receipts, messages); clients do the same from fee_vnd.
func FeeText(fee *int64) httpx.Text {
	switch {
	case fee == nil:
		return ProvinceFee
	case *fee == 0:
		return httpx.Text{VI: "Miễn phí", EN: "Free"}
	}
	return httpx.Text{VI: groupThousands(*fee, '.') + " đồng", EN: groupThousands(*fee, ',') + " VND"}
}

// groupThousands writes n with sep between groups of three digits (8000 → 8.000 in Vietnamese).
func groupThousands(n int64, sep byte) string {
	s := strconv.FormatInt(n, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, sep)
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
