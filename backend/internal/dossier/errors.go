package dossier

import (
	"errors"
	"net/http"

	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/lifecycle"
)

// The dossier's own refusals, free of HTTP; handlers.go's problem maps each to its answer.
var (
	// ErrNotInProgress: an apology letter for a dossier whose clock is not running (not received
	// yet, or with its result, or closed).
	ErrNotInProgress = errors.New("dossier not in progress")
	// ErrApologySent: the one apology letter a dossier may get was already sent.
	ErrApologySent = errors.New("apology letter already sent")
	// ErrTooLateForApology: the letter must go out no later than the working day before the due date.
	ErrTooLateForApology = errors.New("too late for the apology letter")
	// ErrNotReceived: a dossier not received has no receipt.
	ErrNotReceived = errors.New("dossier not received")
	// ErrPortalCodeTaken: another dossier already has this portal code.
	ErrPortalCodeTaken = errors.New("portal code taken")
)

// invalid is the refusal of one field.
func invalid(field, code string) error { return fault.Fields(fault.F(field, code)) }

var errIllegal = httpx.IllegalTransition(httpx.Text{VI: "Không thể chuyển hồ sơ sang trạng thái này từ trạng thái hiện tại",
	EN: "The dossier cannot move to this state from its current state"})

// problem maps the dossier's errors (and the shared lifecycle ones, with the dossier's words) to
// the contract's problems; anything else passes to httpx's error handler unchanged.
func problem(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, lifecycle.ErrIllegal):
		return errIllegal
	case errors.Is(err, lifecycle.ErrForbidden):
		return httpx.ErrForbidden
	case errors.Is(err, ErrNotInProgress):
		return httpx.NewError(http.StatusConflict, "not_in_progress")
	case errors.Is(err, ErrApologySent):
		return httpx.NewError(http.StatusConflict, "apology_already_sent")
	case errors.Is(err, ErrTooLateForApology):
		return httpx.NewError(http.StatusUnprocessableEntity, "too_late_for_apology")
	case errors.Is(err, ErrNotReceived):
		return httpx.NewError(http.StatusConflict, "not_received")
	case errors.Is(err, ErrPortalCodeTaken):
		return httpx.NewError(http.StatusConflict, "portal_code_taken")
	}
	return err
}

func init() {
	httpx.Register(map[string]httpx.Text{
		"not_in_progress": {VI: "Chỉ gửi thư xin lỗi và hẹn lại ngày trả kết quả cho hồ sơ đang giải quyết",
			EN: "An apology letter with a new date is only for a dossier being processed"},
		"apology_already_sent": {VI: "Hồ sơ này đã được gửi thư xin lỗi và hẹn lại ngày trả kết quả; mỗi hồ sơ chỉ được hẹn lại một lần",
			EN: "This dossier already had its apology letter with a new date; a dossier can be rescheduled only once"},
		"too_late_for_apology": {VI: "Đã quá hạn gửi thư xin lỗi: thư phải gửi chậm nhất một ngày làm việc trước ngày hẹn trả kết quả",
			EN: "Too late for the apology letter: it must be sent no later than one working day before the due date"},
		"not_received": {VI: "Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận", EN: "The dossier has not been received, so it has no receipt yet"},
		"portal_code_taken": {VI: "Mã hồ sơ trên Cổng dịch vụ công này đã được ghi cho một hồ sơ khác",
			EN: "This portal code is already recorded for another dossier"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"unknown_procedure":   {VI: "Thủ tục không có trong danh mục của phường/xã", EN: "This procedure is not in the ward's catalogue"},
		"procedure_inactive":  {VI: "Thủ tục này đã ngừng tiếp nhận", EN: "This procedure is no longer accepted"},
		"channel_not_allowed": {VI: "Thủ tục không tiếp nhận qua kênh này", EN: "The procedure does not accept this channel"},
		"postal_not_allowed":  {VI: "Thủ tục không hỗ trợ trả kết quả qua bưu điện", EN: "The procedure's result cannot be posted"},
		"unknown_applicant": {VI: "Không tìm thấy tài khoản người dân này tại phường/xã; hãy ghi họ tên và số điện thoại của người nộp",
			EN: "No such citizen account in this ward; record the applicant's name and phone instead"},
		"in_future":        {VI: "Thời điểm không được ở tương lai", EN: "Must not be in the future"},
		"too_old":          {VI: "Chỉ ghi nhận hồ sơ tiếp nhận trong 30 ngày gần đây", EN: "Only dossiers received in the last 30 days can be recorded"},
		"not_working_day":  {VI: "Ngày hẹn phải là ngày làm việc", EN: "Must be a working day"},
		"not_after_today":  {VI: "Ngày hẹn mới phải sau hôm nay", EN: "The new date must be after today"},
		"not_after_due":    {VI: "Ngày hẹn mới phải sau ngày hẹn hiện tại", EN: "The new date must be after the current due date"},
		"not_a_reschedule": {VI: "Chỉ gửi ngày hẹn mới khi hẹn lại, với trạng thái đích bằng trạng thái hiện tại", EN: "Send a new due date only to reschedule, with to equal to the current state"},
		"reason_required": {VI: "Cần ghi rõ lý do; người nộp sẽ nhận được nội dung này",
			EN: "Write the reason; the applicant receives it"},
		"missing_documents_required": {VI: "Cần ghi rõ giấy tờ cần bổ sung; người nộp sẽ nhận được nội dung này",
			EN: "List what is missing; the applicant receives it"},
		"apology_required": {VI: "Cần ghi lời xin lỗi và lý do hẹn lại; người nộp sẽ nhận được nội dung này",
			EN: "Write the apology and the reason for the new date; the applicant receives it"},
		"only_at_intake":      {VI: "Chỉ ghi giấy tờ đã nhận khi tiếp nhận hồ sơ", EN: "List the documents received only when receiving the dossier"},
		"invalid_portal_code": {VI: "Mã hồ sơ trên Cổng dịch vụ công có dạng mãđơnvị-YYMMDD-XXXX", EN: "A portal code looks like unitcode-YYMMDD-XXXX"},
	})
}
