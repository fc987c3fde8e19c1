package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/valyala/fasthttp"

	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

// BenchmarkPutCalendar is one request with a body through the whole application and its
// database: PUT /v1/calendar/2027 by an admin with 40 special days (issue 15's measure of a
// request routed, role-checked and decoded once).
func BenchmarkPutCalendar(b *testing.B) {
	e := testkit.New(b)
	admin := e.NewUser(e.NewWard("26734", 1), "admin")
	var holidays, working []map[string]string
	for d := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC); len(holidays) < 20 || len(working) < 20; d = d.AddDate(0, 0, 1) {
		day := map[string]string{"date": d.Format(time.DateOnly), "name": fmt.Sprintf("Ngày %d", d.YearDay())}
		if weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday; !weekend && len(holidays) < 20 {
			holidays = append(holidays, day)
		} else if weekend && len(working) < 20 {
			working = append(working, day)
		}
	}
	body, err := json.Marshal(map[string]any{"holidays": holidays, "working_days": working})
	if err != nil {
		b.Fatal(err)
	}
	// Straight into Fiber's handler: no network, no response check, only the application.
	var req fasthttp.Request
	req.Header.SetMethod(http.MethodPut)
	req.SetRequestURI("/v1/calendar/2027")
	req.Header.SetContentType("application/json")
	req.Header.Set("Authorization", "Bearer "+admin.Token)
	req.SetBody(body)
	serveEach(b, e, &req)
}

// BenchmarkListDossiers is the officers' list page, GET /v1/dossiers?limit=20, through the whole
// application and its database (issue 14): the gate, the query, 20 rows decoded and written as
// JSON. The page's SQL alone is what `make bench-read` compares it with.
func BenchmarkListDossiers(b *testing.B) {
	e := testkit.New(b)
	ward := e.NewWard("26734", 1)
	officer := e.NewUser(ward, "officer")
	ctx := context.Background()
	proc := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(ctx, `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days,
		fee_vnd, required_documents, channels, created_at, updated_at)
		VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3, 8000,
		ARRAY['Tờ khai', 'Giấy chứng sinh'], ARRAY['counter'], now(), now())`, proc, ward.ID); err != nil {
		b.Fatal(err)
	}
	created := e.Expect(http.StatusCreated, testkit.Req{Method: http.MethodPost, Path: "/v1/dossiers", Token: officer.Token,
		Body: map[string]any{"procedure_id": proc, "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678", "channel": "counter"}})
	var d struct {
		ID string `json:"id"`
	}
	created.JSON(b, &d)
	// 100 copies of it, with their own ids and codes.
	if _, err := e.Pool.Exec(ctx, `INSERT INTO dossiers
		SELECT (jsonb_populate_record(NULL::dossiers, to_jsonb(t) || jsonb_build_object(
			'id', gen_random_uuid(), 'code', '1999-' || lpad(i::text, 6, '0'), 'portal_code', NULL))).*
		FROM dossiers t, generate_series(1, 100) i WHERE t.id = $1`, d.ID); err != nil {
		b.Fatal(err)
	}
	var req fasthttp.Request
	req.Header.SetMethod(http.MethodGet)
	req.SetRequestURI("/v1/dossiers?limit=20")
	req.Header.Set("Authorization", "Bearer "+officer.Token)
	if enc := os.Getenv("BENCH_ACCEPT_ENCODING"); enc != "" {
		req.Header.Set("Accept-Encoding", enc)
	}
	serveEach(b, e, &req)
}

// serveEach runs req through the whole application once per iteration, expecting 200.
func serveEach(b *testing.B, e *testkit.Env, req *fasthttp.Request) {
	h := e.App.Fiber.Handler()
	b.ReportAllocs()
	for b.Loop() {
		var c fasthttp.RequestCtx
		c.Init(req, nil, nil)
		h(&c)
		if c.Response.StatusCode() != http.StatusOK {
			b.Fatalf("%d %s", c.Response.StatusCode(), c.Response.Body())
		}
	}
}
