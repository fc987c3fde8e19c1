package accounts_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/accounts"
	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// A rare name or phone part is looked up in migration 00026's trigram indexes (every word of the
// name at once), a common one walks the ward's newest accounts; terms of 1–2 characters, which
// give no trigram, still find their accounts.
func TestSearchUsersUsesTrigramIndexes(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	ctx := context.Background()
	an := e.NewUser(w, auth.RoleVolunteer)
	if _, err := e.Pool.Exec(ctx, "UPDATE users SET full_name = 'Nguyễn Văn An', phone = '+84912345678' WHERE id = $1", an.ID); err != nil {
		t.Fatal(err)
	}
	// 3,000 citizens of the ward, all "Trần Thị Hoa …".
	if _, err := e.Pool.Exec(ctx, `INSERT INTO users (id, ward_id, role, phone, full_name, password_hash, locale, created_at, updated_at)
		SELECT gen_random_uuid(), $1, 'citizen', '+84' || (300000000 + i * 7)::text, 'Trần Thị Hoa ' || i, 'x', 'vi', now(), now()
		FROM generate_series(1, 3000) AS i`, w.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Pool.Exec(ctx, "VACUUM ANALYZE users"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q     string
		index string // the plan reads it
		not   string // the plan does not
	}{
		{"an nguyen van", "users_name_trgm_idx", ""},
		{"0912 345", "users_phone_trgm_idx", ""},
		{"khong co ai", "users_name_trgm_idx", ""},
		{"tran thi hoa", "", "users_name_trgm_idx"},
	} {
		sql, args := accounts.SearchSQL(w.ID, c.q)
		indexes := e.PlanIndexes(t, sql, args...)
		if c.index != "" && !indexes[c.index] {
			t.Errorf("q=%q: plan reads %v, not %s", c.q, indexes, c.index)
		}
		if c.not != "" && indexes[c.not] {
			t.Errorf("q=%q: plan reads %s for a term every account matches", c.q, c.not)
		}
	}
	for _, c := range []struct {
		q    string
		want int
	}{
		{"an nguyen van", 1},
		{"van", 1},
		{"va", 1}, // 2 letters: no trigram
		{"n", 1},  // "Nguyễn Văn An"; the citizens are "Trần Thị Hoa …": 1 letter
		{"hoa", 20},
		{"0912 345", 1},
	} {
		var l api.UserList
		expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?limit=20&role=volunteer&q=" + url.QueryEscape(c.q), Token: officer.Token}).JSON(t, &l)
		if c.want == 20 {
			expect(t, e, http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/users?limit=20&q=" + url.QueryEscape(c.q), Token: officer.Token}).JSON(t, &l)
		}
		if len(l.Items) != c.want {
			t.Errorf("q=%q: %d found, want %d", c.q, len(l.Items), c.want)
		}
	}
}
