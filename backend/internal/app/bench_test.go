package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

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
	h := e.App.Fiber.Handler()
	b.ReportAllocs()
	for b.Loop() {
		var c fasthttp.RequestCtx
		c.Init(&req, nil, nil)
		h(&c)
		if c.Response.StatusCode() != http.StatusOK {
			b.Fatalf("%d %s", c.Response.StatusCode(), c.Response.Body())
		}
	}
}
