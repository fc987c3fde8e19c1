// Package session runs the Saturday neighbourhood sessions (tiếp nhận và hướng dẫn thủ tục
// hành chính tại khu phố ngày thứ bảy): officers schedule them, citizens book slots, staff on
// duty check people in, and a slot is never overbooked under any concurrency: a seat is taken
// only by a conditional UPDATE of the slot's counter, which a CHECK constraint also bounds, and
// a partial unique index allows one live booking per citizen per session.
package session

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/mobile-bridge/push"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/session/sessiondb"
)

// Accounts is what sessions need from the accounts feature.
type Accounts interface {
	User(ctx context.Context, id uuid.UUID) (api.User, error)
	Residents(ctx context.Context, wardID, neighborhoodID uuid.UUID) ([]uuid.UUID, error)
}

// Calendars is what sessions need from the calendar feature: a ward's days off.
type Calendars interface {
	ForWard(ctx context.Context, wardID uuid.UUID, from time.Time) (calendar.Calendar, error)
}

// Service is the sessions feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *sessiondb.Queries
	clock      clock.Clock
	procedures *procedure.Service
	accounts   Accounts
	calendars  Calendars
	full       *fullHints // slots found full a moment ago (fullhint.go)
}

// NewService wires the feature.
func NewService(pool *pgxpool.Pool, clk clock.Clock, procedures *procedure.Service, accounts Accounts, calendars Calendars) *Service {
	return &Service{pool: pool, q: sessiondb.New(pool), clock: clk, procedures: procedures, accounts: accounts, calendars: calendars,
		full: newFullHints()}
}

// holiday reports whether the day of t is a named day off in the ward's calendar (a national
// holiday, a swapped day or the ward's own): the office does not work, so no session is held or
// booked then (issue 11; ngày nghỉ lễ, tết: Bộ luật Lao động 2019, Điều 112).
func (s *Service) holiday(ctx context.Context, wardID uuid.UUID, t time.Time) (bool, error) {
	cal, err := s.calendars.ForWard(ctx, wardID, t)
	if err != nil {
		return false, err
	}
	return cal.IsHoliday(t), nil
}

// sessionLink is the app's link to a session's screen (every session and booking push opens it).
func sessionLink(id uuid.UUID) string { return push.Link(push.Session, id.String()) }

// whenVI and whenEN write a session's day and start in sentences (COPY.md: "Thứ Bảy, ngày
// 07/3/2026, từ 8 giờ").
func whenVI(t time.Time) string {
	t = t.In(calendar.Location)
	hour := fmt.Sprintf("%d giờ", t.Hour())
	if t.Minute() != 0 {
		hour += fmt.Sprintf(" %02d", t.Minute())
	}
	return "Thứ Bảy, ngày " + t.Format("02/1/2006") + ", từ " + hour
}

func whenEN(t time.Time) string {
	return "Saturday " + t.In(calendar.Location).Format("2 January 2006") + ", from " + t.In(calendar.Location).Format("15:04")
}

// Handlers implements the session operations of the API.
type Handlers struct{ Svc *Service }

func init() {
	httpx.Register(map[string]httpx.Text{
		"slot_full":             {VI: "Khung giờ này đã hết chỗ", EN: "This time slot is full"},
		"already_booked":        {VI: "Ông/bà đã có lịch hẹn cho buổi tiếp nhận này", EN: "You already have a booking for this session"},
		"session_not_open":      {VI: "Buổi tiếp nhận đã kết thúc hoặc đã bị hủy, không còn nhận đặt lịch hay thay đổi", EN: "This session has ended or was cancelled; it takes no more bookings or changes"},
		"not_on_duty":           {VI: "Chỉ cán bộ, tình nguyện viên trực buổi này mới được tiếp đón", EN: "Only staff on duty at this session may check people in"},
		"too_late_to_cancel":    {VI: "Chỉ tự hủy được lịch hẹn trước giờ bắt đầu buổi tiếp nhận; ông/bà vui lòng báo cán bộ phường/xã", EN: "A booking can be cancelled only before the session starts; please tell the ward's officers"},
		"before_session_day":    {VI: "Chưa đến ngày diễn ra buổi tiếp nhận; chỉ tiếp đón vào đúng ngày", EN: "The session's day has not come yet; people are checked in on that day only"},
		"after_session_day":     {VI: "Buổi tiếp nhận đã qua ngày diễn ra, không tiếp đón thêm", EN: "The session's day has passed; no more check-ins"},
		"capacity_below_booked": {VI: "Không thể giảm số chỗ xuống dưới số đã đặt", EN: "Capacity cannot go below what is already booked"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"not_saturday":         {VI: "Buổi tiếp nhận tại khu phố phải vào thứ Bảy", EN: "Neighbourhood sessions are held on Saturdays"},
		"slots_do_not_fit":     {VI: "Thời lượng mỗi lượt phải chia hết khoảng thời gian buổi tiếp nhận", EN: "Slots must divide the session time exactly"},
		"unknown_neighborhood": {VI: "Khu phố không thuộc phường/xã này", EN: "This neighbourhood is not in the ward"},
		"not_offered":          {VI: "Thủ tục không được tiếp nhận tại buổi này", EN: "This procedure is not offered at this session"},
		"unknown_staff":        {VI: "Người trực phải là cán bộ hoặc tình nguyện viên của phường/xã", EN: "Staff on duty must be officers or volunteers of the ward"},
		"unknown_slot":         {VI: "Buổi tiếp nhận không có khung giờ này", EN: "The session has no such slot"},
		"slot_started":         {VI: "Khung giờ này đã bắt đầu", EN: "This slot has already started"},
		"code_or_walk_in":      {VI: "Nhập mã lịch hẹn, hoặc thông tin người đến trực tiếp", EN: "Give a booking code, or the walk-in's details"},
		"unknown_citizen":      {VI: "Không có công dân này trong phường/xã", EN: "No such citizen in the ward"},
		"unknown_code":         {VI: "Không có lịch hẹn với mã này trong buổi", EN: "No booking with this code at this session"},
		"session_on_holiday": {VI: "Ngày này là ngày nghỉ lễ, không tổ chức buổi tiếp nhận hồ sơ tại khu phố; vui lòng chọn thứ Bảy khác",
			EN: "This day is a public holiday: no neighbourhood session is held; please choose another Saturday"},
		"session_day_holiday": {VI: "Ngày diễn ra buổi tiếp nhận đã trở thành ngày nghỉ lễ nên không nhận đặt lịch hẹn; ông/bà vui lòng chọn buổi khác",
			EN: "The session's day has become a public holiday, so it takes no bookings; please choose another session"},
	})
}
