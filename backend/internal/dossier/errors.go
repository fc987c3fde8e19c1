package dossier

import (
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

var (
	errIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển hồ sơ sang trạng thái này từ trạng thái hiện tại",
		EN: "The dossier cannot move to this state from its current state"})
	errNotOverdue = httpx.NewError(http.StatusConflict, "not_overdue")
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"not_overdue": {VI: "Chỉ hẹn lại ngày trả cho hồ sơ đã quá hạn và chưa có kết quả", EN: "Only an overdue dossier without a result can be rescheduled"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"unknown_procedure":   {VI: "Thủ tục không có trong danh mục của phường/xã", EN: "This procedure is not in the ward's catalogue"},
		"procedure_inactive":  {VI: "Thủ tục này đã ngừng tiếp nhận", EN: "This procedure is no longer accepted"},
		"channel_not_allowed": {VI: "Thủ tục không tiếp nhận qua kênh này", EN: "The procedure does not accept this channel"},
		"postal_not_allowed":  {VI: "Thủ tục không hỗ trợ trả kết quả qua bưu điện", EN: "The procedure's result cannot be posted"},
		"unknown_applicant":   {VI: "Người nộp phải là công dân của phường/xã", EN: "The applicant must be a citizen of the ward"},
		"in_future":           {VI: "Thời điểm không được ở tương lai", EN: "Must not be in the future"},
		"too_old":             {VI: "Chỉ ghi nhận hồ sơ tiếp nhận trong 30 ngày gần đây", EN: "Only dossiers received in the last 30 days can be recorded"},
		"not_working_day":     {VI: "Ngày hẹn phải là ngày làm việc", EN: "Must be a working day"},
		"not_after_today":     {VI: "Ngày hẹn mới phải sau hôm nay", EN: "The new date must be after today"},
		"not_a_reschedule":    {VI: "Chỉ gửi ngày hẹn mới khi hẹn lại, với trạng thái đích bằng trạng thái hiện tại", EN: "Send a new due date only to reschedule, with to equal to the current state"},
	})
}
