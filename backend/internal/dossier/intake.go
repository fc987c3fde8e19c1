package dossier

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier/dossierdb"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/wards"
)

// Intake (DESIGN.md §4): a dossier handed to an officer in person is received at once; one that
// reaches the office otherwise — a volunteer's hand-over of a home pickup, a parcel sent by post,
// an import — is submitted, and its clock starts only when an officer receives it (checks that it
// is complete, issues the receipt) or refuses it at intake with a reason.

// Submission is a dossier that reached the office without being received in person.
type Submission struct {
	WardID         uuid.UUID
	ProcedureID    uuid.UUID
	Channel        string     // ChannelHomePickup, ChannelPostal or ChannelImport
	ApplicantID    *uuid.UUID // the applicant's citizen account in the ward, if they have one …
	ApplicantName  string     // … otherwise their name …
	ApplicantPhone *string    // … and phone (any Vietnamese or +E.164 number)
	ReturnMethod   string     // ReturnCounter (default) or ReturnPostal
	Note           *string    // shown in the dossier's timeline, e.g. "Tiếp nhận tại nhà"
	By             auth.Principal
}

// CreateSubmitted records, inside the caller's transaction, a dossier that reached the office but
// is not received yet: status submitted (portal status 1), no received_at, due_at or receipt —
// its clock starts when an officer moves it to received. It is what a home pickup's hand-over
// (channel home_pickup) and a parcel arriving by post (channel postal) call. By is who handed it
// over (the volunteer, an officer; a zero Principal for the post) and is recorded as its creator;
// the applicant is not notified (they are when an officer receives it). It answers the dossier's
// id and code, or a *fault.Invalid naming the field at fault (procedure_id, channel,
// return_method, applicant_id, applicant_name, applicant_phone).
//
// The procedure must be in WardID's catalogue and active, and allow the channel (postal and import
// are not catalogue channels and are not checked); an applicant account must be a citizen of WardID.
func (s *Service) CreateSubmitted(ctx context.Context, tx pgx.Tx, in Submission) (uuid.UUID, string, error) {
	caller := in.By
	caller.WardID = in.WardID
	if caller.Role == "" { // no user handed it over: the post, or another system
		caller.Role = roleSystem
		if in.Channel == ChannelPostal {
			caller.Role = roleCarrier
		}
	}
	name := in.ApplicantName
	input := Input{ProcedureID: in.ProcedureID, ApplicantID: in.ApplicantID, ApplicantName: &name, ApplicantPhone: in.ApplicantPhone,
		Channel: in.Channel, ReturnMethod: in.ReturnMethod, Note: in.Note}
	p, err := s.prepare(ctx, tx, uuid.Must(uuid.NewV7()), caller, input, false)
	if err != nil {
		return uuid.Nil, "", err
	}
	return s.insert(ctx, tx, p, caller)
}

// receiptBase is what the receipt copies from the dossier itself.
type receiptBase struct {
	code, name, returnMethod string
}

// intaken is a dossier's clock and receipt as computed at intake.
type intaken struct {
	due     time.Time
	receipt []byte
}

// intake computes the due time from the procedure's processing time in the ward's calendar
// (working days, or calendar days where the procedure's law counts so) and the receipt snapshot
// (giấy tiếp nhận hồ sơ và hẹn trả kết quả, Thông tư 01/2018/TT-VPCP): procedure,
// fee, documents received (default the procedure's required documents), receiving officer, due
// date and return method. It reads through the pool.
func (s *Service) intake(ctx context.Context, q *dossierdb.Queries, officer auth.Principal, ward, procID uuid.UUID,
	received time.Time, documents []string, base receiptBase) (intaken, error) {
	terms, err := q.ProcedureTerms(ctx, dossierdb.ProcedureTermsParams{ID: procID, WardID: ward})
	if err != nil {
		return intaken{}, err
	}
	days := int(terms.ProcessingDays)
	var cutoff *int
	if terms.CutoffHour != nil {
		h := int(*terms.CutoffHour)
		cutoff = &h
	}
	cal, err := s.calendars.ForWard(ctx, ward, received)
	if err != nil {
		return intaken{}, err
	}
	due := cal.DueAt(received, days, cutoff)
	if terms.DayCount == "calendar" {
		due = cal.DueAtCalendarDays(received, days, cutoff)
	}
	if documents == nil {
		documents = terms.RequiredDocuments
	}
	if documents == nil {
		documents = []string{}
	}
	office, err := q.WardOffice(ctx, ward)
	if err != nil {
		return intaken{}, err
	}
	rc := Receipt{ProcedureCode: base.code, ProcedureName: base.name, FeeVND: terms.FeeVnd, DocumentsReceived: documents,
		OfficeName: officeName(office.Name, office.OfficeName), WardName: office.Name, ReceivedAt: received, DueAt: due,
		ReturnMethod: base.returnMethod}
	if officer.UserID != uuid.Nil {
		if n, err := q.UserName(ctx, officer.UserID); err == nil {
			rc.ReceivingOfficer = &n
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return intaken{}, err
		}
	}
	b, err := json.Marshal(rc)
	if err != nil {
		return intaken{}, err
	}
	return intaken{due: due, receipt: b}, nil
}

// officeName is the ward's receiving office as set, or by default "Trung tâm Phục vụ hành chính
// công" followed by the ward's name (Nghị định 118/2025/NĐ-CP): "… công phường Bến Thành". The
// wards feature owns the rule (its admin sets the name there).
func officeName(ward string, set *string) string { return wards.OfficeName(ward, set) }

// receive is submitted → received by an officer: the clock starts now, the receipt is issued and
// the applicant told. The caller has checked the move and holds the row lock.
func (s *Service) receive(ctx context.Context, tx pgx.Tx, d Dossier, caller auth.Principal, documents []string, now time.Time) (Dossier, error) {
	docs, err := cleanDocuments(documents)
	if err != nil {
		return Dossier{}, err
	}
	q := s.q.WithTx(tx)
	in, err := s.intake(ctx, q, caller, d.WardID, d.ProcedureID, now, docs,
		receiptBase{code: d.ProcedureCode, name: d.ProcedureName, returnMethod: d.ReturnMethod})
	if err != nil {
		return Dossier{}, err
	}
	row, err := q.Receive(ctx, dossierdb.ReceiveParams{ID: d.ID, ReceivedAt: now, DueAt: in.due,
		ReceivedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Receipt: in.receipt})
	if err != nil {
		return Dossier{}, err
	}
	return fromRow(row), nil
}

// cleanDocuments trims the documents an officer lists at intake; nil keeps the default.
func cleanDocuments(docs []string) ([]string, error) {
	if docs == nil {
		return nil, nil
	}
	out := make([]string, 0, len(docs))
	for _, doc := range docs {
		v, code := httpx.CheckText(doc, 300)
		if code != "" {
			return nil, invalid("documents_received", code)
		}
		out = append(out, v)
	}
	return out, nil
}
