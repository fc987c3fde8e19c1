package dossier

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/calendar"
)

// The filtered dossier list as an Excel workbook (GET /v1/dossiers.xlsx): officers report upward
// in spreadsheets. The columns are the console's CSV export's; dates are real spreadsheet dates
// (so a sheet can sort and count by them) holding Asia/Ho_Chi_Minh wall-clock time, as Excel has
// no time zones. excelize's stream writer keeps the rows in a buffer that spills to a temporary
// file past 16 MB, and the row limit bounds the workbook, so memory stays bounded.

// exportMax is the most rows a workbook holds, the console's CSV export's limit too (a var so
// a test can lower it).
var exportMax = 20000

// exportPage is how many dossiers each query of the export reads (a var so a benchmark can
// compare sizes).
var exportPage = 1000

// exportSheet is the one sheet's name.
const exportSheet = "Hồ sơ"

// exportHeader names the columns, in Vietnamese (COPY.md; the console's CSV headers).
var exportHeader = []any{"Mã hồ sơ", "Mã hồ sơ trên Cổng dịch vụ công", "Người nộp", "Số điện thoại", "Mã thủ tục", "Thủ tục",
	"Kênh nộp", "Tình trạng", "Ngày nộp", "Ngày tiếp nhận", "Hẹn trả kết quả", "Quá hạn", "Ngày có kết quả"}

// stateLabel and channelLabel are the words the console shows (COPY.md, status labels).
var stateLabel = map[State]string{
	"submitted": "Đã nộp, chờ tiếp nhận", "received": "Đã tiếp nhận", "refused_at_intake": "Không tiếp nhận",
	"in_review": "Đang xử lý", "supplement_requested": "Cần bổ sung hồ sơ", "approved": "Đã phê duyệt",
	"result_ready": "Đã có kết quả", "returned": "Đã trả kết quả", "rejected": "Từ chối giải quyết", "withdrawn": "Đã rút hồ sơ",
}

var channelLabel = map[string]string{
	"counter": "Tại quầy", "online": "Trực tuyến", "home_pickup": "Tiếp nhận tại nhà",
	"saturday_session": "Buổi tiếp nhận tại khu phố", "postal": "Qua bưu điện", "import": "Từ hệ thống khác",
}

func statusLabel(st State) string {
	if v, ok := stateLabel[st]; ok {
		return v
	}
	return string(st)
}

func labelOr(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// wallClock is t as Asia/Ho_Chi_Minh reads it, carried as UTC: excelize counts a date's serial
// number from t's instant, and the sheet must show the office's local time.
func wallClock(t time.Time) time.Time {
	l := t.In(calendar.Location)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// Export writes the dossiers the filter selects (f.Cursor and f.Limit are ignored), newest first,
// as an XLSX workbook to w. truncated: more matched than exportMax.
func (s *Service) Export(ctx context.Context, caller auth.Principal, f Filter, w io.Writer) (truncated bool, err error) {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", exportSheet); err != nil {
		return false, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return false, err
	}
	dateFmt := "dd/mm/yyyy hh:mm"
	dated, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return false, err
	}
	sw, err := x.NewStreamWriter(exportSheet)
	if err != nil {
		return false, err
	}
	// The header row stays in view while scrolling (freeze panes must come before any row).
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return false, err
	}
	for col, width := range []float64{18, 26, 24, 15, 12, 48, 22, 20, 17, 17, 17, 9, 17} {
		if err := sw.SetColWidth(col+1, col+1, width); err != nil {
			return false, err
		}
	}
	head := make([]any, len(exportHeader))
	for i, v := range exportHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: v}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return false, err
	}
	date := func(t *time.Time) any {
		if t == nil || t.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: dated, Value: wallClock(*t)}
	}
	text := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	now := s.clock.Now()
	// Pages of exportPage rows: each page is one query, the workbook is written as they come.
	f.Limit, f.Cursor, f.pageSize = nil, nil, exportPage
	n := 0 // dossiers written
	for {
		page, err := s.List(ctx, caller, f)
		if err != nil {
			return false, err
		}
		for _, d := range page.Items {
			if n == exportMax {
				return true, finish(x, sw, w)
			}
			n++
			overdue := ""
			if d.Overdue(now) {
				overdue = "Có"
			}
			cell, _ := excelize.CoordinatesToCellName(1, n+1) // row 1 is the header
			if err := sw.SetRow(cell, []any{d.Code, text(d.PortalCode), d.ApplicantName, text(d.ApplicantPhone), d.ProcedureCode,
				d.ProcedureName, labelOr(channelLabel, d.Channel), statusLabel(d.Status),
				date(&d.SubmittedAt), date(d.ReceivedAt), date(d.DueAt), overdue, date(d.ResultAt)}); err != nil {
				return false, err
			}
		}
		if page.NextCursor == nil {
			return false, finish(x, sw, w)
		}
		f.Cursor = page.NextCursor
	}
}

func finish(x *excelize.File, sw *excelize.StreamWriter, w io.Writer) error {
	if err := sw.Flush(); err != nil {
		return err
	}
	if _, err := x.WriteTo(w); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}
