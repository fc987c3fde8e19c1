package postal

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/dossier"
	"github.com/motcuagandan/motcua/backend/internal/fault"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// A dossier sent to the office by post (Quyết định 45/2016/QĐ-TTg, Điều 5: the citizen may send
// the dossier through the public postal service; the postal worker checks the documents against
// the list, collects the fees and charges on the authority's behalf, and brings the dossier to the
// office, which receives it as any other).

// postable is a procedure of the ward that takes dossiers by post, with its fee (nil: only the
// province knows it, "theo quy định của tỉnh").
func (s *Service) postable(ctx context.Context, wardID, id uuid.UUID) (procedure.Procedure, *int64, error) {
	p, err := s.procedures.Get(ctx, wardID, id)
	switch {
	case errors.Is(err, httpx.ErrNotFound): // another ward's answers as an unknown one
		return p, nil, fault.Fields(fault.F("procedure_id", "unknown_procedure"))
	case err != nil:
		return p, nil, err
	case !p.Active:
		return p, nil, fault.Fields(fault.F("procedure_id", "procedure_inactive"))
	case !p.Allows(procedure.ChannelPostal):
		return p, nil, fault.Fields(fault.F("procedure_id", "postal_inbound_not_allowed"))
	}
	fee, err := s.q.ProcedureFee(ctx, postaldb.ProcedureFeeParams{ID: id, WardID: wardID})
	return p, fee, err
}

// collectable is the fee the postal worker collects for the office: none when the procedure is
// free or its fee is not known to the catalogue (the office then tells the citizen).
func collectable(fee *int64) *int64 {
	if fee == nil || *fee <= 0 {
		return nil
	}
	v := *fee
	return &v
}

// QuoteInbound is what posting a dossier to the office costs, shown before the citizen books:
// the postage from the sender's province and the procedure's fee the postal worker collects.
func (s *Service) QuoteInbound(ctx context.Context, caller auth.Principal, procedureID uuid.UUID, province string) (InboundQuote, error) {
	_, fee, err := s.postable(ctx, caller.WardID, procedureID)
	if err != nil {
		return InboundQuote{}, err
	}
	q, err := quote(ctx, s.q, caller.WardID, province, false)
	if err != nil {
		return InboundQuote{}, err
	}
	return InboundQuote{Quote: q, ProcedureFeeVND: fee}, nil
}

// SendDossier books the postal worker's visit for a citizen's dossier of a procedure of their
// ward. The parcel is registered with the carrier in the background (the carrier outbox, as a
// result's hand-over), and the shipment shows the postage and the fee to be collected.
func (s *Service) SendDossier(ctx context.Context, caller auth.Principal, in InboundInput) (Shipment, error) {
	if id, ok := idempotency.Committed(ctx, "shipment"); ok {
		return s.view(ctx, id)
	}
	var fields []fault.Field
	p, fee, err := s.postable(ctx, caller.WardID, in.ProcedureID)
	var inv *fault.Invalid
	switch {
	case errors.As(err, &inv):
		fields = append(fields, inv.Fields...)
	case err != nil:
		return Shipment{}, err
	}
	back := in.ReturnByPost
	if back && err == nil && !p.Allows(procedure.ChannelPostalReturn) {
		fields = append(fields, fault.F("return_by_post", "postal_not_allowed"))
	}
	addr, afields := cleanAddress("sender_name", "sender_phone", in.Sender)
	if err := fault.Fields(append(fields, afields...)...); err != nil {
		return Shipment{}, err
	}
	payment := "unpaid"
	if in.Payment != nil {
		payment = *in.Payment
	}
	q, err := quote(ctx, s.q, caller.WardID, addr.Province, payment == "cod")
	if err != nil {
		return Shipment{}, err
	}
	now := s.clock.Now()
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "shipment", id); err != nil {
			return err
		}
		me := uuid.NullUUID{UUID: caller.UserID, Valid: true}
		sh, err := s.q.WithTx(tx).InsertShipment(ctx, postaldb.InsertShipmentParams{
			ID: id, WardID: caller.WardID, Direction: string(Inbound), ProcedureID: uuid.NullUUID{UUID: p.ID, Valid: true},
			CitizenID: me, RecipientName: addr.Name, RecipientPhone: addr.Phone, Province: addr.Province, Ward: addr.Ward,
			Street: addr.Street, Note: addr.Note, FeeVnd: q.FeeVND, CollectedFeeVnd: collectable(fee), ReturnByPost: back,
			PaymentStatus: payment, Carrier: "local", CreatedBy: me, Now: now,
		})
		if err != nil {
			return err
		}
		if err := s.event(ctx, tx, sh, nil, string(Requested), "staff", caller.UserID, nil, now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "shipment.send_dossier",
			TargetType: "shipment", TargetID: sh.ID, Detail: map[string]any{"procedure": p.Code, "fee_vnd": q.FeeVND}, At: now}); err != nil {
			return err
		}
		// The carrier is asked to collect the parcel: a job in this transaction, called after it commits.
		_, err = s.handOver(ctx, tx, sh, "", nil, caller.UserID, now)
		return err
	})
	if err != nil {
		return Shipment{}, err
	}
	return s.viewAs(ctx, id, caller)
}

// arrive turns a posted dossier that reached the office into a submitted dossier (channel
// postal) for the officers' intake, as the citizen who posted it, and names it in the shipment's
// move (params). It runs only inside a move into delivered of the locked shipment row, which the
// lifecycle allows once: a repeated or late carrier event finds the parcel delivered and is stale,
// so one parcel is one dossier. With return_by_post, the result's shipment is booked at once.
func (s *Service) arrive(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, at time.Time, params *postaldb.SetShipmentStatusParams) error {
	if !sh.CitizenID.Valid || !sh.ProcedureID.Valid {
		return errors.New("postal: an inbound shipment without its citizen or procedure")
	}
	citizen := sh.CitizenID.UUID
	ret := dossier.ReturnCounter
	if sh.ReturnByPost {
		ret = dossier.ReturnPostal
	}
	note := "Hồ sơ gửi qua bưu điện"
	if sh.TrackingNumber != nil {
		note += ", bưu gửi " + *sh.TrackingNumber
	}
	// By is left empty: the post handed it over (the timeline names the carrier).
	id, code, err := s.submit(ctx, tx, dossier.Submission{WardID: sh.WardID, ProcedureID: sh.ProcedureID.UUID,
		Channel: dossier.ChannelPostal, ApplicantID: &citizen, ReturnMethod: ret, Note: &note})
	if err != nil {
		return err
	}
	params.DossierID, params.DossierCode = uuid.NullUUID{UUID: id, Valid: true}, &code
	if !sh.ReturnByPost {
		return nil
	}
	d := dossier.Summary{ID: id, WardID: sh.WardID, Code: code, ProcedureID: sh.ProcedureID.UUID, ApplicantID: sh.CitizenID}
	addr := Address{Name: sh.RecipientName, Phone: sh.RecipientPhone, Province: sh.Province, Ward: sh.Ward, Street: sh.Street}
	return s.bookResult(ctx, tx, uuid.Must(uuid.NewV7()), d, addr, "unpaid", citizen, at)
}
