package dossier

import (
	"strings"

	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
)

// message is what the applicant is told when their dossier reaches a state (or is
// rescheduled). States not listed here notify nobody.
func message(d dossierdb.Dossier, what string, note *string) (notify.Message, bool) {
	reason := httpx.Text{}
	if note != nil {
		n := excerpt(*note, noteExcerpt)
		reason = httpx.Text{VI: " Nội dung: " + n, EN: " Details: " + n}
	}
	due := dueDate(at(d.DueAt))
	var title, body httpx.Text
	switch what {
	case Received:
		title = httpx.Text{VI: "Đã tiếp nhận hồ sơ " + d.Code, EN: "Dossier " + d.Code + " received"}
		body = httpx.Text{VI: d.ProcedureName + ". Ngày hẹn trả kết quả: " + due + ".",
			EN: d.ProcedureName + ". Result due on " + due + "."}
	case SupplementRequested:
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " cần bổ sung", EN: "Dossier " + d.Code + " needs more documents"}
		body = httpx.Text{VI: "Vui lòng bổ sung hồ sơ theo hướng dẫn của bộ phận một cửa." + reason.VI,
			EN: "Please complete the dossier as the one-stop office asks." + reason.EN}
	case "rescheduled":
		title = httpx.Text{VI: "Xin lỗi: hồ sơ " + d.Code + " được hẹn lại ngày trả", EN: "Sorry: dossier " + d.Code + " has a new due date"}
		body = httpx.Text{VI: "Ngày hẹn mới: " + due + "." + reason.VI, EN: "New due date: " + due + "." + reason.EN}
	case Rejected:
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " không được giải quyết", EN: "Dossier " + d.Code + " was not approved"}
		body = httpx.Text{VI: "Bộ phận một cửa đã trả lời hồ sơ của ông/bà." + reason.VI, EN: "The one-stop office has answered your dossier." + reason.EN}
	case ResultReady:
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả", EN: "Dossier " + d.Code + " has its result"}
		if d.ReturnMethod == "postal" {
			body = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả và sẽ được gửi qua bưu điện đến địa chỉ của ông/bà.",
				EN: "The result of dossier " + d.Code + " is ready and will be posted to your address."}
		} else {
			body = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả. Mời ông/bà đến bộ phận một cửa để nhận.",
				EN: "The result of dossier " + d.Code + " is ready. Please collect it at the one-stop office."}
		}
	case Returned:
		title = httpx.Text{VI: "Đã trả kết quả hồ sơ " + d.Code, EN: "Dossier " + d.Code + " returned"}
		body = httpx.Text{VI: "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng.",
			EN: "Thank you for using the service. Please rate how satisfied you are."}
	default:
		return notify.Message{}, false
	}
	return notify.Message{
		UserID: d.ApplicantID.UUID, Type: "dossier." + what, Title: title, Body: body,
		Data: map[string]string{"dossier_id": d.ID.String(), "code": d.Code, "status": d.Status,
			"link": "motcua://dossiers/" + d.ID.String()},
	}, true
}

// noteExcerpt is how much of an officer's note a notification quotes: a push must stay under
// FCM's 4 KB (notify refuses a bigger one) even for the longest note the contract allows
// (1,000 characters, up to 4 bytes each). The dossier's timeline keeps the whole note.
const noteExcerpt = 300

// excerpt cuts s to at most n characters, marking a cut with an ellipsis.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
