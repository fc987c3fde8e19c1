package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// world is what the hostile test's valid requests point at: one ward with an account of each
// role and one of each thing the API manages, made through the API itself, so that a request
// with one hostile value and everything else valid gets as deep into the feature as it can.
type world struct {
	e     *testkit.Env
	ward  testkit.Ward
	users map[string]testkit.User // by role; "" is the anonymous caller

	procedure, session, booking, dossier, shipment, pickup, notification string
	representative, representation                                       string
	bookingCode, dossierCode, device, slot, tracking, refresh            string
	saturday, weekday, yearWeekday, today                                string
	seq                                                                  atomic.Int64
}

func newWorld(t *testing.T, e *testkit.Env) *world {
	w := &world{e: e, ward: e.NewWard("26734", 2), users: map[string]testkit.User{"": {}}}
	for _, r := range testkit.Roles {
		w.users[r] = e.NewUser(w.ward, r)
	}
	now := e.Clock.Now().In(calendar.Location)
	w.today = now.Format(time.DateOnly)
	sat := now.AddDate(0, 0, 7+int(time.Saturday-now.Weekday()))
	w.saturday = sat.Format(time.DateOnly)
	w.weekday = sat.AddDate(0, 0, 2).Format(time.DateOnly) // the Monday after
	june := time.Date(now.Year(), time.June, 1, 0, 0, 0, 0, calendar.Location)
	w.yearWeekday = june.AddDate(0, 0, (int(time.Tuesday-june.Weekday())+7)%7).Format(time.DateOnly)

	admin, officer, citizen := w.users[auth.RoleAdmin], w.users[auth.RoleOfficer], w.users[auth.RoleCitizen]
	var proc api.Procedure
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Body: map[string]any{
		"code": "1.001193", "name": "Đăng ký khai sinh", "field": "Hộ tịch", "processing_days": 3,
		"channels": []string{"counter", "online", "home_pickup", "saturday_session", "postal_return"}}}).JSON(t, &proc)
	w.procedure = proc.Id.String()

	var sess api.Session
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/sessions", Token: officer.Token, Body: map[string]any{
		"neighborhood_id": w.ward.Neighborhoods[0], "date": w.saturday, "venue": "Nhà văn hóa khu phố 1",
		"start_time": "07:30", "end_time": "11:30", "slot_minutes": 30, "capacity_per_slot": 50,
		"procedure_ids": []string{w.procedure}}}).JSON(t, &sess)
	w.session, w.slot = sess.Id.String(), sess.Slots[1].StartsAt.Format(time.RFC3339)

	var b api.Booking
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/sessions/" + w.session + "/bookings", Token: citizen.Token,
		Body: map[string]any{"slot_starts_at": sess.Slots[0].StartsAt}}).JSON(t, &b)
	w.booking, w.bookingCode = b.Id.String(), b.Code

	var d api.Dossier
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: officer.Token, Body: map[string]any{
		"procedure_id": w.procedure, "applicant_id": citizen.ID, "channel": "counter", "return_method": "postal"}}).JSON(t, &d)
	w.dossier, w.dossierCode = d.Id.String(), d.Code

	var sh api.Shipment
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + w.dossier + "/shipment", Token: citizen.Token, Body: map[string]any{
		"recipient_name": "Nguyễn Thị Lan", "recipient_phone": "0901000101", "province": "Thành phố Hồ Chí Minh",
		"ward": "Phường Bến Thành", "street": "12 Lê Lợi"}}).JSON(t, &sh)
	// Handed to the carrier, so that the carrier's webhook finds the parcel.
	for _, to := range []string{"in_review", "approved", "result_ready"} {
		e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/dossiers/" + w.dossier + "/transitions", Token: officer.Token, Body: map[string]any{"to": to}})
	}
	w.shipment, w.tracking = sh.Id.String(), "EB123456789VN"
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/shipments/" + w.shipment + "/transitions", Token: officer.Token,
		Body: map[string]any{"to": "handed_to_carrier", "tracking_number": w.tracking}})

	var p api.Pickup
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/pickups", Token: citizen.Token, Body: map[string]any{
		"address": "12 Lê Lợi", "neighborhood_id": w.ward.Neighborhoods[0], "reason": "elderly", "preferred_date": w.weekday,
		"window_start": "08:00", "window_end": "10:00", "contact_phone": "0901000101"}}).JSON(t, &p)
	w.pickup = p.Id.String()

	w.device = "hostile-test-fcm-token-0123456789"
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/me/devices", Token: citizen.Token,
		Body: map[string]any{"token": w.device, "platform": "android"}})

	var inbox api.NotificationList
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/me/notifications", Token: citizen.Token}).JSON(t, &inbox)
	w.notification = someID
	if len(inbox.Items) > 0 {
		w.notification = inbox.Items[0].Id.String()
	}

	// A relative who represents the citizen (consent recorded at the office).
	w.representative = e.NewUser(w.ward, auth.RoleCitizen).ID.String()
	var rep api.Representation
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/representations", Token: officer.Token, Body: map[string]any{
		"representative_id": w.representative, "applicant_id": citizen.ID, "relationship": "con gái", "consent_note": "Ký giấy ủy quyền tại Trung tâm"}}).JSON(t, &rep)
	w.representation = rep.Id.String()

	var login api.AuthResponse
	e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login",
		Body: map[string]any{"phone": citizen.Phone, "password": citizen.Password}}).JSON(t, &login)
	w.refresh = login.RefreshToken
	return w
}

// fresh is a value no earlier request used (phones, device tokens, event ids), so that a valid
// creating request is not refused as a duplicate.
func (w *world) fresh(prefix string) string { return fmt.Sprintf("%s%08d", prefix, w.seq.Add(1)) }

// pathValue is a valid value for a path parameter: the world's thing of that kind.
func (w *world) pathValue(path, name string) string {
	switch name {
	case "year":
		return w.today[:4]
	case "token":
		return w.device
	case "code":
		if strings.HasPrefix(path, "/v1/wards/") {
			return w.ward.Code
		}
		return w.dossierCode
	}
	switch strings.Split(path, "/")[2] {
	case "users", "volunteers":
		return w.users[auth.RoleVolunteer].ID.String()
	case "procedures":
		return w.procedure
	case "dossiers":
		return w.dossier
	case "me":
		return w.notification
	case "sessions":
		return w.session
	case "bookings":
		return w.booking
	case "shipments":
		return w.shipment
	case "pickups":
		return w.pickup
	case "representations":
		return w.representation
	}
	return someID
}

// named gives valid values by field or parameter name, where the schema alone cannot tell
// (ids of the world's things, phones that must be new, days that must be ahead).
func (w *world) named(op, name string) (any, bool) {
	if v, ok := w.forOperation(op, name); ok {
		return v, true
	}
	return w.byName(name)
}

// forOperation is the valid value of a field or parameter of one operation in particular.
func (w *world) forOperation(op, name string) (any, bool) {
	switch op + "." + name {
	case "checkIn.name": // a walk-in: a new booking each time
		return "Nguyễn Văn Khách", true
	case "createUser.role":
		return auth.RoleVolunteer, true
	case "login.phone":
		return w.users[auth.RoleCitizen].Phone, true
	case "putCalendar.holidays":
		return []any{map[string]any{"date": w.yearWeekday, "name": "Nghỉ bù"}}, true
	case "putCalendar.working_days":
		return []any{}, true
	case "createProcedure.code":
		return w.fresh("1."), true
	case "createSession.date":
		return w.saturday, true
	case "getStats.from":
		return w.today, true
	case "getStats.to":
		return w.saturday, true
	case "listSessions.from", "listSessions.to":
		return w.saturday, true
	case "createBooking.slot_starts_at":
		return w.slot, true
	case "postalWebhook.tracking_number":
		return w.tracking, true
	case "postalWebhook.occurred_at":
		return w.e.Clock.Now().UTC().Format(time.RFC3339), true
	case "transitionDossier.to":
		return "in_review", true
	case "transitionPickup.to":
		return "accepted", true
	case "transitionShipment.to":
		return "handed_to_carrier", true
	case "transitionSession.to":
		return "completed", true
	}
	return nil, false
}

// byName is the valid value of a field or parameter of that name in any operation.
func (w *world) byName(name string) (any, bool) {
	switch name {
	case "phone", "applicant_phone":
		return fmt.Sprintf("091%07d", w.seq.Add(1)), true
	case "contact_phone", "recipient_phone":
		return "0901000101", true
	case "password":
		return "Matkhau-2026", true
	case "refresh_token":
		return w.refresh, true
	case "ward_code":
		return w.ward.Code, true
	case "phone_last4":
		return w.users[auth.RoleCitizen].Phone[len(w.users[auth.RoleCitizen].Phone)-4:], true
	case "neighborhood_id":
		return w.ward.Neighborhoods[0].String(), true
	case "procedure_id":
		return w.procedure, true
	case "procedure_ids":
		return []any{w.procedure}, true
	case "applicant_id", "citizen_id":
		return w.users[auth.RoleCitizen].ID.String(), true
	case "volunteer_id":
		return w.users[auth.RoleVolunteer].ID.String(), true
	case "representative_id":
		return w.representative, true
	case "staff_ids":
		return []any{w.users[auth.RoleVolunteer].ID.String()}, true
	case "preferred_date":
		return w.weekday, true
	case "new_due_date", "date":
		return w.weekday, true
	case "window_start", "start_time":
		return "08:00", true
	case "window_end", "end_time":
		return "10:00", true
	case "received_at":
		return w.e.Clock.Now().Add(-time.Hour).UTC().Format(time.RFC3339), true
	case "token":
		return w.fresh("hostile-device-token-"), true
	case "event_id":
		return w.fresh("evt-"), true
	case "province":
		return "Thành phố Hồ Chí Minh", true
	}
	return nil, false
}
