package wards_test

import (
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func TestPublicWardsAndNeighborhoods(t *testing.T) {
	e := testkit.New(t)
	a := e.NewWard("26734", 3)
	e.NewWard("00070", 2)
	e.NewWard("26740", 0)
	if _, err := e.Pool.Exec(t.Context(), "UPDATE wards SET province = 'Thành phố Hà Nội' WHERE code = '00070'"); err != nil {
		t.Fatal(err)
	}

	// Pages of one, in code order, without a token.
	var codes []string
	path := "/v1/wards?limit=1"
	for {
		var page api.WardList
		e.Expect(200, testkit.Req{Method: "GET", Path: path}).JSON(t, &page)
		for _, w := range page.Items {
			codes = append(codes, w.Code)
		}
		if page.NextCursor == nil {
			break
		}
		path = "/v1/wards?limit=1&cursor=" + *page.NextCursor
	}
	if len(codes) != 3 || codes[0] != "00070" || codes[1] != "26734" || codes[2] != "26740" {
		t.Fatalf("codes = %v", codes)
	}
	var hn api.WardList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/wards?province=Th%C3%A0nh%20ph%E1%BB%91%20H%C3%A0%20N%E1%BB%99i"}).JSON(t, &hn)
	if len(hn.Items) != 1 || hn.Items[0].Code != "00070" {
		t.Fatalf("province filter = %+v", hn.Items)
	}

	var hoods api.NeighborhoodList
	e.Expect(200, testkit.Req{Method: "GET", Path: "/v1/wards/26734/neighborhoods"}).JSON(t, &hoods)
	if len(hoods.Items) != 3 {
		t.Fatalf("neighbourhoods = %+v", hoods.Items)
	}
	for _, n := range hoods.Items {
		if n.WardId != a.ID {
			t.Fatalf("neighbourhood of another ward: %+v", n)
		}
	}
	if p := e.Expect(404, testkit.Req{Method: "GET", Path: "/v1/wards/99999/neighborhoods"}).Problem(t); p.Code != "not_found" {
		t.Fatalf("unknown ward: %+v", p)
	}
	e.Expect(400, testkit.Req{Method: "GET", Path: "/v1/wards/12ab/neighborhoods"})
}
