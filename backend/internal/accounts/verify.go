package accounts

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// Proving the phone (h-otp): registering no longer claims what the ward recorded for a phone —
// whoever registered a number first would take its history. The account texts itself a code;
// the right code marks the phone verified and claims, in one transaction.
const (
	CodeTTL         = 5 * time.Minute
	MaxCodeAttempts = 5
	MaxCodesPerHour = 3
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"phone_already_verified": {VI: "Số điện thoại của bạn đã được xác minh", EN: "Your phone number is already verified"},
		"sms_opted_out":          {VI: "Bạn đã tắt tin nhắn SMS: hãy cho phép SMS trong cài đặt thông báo để nhận mã", EN: "You turned SMS off: allow SMS in the notification settings to receive the code"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"wrong_code":        {VI: "Mã xác minh không đúng", EN: "The verification code is wrong"},
		"code_expired":      {VI: "Mã xác minh đã hết hạn hoặc đã dùng, hãy gửi mã mới", EN: "The verification code has expired or was used; send a new one"},
		"too_many_attempts": {VI: "Nhập sai quá nhiều lần, hãy gửi mã mới", EN: "Too many wrong tries; send a new code"},
	})
}

var errAlreadyVerified = &httpx.Error{Status: http.StatusConflict, Code: "phone_already_verified"}

// hashCode keeps a code unreadable in the table: an HMAC keyed by the code row's id, so equal
// codes do not hash alike.
func hashCode(id uuid.UUID, code string) []byte {
	m := hmac.New(sha256.New, id[:])
	m.Write([]byte(code))
	return m.Sum(nil)
}

func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// phoneTail is how a phone appears in the audit trail and answers: its last 3 digits.
func phoneTail(p string) string {
	if len(p) < 3 {
		return p
	}
	return p[len(p)-3:]
}

// lockCitizen takes the caller's account row lock; staff are refused (only citizens claim).
func (s *Service) lockCitizen(ctx context.Context, q *accountsdb.Queries, p auth.Principal) (accountsdb.LockCitizenRow, error) {
	u, err := q.LockCitizen(ctx, p.UserID)
	if errors.Is(err, pgx.ErrNoRows) {
		return u, httpx.ErrUnauthorized
	}
	if err != nil {
		return u, err
	}
	if u.Role != auth.RoleCitizen {
		return u, httpx.ErrForbidden
	}
	if u.PhoneVerifiedAt != nil {
		return u, errAlreadyVerified
	}
	return u, nil
}

// SendPhoneCode texts a new code to the caller's phone. The account row's lock makes the hourly
// count and the insert one step, so racing requests cannot send a fourth code.
func (s *Service) SendPhoneCode(ctx context.Context, p auth.Principal) (api.PhoneCodeSent, error) {
	now := s.clock.Now()
	var out api.PhoneCodeSent
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		u, err := s.lockCitizen(ctx, q, p)
		if err != nil {
			return err
		}
		if off, err := q.SMSOptedOut(ctx, u.Phone); err != nil || off {
			if err == nil {
				err = &httpx.Error{Status: http.StatusConflict, Code: "sms_opted_out"}
			}
			return err
		}
		sent, err := q.PhoneCodesSince(ctx, accountsdb.PhoneCodesSinceParams{UserID: u.ID, Since: now.Add(-time.Hour)})
		if err != nil {
			return err
		}
		if len(sent) >= MaxCodesPerHour {
			return &httpx.Error{Status: http.StatusTooManyRequests, Code: "rate_limited",
				RetryAfter: max(sent[len(sent)-MaxCodesPerHour].Add(time.Hour).Sub(now), time.Second)}
		}
		code, err := newCode()
		if err != nil {
			return err
		}
		id := uuid.Must(uuid.NewV7())
		if err := q.InsertPhoneCode(ctx, accountsdb.InsertPhoneCodeParams{ID: id, UserID: u.ID, Phone: u.Phone,
			CodeHash: hashCode(id, code), CreatedAt: now, ExpiresAt: now.Add(CodeTTL)}); err != nil {
			return err
		}
		text := httpx.Text{
			VI: "Mã xác minh số điện thoại của bạn là " + code + ", có hiệu lực 5 phút. Không đưa mã này cho ai.",
			EN: "Your phone verification code is " + code + ", valid for 5 minutes. Do not share it.",
		}
		if err := notify.EnqueuePhoneCode(ctx, tx, u.Phone, u.WardID, text, now); err != nil {
			return err
		}
		out = api.PhoneCodeSent{ExpiresAt: now.Add(CodeTTL), PhoneTail: phoneTail(u.Phone)}
		return audit.Record(ctx, tx, audit.Event{WardID: u.WardID, ActorID: u.ID, Action: "user.phone_code_sent",
			TargetType: "user", TargetID: u.ID, Detail: map[string]any{"phone_tail": phoneTail(u.Phone)}, At: now})
	})
	return out, err
}

// ConfirmPhoneCode checks code against the caller's latest code. A wrong try is counted and
// committed before the 422; the right one marks the phone verified and claims its history in
// the same transaction, under the account row's lock, so racing confirms claim once.
func (s *Service) ConfirmPhoneCode(ctx context.Context, p auth.Principal, code string) (api.PhoneClaimed, error) {
	now := s.clock.Now()
	code = strings.TrimSpace(code)
	var out api.PhoneClaimed
	var refused error
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		u, err := s.lockCitizen(ctx, q, p)
		if err != nil {
			return err
		}
		c, err := q.LatestPhoneCode(ctx, u.ID)
		if errors.Is(err, pgx.ErrNoRows) {
			refused = httpx.Invalid(httpx.Field("code", "code_expired"))
			return nil
		}
		if err != nil {
			return err
		}
		detail := map[string]any{"phone_tail": phoneTail(u.Phone)}
		switch {
		case c.UsedAt != nil || !now.Before(c.ExpiresAt) || c.Phone != u.Phone:
			refused = httpx.Invalid(httpx.Field("code", "code_expired"))
		case c.Attempts >= MaxCodeAttempts:
			refused = httpx.Invalid(httpx.Field("code", "too_many_attempts"))
		case !hmac.Equal(hashCode(c.ID, code), c.CodeHash):
			if err := q.CountPhoneCodeAttempt(ctx, c.ID); err != nil {
				return err
			}
			refused = httpx.Invalid(httpx.Field("code", "wrong_code"))
		}
		if refused != nil {
			detail["refused"] = refused.(*httpx.Error).Fields[0].Code
			return audit.Record(ctx, tx, audit.Event{WardID: u.WardID, ActorID: u.ID, Action: "user.phone_verify_refused",
				TargetType: "user", TargetID: u.ID, Detail: detail, At: now})
		}
		if err := q.UsePhoneCode(ctx, accountsdb.UsePhoneCodeParams{ID: c.ID, Now: now}); err != nil {
			return err
		}
		if err := q.MarkPhoneVerified(ctx, accountsdb.MarkPhoneVerifiedParams{ID: u.ID, Now: now}); err != nil {
			return err
		}
		// The outbox keeps each SMS's text until it is sent; once the phone is proved, the codes'
		// texts are of no use and are blanked.
		if err := q.BlankPhoneCodeTexts(ctx, u.Phone); err != nil {
			return err
		}
		claimed, err := claimHistory(ctx, q, accountsdb.User{ID: u.ID, WardID: u.WardID, Phone: u.Phone}, now)
		if err != nil {
			return err
		}
		detail["claimed"] = claimed
		out = api.PhoneClaimed{PhoneVerifiedAt: now, Dossiers: claimed.Dossiers, Pickups: claimed.Pickups, Notifications: claimed.Notifications}
		return audit.Record(ctx, tx, audit.Event{WardID: u.WardID, ActorID: u.ID, Action: "user.phone_verified",
			TargetType: "user", TargetID: u.ID, Detail: detail, At: now})
	})
	if err != nil {
		return out, err
	}
	return out, refused
}
