package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func newPickup(t *testing.T, e *testkit.Env, w testkit.Ward, citizen testkit.User, proc api.Procedure) api.Pickup {
	t.Helper()
	day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	var pk api.Pickup
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizen), Body: map[string]any{
		"address": "9 Nguyễn Huệ", "neighborhood_id": w.Neighborhoods[0], "reason": "elderly", "procedure_id": proc.Id,
		"preferred_date": day.Format("2006-01-02"), "window_start": "08:00", "window_end": "10:00", "contact_phone": "0987654321"}}).JSON(t, &pk)
	return pk
}

// "The citizen does not write": the volunteer fills the form and chooses that the citizen will
// confirm on their own phone; hand-over is refused until the citizen confirms on the pickup's
// screen, then goes through.
func TestCitizenConfirmsTheFormOnTheirPhone(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	proc := procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})
	pk := newPickup(t, e, w, citizen, proc)

	vol, cit := browser(t), browser(t)
	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, vol, "to-collect",
		chromedp.Navigate(base+"/tasks/"+pk.Id.String()),
		chromedp.WaitVisible(`[data-move="accepted"]`, chromedp.ByQuery), chromedp.Click(`[data-move="accepted"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-move="en_route"]`, chromedp.ByQuery), chromedp.Click(`[data-move="en_route"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-move="collected"]`, chromedp.ByQuery),
		chromedp.Click(`#collect-form input[name=doc0]`, chromedp.ByQuery),
		chromedp.SendKeys(`#form_text`, "Họ tên trẻ: Nguyễn Văn An\nNgày sinh: 01/11/2026", chromedp.ByID),
		// Without a choice of confirmation nothing is sent.
		chromedp.Click(`[data-move="collected"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#confirm-error`, chromedp.ByID),
		chromedp.Click(`#collect-form input[value=phone]`, chromedp.ByQuery),
		chromedp.Click(`[data-move="collected"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-move="handed_over"]`, chromedp.ByQuery),
		chromedp.Click(`[data-move="handed_over"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#msg .form-error`, chromedp.ByQuery),
	)
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND status = 'collected' AND confirmed_at IS NULL AND form_data->>'Họ tên trẻ' = 'Nguyễn Văn An'", pk.Id); n != 1 {
		t.Fatal("the form was not kept unconfirmed")
	}
	look(t, vol, "volunteer-handover-refused")
	if err := login(cit, base, citizen); err != nil {
		t.Fatal(err)
	}
	run(t, cit, "confirm",
		chromedp.Navigate(base+"/pickups/"+pk.Id.String()),
		chromedp.WaitVisible(`#confirm-form`, chromedp.ByID))
	if shown := text(cit, "#confirm-form"); !strings.Contains(shown, "Nguyễn Văn An") {
		t.Fatalf("the citizen does not see the form: %q", shown)
	}
	look(t, cit, "citizen-confirm-form")
	run(t, cit, "confirmed", chromedp.Click(`#confirm-form button`, chromedp.ByQuery), chromedp.WaitVisible(`#confirmed`, chromedp.ByID))
	run(t, vol, "hand-over",
		chromedp.Navigate(base+"/tasks/"+pk.Id.String()),
		chromedp.WaitVisible(`[data-move="handed_over"]`, chromedp.ByQuery), chromedp.Click(`[data-move="handed_over"]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`[data-move="handed_over"]`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND status = 'handed_over'", pk.Id); n != 1 {
		t.Fatal("not handed over after the citizen's confirmation")
	}
}

// A volunteer accepts offline while the citizen cancels the request: back online, the queued
// step is refused and said plainly on the task list.
func TestOfflineConflictIsShown(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	proc := procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})
	pk := newPickup(t, e, w, citizen, proc)

	vol := browser(t)
	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, vol, "offline-accept",
		chromedp.WaitVisible(`[data-task]`, chromedp.ByQuery),
		chromedp.Navigate(base+"/tasks/"+pk.Id.String()),
		chromedp.WaitVisible(`[data-move="accepted"]`, chromedp.ByQuery),
		offline(true),
		chromedp.Click(`[data-move="accepted"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#net`, chromedp.ByID))
	e.Expect(200, testkit.Req{Method: "POST", Path: "/v1/pickups/" + pk.Id.String() + "/transitions", Token: e.Token(citizen), Body: map[string]any{"to": "cancelled", "reason": "Đã tự đi nộp"}})
	run(t, vol, "online", offline(false), chromedp.WaitNotVisible(`#net`, chromedp.ByID),
		chromedp.Navigate(base+"/tasks"), chromedp.WaitVisible(`#conflicts`, chromedp.ByID))
	look(t, vol, "volunteer-conflict")
	if n := e.Count("SELECT count(*) FROM pickup_events WHERE pickup_id = $1 AND to_status = 'accepted'", pk.Id); n != 0 {
		t.Fatalf("%d accepted events after the cancellation", n)
	}
}

// A volunteer declines a task offered to them, saying why; it goes back to the pool.
func TestVolunteerDeclinesATask(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	proc := procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})
	pk := newPickup(t, e, w, citizen, proc)
	if e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND status = 'assigned' AND volunteer_id = $2", pk.Id, volunteer.ID) != 1 {
		t.Skip("the ward's dispatch did not offer the task to this volunteer")
	}
	vol := browser(t)
	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, vol, "decline",
		chromedp.Navigate(base+"/tasks/"+pk.Id.String()),
		chromedp.WaitVisible(`#decline-form`, chromedp.ByID),
		chromedp.SendKeys(`#decline-form #note`, "Tôi đang ốm", chromedp.ByQuery),
		chromedp.Click(`[data-move="requested"]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`#decline-form`, chromedp.ByID))
	look(t, vol, "volunteer-declined")
	if n := e.Count("SELECT count(*) FROM pickup_declines WHERE pickup_id = $1 AND volunteer_id = $2", pk.Id, volunteer.ID); n != 1 {
		t.Fatalf("%d declines recorded", n)
	}
}
