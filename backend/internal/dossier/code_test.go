package dossier_test

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

var codeFormat = regexp.MustCompile(`^[0-9]{4}-[0-9A-HJKMNP-TV-Z]{6}$`)

func TestCodesAreReadableAndUnique(t *testing.T) {
	w := newWorld(t)
	// 1 December 01:00 in Vietnam is still November in UTC: the code follows Vietnam's calendar,
	// and the time of receipt, not of recording.
	w.e.Clock.Set(vn("2026-12-01 01:00"))
	seen := map[string]bool{}
	for i := 0; i < 40; i++ {
		d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Phạm Văn Mười", "channel": "counter"})
		if !codeFormat.MatchString(d.Code) || d.Code[:5] != "2612-" || seen[d.Code] {
			t.Fatalf("code %q (seen before: %v)", d.Code, seen[d.Code])
		}
		seen[d.Code] = true
	}
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Phạm Văn Mười", "channel": "counter",
		"received_at": "2026-11-30T23:30:00+07:00"})
	if d.Code[:5] != "2611-" {
		t.Fatalf("code %q for a dossier received in November", d.Code)
	}
}

// A drawn code that is already taken is drawn again, inside the same transaction.
func TestCodeCollisionDrawsAgain(t *testing.T) {
	w := newWorld(t)
	first := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})

	draws := 0
	restore := dossier.SetCodeSource(func(time.Time) string {
		draws++
		if draws == 1 {
			return first.Code
		}
		return "2611-ABCDEF"
	})
	second := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"})
	restore()
	if second.Code != "2611-ABCDEF" || draws != 2 {
		t.Fatalf("second code %q after %d draws", second.Code, draws)
	}
	if n := w.e.Count("SELECT count(*) FROM dossier_events WHERE dossier_id = $1 AND kind = 'created'", second.Id); n != 1 {
		t.Fatalf("%d created events", n)
	}

	// If every draw collides the request fails cleanly and writes nothing.
	restore = dossier.SetCodeSource(func(time.Time) string { return first.Code })
	defer restore()
	w.e.Expect(http.StatusInternalServerError, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer),
		Body: map[string]any{"procedure_id": w.birth, "applicant_id": w.citizen.ID, "channel": "counter"}})
	if n := w.e.Count("SELECT count(*) FROM dossiers"); n != 2 {
		t.Fatalf("%d dossiers", n)
	}
	if n := w.e.Count("SELECT count(*) FROM notifications"); n != 2 {
		t.Fatalf("%d notifications", n)
	}
}

// A retried POST with the same Idempotency-Key replays the first answer; another body under the
// same key is refused, and neither writes a second dossier.
func TestIdempotencyKeyReplaysAndRefusesAnotherBody(t *testing.T) {
	w := newWorld(t)
	key := map[string]string{"Idempotency-Key": "counter-3-dossier-0042"}
	body := map[string]any{"procedure_id": w.birth, "applicant_name": "Vũ Văn Hai", "channel": "counter"}
	var first, again api.Dossier
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body, Header: key}).JSON(t, &first)
	w.e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body, Header: key}).JSON(t, &again)
	if first.Id != again.Id || first.Code != again.Code {
		t.Fatalf("replay answered another dossier: %s vs %s", first.Code, again.Code)
	}
	body["applicant_name"] = "Vũ Văn Ba"
	w.e.Expect(http.StatusUnprocessableEntity, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: w.e.Token(w.officer), Body: body, Header: key})
	if n := w.e.Count("SELECT count(*) FROM dossiers"); n != 1 {
		t.Fatalf("%d dossiers", n)
	}
	if n := w.e.Count("SELECT count(*) FROM dossier_events"); n != 1 {
		t.Fatalf("%d events", n)
	}
}

// The machine's refusals are localised.
func TestIllegalTransitionSpeaksEnglish(t *testing.T) {
	w := newWorld(t)
	d := w.create(t, map[string]any{"procedure_id": w.birth, "applicant_name": "Vũ Văn Hai", "channel": "counter"})
	path := "/v1/dossiers/" + d.Id.String() + "/transitions"
	vi := w.e.Expect(409, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"to": "returned"}}).Problem(t)
	en := w.e.Expect(409, testkit.Req{Method: "POST", Path: path, Token: w.e.Token(w.officer), Body: map[string]any{"to": "returned"},
		Header: map[string]string{"Accept-Language": "en"}}).Problem(t)
	if vi.Code != "illegal_transition" || en.Code != vi.Code || en.Title != "The dossier cannot move to this state from its current state" || vi.Title == en.Title {
		t.Fatalf("vi %+v / en %+v", vi, en)
	}
}
