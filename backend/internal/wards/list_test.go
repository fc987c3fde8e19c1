package wards_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

func get(t *testing.T, e *testkit.Env, status int, r testkit.Req) *testkit.Response {
	t.Helper()
	r.Method = "GET"
	res := e.Do(r)
	if res.Status != status {
		t.Fatalf("GET %s: status %d, want %d: %s", r.Path, res.Status, status, res.Body)
	}
	if status >= 400 && res.Header.Get("Content-Type") != httpx.ProblemContentType {
		t.Fatalf("GET %s: Content-Type %q", r.Path, res.Header.Get("Content-Type"))
	}
	return res
}

func codes(t *testing.T, e *testkit.Env, path string) []string {
	t.Helper()
	var list api.WardList
	get(t, e, http.StatusOK, testkit.Req{Path: path}).JSON(t, &list)
	out := []string{}
	for _, w := range list.Items {
		out = append(out, w.Code)
	}
	return out
}

const hanoi = "Thành phố Hà Nội"

// Wards made out of code order, two of them in Hà Nội.
func wards(t *testing.T) *testkit.Env {
	e := testkit.New(t)
	for _, code := range []string{"26740", "00070", "26734", "00004"} {
		e.NewWard(code, 0)
	}
	if _, err := e.Pool.Exec(context.Background(), "UPDATE wards SET province = $1 WHERE code IN ('00004', '00070')", hanoi); err != nil {
		t.Fatal(err)
	}
	return e
}

// The ward list is public (a token, even a broken one, changes nothing), ordered by code, and
// filtered by province however the client spelled the province's diacritics and spaces.
func TestListWardsOrderAndProvince(t *testing.T) {
	t.Parallel()
	e := wards(t)
	all := []string{"00004", "00070", "26734", "26740"}
	for _, tok := range []string{"", "not-a-token"} {
		var list api.WardList
		get(t, e, http.StatusOK, testkit.Req{Path: "/v1/wards", Token: tok}).JSON(t, &list)
		if list.NextCursor != nil || len(list.Items) != len(all) {
			t.Fatalf("token %q: %+v", tok, list)
		}
		for i, w := range list.Items {
			if w.Code != all[i] || w.Id == uuid.Nil || w.Name == "" || w.Province == "" {
				t.Fatalf("token %q: item %d = %+v", tok, i, w)
			}
		}
	}
	nfd := "Tha\u0300nh pho\u0302\u0301 Ha\u0300 Nô\u0323i" // what a decomposing keyboard sends
	cases := map[string][]string{
		"province=" + url.QueryEscape(hanoi):                   {"00004", "00070"},
		"province=" + url.QueryEscape("  "+nfd+" "):            {"00004", "00070"},
		"province=" + url.QueryEscape("Thành  phố Hà Nội"):     {"00004", "00070"},
		"province=" + url.QueryEscape("Tỉnh thử"):              {"26734", "26740"},
		"province=" + url.QueryEscape("Thành phố Hồ Chí Minh"): {},
		"province=":       all, // a blank filter is no filter (an empty form field), not "province is blank"
		"province=%20%20": all,
	}
	for q, want := range cases {
		if got := codes(t, e, "/v1/wards?"+q); !reflect.DeepEqual(got, want) {
			t.Errorf("?%s → %v, want %v", q, got, want)
		}
	}
	p := get(t, e, http.StatusBadRequest, testkit.Req{Path: "/v1/wards?province=" + strings.Repeat("x", 101)}).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "province" || p.Errors[0].Code != "too_long" {
		t.Fatalf("errors = %+v", p.Errors)
	}
}

// Paging one ward at a time visits every ward once, in code order, also under a filter.
func TestListWardsPagesByOne(t *testing.T) {
	t.Parallel()
	e := wards(t)
	for query, want := range map[string][]string{
		"":                                    {"00004", "00070", "26734", "26740"},
		"&province=" + url.QueryEscape(hanoi): {"00004", "00070"},
	} {
		var seen []string
		path := "/v1/wards?limit=1" + query
		for page := 0; ; page++ {
			if page > len(want)+1 {
				t.Fatalf("%q: still paging after %d pages: %v", query, page, seen)
			}
			var list api.WardList
			get(t, e, http.StatusOK, testkit.Req{Path: path}).JSON(t, &list)
			if len(list.Items) > 1 {
				t.Fatalf("%q: page of %d with limit=1", query, len(list.Items))
			}
			for _, w := range list.Items {
				seen = append(seen, w.Code)
			}
			if list.NextCursor == nil {
				break
			}
			path = "/v1/wards?limit=1" + query + "&cursor=" + url.QueryEscape(*list.NextCursor)
		}
		if !reflect.DeepEqual(seen, want) {
			t.Fatalf("%q: pages gave %v, want %v", query, seen, want)
		}
	}
	for q, want := range map[string][2]string{"limit=0": {"validation_failed", "limit"}, "limit=101": {"validation_failed", "limit"},
		"limit=x": {"validation_failed", "limit"}, "cursor=%21%21": {"invalid_cursor", "cursor"}} {
		p := get(t, e, http.StatusBadRequest, testkit.Req{Path: "/v1/wards?" + q}).Problem(t)
		if p.Code != want[0] || len(p.Errors) != 1 || p.Errors[0].Field != want[1] {
			t.Errorf("?%s: %+v", q, p)
		}
	}
}

// A ward's neighbourhoods: all of them, only them, by name; an empty ward has an empty list;
// an unknown ward is a 404 and a malformed code a 400, both problem+json.
func TestListNeighborhoods(t *testing.T) {
	t.Parallel()
	e := testkit.New(t)
	a, b, empty := e.NewWard("26734", 4), e.NewWard("00070", 2), e.NewWard("26740", 0)
	// A later-added neighbourhood whose name sorts first.
	var early uuid.UUID
	if err := e.Pool.QueryRow(context.Background(), "INSERT INTO neighborhoods (id, ward_id, name) VALUES ($1, $2, 'An Lạc') RETURNING id",
		uuid.Must(uuid.NewV7()), a.ID).Scan(&early); err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		ward testkit.Ward
		ids  []uuid.UUID
	}{{a, append([]uuid.UUID{early}, a.Neighborhoods...)}, {b, b.Neighborhoods}, {empty, nil}} {
		res := get(t, e, http.StatusOK, testkit.Req{Path: "/v1/wards/" + w.ward.Code + "/neighborhoods", Token: "ignored"})
		var list api.NeighborhoodList
		res.JSON(t, &list)
		if list.Items == nil {
			t.Fatalf("ward %s: items is null, want a list: %s", w.ward.Code, res.Body)
		}
		got := map[uuid.UUID]bool{}
		var names []string
		for _, n := range list.Items {
			if n.WardId != w.ward.ID {
				t.Fatalf("ward %s lists %+v of another ward", w.ward.Code, n)
			}
			got[n.Id] = true
			names = append(names, n.Name)
		}
		if len(got) != len(w.ids) || len(list.Items) != len(w.ids) {
			t.Fatalf("ward %s: %d neighbourhoods, want %d", w.ward.Code, len(list.Items), len(w.ids))
		}
		for _, id := range w.ids {
			if !got[id] {
				t.Fatalf("ward %s: %s missing", w.ward.Code, id)
			}
		}
		if !sort.SliceIsSorted(names, func(i, j int) bool { return names[i] < names[j] }) {
			t.Fatalf("ward %s: not by name: %v", w.ward.Code, names)
		}
	}
	if p := get(t, e, http.StatusNotFound, testkit.Req{Path: "/v1/wards/99999/neighborhoods"}).Problem(t); p.Code != "not_found" || p.Status != 404 {
		t.Fatalf("unknown ward: %+v", p)
	}
	for _, code := range []string{"12ab", "1234", "123456", "%2026734"} {
		p := get(t, e, http.StatusBadRequest, testkit.Req{Path: "/v1/wards/" + code + "/neighborhoods"}).Problem(t)
		if p.Code != "validation_failed" || len(p.Errors) != 1 || p.Errors[0].Field != "code" {
			t.Errorf("code %q: %+v", code, p)
		}
	}
}
