package pickup

import (
	"context"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/pickup/pickupdb"
	"github.com/motcuagandan/motcua/mobile-bridge/push"
)

// data is a pickup push's payload: its id and the link that opens it in the app.
func data(id uuid.UUID) map[string]string {
	return map[string]string{push.KeyPickupID: id.String(), push.KeyLink: push.Link(push.Pickup, id.String())}
}

// when says a pickup's day and window as sentences do (COPY.md): "Thứ Năm, ngày 26/11/2026, 09:00–11:00".
func when(p pickupdb.Pickup) httpx.Text {
	d := p.PreferredDate
	window := p.WindowStart + "–" + p.WindowEnd
	return httpx.Text{VI: weekdayVI[d.Weekday()] + ", ngày " + d.Format("02/1/2006") + ", " + window,
		EN: d.Format("Monday 2/1/2006") + ", " + window}
}

var weekdayVI = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

func (s *Service) tellVolunteers(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup, vols []uuid.UUID, kind string) error {
	if len(vols) == 0 {
		return nil
	}
	w := when(p)
	msgs := make([]notify.Message, 0, len(vols))
	for _, v := range vols {
		msgs = append(msgs, notify.Message{UserID: v, Type: kind,
			Title: httpx.Text{VI: "Nhiệm vụ tiếp nhận hồ sơ tại nhà", EN: "Home pickup task"},
			Body:  httpx.Text{VI: p.Address + " — " + w.VI, EN: p.Address + " — " + w.EN},
			Data:  data(p.ID)})
	}
	_, err := notify.EnqueueMany(ctx, tx, msgs, s.clock.Now)
	return err
}

// tellCitizen tells the citizen the pickup is for what happened to it. A person without an
// account has no inbox: the office reaches them by phone.
func (s *Service) tellCitizen(ctx context.Context, tx pgx.Tx, p pickupdb.Pickup, to Status, extra string) error {
	if !p.CitizenID.Valid && p.ApplicantPhone == nil {
		return nil
	}
	var m notify.Message
	switch to {
	case Accepted:
		w := when(p)
		title := httpx.Text{VI: "Đã có tình nguyện viên nhận đề nghị tiếp nhận hồ sơ tại nhà", EN: "A volunteer took your home pickup request"}
		// extra: the volunteer's name (COPY.md: "Tình nguyện viên … đã nhận yêu cầu của ông/bà, sẽ đến vào …")
		m = notify.Message{Type: string(push.PickupAccepted), Title: title, Body: httpx.Text{VI: "Tình nguyện viên " + extra + " đã nhận yêu cầu của ông/bà, sẽ đến vào " + w.VI + ".",
			EN: "Volunteer " + extra + " took your request and will come on " + w.EN + "."}}
	case EnRoute:
		title := httpx.Text{VI: "Tình nguyện viên đang đến", EN: "The volunteer is on the way"}
		m = notify.Message{Type: string(push.PickupEnRoute), Title: title, Body: httpx.Text{VI: "Tình nguyện viên đang trên đường đến nhà ông/bà.", EN: "The volunteer is on the way to your home."}}
	case HandedOver:
		title := httpx.Text{VI: "Hồ sơ đã được bàn giao cho Trung tâm", EN: "Your dossier was handed over to the office"}
		m = notify.Message{Type: string(push.PickupHandedOver), Title: title, Body: httpx.Text{VI: "Mã hồ sơ: " + extra + ". Trung tâm sẽ kiểm tra và tiếp nhận hồ sơ; ông/bà có thể theo dõi trên ứng dụng.",
			EN: "Dossier code: " + extra + ". The office will check and receive it; follow it in the app."}}
	case Failed:
		title := httpx.Text{VI: "Tình nguyện viên chưa gặp được ông/bà", EN: "The volunteer could not meet you"}
		m = notify.Message{Type: string(push.PickupFailed), Title: title, Body: httpx.Text{VI: "Lý do: " + extra + ". Trung tâm sẽ liên hệ lại với ông/bà.", EN: "Reason: " + extra + ". The office will contact you."}}
	default:
		return nil
	}
	m.UserID, m.Data, m.WardID = p.CitizenID.UUID, data(p.ID), p.WardID
	if !p.CitizenID.Valid {
		m.Phone = *p.ApplicantPhone // someone without an account (issue 16): Zalo, then SMS when it matters
	}
	_, err := notify.Enqueue(ctx, tx, m, s.clock.Now)
	return err
}
