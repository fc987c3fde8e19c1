package notify_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/notify/smsfake"
	"github.com/motcuagandan/motcua/backend/internal/notify/znsfake"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// phoneWorld is pushWorld plus a fake Zalo, a fake SMS gateway and a phone worker sending to
// them through the real adapters, at 10:00 in Vietnam (outside quiet hours).
type phoneWorld struct {
	*pushWorld
	zalo   *znsfake.Server
	sms    *smsfake.Server
	zns    *notify.ZNS
	phones *notify.PhoneWorker
}

const (
	znsTemplate = "tpl-result-ready"
	smsAuth     = "Bearer sms-key-1234567890"
)

func newPhoneWorld(t *testing.T, tokens ...string) *phoneWorld {
	p := newPushWorld(t, tokens...)
	p.e.Clock.Set(time.Date(2026, 12, 1, 10, 0, 0, 0, calendar.Location))
	zalo, err := znsfake.Start("access-0", "refresh-0", "app-secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(zalo.Close)
	sms, err := smsfake.Start(smsAuth)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sms.Close)
	zns := notify.NewZNS(notify.ZNSConfig{Endpoint: zalo.URL, OAuthEndpoint: zalo.URL, AccessToken: "access-0", RefreshToken: "refresh-0",
		AppID: "app-1", SecretKey: "app-secret", Templates: map[string]string{
			string(push.DossierResultReady): znsTemplate, string(push.DossierReceived): "tpl-received"}})
	gw, err := notify.NewSMS(notify.SMSConfig{URL: sms.URL, Auth: "Authorization: " + smsAuth, Unaccented: true})
	if err != nil {
		t.Fatal(err)
	}
	cfg := notify.DefaultWorkerConfig()
	cfg.Poll = time.Hour
	return &phoneWorld{pushWorld: p, zalo: zalo, sms: sms, zns: zns, phones: notify.NewPhoneWorker(p.e.Pool, p.e.Clock, zns, gw, discard, cfg)}
}

func (p *phoneWorld) tell(t *testing.T, m notify.Message) uuid.UUID {
	t.Helper()
	var id uuid.UUID
	err := pgx.BeginFunc(context.Background(), p.e.Pool, func(tx pgx.Tx) error {
		var err error
		id, err = notify.Enqueue(context.Background(), tx, m, p.e.Clock.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func resultReady(user uuid.UUID, phone string) notify.Message {
	return notify.Message{UserID: user, Phone: phone, Type: string(push.DossierResultReady),
		Title: httpx.Text{VI: "Hồ sơ 2612-ABCDEF đã có kết quả", EN: "Dossier 2612-ABCDEF has its result"},
		Body:  httpx.Text{VI: "Mời ông/bà đến Bộ phận một cửa để nhận.", EN: "Please collect it at the one-stop office."},
		Data:  map[string]string{push.KeyCode: "2612-ABCDEF", push.KeyLink: push.Link(push.Dossier, "d1")}}
}

func drainPhones(t *testing.T, w *notify.PhoneWorker) int {
	t.Helper()
	n, err := w.DrainOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

const stranger = "+84987654321"

func TestPhoneOnlyPersonGetsExactlyOneZNS(t *testing.T) {
	p := newPhoneWorld(t)
	nid := p.tell(t, resultReady(uuid.Nil, stranger))
	if n := drainPhones(t, p.phones); n != 1 {
		t.Fatalf("claimed %d phone jobs, want 1", n)
	}
	drainPhones(t, p.phones)
	got := p.zalo.Messages()
	if len(got) != 1 {
		t.Fatalf("Zalo got %d messages, want exactly 1", len(got))
	}
	m := got[0]
	if m.Phone != "84987654321" || m.TemplateID != znsTemplate || m.TemplateData["code"] != "2612-ABCDEF" ||
		m.TemplateData["title"] != "Hồ sơ 2612-ABCDEF đã có kết quả" || m.TrackingID == "" {
		t.Errorf("ZNS message = %+v", m)
	}
	if len(p.sms.Messages()) != 0 || len(p.fake.Received()) != 0 {
		t.Error("a phone-only person got an SMS or a push as well")
	}
	var segs int
	var provider string
	p.e.Pool.QueryRow(context.Background(), "SELECT segments, provider_id FROM message_jobs WHERE notification_id = $1", nid).Scan(&segs, &provider)
	if segs != 1 || provider != m.MsgID {
		t.Errorf("recorded segments %d provider %q", segs, provider)
	}
	// No inbox shows it: nobody's account owns it.
	if n := p.e.Count("SELECT count(*) FROM notifications WHERE id = $1 AND user_id IS NULL", nid); n != 1 {
		t.Error("the phone-only notification is not stored without an account")
	}
}

func TestCitizenWithDeviceGetsPushAndNoZNS(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	drainPhones(t, p.phones)
	// The only Zalo job is the one waiting in case the push goes unconfirmed (confirm_test.go).
	if len(p.fake.Received()) != 1 || len(p.zalo.Messages()) != 0 || p.e.Count("SELECT count(*) FROM message_jobs WHERE next_attempt_at <= $1", p.e.Clock.Now()) != 0 {
		t.Fatalf("push %d, zalo %d", len(p.fake.Received()), len(p.zalo.Messages()))
	}
}

func TestCitizenWithoutDeviceGetsZNSOnTheirAccountPhone(t *testing.T) {
	p := newPhoneWorld(t)
	p.tell(t, resultReady(p.user.ID, ""))
	drainPhones(t, p.phones)
	got := p.zalo.Messages()
	if len(got) != 1 || "+"+got[0].Phone != p.user.Phone {
		t.Fatalf("zalo got %+v, want one message to the account's phone", got)
	}
	// The ward is the account's: its monthly count includes the message.
	if n := p.e.Count("SELECT count(*) FROM message_jobs WHERE ward_id = $1", p.user.Ward.ID); n != 1 {
		t.Error("message not counted for the account's ward")
	}
}

func TestUnregisteredPushFallsBackToZNS(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	p.fake.Unregister(tokA)
	p.tell(t, resultReady(p.user.ID, ""))
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("a Zalo job existed while a device was registered")
	}
	drain(t, p.worker)
	drainPhones(t, p.phones)
	if got := p.zalo.Messages(); len(got) != 1 {
		t.Fatalf("zalo got %d messages after the UNREGISTERED push, want 1", len(got))
	}
}

func TestOneDeviceFailingDoesNotFallBackWhenAnotherGotIt(t *testing.T) {
	p := newPhoneWorld(t, tokA, tokB)
	p.fake.Unregister(tokB)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	drainPhones(t, p.phones)
	if len(p.fake.Received()) != 1 || len(p.zalo.Messages()) != 0 {
		t.Fatalf("push %d, zalo %d: a duplicate across channels", len(p.fake.Received()), len(p.zalo.Messages()))
	}
}

func TestZNSFailingFallsBackToSMSForWhatMatters(t *testing.T) {
	p := newPhoneWorld(t)
	p.zalo.Fail("84987654321", -118) // no Zalo account
	p.tell(t, resultReady(uuid.Nil, stranger))
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	got := p.sms.Messages()
	if len(got) != 1 {
		t.Fatalf("sms got %d messages, want 1", len(got))
	}
	if got[0].To != "84987654321" || !strings.HasPrefix(got[0].Text, "Ho so 2612-ABCDEF da co ket qua. Moi ong/ba") {
		t.Errorf("sms = %+v", got[0])
	}
	var segs int
	p.e.Pool.QueryRow(context.Background(), "SELECT segments FROM message_jobs WHERE channel = 'sms'").Scan(&segs)
	if segs != notify.Segments(got[0].Text) || segs != 1 {
		t.Errorf("segments %d for %q", segs, got[0].Text)
	}
	drainPhones(t, p.phones)
	if len(p.sms.Messages()) != 1 {
		t.Error("sent twice")
	}

	// A "received" notice does not warrant an SMS.
	p.tell(t, notify.Message{Phone: stranger, Type: string(push.DossierReceived), Title: httpx.Text{VI: "Đã tiếp nhận"}, Body: httpx.Text{VI: "…"}})
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	if len(p.sms.Messages()) != 1 {
		t.Error("an SMS for an event that does not warrant one")
	}
}

func TestZNSWithoutTemplateFallsBackToSMS(t *testing.T) {
	p := newPhoneWorld(t)
	m := resultReady(uuid.Nil, stranger)
	m.Type = string(push.PickupEnRoute) // no template configured, but it warrants an SMS
	p.tell(t, m)
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 0 || len(p.sms.Messages()) != 1 {
		t.Fatalf("zalo %d sms %d", len(p.zalo.Messages()), len(p.sms.Messages()))
	}
}

func TestSMSGatewayOutageIsRetried(t *testing.T) {
	p := newPhoneWorld(t)
	p.zalo.Fail("84987654321", -119)
	p.sms.FailWith(http.StatusServiceUnavailable)
	p.tell(t, resultReady(uuid.Nil, stranger))
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	p.sms.FailWith(0)
	p.e.Clock.Advance(time.Hour)
	drainPhones(t, p.phones)
	if len(p.sms.Messages()) != 1 {
		t.Fatalf("sms %d after the outage, want 1", len(p.sms.Messages()))
	}
}

func TestQuietHoursHoldAndRelease(t *testing.T) {
	p := newPhoneWorld(t)
	p.e.Clock.Set(time.Date(2026, 12, 1, 22, 30, 0, 0, calendar.Location))
	p.tell(t, resultReady(uuid.Nil, stranger))
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("a Zalo message left at 22:30")
	}
	p.e.Clock.Set(time.Date(2026, 12, 2, 6, 59, 0, 0, calendar.Location))
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("a Zalo message left at 06:59")
	}
	p.e.Clock.Set(time.Date(2026, 12, 2, 7, 0, 0, 0, calendar.Location))
	if n := drainPhones(t, p.phones); n != 1 || len(p.zalo.Messages()) != 1 {
		t.Fatalf("not released at 07:00: claimed %d", n)
	}
}

func TestExpiredZaloTokenIsRefreshedOnce(t *testing.T) {
	p := newPhoneWorld(t)
	p.zalo.Expire()
	for i := 0; i < 5; i++ {
		p.tell(t, resultReady(uuid.Nil, "+8498765432"+string(rune('0'+i))))
	}
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 5 {
		t.Fatalf("zalo got %d of 5 messages", len(p.zalo.Messages()))
	}
	if p.zalo.Refreshes.Load() != 1 || p.zns.Refreshes.Load() != 1 {
		t.Fatalf("token refreshed %d times (adapter %d), want once", p.zalo.Refreshes.Load(), p.zns.Refreshes.Load())
	}
}

func TestPhoneWorkerKilledMidSendLosesNothing(t *testing.T) {
	p := newPhoneWorld(t)
	p.tell(t, resultReady(uuid.Nil, stranger))
	// A worker claims the job and dies: the job comes back when the lease runs out, with the
	// same tracking id.
	if _, err := p.e.Pool.Exec(context.Background(), "UPDATE message_jobs SET lease_until = $1, lease_token = gen_random_uuid(), attempts = 1",
		p.e.Clock.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("a leased job was claimed again")
	}
	p.e.Clock.Advance(2 * time.Minute)
	drainPhones(t, p.phones)
	var id string
	p.e.Pool.QueryRow(context.Background(), "SELECT id FROM message_jobs").Scan(&id)
	if got := p.zalo.Messages(); len(got) != 1 || got[0].TrackingID != id {
		t.Fatalf("zalo got %+v", got)
	}
}

func TestEnqueueRefusesNoAddressee(t *testing.T) {
	p := newPhoneWorld(t)
	err := pgx.BeginFunc(context.Background(), p.e.Pool, func(tx pgx.Tx) error {
		_, err := notify.Enqueue(context.Background(), tx, resultReady(uuid.Nil, ""), p.e.Clock.Now)
		return err
	})
	if err == nil {
		t.Fatal("a notification to nobody was accepted")
	}
}

func TestPhoneCountersAreExported(t *testing.T) {
	p := newPhoneWorld(t)
	stats := notify.NewPhoneStats()
	p.phones.UseStats(stats)
	p.zalo.Fail("84987654321", -118)
	p.tell(t, resultReady(uuid.Nil, stranger))
	drainPhones(t, p.phones)
	drainPhones(t, p.phones)
	reg := prometheus.NewRegistry()
	reg.MustRegister(notify.NewPhoneCollector(stats))
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			key := ""
			for _, l := range m.GetLabel() {
				key += l.GetValue() + "/"
			}
			got[key] = m.GetCounter().GetValue()
		}
	}
	want := map[string]float64{"zns/dead/": 1, "zns/fell_back/": 1, "zns/sent/": 0, "zns/retried/": 0,
		"sms/sent/": 1, "sms/dead/": 0, "sms/fell_back/": 0, "sms/retried/": 0}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
}

// A push that fails at night hands the notification to Zalo, held until the morning.
func TestFallbackAtNightIsHeldUntilMorning(t *testing.T) {
	p := newPhoneWorld(t, tokA)
	p.e.Clock.Set(time.Date(2026, 12, 1, 23, 0, 0, 0, calendar.Location))
	p.fake.Unregister(tokA)
	p.tell(t, resultReady(p.user.ID, ""))
	drain(t, p.worker)
	if n := p.e.Count("SELECT count(*) FROM message_jobs WHERE next_attempt_at = $1", time.Date(2026, 12, 2, 7, 0, 0, 0, calendar.Location)); n != 1 {
		t.Fatal("the Zalo fallback is not held until 07:00")
	}
	if n := drainPhones(t, p.phones); n != 0 {
		t.Fatal("a Zalo message left at 23:00")
	}
	p.e.Clock.Set(time.Date(2026, 12, 2, 7, 5, 0, 0, calendar.Location))
	drainPhones(t, p.phones)
	if len(p.zalo.Messages()) != 1 {
		t.Fatal("not sent in the morning")
	}
}

// Two worker processes share the OA's tokens in the database: when the token expires, Zalo is
// asked once (its refresh tokens are single-use) and both send with the renewed token.
func TestExpiredZaloTokenIsRefreshedOnceAcrossProcesses(t *testing.T) {
	p := newPhoneWorld(t)
	ctx := context.Background()
	var adapters []*notify.ZNS
	for range 2 {
		tokens, err := notify.NewDBTokens(ctx, p.e.Pool, p.e.Clock, "default", "access-0", "refresh-0")
		if err != nil {
			t.Fatal(err)
		}
		z := notify.NewZNS(notify.ZNSConfig{Endpoint: p.zalo.URL, OAuthEndpoint: p.zalo.URL, AppID: "app-1", SecretKey: "app-secret",
			Templates: map[string]string{string(push.DossierResultReady): znsTemplate}, Tokens: tokens})
		if err := z.Load(ctx); err != nil {
			t.Fatal(err)
		}
		adapters = append(adapters, z)
	}
	p.zalo.Expire()
	done := make(chan notify.PhoneResult, 2)
	for i, z := range adapters {
		go func() {
			done <- z.SendPhone(ctx, notify.PhoneMessage{TrackingID: "t" + string(rune('0'+i)), Phone: stranger, Type: string(push.DossierResultReady)})
		}()
	}
	for range 2 {
		if r := <-done; r.Outcome != notify.Sent {
			t.Fatalf("send: %+v", r)
		}
	}
	if p.zalo.Refreshes.Load() != 1 {
		t.Fatalf("Zalo asked %d times for a token, want once", p.zalo.Refreshes.Load())
	}
	// A process started later uses the renewed pair, not the environment's stale one.
	tokens, _ := notify.NewDBTokens(ctx, p.e.Pool, p.e.Clock, "default", "access-0", "refresh-0")
	late := notify.NewZNS(notify.ZNSConfig{Endpoint: p.zalo.URL, AccessToken: "access-0", Tokens: tokens,
		Templates: map[string]string{string(push.DossierResultReady): znsTemplate}})
	if err := late.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if r := late.SendPhone(ctx, notify.PhoneMessage{TrackingID: "t9", Phone: stranger, Type: string(push.DossierResultReady)}); r.Outcome != notify.Sent || p.zalo.Refreshes.Load() != 1 {
		t.Fatalf("late process: %+v, refreshes %d", r, p.zalo.Refreshes.Load())
	}
}
