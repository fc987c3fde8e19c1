// Package postal returns results by post (trả kết quả qua dịch vụ bưu chính công ích): the
// citizen books it, the officer hands the result to the carrier when it is ready, the carrier's
// signed callbacks move the shipment, and delivery returns the dossier.
package postal

import (
	"context"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/clock"
	"github.com/motcuagandan/motcua/backend/internal/config"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// Dossiers is what postal delivery needs from the dossier feature.
type Dossiers interface {
	Summary(ctx context.Context, caller auth.Principal, id uuid.UUID) (dossier.Summary, error)
	SummaryInTx(ctx context.Context, tx pgx.Tx, id uuid.UUID) (dossier.Summary, error)
	UsePostalReturn(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error
	ReturnedByPost(ctx context.Context, tx pgx.Tx, id uuid.UUID, at time.Time) error
}

// Submit enters a dossier that reached the office by post, inside the arrival's transaction, and
// returns its id and code: the dossier feature's CreateSubmitted (`submitted`, channel `postal`,
// waiting for an officer's intake: DESIGN §4). It reads only through tx.
type Submit func(ctx context.Context, tx pgx.Tx, in dossier.Submission) (uuid.UUID, string, error)

// Service is the postal feature.
type Service struct {
	pool       *pgxpool.Pool
	q          *postaldb.Queries
	clock      clock.Clock
	secrets    map[string][]byte
	dossiers   Dossiers
	submit     Submit
	procedures *procedure.Service
}

// NewService wires the feature. It never calls a carrier itself: CarrierWorker does.
func NewService(pool *pgxpool.Pool, clk clock.Clock, cfg config.Config, dossiers Dossiers, submit Submit, procedures *procedure.Service) *Service {
	return &Service{pool: pool, q: postaldb.New(pool), clock: clk, secrets: cfg.PostalSecrets,
		dossiers: dossiers, submit: submit, procedures: procedures}
}

// Handlers implements the postal operations of the API.
type Handlers struct{ Svc *Service }

// DefaultTariff applies until a ward's admin sets its own (VND; public postal service rates
// for a result envelope, in and out of the province, and the cash-on-delivery fee).
var DefaultTariff = postaldb.PostalTariff{SameProvinceVnd: 22000, OtherProvinceVnd: 32000, CodFeeVnd: 10000}

func init() {
	httpx.Register(map[string]httpx.Text{
		"shipment_exists":         {VI: "Hồ sơ đã đăng ký nhận kết quả qua bưu điện", EN: "Postal delivery is already booked for this dossier"},
		"result_not_ready":        {VI: "Hồ sơ chưa có kết quả để giao cho bưu điện", EN: "The dossier has no result to hand to the post yet"},
		"unknown_tracking_number": {VI: "Không có bưu gửi với số hiệu này", EN: "No parcel has this tracking number"},
		"invalid_signature":       {VI: "Chữ ký webhook không hợp lệ", EN: "Invalid webhook signature"},
		"stale_timestamp":         {VI: "Thời điểm gửi webhook quá cũ hoặc sai lệch", EN: "Webhook timestamp too old or skewed"},
		"dossier_closed":          {VI: "Hồ sơ đã kết thúc", EN: "The dossier is closed"},
		"carrier_registration_pending": {VI: "Bưu gửi đang được đăng ký với bưu điện, chưa thể nhập số hiệu khác",
			EN: "The parcel is being registered with the carrier; another tracking number cannot be entered now"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"postal_not_allowed":         {VI: "Thủ tục này không hỗ trợ nhận kết quả qua bưu điện", EN: "The procedure's result cannot be posted"},
		"postal_inbound_not_allowed": {VI: "Thủ tục này không tiếp nhận hồ sơ gửi qua bưu điện", EN: "This procedure does not take dossiers sent by post"},
		"unknown_procedure":          {VI: "Không có thủ tục này trong danh mục của phường/xã", EN: "No such procedure in the ward's catalogue"},
		"procedure_inactive":         {VI: "Thủ tục này đã ngừng tiếp nhận", EN: "This procedure no longer takes dossiers"},
		"invalid_phone":              {VI: "Số điện thoại không hợp lệ", EN: "Not a valid phone number"},
	})
}
