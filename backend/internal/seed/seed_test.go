package seed_test

import (
	"net/http"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/seed"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// Seeding twice leaves the same data, and the README's demo accounts can log in.
func TestSeedIsIdempotentAndDemoAccountsWork(t *testing.T) {
	e := testkit.New(t)
	for i := 0; i < 2; i++ {
		if err := seed.Run(t.Context(), e.Pool, e.App.Auth.Hasher); err != nil {
			t.Fatal(err)
		}
	}
	want := 0
	for _, w := range seed.Demo {
		want += len(w.People)
	}
	var users, hoods int
	if err := e.Pool.QueryRow(t.Context(), "SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM neighborhoods)").Scan(&users, &hoods); err != nil {
		t.Fatal(err)
	}
	if users != want || hoods != 7 {
		t.Fatalf("users = %d (want %d), neighbourhoods = %d (want 7)", users, want, hoods)
	}
	for _, phone := range []string{"0901000001", "0901000002", "0901000011", "0901000101", "0902000002"} {
		e.Expect(http.StatusOK, testkit.Req{Method: "POST", Path: "/v1/auth/login",
			Body: map[string]any{"phone": phone, "password": seed.DemoPassword}})
	}
	res := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/wards/26734/neighborhoods"})
	var list struct{ Items []struct{ Name string } }
	res.JSON(t, &list)
	if len(list.Items) != 5 {
		t.Fatalf("Bến Thành neighbourhoods = %+v", list.Items)
	}

	// Every demo ward has the whole catalogue, once, and it is served publicly.
	if len(seed.Procedures) < 15 {
		t.Fatalf("only %d demo procedures", len(seed.Procedures))
	}
	var perWard []int
	rows, err := e.Pool.Query(t.Context(), "SELECT count(*) FROM procedures GROUP BY ward_id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		perWard = append(perWard, n)
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	if len(perWard) != len(seed.Demo) || perWard[0] != len(seed.Procedures) || perWard[1] != len(seed.Procedures) {
		t.Fatalf("procedures per ward = %v, want %d in each of %d wards", perWard, len(seed.Procedures), len(seed.Demo))
	}
	for _, w := range seed.Demo {
		var page api.ProcedureList
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=" + w.Code + "&limit=100"}).JSON(t, &page)
		if len(page.Items) != len(seed.Procedures) {
			t.Fatalf("ward %s lists %d procedures, want %d", w.Code, len(page.Items), len(seed.Procedures))
		}
	}
	var birth api.ProcedureList
	e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734&q=dang%20ky%20khai%20sinh"}).JSON(t, &birth)
	if len(birth.Items) == 0 || birth.Items[0].Code != "1.001193" {
		t.Fatalf("search for khai sinh = %+v", birth.Items)
	}
}
