// Package seed creates the demo data: a realistic ward with neighbourhoods, staff, citizens and
// a catalogue of procedures, plus a second ward to show tenant isolation. Running it again
// changes nothing.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/motcuagandan/motcua/backend/internal/accounts/accountsdb"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
	"github.com/motcuagandan/motcua/backend/internal/wards/wardsdb"
)

// DemoPassword is the password of every demo account (listed in the README).
const DemoPassword = "MotCua@2026"

// Person is a demo account.
type Person struct {
	Phone, Name, Role string
	Neighborhood      int // index into the ward's neighbourhoods, -1 for none
}

// Ward is a demo ward.
type Ward struct {
	Code, Name, Province string
	Neighborhoods        []string
	People               []Person
}

// Demo is the demo data set.
var Demo = []Ward{
	{
		Code: "26734", Name: "Phường Bến Thành", Province: "Thành phố Hồ Chí Minh",
		Neighborhoods: []string{"Khu phố 1", "Khu phố 2", "Khu phố 3", "Khu phố 4", "Khu phố 5"},
		People: []Person{
			{"0901000001", "Trần Thị Thu Hà", auth.RoleAdmin, -1},
			{"0901000002", "Nguyễn Văn Minh", auth.RoleOfficer, -1},
			{"0901000003", "Lê Thị Ngọc Ánh", auth.RoleOfficer, -1},
			{"0901000011", "Phạm Quốc Bảo", auth.RoleVolunteer, 0},
			{"0901000012", "Võ Thị Kim Ngân", auth.RoleVolunteer, 1},
			{"0901000013", "Đặng Hoàng Phúc", auth.RoleVolunteer, 2},
			{"0901000014", "Huỳnh Minh Tâm", auth.RoleVolunteer, 3},
			{"0901000015", "Bùi Thanh Trúc", auth.RoleVolunteer, 4},
			{"0901000101", "Nguyễn Thị Lan", auth.RoleCitizen, 0},
			{"0901000102", "Trương Văn Hùng", auth.RoleCitizen, 1},
			{"0901000103", "Lý Thị Mỹ Dung", auth.RoleCitizen, 2},
			{"0901000104", "Hồ Văn Sáu", auth.RoleCitizen, 3},
			{"0901000105", "Đỗ Thị Bảy", auth.RoleCitizen, 4},
		},
	},
	{
		Code: "00070", Name: "Phường Hoàn Kiếm", Province: "Thành phố Hà Nội",
		Neighborhoods: []string{"Tổ dân phố số 1", "Tổ dân phố số 2"},
		People: []Person{
			{"0902000001", "Phan Thị Hồng", auth.RoleAdmin, -1},
			{"0902000002", "Ngô Đức Thắng", auth.RoleOfficer, -1},
			{"0902000011", "Vũ Minh Khoa", auth.RoleVolunteer, 0},
			{"0902000101", "Mai Thị Thanh", auth.RoleCitizen, 1},
		},
	},
}

// Run creates the demo data when missing.
func Run(ctx context.Context, pool *pgxpool.Pool, hasher auth.Hasher) error {
	hash, err := hasher.Hash(DemoPassword)
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		wq, aq := wardsdb.New(tx), accountsdb.New(tx)
		for _, w := range Demo {
			ward, err := wq.UpsertWard(ctx, wardsdb.UpsertWardParams{ID: uuid.Must(uuid.NewV7()), Code: w.Code, Name: w.Name, Province: w.Province})
			if err != nil {
				return fmt.Errorf("ward %s: %w", w.Code, err)
			}
			var hoods []uuid.UUID
			for _, n := range w.Neighborhoods {
				nb, err := wq.UpsertNeighborhood(ctx, wardsdb.UpsertNeighborhoodParams{ID: uuid.Must(uuid.NewV7()), WardID: ward.ID, Name: n})
				if err != nil {
					return fmt.Errorf("neighbourhood %s: %w", n, err)
				}
				hoods = append(hoods, nb.ID)
			}
			for _, p := range w.People {
				var nb uuid.NullUUID
				if p.Neighborhood >= 0 {
					nb = uuid.NullUUID{UUID: hoods[p.Neighborhood], Valid: true}
				}
				err := aq.SeedUser(ctx, accountsdb.SeedUserParams{ID: uuid.Must(uuid.NewV7()), WardID: ward.ID, NeighborhoodID: nb,
					Role: p.Role, Phone: "+84" + p.Phone[1:], FullName: p.Name, PasswordHash: hash})
				if err != nil {
					return fmt.Errorf("user %s: %w", p.Name, err)
				}
			}
			if err := procedure.Seed(ctx, tx, ward.ID, Procedures, time.Now()); err != nil {
				return fmt.Errorf("ward %s: %w", w.Code, err)
			}
		}
		return nil
	})
}
