package webtest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A citizen asks for a home pickup (days and windows offered by the screen), sees the
// confirmation; a volunteer in another browser takes it through to hand-over; the citizen then
// follows it to the new dossier and rates it.
func TestHomePickupAcrossTwoBrowsers(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	procedure(t, e, w, "counter,home_pickup", "Tờ khai,Giấy chứng sinh")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})

	cit, vol := browser(t), browser(t)
	if err := login(cit, base, citizen); err != nil {
		t.Fatal(err)
	}
	run(t, cit, "pickup-form",
		chromedp.Navigate(base+"/pickups/new"),
		chromedp.WaitVisible("#address", chromedp.ByID),
	)
	look(t, cit, "citizen-pickup-new")
	var days []string
	run(t, cit, "pickup-send",
		chromedp.Evaluate(`[...document.querySelectorAll('#preferred_date option')].map(o => o.value)`, &days),
		chromedp.SendKeys("#address", "25 Lê Thánh Tôn, Khu phố 1", chromedp.ByID),
		chromedp.Click(`#pickup-form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible("#pickup-summary", chromedp.ByID),
	)
	for _, d := range days {
		day, _ := time.ParseInLocation("2006-01-02", d, calendar.Location)
		if day.Weekday() == time.Sunday {
			t.Fatalf("a Sunday is offered: %v", days)
		}
	}
	if summary := text(cit, "#pickup-summary"); !strings.Contains(summary, "25 Lê Thánh Tôn") || !strings.Contains(summary, ", ngày ") {
		t.Fatalf("confirmation %q", summary)
	}
	look(t, cit, "citizen-pickup-sent")

	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, vol, "tasks", chromedp.WaitVisible(`[data-task]`, chromedp.ByQuery))
	card := text(vol, `[data-task]`)
	for _, want := range []string{"25 Lê Thánh Tôn", "Đăng ký khai sinh", "Giấy chứng sinh", "Gọi ", "Người cao tuổi"} {
		if !strings.Contains(card, want) {
			t.Errorf("task card lacks %q: %q", want, card)
		}
	}
	look(t, vol, "volunteer-tasks")
	run(t, vol, "open", chromedp.Click(`[data-task] a[href^="/tasks/"]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-move="accepted"]`, chromedp.ByQuery))
	look(t, vol, "volunteer-task")
	for _, step := range []string{"accepted", "en_route", "collected", "handed_over"} {
		actions := []chromedp.Action{chromedp.WaitVisible(`[data-move="`+step+`"]`, chromedp.ByQuery)}
		if step == "collected" {
			actions = append(actions,
				chromedp.Click(`#collect-form input[name=doc0]`, chromedp.ByQuery),
				chromedp.Click(`#collect-form input[name=doc1]`, chromedp.ByQuery),
				chromedp.Click(`#collect-form input[value=in_person]`, chromedp.ByQuery))
		}
		actions = append(actions, chromedp.Click(`[data-move="`+step+`"]`, chromedp.ByQuery), chromedp.WaitNotPresent(`[data-move="`+step+`"]`, chromedp.ByQuery))
		run(t, vol, "move-"+step, actions...)
		if step == "en_route" {
			look(t, vol, "volunteer-collect")
		}
	}
	var pk api.Pickup
	var list api.PickupList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/pickups", Token: e.Token(citizen)}).JSON(t, &list)
	pk = list.Items[0]
	if pk.Status != "handed_over" || pk.DossierId == nil {
		t.Fatalf("pickup %s, dossier %v", pk.Status, pk.DossierId)
	}
	run(t, cit, "follow-up",
		chromedp.Navigate(base+"/pickups"),
		chromedp.WaitVisible(`.pickup a[href^="/dossiers/"]`, chromedp.ByQuery),
		chromedp.Click(`.pickup a[href^="/pickups/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-rate="5"]`, chromedp.ByQuery),
	)
	look(t, cit, "citizen-pickup-done")
	if news := text(cit, "#pickup-news"); !strings.Contains(news, "Người dùng volunteer") {
		t.Errorf("the follow-up does not name the volunteer: %q", news)
	}
	run(t, cit, "rate", chromedp.Click(`[data-rate="5"]`, chromedp.ByQuery), chromedp.WaitNotPresent(`[data-rate="5"]`, chromedp.ByQuery))
	if n := e.Count("SELECT count(*) FROM dossiers WHERE id = $1 AND channel = 'home_pickup' AND applicant_id = $2", *pk.DossierId, citizen.ID); n != 1 {
		t.Fatalf("dossier %v from the pickup: %d", *pk.DossierId, n)
	}
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND rating = 5", pk.Id); n != 1 {
		t.Fatal("the rating did not reach the server")
	}
}

// A volunteer with no signal accepts, sets off and collects: each step is queued on the phone
// ("Đang chờ gửi (n)"); back online the queue is sent in order and the server has exactly one
// of each step.
func TestVolunteerOfflineQueue(t *testing.T) {
	e := testkit.New(t)
	base := e.Serve()
	w := e.NewWard("26734", 1)
	citizen, volunteer := e.NewUser(w, auth.RoleCitizen), e.NewUser(w, auth.RoleVolunteer)
	procedure(t, e, w, "counter,home_pickup", "Tờ khai")
	e.Expect(200, testkit.Req{Method: "PUT", Path: "/v1/volunteers/" + volunteer.ID.String() + "/duty", Token: e.Token(volunteer), Body: map[string]any{"on_duty": true}})
	var procs api.ProcedureList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=" + w.Code}).JSON(t, &procs)
	day := time.Now().In(calendar.Location).AddDate(0, 0, 1)
	for day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	var pk api.Pickup
	e.Expect(201, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: e.Token(citizen), Body: map[string]any{
		"address": "9 Nguyễn Huệ", "neighborhood_id": w.Neighborhoods[0], "reason": "ill", "procedure_id": procs.Items[0].Id,
		"preferred_date": day.Format("2006-01-02"), "window_start": "08:00", "window_end": "10:00", "contact_phone": "0987654321"}}).JSON(t, &pk)

	vol := browser(t)
	if err := login(vol, base, volunteer); err != nil {
		t.Fatal(err)
	}
	run(t, vol, "open", chromedp.WaitVisible(`[data-task]`, chromedp.ByQuery),
		chromedp.Click(`[data-task] a[href^="/tasks/"]`, chromedp.ByQuery), chromedp.WaitVisible(`[data-move="accepted"]`, chromedp.ByQuery),
		offline(true))
	for _, step := range []string{"accepted", "en_route", "collected"} {
		actions := []chromedp.Action{chromedp.WaitVisible(`[data-move="`+step+`"]`, chromedp.ByQuery)}
		if step == "collected" {
			actions = append(actions, chromedp.Click(`#collect-form input[name=doc0]`, chromedp.ByQuery),
				chromedp.Click(`#collect-form input[value=in_person]`, chromedp.ByQuery))
		}
		actions = append(actions, chromedp.Click(`[data-move="`+step+`"]`, chromedp.ByQuery), chromedp.WaitNotPresent(`[data-move="`+step+`"]`, chromedp.ByQuery))
		run(t, vol, "offline-"+step, actions...)
	}
	run(t, vol, "queued", chromedp.WaitVisible(`#net`, chromedp.ByID))
	if line := text(vol, "#net"); !strings.Contains(line, "Đang chờ gửi (3)") {
		t.Fatalf("queue line %q", line)
	}
	look(t, vol, "volunteer-offline-queue")
	if n := e.Count("SELECT count(*) FROM pickup_events WHERE pickup_id = $1 AND to_status IN ('accepted','en_route','collected')", pk.Id); n != 0 {
		t.Fatalf("%d steps reached the server while offline", n)
	}
	run(t, vol, "back-online", offline(false), chromedp.WaitNotVisible(`#net`, chromedp.ByID))
	for _, to := range []string{"accepted", "en_route", "collected"} {
		if n := e.Count("SELECT count(*) FROM pickup_events WHERE pickup_id = $1 AND to_status = $2", pk.Id, to); n != 1 {
			t.Errorf("%d %s events on the server", n, to)
		}
	}
	if n := e.Count("SELECT count(*) FROM pickups WHERE id = $1 AND status = 'collected' AND confirmed_at IS NOT NULL", pk.Id); n != 1 {
		t.Fatal("the pickup is not collected and confirmed on the server")
	}
	_ = context.Background
}
