package dossier_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/xuri/excelize/v2"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/testkit"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// workbook asks for the export with query and opens it with excelize.
func workbook(t *testing.T, e *testkit.Env, u testkit.User, query string) (*excelize.File, *testkit.Response) {
	t.Helper()
	r := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx?" + query, Token: e.Token(u)})
	if ct := r.Header.Get("Content-Type"); ct != xlsxType {
		t.Fatalf("Content-Type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="ho-so-`) || !strings.HasSuffix(cd, `.xlsx"`) {
		t.Fatalf("Content-Disposition %q", cd)
	}
	x, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	t.Cleanup(func() { _ = x.Close() })
	return x, r
}

// serial is the spreadsheet date number of a wall-clock time in the office's zone (days since
// 1899-12-30, the 1900 date system's day 0 as spreadsheets count it).
func serial(wall string) float64 {
	tm, _ := time.Parse("2006-01-02 15:04", wall)
	return tm.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

// The export of the filtered list, read back with the same library: one sheet, the CSV's
// columns under a bold, frozen Vietnamese header row, one row per dossier the filter selects
// (newest first), dates as real spreadsheet dates showing Asia/Ho_Chi_Minh time, a name that
// looks like a formula kept as text, and "Có" in the overdue column once the due time passes.
func TestExportDossiersXLSX(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(vn("2026-11-26 10:00"))
	an := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678"})
	w.e.Clock.Set(vn("2026-11-26 10:30"))
	eq := w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_name": "=HYPERLINK(\"x\")", "applicant_phone": "0987000111"})
	w.create(t, map[string]any{"procedure_id": w.copyCert, "channel": "counter", "applicant_id": w.citizen.ID})

	x, _ := workbook(t, w.e, w.officer, "procedure_id="+w.birth.String())
	sheets := x.GetSheetList()
	if len(sheets) != 1 || sheets[0] != "Hồ sơ" {
		t.Fatalf("sheets %v", sheets)
	}
	rows, err := x.GetRows("Hồ sơ")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Mã hồ sơ", "Mã hồ sơ trên Cổng dịch vụ công", "Người nộp", "Số điện thoại", "Mã thủ tục", "Thủ tục",
		"Kênh nộp", "Tình trạng", "Ngày nộp", "Ngày tiếp nhận", "Hẹn trả kết quả", "Quá hạn", "Ngày có kết quả"}
	if len(rows) != 3 || strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q", rows)
	}
	for col := 1; col <= len(want); col++ {
		cell, _ := excelize.CoordinatesToCellName(col, 1)
		id, _ := x.GetCellStyle("Hồ sơ", cell)
		st, err := x.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Fatalf("header %s is not bold: %+v %v", cell, st, err)
		}
	}
	panes, err := x.GetPanes("Hồ sơ")
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Fatalf("panes %+v %v", panes, err)
	}
	// Newest first: the formula-like name is row 2, kept as text (no formula in the cell).
	get := func(cell string) string {
		t.Helper()
		v, err := x.GetCellValue("Hồ sơ", cell)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if get("A2") != eq.Code || get("C2") != `=HYPERLINK("x")` || get("A3") != an.Code || get("C3") != "Nguyễn Văn An" {
		t.Fatalf("rows %q", rows[1:])
	}
	if f, _ := x.GetCellFormula("Hồ sơ", "C2"); f != "" {
		t.Fatalf("a name became the formula %q", f)
	}
	if get("D3") != "+84912345678" || get("E3") != "1.001193" || get("F3") != "Đăng ký khai sinh" || get("G3") != "Tại quầy" ||
		get("H3") != "Đã tiếp nhận" || get("L3") != "" || get("M3") != "" || get("B3") != "" {
		t.Fatalf("row 3 %q", rows[2])
	}
	for cell, wall := range map[string]string{"I3": "2026-11-26 10:00", "J3": "2026-11-26 10:00", "K3": "2026-12-01 17:00"} {
		raw, err := x.GetCellValue("Hồ sơ", cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || v < serial(wall)-1e-6 || v > serial(wall)+1e-6 {
			t.Errorf("%s = %q, want the date number of %s (%f)", cell, raw, wall, serial(wall))
		}
		if shown := get(cell); shown != formatted(wall) {
			t.Errorf("%s shows %q, want %q", cell, shown, formatted(wall))
		}
	}

	// Past the due time: overdue.
	w.e.Clock.Set(vn("2026-12-02 08:00"))
	x, _ = workbook(t, w.e, w.officer, "overdue=true&q="+url.QueryEscape("nguyen van an"))
	if rows, _ := x.GetRows("Hồ sơ"); len(rows) != 2 || rows[1][0] != an.Code || rows[1][11] != "Có" {
		t.Fatalf("overdue rows %q", rows)
	}
}

// formatted is a wall-clock time as the sheet's date format shows it.
func formatted(wall string) string {
	tm, _ := time.Parse("2006-01-02 15:04", wall)
	return tm.Format("02/01/2006 15:04")
}

// The row limit holds: past it the workbook stops and says so in X-Truncated. Only the ward's
// officers and admins export, and only their own ward's dossiers; citizens and volunteers are
// refused, anonymous callers must sign in, a bad filter is a 400.
func TestExportDossiersXLSXLimitAndAccess(t *testing.T) {
	w := newWorld(t)
	w.e.Clock.Set(vn("2026-11-26 10:00"))
	for i := 0; i < 5; i++ {
		w.create(t, map[string]any{"procedure_id": w.birth, "channel": "counter", "applicant_id": w.citizen.ID})
	}
	restore := dossier.SetExportMax(3)
	x, r := workbook(t, w.e, w.officer, "")
	if rows, _ := x.GetRows("Hồ sơ"); len(rows) != 4 || r.Header.Get("X-Truncated") != "true" {
		t.Fatalf("%d rows, X-Truncated %q", len(rows), r.Header.Get("X-Truncated"))
	}
	restore()
	x, r = workbook(t, w.e, w.e.NewUser(w.ward, auth.RoleAdmin), "")
	if rows, _ := x.GetRows("Hồ sơ"); len(rows) != 6 || r.Header.Get("X-Truncated") != "false" {
		t.Fatalf("%d rows, X-Truncated %q", len(rows), r.Header.Get("X-Truncated"))
	}
	otherOfficer := w.e.NewUser(w.e.NewWard("00071", 1), auth.RoleOfficer)
	x, _ = workbook(t, w.e, otherOfficer, "")
	if rows, _ := x.GetRows("Hồ sơ"); len(rows) != 1 {
		t.Fatalf("another ward's officer exports %d rows", len(rows)-1)
	}
	w.e.Expect(http.StatusUnauthorized, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx"})
	w.e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx", Token: w.e.Token(w.citizen)})
	w.e.Expect(http.StatusForbidden, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx", Token: w.e.Token(w.e.NewUser(w.ward, auth.RoleVolunteer))})
	w.e.Expect(http.StatusBadRequest, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx?status=nope", Token: w.e.Token(w.officer)})
}

// BenchmarkExportDossiersXLSX exports a ward's 20,000 dossiers (the row limit) through the API:
// time per workbook, its size, and (with -benchmem) what the whole request allocates, with the
// export reading 100 (the API's page) or 1,000 dossiers per query.
//
//	go test -run '^$' -bench ExportDossiersXLSX -benchmem -benchtime 3x ./backend/internal/dossier/
func BenchmarkExportDossiersXLSX(b *testing.B) {
	e := testkit.New(b)
	w := e.NewWard("26734", 1)
	officer := e.NewUser(w, auth.RoleOfficer)
	proc := uuid.Must(uuid.NewV7())
	if _, err := e.Pool.Exec(b.Context(), `INSERT INTO procedures (id, ward_id, code, name, search_text, field, processing_days,
		required_documents, channels, created_at, updated_at) VALUES ($1, $2, '1.001193', 'Đăng ký khai sinh', 'dang ky khai sinh', 'Hộ tịch', 3,
		ARRAY['Tờ khai'], ARRAY['counter'], now(), now())`, proc, w.ID); err != nil {
		b.Fatal(err)
	}
	e.Expect(http.StatusCreated, testkit.Req{Method: "POST", Path: "/v1/dossiers", Token: e.Token(officer), Body: map[string]any{
		"procedure_id": proc, "channel": "counter", "applicant_name": "Nguyễn Văn An", "applicant_phone": "0912345678"}})
	// 19,999 copies of it under other ids and codes.
	if _, err := e.Pool.Exec(b.Context(), `INSERT INTO dossiers
		SELECT (jsonb_populate_record(NULL::dossiers, to_jsonb(d) || jsonb_build_object('id', gen_random_uuid(),
		        'code', '2611-' || lpad(g::text, 6, '0')))).*
		FROM dossiers d, generate_series(1, 19999) g WHERE d.ward_id = $1`, w.ID); err != nil {
		b.Fatal(err)
	}
	for _, page := range []int{100, 1000} {
		b.Run(fmt.Sprintf("page=%d", page), func(b *testing.B) {
			defer dossier.SetExportPage(page)()
			var size int
			for b.Loop() {
				r := e.Expect(http.StatusOK, testkit.Req{Method: "GET", Path: "/v1/dossiers.xlsx", Token: e.Token(officer)})
				size = len(r.Body)
				if r.Header.Get("X-Truncated") != "false" {
					b.Fatalf("X-Truncated %q", r.Header.Get("X-Truncated"))
				}
			}
			b.ReportMetric(float64(size), "bytes/workbook")
		})
	}
}
