package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// The public catalogue and sessions lists carry an ETag and a Cache-Control; the same ETag sent
// back in If-None-Match (as is, weak, or with the coding Compress appended) answers 304 with no
// body, and a changed catalogue answers 200 with a new ETag.
func TestPublicListsAnswer304WhenUnchanged(t *testing.T) {
	e := testkit.New(t)
	w := e.NewWard("26734", 1)
	admin := e.NewUser(w, auth.RoleAdmin)
	var docs []string // enough text for the page to be compressed
	for i := range 12 {
		docs = append(docs, fmt.Sprintf("Tờ khai thay đổi thông tin cư trú, bản chính số %d", i+1))
	}
	add := func(code string) {
		e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/procedures", Token: admin.Token, Body: map[string]any{
			"code": code, "name": "Xác nhận thông tin cư trú " + code, "field": "Cư trú", "processing_days": 2,
			"required_documents": docs, "channels": []string{"counter"}}})
	}
	add("1.003005")
	for _, c := range []struct{ path, cacheControl string }{
		{"/v1/procedures?ward_code=26734", "public, max-age=60"},
		{"/v1/sessions?ward_code=26734", "no-cache"},
	} {
		first := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: c.path})
		tag := first.Header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) || first.Header.Get("Cache-Control") != c.cacheControl {
			t.Fatalf("%s: ETag %q, Cache-Control %q", c.path, tag, first.Header.Get("Cache-Control"))
		}
		for _, sent := range []string{tag, "W/" + tag, `"other", ` + tag} {
			r := e.Expect(http.StatusNotModified, testkit.Req{Method: "GET", Path: c.path, Header: map[string]string{"If-None-Match": sent}})
			if len(r.Raw) != 0 || r.Header.Get("ETag") == "" {
				t.Fatalf("%s 304 with If-None-Match %s: body %q, ETag %q", c.path, sent, r.Raw, r.Header.Get("ETag"))
			}
		}
		e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: c.path, Header: map[string]string{"If-None-Match": `"stale"`}})
	}

	// Compressed: the ETag names the coding, and comes back as such.
	br := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734", Header: map[string]string{"Accept-Encoding": "br"}})
	tag := br.Header.Get("ETag")
	if br.Header.Get("Content-Encoding") != "br" || !strings.HasSuffix(tag, `-br"`) {
		t.Fatalf("compressed answer: Content-Encoding %q, ETag %q", br.Header.Get("Content-Encoding"), tag)
	}
	e.Expect(http.StatusNotModified, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734",
		Header: map[string]string{"Accept-Encoding": "br", "If-None-Match": tag}})

	// The catalogue changes: the old ETag no longer matches.
	add("1.003006")
	changed := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/procedures?ward_code=26734",
		Header: map[string]string{"Accept-Encoding": "br", "If-None-Match": tag}})
	if changed.Header.Get("ETag") == tag {
		t.Fatal("the ETag did not change with the catalogue")
	}
}
