package notify

import (
	"slices"
	"sync/atomic"
	"time"

	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// Channels beside push (DESIGN §10): Zalo ZNS template messages and SMS, both to a phone number.
const (
	ChannelPush = "push"
	ChannelZNS  = "zns"
	ChannelSMS  = "sms"
)

// DefaultOrder is how a person is told when they chose nothing: the app, then Zalo, then SMS.
var DefaultOrder = []string{ChannelPush, ChannelZNS, ChannelSMS}

// Prefs is a person's choice, kept by their phone: the order to try the channels in, and the
// phone channels they refuse (the app's inbox cannot be refused).
type Prefs struct {
	Order        []string // a permutation of DefaultOrder; nil: DefaultOrder
	NoZNS, NoSMS bool
}

// Chain is the channels that may carry a notification of typ to a person, in the order to try
// them: their order (else DefaultOrder), keeping push only when they have a device, Zalo only
// for what concerns their own affairs (byPhone) and SMS only for what matters (bySMS), and
// neither when they opted out. A channel is tried when the ones before it failed (or, for a
// push, went unconfirmed for PushConfirmTimeout).
func Chain(p Prefs, typ string, hasDevice, hasPhone bool) []string {
	order := p.Order
	if len(order) != len(DefaultOrder) {
		order = DefaultOrder
	}
	var out []string
	for _, c := range order {
		ok := false
		switch c {
		case ChannelPush:
			ok = hasDevice
		case ChannelZNS:
			ok = hasPhone && !p.NoZNS && ReachesByPhone(typ)
		case ChannelSMS:
			ok = hasPhone && !p.NoSMS && WarrantsSMS(typ)
		}
		if ok && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// pushConfirmTimeout is how long a push may go unconfirmed (POST /v1/notifications/{id}/received)
// before the next phone channel follows it (PUSH_CONFIRM_TIMEOUT).
var pushConfirmTimeout atomic.Int64

func init() { pushConfirmTimeout.Store(int64(DefaultPushConfirmTimeout)) }

// DefaultPushConfirmTimeout is PUSH_CONFIRM_TIMEOUT's default.
const DefaultPushConfirmTimeout = 10 * time.Minute

// SetPushConfirmTimeout sets the process's PUSH_CONFIRM_TIMEOUT (at start; d <= 0 keeps it).
func SetPushConfirmTimeout(d time.Duration) {
	if d > 0 {
		pushConfirmTimeout.Store(int64(d))
	}
}

// PushConfirmTimeout is the process's PUSH_CONFIRM_TIMEOUT.
func PushConfirmTimeout() time.Duration { return time.Duration(pushConfirmTimeout.Load()) }

// byPhone are the notifications a citizen is told by Zalo when no app reaches them: what
// concerns their own dossier, booking, pickup or parcel. Work for volunteers and officers
// (offers, assignments, escalations) and announcements to a whole neighbourhood stay in the app:
// a ZNS message is paid for, one by one.
var byPhone = map[push.Type]bool{
	push.DossierReceived: true, push.DossierSupplementRequested: true, push.DossierRescheduled: true,
	push.DossierRejected: true, push.DossierResultReady: true, push.DossierReturned: true,
	push.DossierRefusedAtIntake: true,
	push.SessionCancelled:       true, push.BookingReminder: true,
	push.PickupAccepted: true, push.PickupEnRoute: true, push.PickupHandedOver: true, push.PickupFailed: true,
	push.ShipmentHandedToCarrier: true, push.ShipmentDelivered: true, push.ShipmentFailed: true,
}

// bySMS are the events that matter enough to be sent as an SMS when Zalo did not reach the
// person (issue 16): the result is ready, the apology and new date, a supplement is requested,
// the volunteer is on the way.
var bySMS = map[push.Type]bool{
	push.DossierResultReady: true, push.DossierRescheduled: true, push.DossierSupplementRequested: true,
	push.PickupEnRoute: true,
}

// ReachesByPhone says whether a notification of this type goes to Zalo when no push reaches.
func ReachesByPhone(typ string) bool { return byPhone[push.Type(typ)] }

// WarrantsSMS says whether a notification of this type falls back to SMS when Zalo fails.
func WarrantsSMS(typ string) bool { return bySMS[push.Type(typ)] }

// Quiet hours: no Zalo or SMS message leaves between 21:00 and 07:00, Vietnam time; a message
// due then is held until 07:00 (the office's rule, issue 16: people are not woken by a message
// about a dossier; the app's own pushes are not held, the phone shows them silently).
const (
	quietFrom = 21
	quietTo   = 7
)

// NotBefore is the earliest time a phone message due at t may leave: t itself outside quiet
// hours, else the next 07:00 in Vietnam.
func NotBefore(t time.Time) time.Time {
	l := t.In(calendar.Location)
	h := l.Hour()
	if h >= quietTo && h < quietFrom {
		return t
	}
	day := l
	if h >= quietFrom {
		day = l.AddDate(0, 0, 1)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), quietTo, 0, 0, 0, calendar.Location)
}

// MaskPhone keeps a phone number's last 3 digits: enough to tell people apart in logs, never
// the number itself.
func MaskPhone(p string) string {
	if len(p) <= 3 {
		return "…"
	}
	return "…" + p[len(p)-3:]
}
