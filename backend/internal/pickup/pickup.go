// Package pickup runs home pickup of dossiers (tiếp nhận hồ sơ tại nhà): elderly, disabled or
// sick citizens ask, a volunteer of their neighbourhood's youth team goes, fills the form for
// them ("the citizen does not write"), and hands the dossier to the office, which receives it.
// At most one volunteer ever holds a pickup: taking it is a compare-and-set on its row.
package pickup

import (
	"context"
	"net/http"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// Users is what pickups need from accounts.
type Users interface {
	User(ctx context.Context, id uuid.UUID) (api.User, error)
}

// Dossiers creates the dossier a hand-over brings, inside the hand-over's transaction.
type Dossiers interface {
	CreateInTx(ctx context.Context, tx pgx.Tx, caller auth.Principal, in api.DossierInput) (uuid.UUID, string, error)
}

// Service is the pickup feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *pickupdb.Queries
	clock      clock.Clock
	procedures *procedure.Service
	users      Users
	dossiers   Dossiers
}

// NewService wires the feature.
func NewService(pool *pgxpool.Pool, clk clock.Clock, procedures *procedure.Service, users Users, dossiers Dossiers) *Service {
	return &Service{pool: pool, q: pickupdb.New(pool), clock: clk, procedures: procedures, users: users, dossiers: dossiers}
}

// Handlers implements the pickup operations of the API.
type Handlers struct{ Svc *Service }

var (
	errIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển đề nghị tiếp nhận hồ sơ tại nhà sang trạng thái này từ trạng thái hiện tại",
		EN: "The home pickup request cannot move to this state from its current state"})
	errTaken        = httpx.NewError(http.StatusConflict, "already_taken")
	errNotConfirmed = httpx.NewError(http.StatusConflict, "not_confirmed")
	errRated        = httpx.NewError(http.StatusConflict, "already_rated")
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"already_taken": {VI: "Nhiệm vụ đã có tình nguyện viên khác nhận", EN: "Another volunteer has taken this task"},
		"not_confirmed": {VI: "Công dân chưa xác nhận nội dung tờ khai", EN: "The citizen has not confirmed the form yet"},
		"already_rated": {VI: "Bạn đã đánh giá dịch vụ này", EN: "You already rated this service"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"not_home_pickup":      {VI: "Thủ tục không hỗ trợ tiếp nhận tại nhà", EN: "This procedure cannot be received at home"},
		"outside_hours":        {VI: "Khung giờ phải trong giờ làm việc, từ 07:00 đến 17:30", EN: "The window must be within working hours, 07:00 to 17:30"},
		"pickup_sunday":        {VI: "Không tiếp nhận hồ sơ tại nhà vào Chủ nhật", EN: "There are no home pickups on Sundays"},
		"window_passed":        {VI: "Khung giờ này đã bắt đầu hoặc đã qua", EN: "This window has already begun or passed"},
		"unknown_volunteer":    {VI: "Không phải tình nguyện viên đang hoạt động của phường/xã", EN: "Not an active volunteer of the ward"},
		"unknown_citizen":      {VI: "Không có công dân này trong phường/xã", EN: "No such citizen in the ward"},
		"unknown_neighborhood": {VI: "Khu phố không thuộc phường/xã này", EN: "This neighbourhood is not in the ward"},
	})
}
