package dossier

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// Every notification the dossier sends is part of the push contract (an unknown type would roll
// back the officer's move at run time), and every refusal carries its reason.
func TestMessagesArePushTypesAndCarryTheReason(t *testing.T) {
	due := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	d := Dossier{ID: uuid.New(), Code: "2611-7K3Q9M", ProcedureName: "Đăng ký khai sinh", ApplicantID: uuid.NullUUID{UUID: uuid.New(), Valid: true},
		DueAt: &due, ReturnMethod: ReturnCounter}
	reason := "Thiếu giấy chứng sinh"
	sent := 0
	for _, what := range append([]string{"rescheduled"}, func() []string {
		var out []string
		for _, s := range States {
			out = append(out, string(s))
		}
		return out
	}()...) {
		m, ok := message(d, what, &reason)
		if !ok {
			continue
		}
		sent++
		if _, known := push.Types[push.Type(m.Type)]; !known {
			t.Errorf("%s: type %q is not in mobile-bridge/push.Types", what, m.Type)
		}
		data := map[string]string{push.KeyType: m.Type} // notify adds the type to every push
		for k, v := range m.Data {
			data[k] = v
		}
		if p := push.Parse(data); p.Screen != push.Dossier || p.ID != d.ID.String() {
			t.Errorf("%s: the push opens %s %q", what, p.Screen, p.ID)
		}
		needsReason := what == "rescheduled" || State(what).NeedsReason()
		if needsReason && !strings.Contains(m.Body.VI, reason) {
			t.Errorf("%s: body %q lacks the reason", what, m.Body.VI)
		}
	}
	if sent != 7 { // received, refused_at_intake, supplement_requested, rejected, result_ready, returned, rescheduled
		t.Fatalf("%d kinds of message", sent)
	}
}
