package postal

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/motcuagandan/motcua/backend/internal/api"
	"github.com/motcuagandan/motcua/backend/internal/audit"
	"github.com/motcuagandan/motcua/backend/internal/auth"
	"github.com/motcuagandan/motcua/backend/internal/httpx"
	"github.com/motcuagandan/motcua/backend/internal/idempotency"
	"github.com/motcuagandan/motcua/backend/internal/notify"
	"github.com/motcuagandan/motcua/backend/internal/phone"
	"github.com/motcuagandan/motcua/backend/internal/postal/postaldb"
	"github.com/motcuagandan/motcua/backend/internal/procedure"
)

// tariff is the ward's, or the default.
func (s *Service) tariff(ctx context.Context, wardID uuid.UUID) (postaldb.PostalTariff, error) {
	t, err := s.q.Tariff(ctx, wardID)
	if errors.Is(err, pgx.ErrNoRows) {
		t = DefaultTariff
		t.WardID = wardID
		return t, nil
	}
	return t, err
}

// quote prices a delivery to a province: in the ward's own province or elsewhere, plus the COD
// fee when the postman collects payment.
func (s *Service) quote(ctx context.Context, wardID uuid.UUID, province string, cod bool) (api.ShipmentQuote, error) {
	t, err := s.tariff(ctx, wardID)
	if err != nil {
		return api.ShipmentQuote{}, err
	}
	own, err := s.q.WardProvince(ctx, wardID)
	if err != nil {
		return api.ShipmentQuote{}, err
	}
	same := fold(province) == fold(own)
	fee := t.OtherProvinceVnd
	if same {
		fee = t.SameProvinceVnd
	}
	if cod {
		fee += t.CodFeeVnd
	}
	return api.ShipmentQuote{FeeVnd: fee, SameProvince: same, CodAvailable: true}, nil
}

func fold(s string) string { return procedure.Fold(httpx.CleanText(s)) }

// Quote implements the price shown before booking.
func (s *Service) Quote(ctx context.Context, caller auth.Principal, dossierID uuid.UUID, province string) (api.ShipmentQuote, error) {
	d, err := s.dossiers.Summary(ctx, caller, dossierID)
	if err != nil {
		return api.ShipmentQuote{}, err
	}
	return s.quote(ctx, d.WardID, province, false)
}

// Book records the citizen's wish to get the result by post.
func (s *Service) Book(ctx context.Context, caller auth.Principal, dossierID uuid.UUID, in api.ShipmentInput) (api.Shipment, error) {
	if id, ok := idempotency.Committed(ctx, "shipment"); ok {
		return s.view(ctx, id)
	}
	d, err := s.dossiers.Summary(ctx, caller, dossierID)
	if err != nil {
		return api.Shipment{}, err
	}
	if !d.Open() {
		return api.Shipment{}, httpx.NewError(409, "dossier_closed")
	}
	var fields []httpx.FieldError
	p, err := s.procedures.Get(ctx, d.WardID, d.ProcedureID)
	if err != nil && !errors.Is(err, httpx.ErrNotFound) {
		return api.Shipment{}, err
	}
	if err != nil || !p.Allows(procedure.ChannelPostalReturn) {
		fields = append(fields, httpx.Field("dossier_id", "postal_not_allowed"))
	}
	text := func(field string, v string, max int) string {
		c, code := httpx.CheckText(v, max)
		if code != "" {
			fields = append(fields, httpx.Field(field, code))
		}
		return c
	}
	name := text("recipient_name", in.RecipientName, 120)
	province := text("province", in.Province, 100)
	ward := text("ward", in.Ward, 100)
	street := text("street", in.Street, 300)
	ph, perr := phone.Normalize(in.RecipientPhone)
	if perr != nil {
		fields = append(fields, httpx.Field("recipient_phone", "invalid_phone"))
	}
	if len(fields) > 0 {
		return api.Shipment{}, httpx.Invalid(fields...)
	}
	payment := "unpaid"
	if in.PaymentStatus != nil {
		payment = string(*in.PaymentStatus)
	}
	q, err := s.quote(ctx, d.WardID, province, payment == "cod")
	if err != nil {
		return api.Shipment{}, err
	}
	now := s.clock.Now()
	id := uuid.Must(uuid.NewV7())
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if err := idempotency.Record(ctx, tx, "shipment", id); err != nil {
			return err
		}
		sh, err := s.q.WithTx(tx).InsertShipment(ctx, postaldb.InsertShipmentParams{
			ID: id, WardID: d.WardID, DossierID: d.ID, DossierCode: d.Code, CitizenID: d.ApplicantID,
			RecipientName: name, RecipientPhone: ph, Province: province, Ward: ward, Street: street,
			Note: httpx.CleanOptional(in.Note), FeeVnd: q.FeeVnd, PaymentStatus: payment, Carrier: "local",
			CreatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, Now: now,
		})
		var pgErr *pgconn.PgError
		if errors.As(err, &pgErr) && pgErr.ConstraintName == "shipments_one_active_per_dossier" {
			return errShipmentExists
		}
		if err != nil {
			return err
		}
		if err := s.dossiers.UsePostalReturn(ctx, tx, d.ID, now); err != nil {
			return err
		}
		if err := s.event(ctx, tx, sh, nil, "requested", "staff", caller.UserID, nil, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: d.WardID, ActorID: caller.UserID, Action: "shipment.book",
			TargetType: "shipment", TargetID: sh.ID, Detail: map[string]any{"dossier": d.Code, "fee_vnd": q.FeeVnd}, At: now})
	})
	if err != nil {
		return api.Shipment{}, err
	}
	return s.view(ctx, id)
}

func (s *Service) event(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, from *string, to, source string, actor uuid.UUID, note *string, at time.Time) error {
	return s.q.WithTx(tx).InsertShipmentEvent(ctx, postaldb.InsertShipmentEventParams{ID: uuid.Must(uuid.NewV7()), ShipmentID: sh.ID,
		FromStatus: from, ToStatus: to, Source: source, ActorID: uuid.NullUUID{UUID: actor, Valid: actor != uuid.Nil},
		Note: note, OccurredAt: at, CreatedAt: s.clock.Now()})
}

// visible: the citizen whose dossier it is, or the ward's staff.
func visible(sh postaldb.Shipment, caller auth.Principal) bool {
	if caller.Role == auth.RoleCitizen {
		return sh.CitizenID.Valid && sh.CitizenID.UUID == caller.UserID
	}
	return caller.Is(auth.RoleOfficer, auth.RoleAdmin) && sh.WardID == caller.WardID
}

// Get returns a shipment with its timeline.
func (s *Service) Get(ctx context.Context, caller auth.Principal, id uuid.UUID) (api.Shipment, error) {
	sh, err := s.q.GetShipment(ctx, id)
	if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(sh, caller) {
		return api.Shipment{}, httpx.ErrNotFound
	}
	if err != nil {
		return api.Shipment{}, err
	}
	return s.withDetails(ctx, sh, caller)
}

// view is the shipment as anyone allowed to see it may (no staff-only details).
func (s *Service) view(ctx context.Context, id uuid.UUID) (api.Shipment, error) {
	return s.viewAs(ctx, id, auth.Principal{})
}

func (s *Service) viewAs(ctx context.Context, id uuid.UUID, caller auth.Principal) (api.Shipment, error) {
	sh, err := s.q.GetShipment(ctx, id)
	if err != nil {
		return api.Shipment{}, err
	}
	return s.withDetails(ctx, sh, caller)
}

// withDetails is the shipment with its timeline and its registration with the carrier.
func (s *Service) withDetails(ctx context.Context, sh postaldb.Shipment, caller auth.Principal) (api.Shipment, error) {
	out, err := s.toAPI(ctx, sh, true)
	if err != nil {
		return api.Shipment{}, err
	}
	regs, err := s.registrations(ctx, sh.ID)
	if err != nil {
		return api.Shipment{}, err
	}
	if j, ok := regs[sh.ID]; ok {
		out.CarrierRegistration = registrationAPI(j, caller.Is(auth.RoleOfficer, auth.RoleAdmin))
	}
	return out, nil
}

func (s *Service) toAPI(ctx context.Context, sh postaldb.Shipment, withEvents bool) (api.Shipment, error) {
	out := api.Shipment{Id: sh.ID, DossierId: sh.DossierID, DossierCode: sh.DossierCode, Status: api.ShipmentStatus(sh.Status),
		RecipientName: sh.RecipientName, RecipientPhone: sh.RecipientPhone, Province: sh.Province, Ward: sh.Ward,
		Street: sh.Street, Note: sh.Note, FeeVnd: sh.FeeVnd, PaymentStatus: api.PaymentStatus(sh.PaymentStatus),
		Carrier: sh.Carrier, TrackingNumber: sh.TrackingNumber, LastEventAt: sh.LastEventAt, CreatedAt: sh.CreatedAt,
		Events: []api.ShipmentEvent{}}
	if !withEvents {
		return out, nil
	}
	evs, err := s.q.ShipmentEvents(ctx, sh.ID)
	if err != nil {
		return api.Shipment{}, err
	}
	for _, e := range evs {
		ev := api.ShipmentEvent{Id: e.ID, To: api.ShipmentStatus(e.ToStatus), Source: api.ShipmentEventSource(e.Source), Note: e.Note, At: e.OccurredAt}
		if e.FromStatus != nil {
			f := api.ShipmentStatus(*e.FromStatus)
			ev.From = &f
		}
		out.Events = append(out.Events, ev)
	}
	return out, nil
}

// List is the officers' list, with "stuck for more than N days".
func (s *Service) List(ctx context.Context, caller auth.Principal, p api.ListShipmentsParams) (api.ShipmentList, error) {
	before, err := httpx.DecodeIDCursor(p.Cursor)
	if err != nil {
		return api.ShipmentList{}, err
	}
	lim := httpx.Limit(p.Limit)
	params := postaldb.ListShipmentsParams{WardID: caller.WardID, BeforeID: before, Lim: int32(lim)}
	if p.Status != nil {
		st := string(*p.Status)
		params.Status = &st
	}
	if p.StuckDays != nil {
		t := s.clock.Now().AddDate(0, 0, -*p.StuckDays)
		params.StuckBefore = &t
	}
	rows, err := s.q.ListShipments(ctx, params)
	if err != nil {
		return api.ShipmentList{}, err
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	regs, err := s.registrations(ctx, ids...)
	if err != nil {
		return api.ShipmentList{}, err
	}
	out := api.ShipmentList{Items: make([]api.Shipment, 0, len(rows))}
	for _, r := range rows {
		v, _ := s.toAPI(ctx, r, false)
		if j, ok := regs[r.ID]; ok {
			v.CarrierRegistration = registrationAPI(j, true) // a failed registration shows in the officers' list
		}
		out.Items = append(out.Items, v)
	}
	if len(rows) > 0 {
		out.NextCursor = httpx.NextCursor(len(rows), lim, rows[len(rows)-1].ID.String())
	}
	return out, nil
}

// Transition is the office's side: hand the result to the carrier once the dossier has it
// (with no tracking number the parcel is registered with the carrier in the background, see
// handOver), or take back a parcel the post could not deliver.
func (s *Service) Transition(ctx context.Context, caller auth.Principal, id uuid.UUID, in api.ShipmentTransition) (api.Shipment, error) {
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		q := s.q.WithTx(tx)
		sh, err := q.GetShipmentForUpdate(ctx, id)
		if errors.Is(err, pgx.ErrNoRows) || err == nil && !visible(sh, caller) {
			return httpx.ErrNotFound
		}
		if err != nil {
			return err
		}
		to := string(in.To)
		params := postaldb.SetShipmentStatusParams{ID: id, Status: to, OccurredAt: &now, Now: now}
		switch {
		case to == "handed_to_carrier" && sh.Status == "requested":
			d, err := s.dossiers.SummaryInTx(ctx, tx, sh.DossierID)
			if err != nil {
				return err
			}
			if d.Status != "result_ready" {
				return errResultNotReady
			}
			tracking := ""
			if in.TrackingNumber != nil {
				tracking = httpx.CleanText(*in.TrackingNumber)
			}
			if moved, err := s.handOver(ctx, tx, sh, tracking, httpx.CleanOptional(in.Note), caller.UserID, now); err != nil || !moved {
				return err
			}
			params.TrackingNumber = &tracking
		case to == "returned_to_office" && sh.Status == "failed":
		default:
			return errIllegal
		}
		from := sh.Status
		if sh, err = q.SetShipmentStatus(ctx, params); err != nil {
			return err
		}
		if err := s.event(ctx, tx, sh, &from, to, "staff", caller.UserID, httpx.CleanOptional(in.Note), now); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Event{WardID: sh.WardID, ActorID: caller.UserID, Action: "shipment." + to,
			TargetType: "shipment", TargetID: sh.ID, At: now}); err != nil {
			return err
		}
		return s.tell(ctx, tx, sh, to)
	})
	if err != nil {
		return api.Shipment{}, err
	}
	return s.viewAs(ctx, id, caller)
}

// tell pushes the citizen the news of their parcel.
func (s *Service) tell(ctx context.Context, tx pgx.Tx, sh postaldb.Shipment, what string) error {
	if !sh.CitizenID.Valid {
		return nil
	}
	tn := ""
	if sh.TrackingNumber != nil {
		tn = *sh.TrackingNumber
	}
	var title, body httpx.Text
	switch what {
	case "handed_to_carrier":
		title = httpx.Text{VI: "Kết quả hồ sơ " + sh.DossierCode + " đã gửi bưu điện", EN: "Result of " + sh.DossierCode + " handed to the post"}
		body = httpx.Text{VI: "Số hiệu bưu gửi: " + tn + ".", EN: "Tracking number: " + tn + "."}
	case "delivered":
		title = httpx.Text{VI: "Đã phát kết quả hồ sơ " + sh.DossierCode, EN: "Result of " + sh.DossierCode + " delivered"}
		body = httpx.Text{VI: "Bưu điện đã phát thành công bưu gửi " + tn + ".", EN: "The post delivered parcel " + tn + "."}
	case "failed":
		title = httpx.Text{VI: "Chưa phát được kết quả hồ sơ " + sh.DossierCode, EN: "Result of " + sh.DossierCode + " not delivered"}
		body = httpx.Text{VI: "Bưu điện chưa phát được bưu gửi " + tn + ". Bộ phận một cửa sẽ liên hệ với ông/bà.",
			EN: "The post could not deliver parcel " + tn + ". The one-stop office will contact you."}
	default:
		return nil
	}
	_, err := notify.Enqueue(ctx, tx, notify.Message{UserID: sh.CitizenID.UUID, Type: "shipment." + what, Title: title, Body: body,
		Data: map[string]string{"shipment_id": sh.ID.String(), "dossier_id": sh.DossierID.String(), "tracking_number": tn,
			"link": "motcua://shipments/" + sh.ID.String()}}, s.clock.Now)
	return err
}

// Tariff is the ward's tariff (or the default).
func (s *Service) Tariff(ctx context.Context, caller auth.Principal) (api.PostalTariff, error) {
	t, err := s.tariff(ctx, caller.WardID)
	return api.PostalTariff{SameProvinceVnd: t.SameProvinceVnd, OtherProvinceVnd: t.OtherProvinceVnd, CodFeeVnd: t.CodFeeVnd}, err
}

// PutTariff sets the ward's tariff.
func (s *Service) PutTariff(ctx context.Context, caller auth.Principal, in api.PostalTariff) (api.PostalTariff, error) {
	now := s.clock.Now()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := s.q.WithTx(tx).PutTariff(ctx, postaldb.PutTariffParams{WardID: caller.WardID, SameProvinceVnd: in.SameProvinceVnd,
			OtherProvinceVnd: in.OtherProvinceVnd, CodFeeVnd: in.CodFeeVnd, UpdatedBy: uuid.NullUUID{UUID: caller.UserID, Valid: true}, UpdatedAt: now}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Event{WardID: caller.WardID, ActorID: caller.UserID, Action: "postal.tariff",
			TargetType: "ward", TargetID: caller.WardID, Detail: map[string]any{"same": in.SameProvinceVnd, "other": in.OtherProvinceVnd, "cod": in.CodFeeVnd}, At: now})
	})
	if err != nil {
		return api.PostalTariff{}, err
	}
	return in, nil
}
