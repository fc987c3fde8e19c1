package pickup_test

import (
	"context"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Each wrong pickup window says its own reason on its own field (Wednesday 25 Nov, 08:00).
func TestPickupWindowRefusalsSayWhy(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		change      map[string]any
		field, code string
		vi, en      string
	}{
		{map[string]any{"preferred_date": "2026-11-24"}, "preferred_date", "in_past", "Ngày đã qua", "This date has passed"},
		{map[string]any{"preferred_date": "2026-11-29"}, "preferred_date", "pickup_sunday",
			"Không tiếp nhận hồ sơ tại nhà vào Chủ nhật", "There are no home pickups on Sundays"},
		{map[string]any{"preferred_date": "2026-11-25", "window_start": "07:30"}, "window_start", "window_passed",
			"Khung giờ này đã bắt đầu hoặc đã qua", "This window has already begun or passed"},
		{map[string]any{"window_start": "06:00"}, "window_start", "outside_hours",
			"Khung giờ phải trong giờ làm việc, từ 07:00 đến 17:30", "The window must be within working hours, 07:00 to 17:30"},
		{map[string]any{"window_end": "18:00"}, "window_end", "outside_hours",
			"Khung giờ phải trong giờ làm việc, từ 07:00 đến 17:30", "The window must be within working hours, 07:00 to 17:30"},
		{map[string]any{"window_start": "11:00", "window_end": "10:00"}, "window_end", "end_before_start",
			"Giờ kết thúc phải sau giờ bắt đầu", "The end must be after the start"},
	} {
		body := map[string]any{"address": "25 Lê Thánh Tôn", "neighborhood_id": w.ward.Neighborhoods[0], "reason": "ill",
			"preferred_date": "2026-11-26", "window_start": "09:00", "window_end": "11:00", "contact_phone": "0901000101"}
		for k, v := range c.change {
			body[k] = v
		}
		vi, en := w.e.ExpectProblem(422, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: w.e.Token(w.citizen), Body: body})
		if len(vi.Errors) != 1 || len(en.Errors) != 1 || vi.Errors[0].Field != c.field || vi.Errors[0].Code != c.code ||
			vi.Errors[0].Message != c.vi || en.Errors[0].Message != c.en {
			t.Errorf("%v: vi %+v / en %+v", c.change, vi.Errors, en.Errors)
		}
	}
}

// A refused pickup move speaks of the home pickup request, never of a dossier.
func TestIllegalPickupMoveNamesTheRequest(t *testing.T) {
	w := newWorld(t)
	p := w.request(t)
	cancel := testkit.Req{Method: "POST", Path: "/v1/pickups/" + p.Id.String() + "/transitions", Token: w.e.Token(w.citizen),
		Body: map[string]any{"to": "cancelled", "reason": "Đã tự đi nộp"}}
	w.e.Expect(200, cancel)
	vi, en := w.e.ExpectProblem(409, cancel)
	if vi.Code != "illegal_transition" || en.Code != vi.Code {
		t.Fatalf("codes %q / %q", vi.Code, en.Code)
	}
	if !strings.Contains(vi.Title, "đề nghị tiếp nhận hồ sơ tại nhà") || strings.HasPrefix(vi.Title, "Không thể chuyển hồ sơ") ||
		!strings.Contains(en.Title, "home pickup request") || strings.Contains(en.Title, "dossier") {
		t.Fatalf("titles %q / %q", vi.Title, en.Title)
	}
}

// The citizen learns who accepted and when they will come, and at the hand-over that the
// dossier went to the office for intake, in COPY.md's words.
func TestPickupMessagesToTheCitizen(t *testing.T) {
	w := newWorld(t)
	vol := w.volunteer(t, true)
	w.collected(t, vol) // requested 26/11/2026 (a Thursday), 09:00–11:00
	var name, body, bodyEN, link, id string
	if err := w.e.Pool.QueryRow(context.Background(), `SELECT u.full_name, n.body_vi, n.body_en, n.data->>'link', n.data->>'pickup_id'
		FROM notifications n, users u WHERE n.user_id = $1 AND n.type = 'pickup.accepted' AND u.id = $2`, w.citizen.ID, vol.ID).
		Scan(&name, &body, &bodyEN, &link, &id); err != nil {
		t.Fatal(err)
	}
	if want := "Tình nguyện viên " + name + " đã nhận yêu cầu của ông/bà, sẽ đến vào Thứ Năm, ngày 26/11/2026, 09:00–11:00."; body != want {
		t.Errorf("vi %q, want %q", body, want)
	}
	if want := "Volunteer " + name + " took your request and will come on Thursday 26/11/2026, 09:00–11:00."; bodyEN != want {
		t.Errorf("en %q, want %q", bodyEN, want)
	}
	if link != "motcua://pickups/"+id {
		t.Errorf("link %q for %q", link, id)
	}
}
