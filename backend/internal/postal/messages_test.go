package postal_test

import (
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A shipment's refused move speaks of the parcel (bưu gửi), never of a dossier.
func TestIllegalShipmentMoveNamesTheParcel(t *testing.T) {
	w := newWorld(t)
	sh := w.book(t, w.dossier(t, w.citizen), w.citizen)
	vi, en := w.e.ExpectProblem(409, testkit.Req{Method: "POST", Path: "/v1/shipments/" + sh.Id.String() + "/transitions",
		Token: w.e.Token(w.officer), Body: map[string]any{"to": "returned_to_office"}})
	if vi.Code != "illegal_transition" || en.Code != vi.Code {
		t.Fatalf("codes %q / %q", vi.Code, en.Code)
	}
	if !strings.Contains(vi.Title, "bưu gửi") || strings.Contains(vi.Title, "hồ sơ") ||
		!strings.Contains(en.Title, "parcel") || strings.Contains(en.Title, "dossier") {
		t.Fatalf("titles %q / %q", vi.Title, en.Title)
	}
}
