// Texts in both languages, the reader's language, and the catalogue of error titles and field
// messages.

package httpx

import (
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// Text is a message in both of the product's languages.
type Text struct{ VI, EN string }

// In picks the language: "en" gives English, anything else Vietnamese.
func (t Text) In(lang string) string {
	if lang == "en" && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// Lang is the response language for the request: English when Accept-Language prefers it.
func Lang(c *fiber.Ctx) string {
	al := strings.ToLower(strings.TrimSpace(c.Get(fiber.HeaderAcceptLanguage)))
	if strings.HasPrefix(al, "en") {
		return "en"
	}
	return "vi"
}

// The catalogue of titles for error codes and messages for field codes. Features add their own
// codes with Register at init time; codes are stable API, messages may improve.
var (
	titles    = &catalogue{m: map[string]Text{}, unknown: Text{VI: "Đã xảy ra lỗi", EN: "Something went wrong"}}
	fieldMsgs = &catalogue{m: map[string]Text{}, unknown: Text{VI: "Giá trị không hợp lệ", EN: "Invalid value"}}
)

type catalogue struct {
	mu      sync.RWMutex
	m       map[string]Text
	unknown Text // for a code nobody registered
}

func (c *catalogue) add(m map[string]Text) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range m {
		c.m[k] = v
	}
}

func (c *catalogue) get(code string) Text {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if t, ok := c.m[code]; ok {
		return t
	}
	return c.unknown
}

// Register adds error-code titles to the catalogue.
func Register(m map[string]Text) { titles.add(m) }

// RegisterFields adds field-code messages to the catalogue.
func RegisterFields(m map[string]Text) { fieldMsgs.add(m) }

// Message is the title of an error code.
func Message(code string) Text { return titles.get(code) }

// FieldMessage is the message of a field code.
func FieldMessage(code string) Text { return fieldMsgs.get(code) }

func init() {
	Register(map[string]Text{
		"bad_request":             {"Yêu cầu không hợp lệ", "Bad request"},
		"malformed_json":          {"Nội dung JSON không đọc được", "The JSON body could not be read"},
		"validation_failed":       {"Dữ liệu gửi lên chưa hợp lệ", "Some fields are not valid"},
		"unauthorized":            {"Bạn cần đăng nhập", "You need to log in"},
		"forbidden":               {"Bạn không có quyền thực hiện thao tác này", "You are not allowed to do this"},
		"not_found":               {"Không tìm thấy", "Not found"},
		"method_not_allowed":      {"Phương thức không được hỗ trợ", "Method not allowed"},
		"payload_too_large":       {"Nội dung gửi lên quá lớn", "The request body is too large"},
		"unsupported_media_type":  {"Định dạng nội dung không được hỗ trợ (cần application/json)", "Unsupported content type (application/json expected)"},
		"rate_limited":            {"Bạn thao tác quá nhiều lần, vui lòng thử lại sau", "Too many attempts, please try again later"},
		"headers_too_large":       {"Địa chỉ hoặc tiêu đề yêu cầu quá dài", "The request line or headers are too large"},
		"internal":                {"Hệ thống gặp sự cố, vui lòng thử lại sau", "Internal error, please try again later"},
		"conflict":                {"Xung đột dữ liệu", "Conflict"},
		"illegal_transition":      {"Không thể chuyển sang trạng thái này từ trạng thái hiện tại", "This cannot move to that state from its current state"},
		"idempotency_key_reused":  {"Idempotency-Key đã được dùng cho một yêu cầu khác", "This Idempotency-Key was used for a different request"},
		"idempotency_in_progress": {"Yêu cầu với Idempotency-Key này đang được xử lý", "A request with this Idempotency-Key is still being processed"},
	})
	RegisterFields(map[string]Text{
		"required":       {"Trường này là bắt buộc", "This field is required"},
		"invalid_type":   {"Sai kiểu dữ liệu", "Wrong type"},
		"too_long":       {"Giá trị quá dài", "Too long"},
		"too_short":      {"Giá trị quá ngắn", "Too short"},
		"too_large":      {"Giá trị quá lớn", "Too large"},
		"too_small":      {"Giá trị quá nhỏ", "Too small"},
		"invalid_value":  {"Giá trị không nằm trong danh sách cho phép", "Not one of the allowed values"},
		"invalid_format": {"Sai định dạng", "Wrong format"},
		"unknown_field":  {"Trường này không được hỗ trợ", "Unknown field"},
		"blank":          {"Không được để trống", "Must not be blank"},
		// Shared by the features that take a date or a time window.
		"in_past":          {"Ngày đã qua", "This date has passed"},
		"end_before_start": {"Giờ kết thúc phải sau giờ bắt đầu", "The end must be after the start"},
	})
}
