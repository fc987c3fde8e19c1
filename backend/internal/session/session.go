// Package session runs the Saturday neighbourhood sessions (tiếp nhận và hướng dẫn thủ tục
// hành chính tại khu phố ngày thứ bảy): officers schedule them, citizens book slots, staff on
// duty check people in, and a slot is never overbooked under any concurrency: a seat is taken
// only by a conditional UPDATE of the slot's counter, which a CHECK constraint also bounds, and
// a partial unique index allows one live booking per citizen per session.
package session

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
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

// Service is the sessions feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *sessiondb.Queries
	clock      clock.Clock
	procedures *procedure.Service
	accounts   Accounts
}

// NewService wires the feature.
func NewService(pool *pgxpool.Pool, clk clock.Clock, procedures *procedure.Service, accounts Accounts) *Service {
	return &Service{pool: pool, q: sessiondb.New(pool), clock: clk, procedures: procedures, accounts: accounts}
}

// Handlers implements the session operations of the API.
type Handlers struct{ Svc *Service }

var (
	errSlotFull      = httpx.NewError(http.StatusConflict, "slot_full")
	errAlreadyBooked = httpx.NewError(http.StatusConflict, "already_booked")
	errNotScheduled  = httpx.NewError(http.StatusConflict, "session_not_open")
	errIllegal       = httpx.NewError(http.StatusConflict, "illegal_transition")
	errNotOnDuty     = httpx.NewError(http.StatusForbidden, "not_on_duty")
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"slot_full":             {VI: "Khung giờ này đã hết chỗ", EN: "This time slot is full"},
		"already_booked":        {VI: "Bạn đã đặt lịch cho buổi này rồi", EN: "You already have a booking for this session"},
		"session_not_open":      {VI: "Buổi tiếp nhận không còn nhận đặt lịch hoặc thay đổi", EN: "This session no longer takes bookings or changes"},
		"not_on_duty":           {VI: "Chỉ cán bộ, tình nguyện viên trực buổi này mới được tiếp đón", EN: "Only staff on duty at this session may check people in"},
		"capacity_below_booked": {VI: "Không thể giảm số chỗ xuống dưới số đã đặt", EN: "Capacity cannot go below what is already booked"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"not_saturday":         {VI: "Buổi tiếp nhận tại khu phố phải vào thứ Bảy", EN: "Neighbourhood sessions are held on Saturdays"},
		"in_past":              {VI: "Ngày đã qua", EN: "This date has passed"},
		"end_before_start":     {VI: "Giờ kết thúc phải sau giờ bắt đầu", EN: "The end must be after the start"},
		"slots_do_not_fit":     {VI: "Thời lượng mỗi lượt phải chia hết khoảng thời gian buổi tiếp nhận", EN: "Slots must divide the session time exactly"},
		"unknown_neighborhood": {VI: "Khu phố không thuộc phường/xã này", EN: "This neighbourhood is not in the ward"},
		"not_offered":          {VI: "Thủ tục không được tiếp nhận tại buổi này", EN: "This procedure is not offered at this session"},
		"unknown_staff":        {VI: "Người trực phải là cán bộ hoặc tình nguyện viên của phường/xã", EN: "Staff on duty must be officers or volunteers of the ward"},
		"unknown_slot":         {VI: "Buổi tiếp nhận không có khung giờ này", EN: "The session has no such slot"},
		"slot_started":         {VI: "Khung giờ này đã bắt đầu", EN: "This slot has already started"},
		"code_or_walk_in":      {VI: "Nhập mã đặt lịch, hoặc thông tin người đến trực tiếp", EN: "Give a booking code, or the walk-in's details"},
		"unknown_citizen":      {VI: "Không có công dân này trong phường/xã", EN: "No such citizen in the ward"},
		"unknown_code":         {VI: "Không có lịch hẹn với mã này trong buổi", EN: "No booking with this code at this session"},
	})
}
