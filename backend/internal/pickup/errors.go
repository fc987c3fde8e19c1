package pickup

import (
	"errors"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
)

// The pickup's own refusals, free of HTTP; handlers.go maps them to problems.
var (
	// ErrTaken: another volunteer holds the pickup (lost the race to accept it).
	ErrTaken = errors.New("pickup: already taken")
	// ErrNotConfirmed: the hand-over needs the citizen's confirmation of the form first.
	ErrNotConfirmed = errors.New("pickup: form not confirmed")
	// ErrRated: a pickup is rated once.
	ErrRated = errors.New("pickup: already rated")
	// ErrState: the act (confirm, rate) needs another state than the pickup's.
	ErrState = errors.New("pickup: not in the state this needs")
)

func init() {
	httpx.Register(map[string]httpx.Text{
		"already_taken": {VI: "Nhiệm vụ đã có tình nguyện viên khác nhận", EN: "Another volunteer has taken this task"},
		"not_confirmed": {VI: "Công dân chưa xác nhận nội dung tờ khai", EN: "The citizen has not confirmed the form yet"},
		"already_rated": {VI: "Ông/bà đã đánh giá dịch vụ này", EN: "You already rated this service"},
	})
	httpx.RegisterFields(map[string]httpx.Text{
		"not_home_pickup":      {VI: "Thủ tục không hỗ trợ tiếp nhận tại nhà", EN: "This procedure cannot be received at home"},
		"outside_hours":        {VI: "Khung giờ phải trong giờ làm việc, từ 07:00 đến 17:30", EN: "The window must be within working hours, 07:00 to 17:30"},
		"pickup_sunday":        {VI: "Không tiếp nhận hồ sơ tại nhà vào Chủ nhật", EN: "There are no home pickups on Sundays"},
		"pickup_holiday":       {VI: "Không tiếp nhận hồ sơ tại nhà vào ngày nghỉ lễ, Tết", EN: "There are no home pickups on public holidays"},
		"window_passed":        {VI: "Khung giờ này đã bắt đầu hoặc đã qua", EN: "This window has already begun or passed"},
		"unknown_volunteer":    {VI: "Không phải tình nguyện viên đang hoạt động của phường/xã", EN: "Not an active volunteer of the ward"},
		"unknown_citizen":      {VI: "Không có công dân này trong phường/xã", EN: "No such citizen in the ward"},
		"unknown_neighborhood": {VI: "Khu phố không thuộc phường/xã này", EN: "This neighbourhood is not in the ward"},
		"officers_only":        {VI: "Chỉ cán bộ của phường/xã được ghi thông tin người không có tài khoản", EN: "Only the ward's officers can record a person without an account"},
		"not_represented":      {VI: "Ông/bà chỉ đặt lịch cho chính mình hoặc cho người đã ủy quyền cho ông/bà", EN: "You can book only for yourself or for someone who authorised you"},
		"citizen_or_applicant": {VI: "Cần chọn công dân có tài khoản, hoặc ghi họ tên và số điện thoại người nộp", EN: "Choose a citizen with an account, or give the applicant's name and phone"},
	})
}
