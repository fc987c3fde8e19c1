package dossier

import (
	"strings"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// message is what the applicant is told when their dossier reaches a state (or gets the apology
// letter). States not listed here notify nobody. Texts follow COPY.md: a refusal always carries
// its reason ("Lý do: …"), the apology names the code, the reason and the new date.
func message(d Dossier, what string, note *string) (notify.Message, bool) {
	reason := httpx.Text{}
	if note != nil {
		n := excerpt(*note, noteExcerpt)
		reason = httpx.Text{VI: " Lý do: " + n, EN: " Reason: " + n}
	}
	due := dueDate(at(d.DueAt))
	var title, body httpx.Text
	switch what {
	case string(Received):
		title = httpx.Text{VI: "Đã tiếp nhận hồ sơ " + d.Code, EN: "Dossier " + d.Code + " received"}
		body = httpx.Text{VI: d.ProcedureName + ". Ngày hẹn trả kết quả: " + due + ".",
			EN: d.ProcedureName + ". Result due on " + due + "."}
	case string(RefusedAtIntake):
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " không được tiếp nhận", EN: "Dossier " + d.Code + " was not accepted"}
		body = httpx.Text{VI: "Hồ sơ chưa đủ điều kiện tiếp nhận." + reason.VI + " Mời ông/bà bổ sung và nộp lại.",
			EN: "The dossier cannot be accepted as it is." + reason.EN + " Please complete it and file it again."}
	case string(SupplementRequested):
		what := httpx.Text{}
		if note != nil {
			n := excerpt(*note, noteExcerpt)
			what = httpx.Text{VI: " Cần bổ sung: " + n, EN: " Needed: " + n}
		}
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " cần bổ sung", EN: "Dossier " + d.Code + " needs more documents"}
		body = httpx.Text{VI: "Mời ông/bà bổ sung hồ sơ để tiếp tục giải quyết." + what.VI,
			EN: "Please complete the dossier so it can be processed." + what.EN}
	case "rescheduled":
		title = httpx.Text{VI: "Thư xin lỗi và hẹn lại ngày trả kết quả", EN: "Apology and new due date"}
		body = httpx.Text{VI: "Hồ sơ " + d.Code + " chưa thể trả kết quả đúng hẹn." + reason.VI + " Ngày hẹn mới: " + due + ".",
			EN: "Dossier " + d.Code + " cannot be finished on time." + reason.EN + " New due date: " + due + "."}
	case string(Rejected):
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " không được giải quyết", EN: "Dossier " + d.Code + " was not approved"}
		body = httpx.Text{VI: "Hồ sơ không đủ điều kiện giải quyết." + reason.VI, EN: "The dossier does not qualify." + reason.EN}
	case string(ResultReady):
		title = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả", EN: "Dossier " + d.Code + " has its result"}
		if d.ReturnMethod == ReturnPostal {
			body = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả và sẽ được gửi qua bưu điện đến địa chỉ của ông/bà.",
				EN: "The result of dossier " + d.Code + " is ready and will be posted to your address."}
		} else {
			body = httpx.Text{VI: "Hồ sơ " + d.Code + " đã có kết quả. Mời ông/bà đến Bộ phận một cửa để nhận.",
				EN: "The result of dossier " + d.Code + " is ready. Please collect it at the one-stop office."}
		}
	case string(Returned):
		title = httpx.Text{VI: "Đã trả kết quả hồ sơ " + d.Code, EN: "Dossier " + d.Code + " returned"}
		body = httpx.Text{VI: "Cảm ơn ông/bà đã sử dụng dịch vụ. Mời ông/bà đánh giá mức độ hài lòng.",
			EN: "Thank you for using the service. Please rate how satisfied you are."}
	default:
		return notify.Message{}, false
	}
	// A dossier without an account is told on the applicant's phone (E.164, normalised at
	// intake); the ward's Zalo/SMS count is the dossier's ward.
	phone := ""
	if !d.ApplicantID.Valid && d.ApplicantPhone != nil {
		phone = *d.ApplicantPhone
	}
	return notify.Message{
		UserID: d.ApplicantID.UUID, Phone: phone, WardID: d.WardID, Type: "dossier." + what, Title: title, Body: body,
		Data: map[string]string{push.KeyDossierID: d.ID.String(), push.KeyCode: d.Code, push.KeyStatus: string(d.Status),
			push.KeyLink: push.Link(push.Dossier, d.ID.String())},
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
